import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { AuditEvent } from '../../../server/domains/audit/schema.ts';
import { Page } from '../components/Page.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { api, describeError, withQuery } from '../lib/api.ts';
import { describeActor, describeAuditEvent } from '../lib/audit-wording.ts';
import { formatDateTime } from '../lib/privacy-format.ts';
import { useMe } from '../app/auth.ts';
import { VerifyIntegrity } from './activity/VerifyIntegrity.tsx';

interface AuditPage {
  events: AuditEvent[];
  nextBefore: string | null;
}

export const AUDIT_PAGE_SIZE = 25;

/** The audit timeline, newest first, in plain words; older events a page at a time. */
export function ActivityPage() {
  const me = useMe();
  const timeline = useInfiniteQuery({
    queryKey: ['audit', 'timeline'],
    queryFn: ({ pageParam, signal }) => api.get<AuditPage>(withQuery('/api/audit', { limit: AUDIT_PAGE_SIZE, before: pageParam }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const [announcement, setAnnouncement] = useState('');
  const firstNewRef = useRef<HTMLLIElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  const events = timeline.data?.pages.flatMap((p) => p.events) ?? [];
  const nextPageError: unknown = timeline.isFetchNextPageError ? timeline.error : undefined;

  // After "Load more", focus moves to the first of the older events (keyboard users continue there).
  useEffect(() => {
    if (focusIndex !== null && events.length > focusIndex) {
      firstNewRef.current?.focus();
      setFocusIndex(null);
    }
  }, [events.length, focusIndex]);

  const loadMore = async () => {
    if (timeline.isFetchingNextPage) return;
    const before = events.length;
    const result = await timeline.fetchNextPage();
    const after = result.data?.pages.flatMap((p) => p.events).length ?? before;
    if (result.isError) return;
    setAnnouncement(after > before ? `${after - before} older event${after - before === 1 ? '' : 's'} loaded.` : 'No older events.');
    if (after > before) setFocusIndex(before);
  };

  return (
    <Page title="Activity" lead="Everything that happens to your account and record, newest first. The log is tamper-evident: each event is chained to the one before it.">
      <VerifyIntegrity />
      <section className="stack" aria-labelledby="activity-timeline-heading">
        <h2 id="activity-timeline-heading">Timeline</h2>
        {timeline.isPending ? (
          <Loading label="Loading your activity…" />
        ) : timeline.isError ? (
          <ErrorState level={3} error={timeline.error} title="Your activity could not be loaded" onRetry={() => void timeline.refetch()} />
        ) : events.length === 0 ? (
          <EmptyState level={3} title="No activity yet">
            <p>Sign-ins, changes to your record, shares and who viewed them will be listed here.</p>
          </EmptyState>
        ) : (
          <>
            <ol className="timeline" aria-label="Activity, newest first">
              {events.map((event, i) => (
                <li key={event.id} className="timeline-item" ref={i === focusIndex ? firstNewRef : undefined} tabIndex={i === focusIndex ? -1 : undefined}>
                  <TimelineEvent event={event} myId={me.data?.id} />
                </li>
              ))}
            </ol>
            <div className="actions">
              {timeline.hasNextPage ? (
                <button
                  type="button"
                  className="btn btn-secondary"
                  onClick={() => void loadMore()}
                  aria-disabled={timeline.isFetchingNextPage || undefined}
                  aria-busy={timeline.isFetchingNextPage || undefined}
                >
                  {timeline.isFetchingNextPage ? 'Loading older events…' : 'Load more'}
                </button>
              ) : (
                <p className="muted">That is the beginning of your activity.</p>
              )}
            </div>
            {nextPageError ? (
              <p className="notice notice-danger" role="alert">
                Older events could not be loaded. {describeError(nextPageError)}
              </p>
            ) : null}
          </>
        )}
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
      </section>
    </Page>
  );
}

function TimelineEvent({ event, myId }: { event: AuditEvent; myId: string | undefined }) {
  const sentence = describeAuditEvent(event);
  const actor = describeActor(event.actor, myId);
  return (
    <article className="timeline-event">
      <p className="timeline-sentence">{sentence}</p>
      <p className="timeline-meta muted">
        <span>By {actor === 'You' ? 'you' : actor.charAt(0).toLowerCase() + actor.slice(1)}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </p>
      <details className="timeline-details">
        <summary>Technical details</summary>
        <dl className="timeline-dl">
          <dt>Action</dt>
          <dd>
            <code>{event.action}</code>
          </dd>
          <dt>Event number</dt>
          <dd>{event.id}</dd>
          {event.requestId ? (
            <>
              <dt>Request reference</dt>
              <dd>
                <code>{event.requestId}</code>
              </dd>
            </>
          ) : null}
        </dl>
      </details>
    </article>
  );
}
