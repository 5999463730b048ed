import type { Timecard } from '../../../../server/domains/timecards/schema.ts';

/** Working-time warnings from the server (long shift, short rest, over 72 hours in 7 days, too short to be a shift). */
export function Warnings({ warnings }: { warnings: Timecard['warnings'] }) {
  if (!warnings.length) return null;
  return (
    <div className="notice notice-warn tc-warnings">
      <p className="tc-warnings-title">
        <strong>Working-time {warnings.length === 1 ? 'warning' : 'warnings'}</strong>
      </p>
      <ul>
        {warnings.map((w) => (
          <li key={w.code}>{w.message}</li>
        ))}
      </ul>
    </div>
  );
}
