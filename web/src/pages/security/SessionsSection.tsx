import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZSession } from '../../../../server/domains/accounts/schema.ts';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { api, describeError } from '../../lib/api.ts';
import { formatDateTime, formatRelative } from '../../lib/privacy-format.ts';

type Session = z.infer<typeof ZSession>;
export const sessionsQueryKey = ['security', 'sessions'] as const;

/** "Firefox on Windows" from a user-agent string; the raw string when nothing matches. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const ua = userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge' : /OPR\//.test(ua) ? 'Opera' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : undefined;
  const os = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : undefined;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? (ua.length > 60 ? `${ua.slice(0, 57)}…` : ua);
}

/** Where you are signed in; sign out any session but this one (that is the Sign out button). */
export function SessionsSection() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsQueryKey, queryFn: ({ signal }) => api.get<{ sessions: Session[] }>('/api/me/sessions', { signal }) });
  const [announcement, setAnnouncement] = useState('');
  const revoke = useMutation({
    mutationFn: (s: Session) => api.del(`/api/me/sessions/${s.id}`),
    onSuccess: (_void, s) => {
      queryClient.setQueryData<{ sessions: Session[] }>(sessionsQueryKey, (old) => (old ? { sessions: old.sessions.filter((x) => x.id !== s.id) } : old));
      setAnnouncement(`Signed out ${describeDevice(s.userAgent)}.`);
      void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    },
  });

  return (
    <section className="card stack" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      {sessions.isPending ? (
        <Loading label="Loading your sessions…" />
      ) : sessions.isError ? (
        <ErrorState level={3} error={sessions.error} title="Your sessions could not be loaded" onRetry={() => void sessions.refetch()} />
      ) : sessions.data.sessions.length === 0 ? (
        <EmptyState level={3} title="No active sessions" />
      ) : (
        <ul className="session-list">
          {[...sessions.data.sessions]
            .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt))
            .map((s) => {
              const device = describeDevice(s.userAgent);
              return (
                <li key={s.id} className="session">
                  <div className="session-info">
                    <p className="session-device">
                      <strong>{device}</strong> {s.current ? <span className="badge badge-ok">This device</span> : null}
                    </p>
                    <p className="muted">
                      {s.current ? (
                        'Active now'
                      ) : (
                        <>
                          Last active{' '}
                          <time dateTime={s.lastSeenAt} title={formatDateTime(s.lastSeenAt)}>
                            {formatRelative(s.lastSeenAt)}
                          </time>
                        </>
                      )}
                      {' · '}Signed in <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
                      {s.ipPrefix ? <> · Network {s.ipPrefix}</> : null}
                    </p>
                  </div>
                  {s.current ? null : (
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      aria-label={`Sign out ${device}, last active ${formatRelative(s.lastSeenAt)}`}
                      aria-disabled={revoke.isPending || undefined}
                      onClick={() => !revoke.isPending && revoke.mutate(s)}
                    >
                      {revoke.isPending && revoke.variables?.id === s.id ? 'Signing out…' : 'Sign out'}
                    </button>
                  )}
                </li>
              );
            })}
        </ul>
      )}
      <p className="muted">Don’t recognise a session? Sign it out, then change your password below.</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {revoke.isError ? (
        <p className="notice notice-danger" role="alert">
          {describeError(revoke.error)}
        </p>
      ) : null}
    </section>
  );
}
