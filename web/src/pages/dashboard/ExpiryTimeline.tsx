import { Link } from 'react-router';
import { ErrorState, Loading } from '../../components/states.tsx';
import { buildTimeline, DUE_SUMMARY, summariseDue } from '../../lib/expiry-bands.ts';
import { formatDate } from '../../lib/record-format.ts';
import { useRecordList } from '../record/record-api.ts';

const SECTION_OF = { registration: 'registrations', training: 'training', dbs: 'dbs' } as const;
const KIND_LABEL = { registration: 'Registration', training: 'Training', dbs: 'DBS' } as const;

export function useTimeline(today: string) {
  const registrations = useRecordList('registrations');
  const training = useRecordList('training');
  const dbs = useRecordList('dbs');
  const queries = [registrations, training, dbs];
  const pending = queries.some((q) => q.isPending);
  const error = queries.find((q) => q.isError)?.error;
  const items = pending || error ? [] : buildTimeline({ registrations: registrations.data, training: training.data, dbs: dbs.data }, today);
  return { pending, error, items, retry: () => queries.forEach((q) => q.isError && void q.refetch()) };
}

/**
 * Renewal and expiry dates of registrations, training and the DBS Update Service, soonest first.
 * Each row names its band in words ("Expired", "Within 7 days") beside the colour.
 */
export function ExpiryTimeline({ timeline }: { timeline: ReturnType<typeof useTimeline> }) {
  if (timeline.pending) return <Loading label="Loading your renewal dates…" />;
  if (timeline.error) return <ErrorState level={3} error={timeline.error} title="Your renewal dates could not be loaded" onRetry={timeline.retry} />;
  const { items } = timeline;
  if (!items.length)
    return (
      <div className="empty-state">
        <p>
          No renewal or expiry dates yet. Add your <Link to="/record#registrations">registrations</Link>, <Link to="/record#training">training</Link> and <Link to="/record#dbs">DBS checks</Link> and
          they will be listed here, soonest first.
        </p>
      </div>
    );
  const due = summariseDue(items);
  return (
    <div className="stack">
      <ul className="cluster expiry-legend" aria-label="How many dates are expired or due soon">
        {DUE_SUMMARY.filter((d) => due[d.key] > 0).map((d) => (
          <li key={d.key}>
            <span className={`badge expiry-legend-${d.bands.at(-1)}`}>
              {due[d.key]} {d.label}
            </span>
          </li>
        ))}
      </ul>
      <ol className="expiry-timeline" aria-label="Renewal and expiry dates, soonest first">
        {items.map((item) => (
          <li key={item.key} className={`expiry-item expiry-item-${item.band}`}>
            <time dateTime={item.date} className="expiry-date">
              {formatDate(item.date)}
            </time>
            <span className="expiry-what">
              <span className="muted">{KIND_LABEL[item.kind]}: </span>
              <Link to={`/record#${SECTION_OF[item.kind]}`}>{item.title}</Link>
            </span>
            <span className="expiry-band">
              <span className={item.badgeClass}>{item.label}</span> <span className="expiry-when">{item.when}</span>
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
