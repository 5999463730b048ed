import { Link, Route, Routes, useParams } from 'react-router';
import { Page } from '../components/Page.tsx';
import { CvCompare } from './cvs/CvCompare.tsx';
import { CvList } from './cvs/CvList.tsx';
import { CvTracker } from './cvs/CvTracker.tsx';

/** CVs: the list (`/cvs`), one CV's result (`/cvs/:id`) and two compared (`/cvs/:id/compare?with=<id>`). */
export function CvsPage() {
  return (
    <Routes>
      <Route index element={<CvListPage />} />
      <Route path=":id" element={<CvDetailPage />} />
      <Route path=":id/compare" element={<CvComparePage />} />
    </Routes>
  );
}

function CvListPage() {
  return (
    <Page
      title="CVs"
      lead="Every CV tailored to a job advert: what was checked, the PDF, and sharing."
      actions={
        <Link className="btn" to="/assistant">
          Tailor a new CV
        </Link>
      }
    >
      <CvList />
    </Page>
  );
}

function CvDetailPage() {
  const { id = '' } = useParams();
  return (
    <Page title="CV result" documentTitle="CV result">
      <p>
        <Link to="/cvs">Back to all CVs</Link>
      </p>
      <CvTracker id={id} />
    </Page>
  );
}

function CvComparePage() {
  const { id = '' } = useParams();
  return (
    <Page title="Compare CVs" lead="What one CV has that the other has not, and how the job requirements stand in each.">
      <p>
        <Link to="/cvs">Back to all CVs</Link>
      </p>
      <CvCompare id={id} />
    </Page>
  );
}
