import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useBilling } from '../../lib/use-billing.ts';

/**
 * Upgrading (Stripe Checkout) and managing a personal subscription (the Customer Portal). Where
 * billing is not configured the buttons are not shown and the page says who assigns plans.
 */
export function BillingSection() {
  const { status: billing, busy, error, redirect } = useBilling();
  return (
    <section className="card stack stack-tight" aria-labelledby="billing-heading">
      <h2 id="billing-heading">Upgrade or manage</h2>
      <ErrorSummary error={error} />
      {billing.isPending ? (
        <Loading label="Loading billing…" />
      ) : billing.isError ? (
        <ErrorState level={3} error={billing.error} title="Billing could not be loaded" onRetry={() => void billing.refetch()} />
      ) : !billing.data.configured ? (
        <p>{billing.data.message}</p>
      ) : billing.data.subscription?.managedBy === 'stripe' ? (
        <>
          {billing.data.subscription.notice ? <p role="status">{billing.data.subscription.notice}</p> : <p>You pay for this plan through Stripe.</p>}
          <div className="actions">
            <button type="button" className="btn btn-secondary" aria-busy={busy || undefined} onClick={() => void redirect('/api/billing/portal', {})}>
              Manage your subscription
            </button>
          </div>
        </>
      ) : billing.data.purchasable.some((p) => p.planId === 'pro') ? (
        <>
          <p>Pro gives you more tailored CVs, assistant messages and share links each month. You pay through Stripe and can cancel at any time; what you already made stays.</p>
          <div className="actions">
            <button type="button" className="btn" aria-busy={busy || undefined} onClick={() => void redirect('/api/billing/checkout', { planId: 'pro' })}>
              Upgrade to Pro
            </button>
          </div>
        </>
      ) : (
        <p>Personal plans cannot be bought here. Organisations can buy the team plan from their page.</p>
      )}
    </section>
  );
}
