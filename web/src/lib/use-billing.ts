import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BillingStatus } from '../pages/organisations/org-api.ts';
import { api } from './api.ts';

/** Sends the browser to a page Stripe hosts (Checkout or the Customer Portal). */
const goTo = (url: string) => window.location.assign(url);

/**
 * Billing for the signed-in clinician, or for an organisation they administer: its status, and
 * `redirect`, which asks the API for a Checkout or Portal session and leaves for Stripe. `busy`
 * stays set once the browser is leaving; `error` is the API's refusal, to show on the page.
 */
export function useBilling(organisationId?: string) {
  const status = useQuery({
    queryKey: ['billing', organisationId ?? 'mine'],
    queryFn: ({ signal }) => api.get<BillingStatus>(organisationId ? `/api/billing?organisationId=${organisationId}` : '/api/billing', { signal }),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const redirect = async (path: '/api/billing/checkout' | '/api/billing/portal', body: Record<string, unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      goTo((await api.post<{ url: string }>(path, organisationId ? { ...body, organisationId } : body)).url);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return { status, busy, error, redirect };
}
