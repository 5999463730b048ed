import type { Ref } from 'react';
import { Link } from 'react-router';
import type { Cv } from '../../../../server/domains/cvs/schema.ts';
import { PdfPreview, WordDownload } from './PdfPreview.tsx';

type Summary = NonNullable<Cv['summary']>;
type Requirement = Summary['requirements']['met'][number];

/**
 * What a finished (or rendering) CV says: what the grounding check removed and the warnings
 * first, because the promise is "nothing you cannot back up"; then the requirements met,
 * unmet, expired and expiring; then the PDF.
 */
export function CvResult({
  cv,
  headingLevel = 2,
  titleRef,
}: {
  cv: Pick<Cv, 'id' | 'jobTitle' | 'summary' | 'pdf' | 'composer' | 'stage' | 'error'> & Partial<Pick<Cv, 'docx' | 'promptVersions'>>;
  headingLevel?: 2 | 3;
  /** Lets a tracker move focus to the result when it arrives. */
  titleRef?: Ref<HTMLHeadingElement>;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  const summary = cv.summary;
  if (!summary) return null;
  const { requirements, removed, warnings } = summary;
  return (
    <div className="stack cv-result">
      <H className="cv-result-title" ref={titleRef} tabIndex={-1}>
        {cv.jobTitle ? `Your CV for ${cv.jobTitle}` : 'Your tailored CV'}
      </H>

      <section className={removed.length ? 'notice notice-danger cv-removed' : 'notice notice-ok cv-removed'} aria-labelledby={`removed-${cv.id}`}>
        <Sub id={`removed-${cv.id}`}>{removed.length ? `Removed by the evidence check (${removed.length})` : 'Nothing was removed by the evidence check'}</Sub>
        {removed.length ? (
          <>
            <p>These were left out because your record does not back them up. Add the evidence to your record and tailor again to include them.</p>
            <ul className="cv-removed-list">
              {removed.map((item, i) => (
                <li key={i}>
                  <strong>{item.text}</strong>
                  <span className="muted"> ({item.section})</span>
                  <br />
                  <span>Reason: {item.reason}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>Every item in this CV is backed by your record.</p>
        )}
      </section>

      {warnings.length ? (
        <section className="notice notice-warn cv-warnings" aria-labelledby={`warnings-${cv.id}`}>
          <Sub id={`warnings-${cv.id}`}>Warnings ({warnings.length})</Sub>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="stack stack-tight" aria-labelledby={`reqs-${cv.id}`}>
        <Sub id={`reqs-${cv.id}`}>Job requirements</Sub>
        <p className="muted">
          {requirements.met.length} met · {requirements.probablyMet.length} to check · {requirements.unmet.length} not met · {requirements.expired.length} expired · {requirements.expiring.length}{' '}
          expiring soon
        </p>
        <RequirementGroup title="Not met" tone="danger" items={requirements.unmet} empty="None: your record covers every requirement found." />
        <RequirementGroup title="Expired" tone="danger" items={requirements.expired} />
        <RequirementGroup title="Expiring soon" tone="warn" items={requirements.expiring} />
        <RequirementGroup title="Probably met: check the wording" tone="warn" items={requirements.probablyMet} />
        <RequirementGroup title="Met" tone="ok" items={requirements.met} empty="None of the requirements could be matched to your record." />
        {requirements.unmet.length || requirements.expired.length ? (
          <p>
            <Link to="/record">Update your record</Link> to close the gaps, then tailor again.
          </p>
        ) : null}
      </section>

      {cv.composer ? (
        <p className="muted">
          Drafted by: {cv.composer === 'offline' ? 'the offline composer (your own words from your record)' : cv.composer}
          {cv.promptVersions && Object.keys(cv.promptVersions).length
            ? ` (instructions: ${Object.entries(cv.promptVersions)
                .map(([task, version]) => `${task} version ${version}`)
                .join(', ')})`
            : null}
        </p>
      ) : null}

      <section className="stack stack-tight" aria-labelledby={`pdf-${cv.id}`}>
        <Sub id={`pdf-${cv.id}`}>PDF</Sub>
        {cv.pdf ? (
          <PdfPreview id={cv.id} jobTitle={cv.jobTitle} pages={cv.pdf.pages} docxUrl={cv.docx?.url} />
        ) : cv.stage === 'failed' ? (
          <p className="notice notice-danger">{cv.error ?? 'The PDF could not be made.'}</p>
        ) : cv.stage === 'done' ? (
          <>
            <p className="notice notice-warn">There is no PDF for this CV (see the warnings above).</p>
            {cv.docx ? <WordDownload url={cv.docx.url} /> : null}
          </>
        ) : (
          <p className="muted">The PDF is being made…</p>
        )}
      </section>
    </div>
  );
}

function RequirementGroup({ title, tone, items, empty }: { title: string; tone: 'ok' | 'warn' | 'danger'; items: Requirement[]; empty?: string }) {
  if (!items.length && !empty) return null;
  return (
    <details className={`cv-reqs cv-reqs-${tone}`} open={tone !== 'ok' || items.length <= 8}>
      <summary>
        <span className={`badge badge-${tone}`}>{items.length}</span> {title}
      </summary>
      {items.length ? (
        <ul className="cv-req-list">
          {items.map((r, i) => (
            <li key={i}>
              <span>{r.text}</span> <span className="badge">{r.importance === 'essential' ? 'Essential' : 'Desirable'}</span>
              {r.note ? <span className="muted cv-req-note"> {r.note}</span> : null}
              {r.evidence.length ? <span className="muted cv-req-note"> From: {r.evidence.join('; ')}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </details>
  );
}
