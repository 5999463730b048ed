import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { ErrorState, Loading } from '../../components/states.tsx';
import { isFinished } from '../../lib/cv-progress.ts';
import { CvProgress } from './CvProgress.tsx';
import { CvResult } from './CvResult.tsx';
import { CvEvidence } from './CvEvidence.tsx';
import { useLiveCv } from './use-cv.ts';

/**
 * A CV request followed from the queue to its PDF: progress while it runs, then the result. When
 * the CV finishes while it is being watched, focus moves to the result's heading: on a phone the
 * result is otherwise below the fold, and a screen reader hears that it is ready.
 */
export function CvTracker({ id, headingLevel = 2 }: { id: string; headingLevel?: 2 | 3 }) {
  const { query, stage } = useLiveCv(id);
  const resultTitle = useRef<HTMLHeadingElement>(null);
  const current = stage ?? query.data?.stage;
  const hasSummary = Boolean(query.data?.summary);
  const watchedRunning = useRef(false);
  useEffect(() => {
    if (current && !isFinished(current)) watchedRunning.current = true;
    // The summary can arrive a moment after the "done" event: wait for the heading to exist.
    else if (current === 'done' && watchedRunning.current && resultTitle.current) {
      watchedRunning.current = false;
      resultTitle.current.focus();
    }
  }, [current, hasSummary]);
  if (query.isPending) return <Loading label="Loading the CV…" />;
  if (query.isError) return <ErrorState level={headingLevel} error={query.error} title="The CV could not be loaded" onRetry={() => void query.refetch()} />;
  const cv = query.data;
  const stageNow = current ?? cv.stage;
  return (
    <div className="stack cv-tracker">
      {!isFinished(stageNow) || stageNow === 'failed' ? <CvProgress stage={stageNow} id={`cv-progress-${id}`} /> : null}
      {stageNow === 'failed' ? (
        <div className="notice notice-danger" role="alert">
          <p>{cv.error ?? 'The CV could not be made. Nothing was charged; please try again.'}</p>
        </div>
      ) : null}
      {cv.summary ? <CvResult cv={cv} headingLevel={headingLevel} titleRef={resultTitle} /> : null}
      {stageNow === 'done' ? <CvEvidence cv={cv} headingLevel={headingLevel} /> : null}
      {stageNow === 'done' ? (
        <p className="actions">
          <Link className="btn btn-secondary" to={`/shares?cv=${id}`}>
            Share this CV
          </Link>
          <Link to="/cvs">All your CVs</Link>
        </p>
      ) : null}
    </div>
  );
}
