import { useQuery } from '@tanstack/react-query';
import type { MyPlan, Plan } from '../../../server/domains/plans/schema.ts';
import { Page } from '../components/Page.tsx';
import { ErrorState, Loading } from '../components/states.tsx';
import { api } from '../lib/api.ts';
import { formatDate } from '../lib/privacy-format.ts';
import { UsageMeter } from './plan/UsageMeter.tsx';
import { PlanComparison } from './plan/PlanComparison.tsx';
import { BillingSection } from './plan/BillingSection.tsx';

/** Plan & usage: the plan you are on, this month's use against its limits, and the plans on offer. Quota errors link here. */
export function PlanPage() {
  const mine = useQuery({ queryKey: ['plan', 'mine'], queryFn: ({ signal }) => api.get<MyPlan>('/api/me/plan', { signal }) });
  const catalogue = useQuery({ queryKey: ['plans'], queryFn: ({ signal }) => api.get<{ plans: Plan[] }>('/api/plans', { signal }), staleTime: 5 * 60_000 });

  return (
    <Page title="Plan & usage" lead="What your plan includes, how much of it you have used this month, and when it resets.">
      {mine.isPending ? (
        <Loading label="Loading your plan…" />
      ) : mine.isError ? (
        <ErrorState error={mine.error} title="Your plan could not be loaded" onRetry={() => void mine.refetch()} />
      ) : (
        <CurrentPlan plan={mine.data} />
      )}
      <BillingSection />
      <section className="stack" aria-labelledby="plans-heading">
        <h2 id="plans-heading">Plans compared</h2>
        {catalogue.isPending ? (
          <Loading label="Loading the plans…" />
        ) : catalogue.isError ? (
          <ErrorState level={3} error={catalogue.error} title="The plans could not be loaded" onRetry={() => void catalogue.refetch()} />
        ) : (
          <PlanComparison plans={catalogue.data.plans} currentPlanId={mine.data?.plan.id} />
        )}
      </section>
    </Page>
  );
}

function CurrentPlan({ plan: mine }: { plan: MyPlan }) {
  const { plan, usage } = mine;
  return (
    <>
      <section className="card stack stack-tight" aria-labelledby="current-plan-heading">
        <h2 id="current-plan-heading">
          Your plan: <span className="plan-name">{plan.name}</span>
        </h2>
        {mine.source === 'organisation' ? (
          <p>
            <span className="badge badge-info">Through your organisation</span>{' '}
            {mine.organisation ? (
              <>
                <strong>{mine.organisation.name}</strong> provides this plan. Ask them if you need more.
              </>
            ) : (
              'Your organisation provides this plan. Ask them if you need more.'
            )}
          </p>
        ) : (
          <p>
            <span className="badge">Personal plan</span> This plan is yours, not provided by an organisation.
          </p>
        )}
        <p>
          Monthly limits reset on <strong>{formatDate(mine.resetsAt)}</strong>. This period began on {formatDate(mine.periodStart)}.
        </p>
      </section>
      <section className="stack" aria-labelledby="usage-heading">
        <h2 id="usage-heading">Usage this month</h2>
        <ul className="usage-list">
          <li>
            <UsageMeter id="usage-assistant" label="Assistant messages" used={usage.assistantMessages} limit={plan.limits.assistantMessages} unit="message" />
          </li>
          <li>
            <UsageMeter id="usage-cvs" label="Tailored CVs" used={usage.cvGenerations} limit={plan.limits.cvGenerations} unit="CV" />
          </li>
          <li>
            <UsageMeter id="usage-tokens" label="AI tokens" used={usage.llmTokens} limit={plan.limits.llmTokens} unit="token" hint="The amount of text the AI reads and writes for you." />
          </li>
        </ul>
        <ul className="plan-facts">
          <li>
            Up to <strong>{plan.limits.activeShareLinks.toLocaleString('en-GB')}</strong> share link{plan.limits.activeShareLinks === 1 ? '' : 's'} active at once.
          </li>
          <li>
            Assistant conversations are kept for <strong>{plan.limits.conversationRetentionDays} days</strong>.
          </li>
        </ul>
        <p className="muted">Usage counts work still in progress as well as finished work.</p>
      </section>
    </>
  );
}
