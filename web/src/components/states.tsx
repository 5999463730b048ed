import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { describeError, isApiError } from '../lib/api.ts';

/** h2 directly under the page's h1; h3 inside a section that has its own h2. */
export type StateHeadingLevel = 2 | 3;

export interface EmptyStateProps {
  title: string;
  /** Heading level of the title (default 2). */
  level?: StateHeadingLevel;
  children?: ReactNode;
  /** A call to action, e.g. a <Link className="btn"> or a <button>. */
  action?: ReactNode;
}

/** What a screen shows when there is nothing yet: never a blank page. */
export function EmptyState({ title, level = 2, children, action }: EmptyStateProps) {
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <div className="empty-state">
      <Heading className="empty-state-title">{title}</Heading>
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
  /** Heading level of the title (default 2). */
  level?: StateHeadingLevel;
  /** Shows a "Try again" button (e.g. `() => query.refetch()`). */
  onRetry?: () => void;
}

/** A failed load: what went wrong in plain words, and a way to try again. */
export function ErrorState({ error, title = 'This could not be loaded', level = 2, onRetry }: ErrorStateProps) {
  const Heading = level === 3 ? 'h3' : 'h2';
  return (
    <div className="error-state" role="alert">
      <Heading className="error-state-title">{title}</Heading>
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
