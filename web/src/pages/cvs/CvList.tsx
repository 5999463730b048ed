import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '../../components/states.tsx';
import { cvPdfUrl } from '../../lib/cv-pdf.ts';
import { CV_STAGE_LABEL } from '../../lib/cv-progress.ts';
import { useCvList, type CvListItem } from './use-cv.ts';

/** How each template is named in the list (server/cv-render/layouts.ts lays them out). */
const TEMPLATE_WORDS: Record<CvListItem['template'], string> = {
  full: 'Full CV',
  locum: 'Locum profile',
  'uk-doctor': 'Full CV (UK doctor)',
  'uk-nurse': 'Full CV (UK nurse or midwife)',
  'uk-ahp': 'Full CV (UK allied health)',
  'us-clinician': 'Full CV (US)',
};

export const formatDate = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

function StatusBadge({ cv }: { cv: CvListItem }) {
  if (cv.stage === 'done') return <span className="badge badge-ok">{cv.pdf ? 'Ready' : 'Ready (no PDF)'}</span>;
  if (cv.stage === 'failed') return <span className="badge badge-danger">Failed</span>;
  return <span className="badge badge-info">{CV_STAGE_LABEL[cv.stage]}…</span>;
}

/** Every CV request, newest first, with what can be done with it. */
export function CvList() {
  const list = useCvList();
  if (list.isPending) return <Loading label="Loading your CVs…" />;
  if (list.isError) return <ErrorState error={list.error} title="Your CVs could not be loaded" onRetry={() => void list.refetch()} />;
  const cvs = list.data.cvs;
  const finished = cvs.filter((c) => c.status === 'done').length;
  if (cvs.length === 0) {
    return (
      <EmptyState
        title="No CVs yet"
        action={
          <Link className="btn" to="/assistant">
            Tailor a CV to a job
          </Link>
        }
      >
        <p>Paste a job advert into the assistant and it drafts a CV from your record, ready to download and share.</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table table-stack cv-table">
        <caption className="visually-hidden">Your CVs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Checks</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {cvs.map((cv) => {
            const title = cv.jobTitle ?? 'Untitled job';
            return (
              <tr key={cv.id}>
                <td data-label="Job">
                  <Link to={`/cvs/${cv.id}`}>{title}</Link>
                  <span className="muted"> · {TEMPLATE_WORDS[cv.template]}</span>
                </td>
                <td data-label="Status">
                  <StatusBadge cv={cv} />
                </td>
                <td data-label="Created">{formatDate(cv.createdAt)}</td>
                <td data-label="Checks">
                  {cv.summary ? (
                    <span>
                      {cv.summary.removed.length} removed, {cv.summary.warnings.length} warning{cv.summary.warnings.length === 1 ? '' : 's'}
                    </span>
                  ) : (
                    <span className="muted">–</span>
                  )}
                </td>
                <td data-label="Actions">
                  <div className="cluster">
                    <Link to={`/cvs/${cv.id}`}>
                      Open result<span className="visually-hidden"> for {title}</span>
                    </Link>
                    {cv.pdf ? (
                      <a href={cvPdfUrl(cv.id)} download="">
                        Download PDF<span className="visually-hidden"> for {title}</span>
                      </a>
                    ) : null}
                    {cv.docx ? (
                      <a href={cv.docx.url} download="">
                        Download Word<span className="visually-hidden"> for {title}</span>
                      </a>
                    ) : null}
                    {cv.status === 'done' && finished > 1 ? (
                      <Link to={`/cvs/${cv.id}/compare`}>
                        Compare with…<span className="visually-hidden"> (from {title})</span>
                      </Link>
                    ) : null}
                    {cv.stage === 'done' ? (
                      <Link className="btn btn-secondary btn-small" to={`/shares?cv=${cv.id}`}>
                        Share<span className="visually-hidden"> {title}</span>
                      </Link>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
