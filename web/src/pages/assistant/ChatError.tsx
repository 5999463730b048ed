import { Link } from 'react-router';
import { describeError, formatRetryAfter, type ApiError } from '../../lib/api.ts';

/** A failed turn, in words, with the way forward (plan, privacy settings, waiting). */
export function ChatError({ error, onDismiss }: { error: ApiError; onDismiss?: () => void }) {
  const title =
    error.code === 'QUOTA_EXCEEDED'
      ? 'You have used your allowance'
      : error.code === 'PROCESSING_RESTRICTED'
        ? 'The assistant is paused'
        : error.code === 'RATE_LIMITED'
          ? 'Too many messages'
          : 'The assistant could not answer';
  const quota = error.quota;
  return (
    <div className="notice notice-danger chat-error" role="alert">
      <p>
        <strong>{title}.</strong> {describeError(error)}
        {error.code === 'RATE_LIMITED' && error.retryAfterSeconds === undefined ? ' Wait a moment and try again.' : null}
      </p>
      {error.code === 'QUOTA_EXCEEDED' ? (
        <p>
          {quota?.limit !== undefined ? `You have used ${quota.usage ?? quota.limit} of ${quota.limit}. ` : null}
          <Link to="/plan">See your plan and usage</Link>
        </p>
      ) : null}
      {error.code === 'PROCESSING_RESTRICTED' ? (
        <p>
          <Link to="/privacy">Review your privacy settings</Link> to lift the restriction.
        </p>
      ) : null}
      {error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined && !describeError(error).includes('Try again') ? <p>Try again {formatRetryAfter(error.retryAfterSeconds)}.</p> : null}
      {onDismiss ? (
        <button type="button" className="btn-link" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
