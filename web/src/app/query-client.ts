import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api.ts';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { authRedirect?: boolean };
    mutationMeta: { authRedirect?: boolean };
  }
}

type Listener = (error: unknown) => void;
const listeners = new Set<Listener>();

/**
 * A 401 from any query or mutation means the session is gone: listeners (UnauthenticatedRedirect,
 * inside the router) send the user to sign in. A query or mutation can opt out with
 * `meta: { authRedirect: false }` (the sign-in form, the `me` query that RequireAuth watches).
 */
export function onUnauthenticated(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(error: unknown, meta: { authRedirect?: boolean } | undefined) {
  if (!isApiError(error) || !error.isUnauthenticated || meta?.authRedirect === false) return;
  for (const listener of listeners) listener(error);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => notify(error, query.meta) }),
    mutationCache: new MutationCache({ onError: (error, _vars, _ctx, mutation) => notify(error, mutation.meta) }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        // A 4xx will say the same thing again; only network trouble and 5xx are worth one retry.
        retry: (failures, error) => failures < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}
