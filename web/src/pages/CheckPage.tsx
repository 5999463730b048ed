import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { SubmitButton, TextField, describedBy } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { describeError } from '../lib/api.ts';
import { checkCvCode, checkCvFile, type CvCheckResult } from '../lib/cv-check.ts';
import { MARK_BADGE, formatDate } from '../lib/record-format.ts';
import { evidenceLegend } from '../../../server/domains/record/evidence-words.ts';

const MAX_BYTES = 10 * 1024 * 1024;

type Outcome = { kind: 'result'; via: 'file' | 'code'; result: CvCheckResult } | { kind: 'error'; message: string };

/**
 * Public: anyone (a recruiter, a trust's compliance team) checks that a CV from Medfolio is
 * genuine and unchanged, by uploading the PDF or typing the code printed on it. The QR code on
 * the PDF opens this page with the code filled in and checked. Works on a phone.
 */
export function CheckPage() {
  const [params] = useSearchParams();
  const initialCode = params.get('code') ?? '';
  const [code, setCode] = useState(initialCode);
  const [file, setFile] = useState<File | undefined>();
  const [fileError, setFileError] = useState<string | undefined>();
  const [codeError, setCodeError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'file' | 'code' | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const resultRef = useRef<HTMLHeadingElement>(null);

  const run = async (via: 'file' | 'code', check: () => Promise<CvCheckResult>) => {
    setBusy(via);
    try {
      setOutcome({ kind: 'result', via, result: await check() });
    } catch (err) {
      setOutcome({ kind: 'error', message: describeError(err) });
    } finally {
      setBusy(undefined);
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  };

  // The QR code's link carries the code: check it straight away.
  const autoRan = useRef(false);
  useEffect(() => {
    if (autoRan.current || !initialCode.trim()) return;
    autoRan.current = true;
    void run('code', () => checkCvCode(initialCode));
  }, [initialCode]);

  const submitFile = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setFileError('Choose the PDF to check');
    if (file.size > MAX_BYTES) return setFileError('The file is larger than 10 MB: a CV from Medfolio is much smaller');
    setFileError(undefined);
    void run('file', () => checkCvFile(file));
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return setCodeError('Enter the check code printed at the end of the CV');
    setCodeError(undefined);
    void run('code', () => checkCvCode(code));
  };

  return (
    <Page title="Check a CV" lead="Check that a CV made with Medfolio is genuine and unchanged: upload the PDF, or type the check code printed at its end.">
      {outcome ? (
        <section className="stack check-result" aria-labelledby="check-result-title">
          {outcome.kind === 'error' ? (
            <div className="notice notice-danger">
              <h2 id="check-result-title" ref={resultRef} tabIndex={-1}>
                The check could not be done
              </h2>
              <p>{outcome.message}</p>
            </div>
          ) : (
            <CheckResult outcome={outcome} headingRef={resultRef} />
          )}
        </section>
      ) : null}

      <form className="card stack" onSubmit={submitFile} noValidate aria-labelledby="check-file-title">
        <h2 id="check-file-title">Upload the PDF</h2>
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor="check-file" className="field-label">
            CV (PDF)
          </label>
          <p id="check-file-hint" className="field-hint">
            The file as you received it. Every byte is compared with what Medfolio signed when it made the CV.
          </p>
          {fileError ? (
            <p id="check-file-error" className="field-error">
              <span className="visually-hidden">Error:</span> {fileError}
            </p>
          ) : null}
          <input
            id="check-file"
            name="file"
            type="file"
            accept="application/pdf,.pdf"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={describedBy('check-file', true, fileError)}
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setFileError(undefined);
            }}
          />
        </div>
        <div className="actions">
          <SubmitButton busy={busy === 'file'} busyLabel="Checking…">
            Check the PDF
          </SubmitButton>
        </div>
      </form>

      <form className="card stack" onSubmit={submitCode} noValidate aria-labelledby="check-code-title">
        <h2 id="check-code-title">Or type the check code</h2>
        <TextField
          id="check-code"
          label="Check code"
          hint="Printed at the end of the CV, for example ABCDEFG-HJKMNPQ-RSTVWXY. Capitals, spaces and dashes do not matter."
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="input-code input-check-code"
          value={code}
          error={codeError}
          onChange={(v) => {
            setCode(v);
            setCodeError(undefined);
          }}
        />
        <div className="actions">
          <SubmitButton busy={busy === 'code'} busyLabel="Checking…">
            Check the code
          </SubmitButton>
        </div>
      </form>
      <p className="muted">
        A check shows only what the CV itself shows. Organisations can check in bulk with the API (<code>POST /api/check-cv</code>) or <code>npx medfolio check-cv</code>.
      </p>
    </Page>
  );
}

function headline(outcome: Extract<Outcome, { kind: 'result' }>): { tone: 'ok' | 'warn' | 'danger'; title: string; text: string } {
  const r = outcome.result;
  const who = r.holder?.name ?? 'the clinician';
  const issued = r.issuedAt ? ` on ${formatDate(r.issuedAt)}` : '';
  if (!r.authentic) return { tone: 'danger', title: 'Not genuine', text: r.reason ?? 'This is not a CV as Medfolio issued it.' };
  if (r.withdrawn) {
    return {
      tone: 'warn',
      title: 'Genuine, but withdrawn',
      text: `Medfolio issued this CV to ${who}${issued}, but ${who} withdrew it${r.withdrawnAt ? ` on ${formatDate(r.withdrawnAt)}` : ''}: they no longer stand behind it.`,
    };
  }
  if (outcome.via === 'code') {
    return { tone: 'ok', title: 'This code is genuine', text: `It belongs to a CV Medfolio issued to ${who}${issued}. Compare it with the CV you hold, or upload the PDF to check every byte.` };
  }
  return {
    tone: 'ok',
    title: 'Genuine and unchanged',
    text:
      r.copy === 'shared-copy'
        ? `This is the copy of ${who}'s CV (issued${issued}) that a Medfolio share link stamped with its recipient, unchanged since.`
        : `This is the CV Medfolio issued to ${who}${issued}, unchanged since.`,
  };
}

function CheckResult({ outcome, headingRef }: { outcome: Extract<Outcome, { kind: 'result' }>; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const r = outcome.result;
  const h = headline(outcome);
  const sections = [...new Set(r.items.map((i) => i.section))];
  return (
    <>
      <div className={`notice notice-${h.tone}`}>
        <h2 id="check-result-title" ref={headingRef} tabIndex={-1}>
          {h.title}
        </h2>
        <p>{h.text}</p>
        {r.code ? <p className="muted">Check code {r.code}</p> : null}
      </div>
      {r.items.length ? (
        <section className="card stack stack-tight" aria-labelledby="check-items-title">
          <h3 id="check-items-title">{r.authentic ? 'What the CV says, and the evidence behind it' : 'What the CV issued with this code says'}</h3>
          {sections.map((section) => (
            <div key={section}>
              <p>
                <strong>{section}</strong>
              </p>
              <ul className="cv-evidence-list">
                {r.items
                  .filter((i) => i.section === section)
                  .map((item, i) => (
                    <li key={i} className="evidence-line">
                      <span>{item.title}</span> {item.evidence.text ? <span className={MARK_BADGE[item.evidence.level]}>{item.evidence.text}</span> : null}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
          <p className="muted">What the marks mean:</p>
          <ul className="muted">
            {evidenceLegend(r.items.map((i) => i.evidence.level)).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {r.signature ? (
            <details>
              <summary>The signed record (for your own systems)</summary>
              <p className="muted">
                A JWS signed with Ed25519; verify it against <a href="/.well-known/jwks.json">Medfolio&rsquo;s published keys</a>.
              </p>
              <textarea className="input check-signature" readOnly rows={4} value={r.signature} aria-label="Signed record" />
            </details>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
