import { useCallback, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../components/Page.tsx';
import { useMe } from '../app/auth.ts';
import { CvFileImport } from './record/CvFileImport.tsx';

/**
 * Onboarding, the first screen after sign-up: start from an existing CV (read into a draft the
 * clinician accepts item by item), from a JSON Resume file, or by hand. On a phone the chosen
 * path opens right under the choice and takes focus, so nothing happens off screen.
 */
type Start = 'cv-file' | undefined;

export function WelcomePage() {
  const me = useMe();
  const [start, setStart] = useState<Start>(undefined);
  const [imported, setImported] = useState(false);
  const [message, setMessage] = useState('');
  const announce = useCallback((m: string) => setMessage(m), []);
  const uploadHeading = useRef<HTMLHeadingElement>(null);
  const firstName = me.data?.name.split(/\s+/)[0];

  return (
    <Page title={firstName ? `Welcome, ${firstName}` : 'Welcome'} documentTitle="Welcome" lead="Your record is empty. Start from what you already have: it takes a few minutes.">
      <p className="visually-hidden" role="status" aria-live="polite">
        {message}
      </p>
      <section className="stack" aria-labelledby="welcome-choose">
        <h2 id="welcome-choose">How would you like to start?</h2>
        <ul className="welcome-choices">
          <li className="card stack stack-tight">
            <h3>Upload my CV</h3>
            <p>A PDF or Word file. Medfolio lists the posts, qualifications, courses and registrations it finds; you keep what is right.</p>
            <button
              type="button"
              className="btn btn-primary"
              aria-expanded={start === 'cv-file'}
              aria-controls="welcome-cv-file"
              onClick={() => {
                setStart('cv-file');
                requestAnimationFrame(() => uploadHeading.current?.focus());
              }}
            >
              Upload my CV
            </button>
          </li>
          <li className="card stack stack-tight">
            <h3>Import a JSON Resume file</h3>
            <p>If you keep your CV as JSON Resume, everything it holds comes in, and anything that cannot is listed.</p>
            <Link className="btn btn-secondary" to="/record#import-export">
              Import JSON Resume
            </Link>
          </li>
          <li className="card stack stack-tight">
            <h3>Enter it by hand</h3>
            <p>Start with your registration and current post: recruiters check those first.</p>
            <Link className="btn btn-secondary" to="/record">
              Enter my record
            </Link>
          </li>
        </ul>
      </section>

      {start === 'cv-file' ? (
        <section id="welcome-cv-file" className="card stack" aria-labelledby="welcome-upload">
          <h2 id="welcome-upload" ref={uploadHeading} tabIndex={-1}>
            Upload my CV
          </h2>
          <CvFileImport announce={announce} onImported={() => setImported(true)} />
          {imported ? (
            <div className="stack stack-tight">
              <h3>What next</h3>
              <p className="actions">
                <Link className="btn btn-primary" to="/assistant">
                  Tailor a CV for a job
                </Link>
                <Link to="/record">Check and complete my record</Link>
              </p>
            </div>
          ) : null}
        </section>
      ) : null}

      <p>
        <Link to="/">Skip for now and go to my dashboard</Link>
      </p>
    </Page>
  );
}
