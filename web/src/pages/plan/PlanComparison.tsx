import type { Plan } from '../../../../server/domains/plans/schema.ts';
import { EmptyState } from '../../components/states.tsx';
import { formatNumber } from '../../lib/privacy-format.ts';
import { priceWords } from '../../../../server/platform/words/price-words.ts';

type LimitKey = keyof Plan['limits'];

const ROWS: Array<{ key: LimitKey; label: string; format: (n: number) => string }> = [
  { key: 'assistantMessages', label: 'Assistant messages a month', format: (n) => (n === 0 ? 'Not included' : formatNumber(n)) },
  { key: 'cvGenerations', label: 'Tailored CVs a month', format: (n) => (n === 0 ? 'Not included' : formatNumber(n)) },
  { key: 'llmTokens', label: 'AI tokens a month', format: (n) => (n === 0 ? 'Not included' : formatNumber(n)) },
  { key: 'activeShareLinks', label: 'Share links active at once', format: (n) => (n === 0 ? 'Not included' : formatNumber(n)) },
  { key: 'conversationRetentionDays', label: 'Conversations kept for', format: (n) => `${formatNumber(n)} days` },
];

/** The catalogue side by side: one column per plan, yours marked. Scrolls sideways on a phone. */
export function PlanComparison({ plans, currentPlanId }: { plans: Plan[]; currentPlanId: string | undefined }) {
  if (plans.length === 0) {
    return (
      <EmptyState level={3} title="No plans are on offer right now">
        <p>Your current plan stays as it is.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="plans-table-caption">
        <table className="table plan-table">
          <caption id="plans-table-caption">What each plan includes</caption>
          <thead>
            <tr>
              <td />
              {plans.map((p) => (
                <th key={p.id} scope="col" className={p.id === currentPlanId ? 'plan-current' : undefined}>
                  {p.name}
                  {p.id === currentPlanId ? (
                    <>
                      {' '}
                      <span className="badge badge-ok">Your plan</span>
                    </>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Price</th>
              {plans.map((p) => (
                <td key={p.id} className={p.id === currentPlanId ? 'num plan-current' : 'num'}>
                  {priceWords(p.price)}
                </td>
              ))}
            </tr>
            {ROWS.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {plans.map((p) => (
                  <td key={p.id} className={p.id === currentPlanId ? 'num plan-current' : 'num'}>
                    {row.format(p.limits[row.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
