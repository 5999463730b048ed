import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZCredentialList } from '../../../../server/domains/credentials/schema.ts';
import { api } from '../../lib/api.ts';

export type CredentialList = z.infer<typeof ZCredentialList>;
export const credentialsKey = ['credentials', 'list'] as const;

/** The clinician's credentials; the server brings them in step with the record on every list. */
export function useCredentials() {
  return useQuery({ queryKey: credentialsKey, queryFn: ({ signal }) => api.get<CredentialList>('/api/me/credentials', { signal }) });
}
