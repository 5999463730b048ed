import { useMutation } from '@tanstack/react-query';
import type { AuditVerification } from '../../../../server/domains/audit/schema.ts';
import { api, describeError } from '../../lib/api.ts';

/** "Verify integrity": the server recomputes the hash chain of your events and says whether it holds. */
export function VerifyIntegrity() {
  const verify = useMutation({ mutationFn: () => api.get<AuditVerification>('/api/audit/verify') });
  return (
    <section className="card stack stack-tight" aria-labelledby="verify-integrity-heading">
      <h2 id="verify-integrity-heading">Check the log has not been changed</h2>
      <p>Every event carries a fingerprint of the one before it. Checking recomputes the whole chain, so any edit or deletion would show.</p>
      <div className="actions">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => !verify.isPending && verify.mutate()}
          aria-disabled={verify.isPending || undefined}
          aria-busy={verify.isPending || undefined}
        >
          {verify.isPending ? 'Checking…' : 'Verify integrity'}
        </button>
      </div>
      <div aria-live="polite" role="status">
        {verify.isSuccess ? (
          verify.data.ok ? (
            <p className="notice notice-ok">
              <strong>Intact.</strong> All {verify.data.events.toLocaleString('en-GB')} event{verify.data.events === 1 ? '' : 's'} check out: your log has not been changed.
            </p>
          ) : (
            <p className="notice notice-danger">
              <strong>The log does not verify.</strong>{' '}
              {verify.data.firstBroken ? `The first broken link is at event ${verify.data.firstBroken.seq} (${verify.data.firstBroken.reason}).` : 'A link in the chain does not match.'} Please contact
              us, quoting this message.
            </p>
          )
        ) : null}
        {verify.isError ? <p className="notice notice-danger">The check could not run. {describeError(verify.error)}</p> : null}
      </div>
    </section>
  );
}
