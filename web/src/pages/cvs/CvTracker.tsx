import { Link } from 'react-router';
import { ErrorState, Loading } from '../../components/states.tsx';
import { isFinished } from '../../lib/cv-progress.ts';
import { CvProgress } from './CvProgress.tsx';
import { CvResult } from './CvResult.tsx';
import { CvEvidence } from './CvEvidence.tsx';
import { useLiveCv } from './use-cv.ts';

/** A CV request followed from the queue to its PDF: progress while it runs, then the result. */
export function CvTracker({ id, headingLevel = 2 }: { id: string; headingLevel?: 2 | 3 }) {
  const { query, stage } = useLiveCv(id);
  if (query.isPending) return <Loading label="Loading the CV…" />;
  if (query.isError) return <ErrorState level={headingLevel} error={query.error} title="The CV could not be loaded" onRetry={() => void query.refetch()} />;
  const cv = query.data;
  const current = stage ?? cv.stage;
  return (
    <div className="stack cv-tracker">
      {!isFinished(current) || current === 'failed' ? <CvProgress stage={current} id={`cv-progress-${id}`} /> : null}
      {current === 'failed' ? (
        <div className="notice notice-danger" role="alert">
          <p>{cv.error ?? 'The CV could not be made. Nothing was charged; please try again.'}</p>
        </div>
      ) : null}
      {cv.summary ? <CvResult cv={cv} headingLevel={headingLevel} /> : null}
      {current === 'done' ? <CvEvidence cv={cv} headingLevel={headingLevel} /> : null}
      {current === 'done' ? (
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
