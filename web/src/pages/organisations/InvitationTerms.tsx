import type { InvitationView } from './org-api.ts';

/** What the organisation will and will not see, as the invitation states it (server words). */
export function InvitationTerms({ invitation }: { invitation: InvitationView }) {
  const [intro, ...rest] = invitation.terms;
  const bullets = rest.filter((line) => line.startsWith('• ')).map((line) => line.slice(2));
  const after = rest.filter((line) => !line.startsWith('• '));
  return (
    <section className="card stack stack-tight" aria-labelledby="terms-heading">
      <h2 id="terms-heading">What {invitation.organisation.name} would see</h2>
      <p>{intro}</p>
      {bullets.length ? (
        <ul>
          {bullets.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      ) : null}
      {after.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p className="muted">
        Sent to {invitation.email}
        {invitation.role === 'admin' ? ', to join as an admin' : ''}. The link works once, until{' '}
        {new Date(invitation.expiresAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}.
      </p>
    </section>
  );
}
