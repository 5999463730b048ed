import { useQuery } from '@tanstack/react-query';
import type { DataExport, PrivacyRequest, RetentionPolicy } from '../../../../server/domains/privacy/schema.ts';
import { api } from '../../lib/api.ts';

/** Query keys of the privacy centre (none start with 'me', so signing in as someone else drops them). */
export const privacyKeys = {
  policy: ['privacy', 'policy'] as const,
  requests: ['privacy', 'requests'] as const,
  exports: ['privacy', 'exports'] as const,
};

export const isExportInProgress = (e: Pick<DataExport, 'status'>) => e.status === 'queued' || e.status === 'building';

/** The public retention policy; it changes rarely. */
export function useRetentionPolicy() {
  return useQuery({
    queryKey: privacyKeys.policy,
    queryFn: ({ signal }) => api.get<RetentionPolicy>('/api/privacy/policy', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function usePrivacyRequests() {
  return useQuery({
    queryKey: privacyKeys.requests,
    queryFn: ({ signal }) => api.get<{ requests: PrivacyRequest[] }>('/api/me/privacy-requests', { signal }),
  });
}

/** Your exports, newest first; polled while one is queued or being built. */
export function useExports(pollIntervalMs: number) {
  return useQuery({
    queryKey: privacyKeys.exports,
    queryFn: ({ signal }) => api.get<{ exports: DataExport[] }>('/api/me/exports', { signal }),
    refetchInterval: (query) => (query.state.data?.exports.some(isExportInProgress) ? pollIntervalMs : false),
  });
}

/** The grace period before an erasure, from the policy's 'erased-accounts' rule. */
export function graceDaysOf(policy: RetentionPolicy | undefined): number | undefined {
  const rule = policy?.rules.find((r) => r.id === 'erased-accounts');
  return rule && 'days' in rule.keptFor ? rule.keptFor.days : undefined;
}
