import { useState } from 'react';
import type { Timecard } from '../../../../server/domains/timecards/schema.ts';
import { api, describeError } from '../../lib/api.ts';
import { currentBreakMs, formatClock, formatDurationWords, formatTimeOfDay, workedMs } from '../../lib/timecard-time.ts';
import { useNow } from './use-timecards.ts';
import { Warnings } from './Warnings.tsx';

export interface OpenShiftProps {
  card: Timecard;
  onChanged: (card: Timecard, announcement: string) => void;
}

/**
 * The shift in progress: a stopwatch that ticks every second (role=timer, which screen readers
 * do not announce on every change), a polite summary that changes only when the state does,
 * and big buttons for breaks and clocking out.
 */
export function OpenShift({ card, onChanged }: OpenShiftProps) {
  const now = useNow(true);
  const [busy, setBusy] = useState<'break' | 'clock-out' | undefined>();
  const [error, setError] = useState<unknown>();
  const onBreak = card.onBreakSince !== null;
  const worked = workedMs(card, now);
  const since = formatTimeOfDay(card.clockIn, card.timeZone);

  const act = async (kind: 'break' | 'clock-out') => {
    if (busy) return;
    setBusy(kind);
    setError(undefined);
    try {
      if (kind === 'break') {
        const updated = await api.post<Timecard>(`/api/timecards/${card.id}/break`, { action: onBreak ? 'end' : 'start' });
        // The polite summary below changes with the break, so it announces this itself.
        onChanged(updated, '');
      } else {
        const updated = await api.post<Timecard>(`/api/timecards/${card.id}/clock-out`, {});
        onChanged(updated, `Clocked out. ${formatDurationWords(workedMs(updated, Date.now()))} worked at ${updated.employer}.`);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="card tc-open" data-on-break={onBreak || undefined}>
      <p className="tc-open-where">
        <strong>{card.role}</strong>
        <br />
        {card.employer}
        {card.site ? `, ${card.site}` : ''}
      </p>
      <p className="tc-open-status" aria-live="polite" aria-atomic="true">
        {onBreak ? `On a break since ${formatTimeOfDay(card.onBreakSince!, card.timeZone)}` : `On shift since ${since}`}
      </p>
      <div className="tc-timer-block">
        <span className="tc-timer-label" id={`timer-label-${card.id}`}>
          Time worked
        </span>
        <span className="tc-timer" role="timer" aria-labelledby={`timer-label-${card.id}`}>
          {formatClock(worked)}
        </span>
        {onBreak ? <span className="tc-break-timer muted">Break: {formatClock(currentBreakMs(card, now))}</span> : null}
        {card.breakMinutes > 0 ? <span className="muted">Earlier breaks: {card.breakMinutes} min</span> : null}
      </div>
      <Warnings warnings={card.warnings} />
      {error !== undefined ? (
        <p className="notice notice-danger" role="alert">
          {describeError(error)}
        </p>
      ) : null}
      <div className="tc-open-actions">
        <button type="button" className="btn btn-secondary tc-big-button" aria-busy={busy === 'break' || undefined} aria-disabled={busy ? true : undefined} onClick={() => void act('break')}>
          {onBreak ? 'End break' : 'Start break'}
        </button>
        <button type="button" className="btn btn-danger tc-big-button" aria-busy={busy === 'clock-out' || undefined} aria-disabled={busy ? true : undefined} onClick={() => void act('clock-out')}>
          {busy === 'clock-out' ? 'Clocking out…' : 'Clock out'}
        </button>
      </div>
    </div>
  );
}
