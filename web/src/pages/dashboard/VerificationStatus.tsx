import { Link } from 'react-router';
import { ErrorState, Loading } from '../../components/states.tsx';
import { EVIDENCE, VERIFICATION_ORDER, VERIFICATION_STATUS, type EvidenceLevel } from '../../lib/record-format.ts';
import { useRecordList, useVerifications } from '../record/record-api.ts';

const LEVELS: EvidenceLevel[] = ['verifier-confirmed', 'document-backed', 'self-declared'];

/** How much of the work history is confirmed: requests by status, and posts by evidence level. */
export function VerificationStatus() {
  const verifications = useVerifications();
  const posts = useRecordList('posts');
  if (verifications.isPending || posts.isPending) return <Loading label="Loading verification status…" />;
  if (verifications.isError || posts.isError)
    return (
      <ErrorState
        level={3}
        error={verifications.error ?? posts.error}
        title="Verification status could not be loaded"
        onRetry={() => {
          if (verifications.isError) void verifications.refetch();
          if (posts.isError) void posts.refetch();
        }}
      />
    );
  const byStatus = VERIFICATION_ORDER.map((s) => ({ status: s, count: verifications.data.filter((v) => v.status === s).length })).filter((s) => s.count > 0);
  const byLevel = LEVELS.map((level) => ({ level, count: posts.data.filter((p) => p.evidence === level).length }));
  return (
    <div className="grid">
      <div className="card stack stack-tight">
        <h3>Requests</h3>
        {byStatus.length ? (
          <ul className="status-counts">
            {byStatus.map(({ status, count }) => (
              <li key={status}>
                <span className={VERIFICATION_STATUS[status].badge}>{VERIFICATION_STATUS[status].label}</span> <strong>{count}</strong>
              </li>
            ))}
          </ul>
        ) : (
          <p>No verification requests yet.</p>
        )}
        <p>
          <Link to="/verifications">Manage verifications</Link>
        </p>
      </div>
      <div className="card stack stack-tight">
        <h3>Evidence behind your posts</h3>
        {posts.data.length ? (
          <ul className="status-counts">
            {byLevel.map(({ level, count }) => (
              <li key={level}>
                <span className={EVIDENCE[level].badge}>{EVIDENCE[level].label}</span> <strong>{count}</strong>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            No posts yet. <Link to="/record#posts">Add your posts</Link>.
          </p>
        )}
      </div>
    </div>
  );
}
