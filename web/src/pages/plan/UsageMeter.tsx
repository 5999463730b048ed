import { formatNumber } from '../../lib/privacy-format.ts';

export interface UsageMeterProps {
  id: string;
  label: string;
  used: number;
  limit: number;
  /** Singular noun for the text ("message" -> "12 of 50 messages used"). */
  unit: string;
  hint?: string;
}

/** A labelled <meter> with the same numbers in words beside it (colour is never the only signal). */
export function UsageMeter({ id, label, used, limit, unit, hint }: UsageMeterProps) {
  const units = (n: number) => `${formatNumber(n)} ${unit}${n === 1 ? '' : 's'}`;
  const left = Math.max(0, limit - used);
  const state = limit === 0 ? 'none' : used >= limit ? 'full' : used / limit >= 0.8 ? 'high' : 'ok';
  const text =
    limit === 0
      ? 'Not included in your plan.'
      : state === 'full'
        ? `${formatNumber(used)} of ${units(limit)} used. You have reached this month’s limit.`
        : `${formatNumber(used)} of ${units(limit)} used, ${formatNumber(left)} left.`;
  return (
    <div className="usage" data-state={state}>
      <div className="usage-head">
        <label htmlFor={id} className="usage-label">
          {label}
        </label>
        {state === 'full' ? <span className="badge badge-danger">Limit reached</span> : state === 'high' ? <span className="badge badge-warn">Nearly used up</span> : null}
      </div>
      <meter
        id={id}
        className="usage-meter"
        min={0}
        max={Math.max(limit, 1)}
        low={Math.max(limit, 1) * 0.8}
        high={Math.max(limit, 1) * 0.95}
        optimum={0}
        value={Math.min(used, Math.max(limit, 1))}
        aria-describedby={`${id}-text${hint ? ` ${id}-hint` : ''}`}
      />
      <p id={`${id}-text`} className="usage-text">
        {text}
      </p>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
