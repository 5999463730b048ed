import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, Loading } from '../components/states.tsx';
import { isApiError } from '../lib/api.ts';
import { signInPath, useMe } from './auth.ts';

/** Renders its children only for a signed-in user (GET /api/me); otherwise sends them to sign in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Loading your account…" />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.isUnauthenticated) return <Navigate to={signInPath(location)} replace />;
    return (
      <main id="main" className="container">
        <ErrorState error={me.error} title="Your account could not be loaded" onRetry={() => void me.refetch()} />
      </main>
    );
  }
  return children;
}
