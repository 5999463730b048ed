import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Timecard } from '../../../server/domains/timecards/schema.ts';
import { Page } from '../components/Page.tsx';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { formatHours, formatTimeOfDay } from '../lib/timecard-time.ts';

const formatDay = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
import { ClockInForm } from './timecards/ClockInForm.tsx';
import { OpenShift } from './timecards/OpenShift.tsx';
import { ShiftItem } from './timecards/ShiftItem.tsx';
import { timecardKeys, useRollup, useTimecardLiveUpdates, useTimecards, type TimecardList } from './timecards/use-timecards.ts';

/**
 * Time card: clock in and out with a live timer, breaks, the history of shifts (hours, breaks,
 * status, working-time warnings; notes, delete, submit to a supervisor) and the roll-up of
 * approved hours. Other tabs and supervisors' decisions arrive over the socket.
 */
export function TimecardsPage() {
  const queryClient = useQueryClient();
  const list = useTimecards();
  const { state: socketState } = useTimecardLiveUpdates();
  const [announcement, setAnnouncement] = useState('');
  const currentHeading = useRef<HTMLHeadingElement>(null);
  const historyHeading = useRef<HTMLHeadingElement>(null);

  const cards = list.data?.timecards ?? [];
  const open = cards.find((c) => c.status === 'open' && c.clockOut === null);
  const history = cards.filter((c) => c !== open);

  const announce = (text: string) => {
    if (!text) return;
    // Clearing first makes a repeated message ("Notes saved.") be announced again.
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(text));
  };
  const putCard = (card: Timecard) => {
    queryClient.setQueryData<TimecardList>(timecardKeys.list, (prev) => {
      if (!prev) return { timecards: [card] };
      const exists = prev.timecards.some((c) => c.id === card.id);
      return { timecards: exists ? prev.timecards.map((c) => (c.id === card.id ? card : c)) : [card, ...prev.timecards] };
    });
    void queryClient.invalidateQueries({ queryKey: timecardKeys.all });
  };
  const refresh = () => void queryClient.invalidateQueries({ queryKey: timecardKeys.all });

  return (
    <Page title="Time card" lead="Clock in and out of your shifts, record breaks, and send finished shifts to your supervisor to approve.">
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {socketState === 'disconnected' ? (
        <p className="notice notice-warn" role="status">
          Live updates are paused while we reconnect. Changes made in other tabs will appear when the connection is back.
        </p>
      ) : null}

      <section className="stack" aria-labelledby="tc-current">
        <h2 id="tc-current" ref={currentHeading} tabIndex={-1}>
          {open ? 'On shift now' : 'Start a shift'}
        </h2>
        {list.isPending ? (
          <Loading label="Loading your shifts…" />
        ) : list.isError ? null : open ? (
          <OpenShift
            card={open}
            onChanged={(card, text) => {
              putCard(card);
              announce(text);
              if (card.clockOut) requestAnimationFrame(() => currentHeading.current?.focus());
            }}
          />
        ) : (
          <ClockInForm
            previous={cards}
            onClockedIn={(card) => {
              putCard(card);
              announce(`Clocked in at ${card.employer} at ${formatTimeOfDay(card.clockIn, card.timeZone)}. The timer is running.`);
              requestAnimationFrame(() => currentHeading.current?.focus());
            }}
          />
        )}
      </section>

      <section className="stack" aria-labelledby="tc-history">
        <h2 id="tc-history" ref={historyHeading} tabIndex={-1}>
          Your shifts
        </h2>
        {list.isPending ? null : list.isError ? (
          <ErrorState level={3} error={list.error} title="Your shifts could not be loaded" onRetry={() => void list.refetch()} />
        ) : history.length === 0 ? (
          <EmptyState level={3} title="No shifts yet">
            <p>When you clock out, the shift appears here with its hours and breaks, ready to send to your supervisor.</p>
          </EmptyState>
        ) : (
          <ul className="tc-list" aria-label="Shifts, newest first">
            {history.map((card) => (
              <ShiftItem
                key={card.id}
                card={card}
                onChanged={(text) => {
                  refresh();
                  announce(text);
                }}
                onDeleted={(text) => {
                  queryClient.setQueryData<TimecardList>(timecardKeys.list, (prev) => (prev ? { timecards: prev.timecards.filter((c) => c.id !== card.id) } : prev));
                  refresh();
                  announce(text);
                  requestAnimationFrame(() => historyHeading.current?.focus());
                }}
              />
            ))}
          </ul>
        )}
      </section>

      <RollupSection />
    </Page>
  );
}

function RollupSection() {
  const rollup = useRollup();
  return (
    <section className="stack" aria-labelledby="tc-rollup">
      <h2 id="tc-rollup">Approved hours</h2>
      <p className="muted">Shifts your supervisors approved, by employer and role: verified work history for your CV.</p>
      {rollup.isPending ? (
        <Loading label="Loading approved hours…" />
      ) : rollup.isError ? (
        <ErrorState level={3} error={rollup.error} title="Approved hours could not be loaded" onRetry={() => void rollup.refetch()} />
      ) : rollup.data.rows.length === 0 ? (
        <EmptyState level={3} title="No approved shifts yet">
          <p>Submit a finished shift for approval; once your supervisor approves it, it counts here.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table-stack">
            <caption>Total approved: {formatHours(rollup.data.totalHours)}</caption>
            <thead>
              <tr>
                <th scope="col">Employer</th>
                <th scope="col">Role</th>
                <th scope="col" className="num">
                  Shifts
                </th>
                <th scope="col" className="num">
                  Hours
                </th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {rollup.data.rows.map((r) => (
                <tr key={`${r.employer}|${r.role}`}>
                  <td data-label="Employer">{r.employer}</td>
                  <td data-label="Role">{r.role}</td>
                  <td data-label="Shifts" className="num">
                    {r.shifts}
                  </td>
                  <td data-label="Hours" className="num">
                    {formatHours(r.hours)}
                  </td>
                  <td data-label="From">{formatDay(r.firstShift)}</td>
                  <td data-label="To">{formatDay(r.lastShift)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
