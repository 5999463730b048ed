import { Link } from 'react-router';
import { gettingStartedSteps, type RecordOverview } from './getting-started.ts';

/**
 * The getting-started checklist with its progress; gone once every step is done. Each open step
 * is a link to where it is done, so a phone user taps straight through.
 */
export function GettingStarted({ overview }: { overview: RecordOverview }) {
  const steps = gettingStartedSteps(overview);
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <section aria-labelledby="getting-started-heading" className="card stack getting-started">
      <h2 id="getting-started-heading">Get started</h2>
      <p>
        Recruiters check these first. <label htmlFor="getting-started-progress">{`${done} of ${steps.length} done`}</label>{' '}
        <progress id="getting-started-progress" className="progress" value={done} max={steps.length}>
          {done} of {steps.length}
        </progress>
      </p>
      <ol className="getting-started-steps">
        {steps.map((s) => (
          <li key={s.key} className={s.done ? 'getting-started-done' : undefined}>
            {s.done ? (
              <>
                <span className="badge badge-ok">Done</span> {s.label}
              </>
            ) : (
              <>
                <span className="badge">To do</span> {s.label}: <Link to={s.to}>{s.action}</Link>
              </>
            )}
          </li>
        ))}
      </ol>
      <p className="muted">
        Have a CV already? <Link to="/record#import-export">Start from your CV</Link>: upload it as a PDF or Word file (or a JSON Resume file) and keep what it finds, item by item.
      </p>
    </section>
  );
}
