import { useMutation, useQuery, useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Me } from '../../../server/domains/accounts/schema.ts';
import { api } from '../lib/api.ts';
import { sameOriginPath } from '../lib/safe-url.ts';

export const meQueryKey = ['me'] as const;

/** Pages anyone may open; a 401 there is an answer to show, not a reason to redirect. */
export const PUBLIC_PATHS = ['/sign-in', '/sign-up', '/verify-email', '/forgot-password', '/reset-password', '/unlock-sign-in', '/cancel-erasure', '/check', '/invitations'] as const;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** `/sign-in?next=<where you were>` (public pages are not remembered as "next"). */
export function signInPath(current?: { pathname: string; search?: string; hash?: string }): string {
  if (!current || isPublicPath(current.pathname) || current.pathname === '/') return '/sign-in';
  return `/sign-in?next=${encodeURIComponent(current.pathname + (current.search ?? '') + (current.hash ?? ''))}`;
}

/** Only same-app paths are followed after sign-in (no `//evil.example`, `/\tevil`, `https:` or `javascript:`). */
export function safeNext(next: string | null | undefined): string {
  const path = sameOriginPath(next);
  if (!path) return '/';
  return isPublicPath(path.split(/[?#]/)[0] ?? path) ? '/' : path;
}

/** The signed-in user. 401 is an error with isUnauthenticated; RequireAuth handles it. */
export function useMe() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }) => {
      const user = await api.get<Me>('/api/me', { signal });
      // Someone else signed in with this browser (another tab): nothing cached for the last person may show.
      const previous = queryClient.getQueryData<Me>(meQueryKey);
      if (previous && previous.id !== user.id) forgetEverythingBut(queryClient, meQueryKey);
      return user;
    },
    staleTime: 60_000,
    meta: { authRedirect: false },
  });
}

/**
 * Forgets every cached query but `keep`, and every mutation result. Queries on screen are reset
 * (their screens show "Loading…" and fetch again, as the new user); the rest are dropped.
 */
function forgetEverythingBut(queryClient: QueryClient, keep: readonly unknown[]) {
  const others = (q: Query) => q.queryKey[0] !== keep[0];
  queryClient.removeQueries({ predicate: others, type: 'inactive' });
  void queryClient.resetQueries({ predicate: others, type: 'active' });
  queryClient.getMutationCache().clear();
}

/** After sign-in or sign-up: remember who this is, and forget anything cached for someone else. */
export function setSignedIn(queryClient: QueryClient, user: Me) {
  forgetEverythingBut(queryClient, meQueryKey);
  queryClient.setQueryData(meQueryKey, user);
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    meta: { authRedirect: false },
    onSettled: () => {
      // Signed out or already gone: either way nothing cached may outlive the session.
      queryClient.clear();
      void navigate('/sign-in', { replace: true, state: { signedOut: true } });
    },
  });
}
