import { useRef, useState } from 'react';
import type { Share } from '../../../../server/domains/shares/schema.ts';
import { ConfirmStep } from '../../components/ConfirmStep.tsx';
import { api, describeError } from '../../lib/api.ts';
import { expiryText, SHARE_STATUS, viewsText } from '../../lib/share-link.ts';

const formatWhen = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(iso));

export interface ShareItemProps {
  share: Share;
  cvTitle: string | undefined;
  onRevoked: (share: Share) => void;
}

/** What a view was, in words: the page, the CV, or which pack item was downloaded. */
function viewLabel(v: Share['views'][number], pack: Share['pack']): string {
  if (v.kind === 'pdf') return 'PDF';
  if (v.kind === 'page') return 'Page';
  const item = pack.find((p) => p.id === v.itemId);
  return `${v.kind === 'document' ? 'Document' : 'Credential'} downloaded${item ? `: ${item.title}` : ''}`;
}

/** One link: who it is for, its status, expiry, views (each one, expandable) and Revoke. */
export function ShareItem({ share, cvTitle, onRevoked }: ShareItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const heading = useRef<HTMLHeadingElement>(null);
  const status = SHARE_STATUS[share.status];
  const who = share.recipientName ? `${share.recipientName} (${share.recipientEmail})` : share.recipientEmail;
  const titleId = `share-${share.id}-title`;
  const revokeId = `share-${share.id}-revoke`;

  const revoke = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.del(`/api/shares/${share.id}`);
      setConfirming(false);
      onRevoked(share);
      // The buttons are gone: focus the link's heading, whose badge now says Revoked.
      heading.current?.focus();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="share-li">
      <article className="card stack stack-tight share-item" aria-labelledby={titleId}>
        <div className="share-head">
          <h3 id={titleId} ref={heading} tabIndex={-1} className="share-title">
            {who}
          </h3>
          <span className={status.badge}>{status.label}</span>
        </div>
        {cvTitle ? <p className="muted">CV: {cvTitle}</p> : null}
        <dl className="share-facts">
          <div>
            <dt>Expiry</dt>
            <dd>{share.status === 'revoked' && share.revokedAt ? `Revoked on ${formatWhen(share.revokedAt)}` : expiryText(share.expiresAt, Date.now())}</dd>
          </div>
          <div>
            <dt>CV opened</dt>
            <dd>{viewsText(share.viewCount, share.maxViews)}</dd>
          </div>
          <div>
            <dt>Passcode</dt>
            <dd>{share.hasPasscode ? 'Yes' : 'No'}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatWhen(share.createdAt)}</dd>
          </div>
        </dl>
        {share.pack.length ? (
          <div>
            <p className="muted">Sent with the CV:</p>
            <ul className="share-pack">
              {share.pack.map((p) => (
                <li key={`${p.type}-${p.id}`}>
                  {p.title}
                  {p.available ? '' : ' (no longer available)'}
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        <details className="share-views">
          <summary>
            Views ({share.views.length})<span className="visually-hidden"> of the link for {who}</span>
          </summary>
          {share.views.length === 0 ? (
            <p className="muted">Nobody has opened this link yet.</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-stack">
                <caption className="visually-hidden">Views of the link for {who}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Opened</th>
                    <th scope="col">IP prefix</th>
                    <th scope="col">Browser</th>
                  </tr>
                </thead>
                <tbody>
                  {[...share.views]
                    .sort((a, b) => b.at.localeCompare(a.at))
                    .map((v, i) => (
                      <tr key={`${v.at}-${i}`}>
                        <td data-label="Time">{formatWhen(v.at)}</td>
                        <td data-label="Opened">{viewLabel(v, share.pack)}</td>
                        <td data-label="IP prefix">{v.ipPrefix ?? 'Unknown'}</td>
                        <td data-label="Browser" className="share-ua">
                          {v.userAgent ?? 'Unknown'}
                        </td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          )}
        </details>

        {error !== undefined ? (
          <p className="notice notice-danger" role="alert">
            {describeError(error)}
          </p>
        ) : null}
        {share.status === 'active' ? (
          confirming ? (
            <ConfirmStep
              className="notice notice-danger stack stack-tight"
              label="Confirm revoke"
              confirmLabel="Yes, revoke"
              busyLabel="Revoking…"
              busy={busy}
              onConfirm={() => void revoke()}
              onCancel={() => setConfirming(false)}
              returnFocusTo={revokeId}
            >
              Revoke the link for {who}? It stops working at once and cannot be turned back on.
            </ConfirmStep>
          ) : (
            <div className="actions">
              <button id={revokeId} type="button" className="btn btn-danger btn-small" onClick={() => setConfirming(true)}>
                Revoke
              </button>
            </div>
          )
        ) : null}
      </article>
    </li>
  );
}
