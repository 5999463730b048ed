import { useEffect, useRef, useState } from 'react';
import { downloadFile } from '../../lib/download.ts';

/**
 * Recovery codes, shown once: copy or download them, then say they are stored. Takes focus
 * when it appears so a screen-reader user hears the codes at once.
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<'' | 'ok' | 'failed'>('');
  useEffect(() => headingRef.current?.focus(), []);
  const text = `Medfolio recovery codes\nEach code works once, instead of a code from your authenticator app.\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  const download = () => downloadFile(text, 'medfolio-recovery-codes.txt', 'text/plain', 1000);

  return (
    <div className="recovery-codes notice notice-warn stack stack-tight" role="region" aria-labelledby="recovery-codes-heading">
      <h3 id="recovery-codes-heading" ref={headingRef} tabIndex={-1}>
        Your recovery codes
      </h3>
      <p>
        <strong>These are shown only once.</strong> Store them somewhere safe, such as a password manager. Each code signs you in once if you lose your phone.
      </p>
      <ol className="code-list" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="btn btn-secondary btn-small" onClick={() => void copy()}>
          Copy codes
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={download}>
          Download as a text file
        </button>
        <button type="button" className="btn btn-small" onClick={onDone}>
          I have stored them
        </button>
      </div>
      <p role="status" aria-live="polite" className="muted">
        {copied === 'ok' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Copying is not allowed here: select the codes and copy them, or download them.' : ''}
      </p>
    </div>
  );
}
