import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Me } from '../../../server/domains/accounts/schema.ts';
import { api } from '../lib/api.ts';

export const meQueryKey = ['me'] as const;

/** Pages anyone may open; a 401 there is an answer to show, not a reason to redirect. */
export const PUBLIC_PATHS = ['/sign-in', '/sign-up', '/verify-email', '/forgot-password', '/reset-password', '/cancel-erasure'] as const;

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** `/sign-in?next=<where you were>` (public pages are not remembered as "next"). */
export function signInPath(current?: { pathname: string; search?: string; hash?: string }): string {
  if (!current || isPublicPath(current.pathname) || current.pathname === '/') return '/sign-in';
  return `/sign-in?next=${encodeURIComponent(current.pathname + (current.search ?? '') + (current.hash ?? ''))}`;
}

/** Only same-app paths are followed after sign-in (no `//evil.example`, no `https:`). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return isPublicPath(next.split(/[?#]/)[0] ?? next) ? '/' : next;
}

/** The signed-in user. 401 is an error with isUnauthenticated; RequireAuth handles it. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => api.get<Me>('/api/me', { signal }),
    staleTime: 60_000,
    meta: { authRedirect: false },
  });
}

/** After sign-in or sign-up: remember who this is, and forget anything cached for someone else. */
export function setSignedIn(queryClient: QueryClient, user: Me) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
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
