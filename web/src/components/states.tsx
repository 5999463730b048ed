import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { describeError, isApiError } from '../lib/api.ts';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** A call to action, e.g. a <Link className="btn"> or a <button>. */
  action?: ReactNode;
}

/** What a screen shows when there is nothing yet: never a blank page. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <h2 className="empty-state-title">{title}</h2>
      {children ? <div className="empty-state-body">{children}</div> : null}
      {action ? <div className="empty-state-action">{action}</div> : null}
    </div>
  );
}

/** A polite, busy live region while something loads. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export interface ErrorStateProps {
  error: unknown;
  title?: string;
  /** Shows a "Try again" button (e.g. `() => query.refetch()`). */
  onRetry?: () => void;
}

/** A failed load: what went wrong in plain words, and a way to try again. */
export function ErrorState({ error, title = 'This could not be loaded', onRetry }: ErrorStateProps) {
  return (
    <div className="error-state" role="alert">
      <h2 className="error-state-title">{title}</h2>
      <p>
        {describeError(error)}
        {isApiError(error) && error.isQuota ? (
          <>
            {' '}
            <Link to="/plan">See your plan and usage</Link>.
          </>
        ) : null}
      </p>
      {onRetry ? (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
