import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { describeError, isApiError } from '../lib/api.ts';
import type { SummaryItem } from '../lib/use-zod-form.ts';

export interface ErrorSummaryProps {
  items?: SummaryItem[];
  /** A request-level error; QUOTA_EXCEEDED adds a link to Plan & usage. */
  error?: unknown;
  /** Focus moves here whenever this changes while there is something to show. */
  focusKey?: number;
  title?: string;
}

/**
 * "There is a problem": role=alert, takes focus when it appears (or a new submit fails), and
 * each field error links to its field (the link moves focus there).
 */
export function ErrorSummary({ items = [], error, focusKey = 0, title = 'There is a problem' }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const visible = items.length > 0 || error !== undefined;
  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, focusKey]);
  if (!visible) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title" className="error-summary-title">
        {title}
      </h2>
      {error !== undefined ? (
        <p>
          {describeError(error)}
          {isApiError(error) && error.isQuota ? (
            <>
              {' '}
              <Link to="/plan">See your plan and usage</Link>.
            </>
          ) : null}
        </p>
      ) : null}
      {items.length ? (
        <ul className="error-summary-list">
          {items.map((item, i) =>
            item.fieldId ? (
              <li key={item.fieldId}>
                <a
                  href={`#${item.fieldId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    // Focusing scrolls the field into view; the hash would not move focus.
                    document.getElementById(item.fieldId!)?.focus();
                  }}
                >
                  {item.message}
                </a>
              </li>
            ) : (
              <li key={`e${i}`}>{item.message}</li>
            ),
          )}
        </ul>
      ) : null}
    </div>
  );
}
