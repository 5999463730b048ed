import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorState, Loading } from '../../components/states.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { SubmitButton, TextField } from '../../components/fields.tsx';
import { api } from '../../lib/api.ts';
import { useBilling } from '../../lib/use-billing.ts';
import type { OrganisationUsage } from './org-api.ts';

/** The organisation's plan and seats, this month's use per member in totals, and buying or managing the team plan. */
export function TeamPlanSection({ organisationId }: { organisationId: string }) {
  const { status: billing, busy, error, redirect } = useBilling(organisationId);
  const usage = useQuery({ queryKey: ['organisations', organisationId, 'usage'], queryFn: ({ signal }) => api.get<OrganisationUsage>(`/api/organisations/${organisationId}/usage`, { signal }) });
  const [seats, setSeats] = useState('5');
  const buy = (e: FormEvent) => {
    e.preventDefault();
    void redirect('/api/billing/checkout', { planId: 'team', seats: Number(seats) });
  };

  return (
    <section className="card stack" aria-labelledby="team-plan-heading">
      <h2 id="team-plan-heading">Team plan and seats</h2>
      {usage.isPending ? (
        <Loading label="Loading use…" />
      ) : usage.isError ? (
        <ErrorState level={3} error={usage.error} title="Use could not be loaded" />
      ) : (
        <>
          <p>
            {usage.data.plan ? `Plan: ${usage.data.plan.name}. ` : 'No organisation plan: members use their own. '}
            Seats: {usage.data.seats.used} used{usage.data.seats.total ? ` of ${usage.data.seats.total}` : ''}.
          </p>
          <h3>Use this month, per member (totals only)</h3>
          <ul>
            {usage.data.members.map((m) => (
              <li key={m.memberId}>
                {m.name}: {m.usage.cvGenerations} tailored CVs, {m.usage.assistantMessages} assistant messages
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorSummary error={error} />
      {billing.isPending ? (
        <Loading label="Loading billing…" />
      ) : billing.isError ? (
        <ErrorState level={3} error={billing.error} title="Billing could not be loaded" />
      ) : !billing.data.configured ? (
        <p>{billing.data.message}</p>
      ) : billing.data.subscription?.managedBy === 'stripe' ? (
        <div className="stack stack-tight">
          {billing.data.subscription.notice ? <p role="status">{billing.data.subscription.notice}</p> : null}
          <div className="actions">
            <button type="button" className="btn btn-secondary" aria-busy={busy || undefined} onClick={() => void redirect('/api/billing/portal', {})}>
              Manage seats and billing
            </button>
          </div>
        </div>
      ) : billing.data.purchasable.some((p) => p.planId === 'team') ? (
        <form className="stack" onSubmit={buy} noValidate>
          <TextField id="team-seats" label="Seats" hint="One per member. You can change it later." type="number" inputMode="numeric" min={1} max={1000} value={seats} onChange={setSeats} />
          <div className="actions">
            <SubmitButton busy={busy} busyLabel="Opening checkout…">
              Buy the team plan
            </SubmitButton>
          </div>
        </form>
      ) : (
        <p>The team plan cannot be bought here: ask Medfolio.</p>
      )}
    </section>
  );
}
