import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { isPublicPath, meQueryKey, signInPath } from './auth.ts';
import { onUnauthenticated } from './query-client.ts';

/** The global 401 handler: any query or mutation that finds the session gone sends the user to sign in. */
export function UnauthenticatedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const locationRef = useRef(location);
  locationRef.current = location;
  useEffect(
    () =>
      onUnauthenticated(() => {
        const current = locationRef.current;
        if (isPublicPath(current.pathname)) return;
        queryClient.removeQueries({ queryKey: meQueryKey });
        void navigate(signInPath(current), { replace: true });
      }),
    [navigate, queryClient],
  );
  return null;
}
