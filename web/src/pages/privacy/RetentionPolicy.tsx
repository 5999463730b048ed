import type { RetentionPolicy as Policy } from '../../../../server/domains/privacy/schema.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { formatDays } from '../../lib/privacy-format.ts';
import { useRetentionPolicy } from './queries.ts';

function KeptFor({ keptFor }: { keptFor: Policy['rules'][number]['keptFor'] }) {
  if ('days' in keptFor) return <>{formatDays(keptFor.days)}</>;
  if (keptFor.perPlan.length === 0) return <>Depends on your plan</>;
  return (
    <ul className="plain-list">
      {keptFor.perPlan.map((p) => (
        <li key={p.planId}>
          {p.planName}: {formatDays(p.days)}
        </li>
      ))}
    </ul>
  );
}

/** How long each kind of data is kept (GET /api/privacy/policy): the rules the daily clean-up applies. */
export function RetentionPolicy() {
  const policy = useRetentionPolicy();
  return (
    <section className="stack" aria-labelledby="retention-heading">
      <h2 id="retention-heading">How long we keep things</h2>
      <p>Your record stays for as long as you have an account. Some data is deleted automatically after a set time:</p>
      {policy.isPending ? (
        <Loading label="Loading the retention policy…" />
      ) : policy.isError ? (
        <ErrorState level={3} error={policy.error} title="The retention policy could not be loaded" onRetry={() => void policy.refetch()} />
      ) : (
        <table className="table table-stack">
          <caption className="visually-hidden">Retention periods</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Kept for</th>
              <th scope="col">Counted from</th>
            </tr>
          </thead>
          <tbody>
            {policy.data.rules.map((rule) => (
              <tr key={rule.id}>
                <td data-label="What">{rule.data}</td>
                <td data-label="Kept for">
                  <KeptFor keptFor={rule.keptFor} />
                </td>
                <td data-label="Counted from">{rule.after.charAt(0).toUpperCase() + rule.after.slice(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
