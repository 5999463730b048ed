import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Verification } from '../../../server/domains/verifications/schema.ts';
import { Page } from '../components/Page.tsx';
import { useMe } from '../app/auth.ts';
import { expiryBand, todayIn } from '../lib/expiry-bands.ts';
import { EVIDENCE, VERIFICATION_STATUS, confirmedByText, formatDate, formatSpan, type ConfirmedBy } from '../lib/record-format.ts';
import { dbsLevelLabel, useVerifications, type PostItem } from './record/record-api.ts';
import {
  ActivityForm,
  AwardForm,
  CourseForm,
  LanguageForm,
  MembershipForm,
  courseFormatLabel,
  DbsForm,
  EducationForm,
  PostForm,
  PublicationForm,
  RefereeForm,
  RegistrationForm,
  SkillForm,
  TrainingForm,
  supervisionLabel,
  activityCategoryLabel,
  contractLabel,
  workforceLabel,
} from './record/RecordForms.tsx';
import { RecordSection } from './record/RecordSection.tsx';
import { capitalise, publicationTypeWords, registrationBodyWords } from '../../../server/platform/words/enum-words.ts';
import { RECORD_KIND_NAMES } from '../../../server/domains/record/schema.ts';
import { ResumeExport, ResumeImport } from './record/ResumeImportExport.tsx';
import { CvFileImport } from './record/CvFileImport.tsx';
import { LocumProfileSection } from './record/LocumProfileForm.tsx';

const SECTIONS = [
  ...RECORD_KIND_NAMES.map((k) => ({ anchor: k.path as string, label: k.plural as string })),
  { anchor: 'locum-profile', label: 'Specialties and availability' },
  { anchor: 'import-export', label: 'Import and export' },
];

function Evidence({ level, documents, confirmedBy }: { level: keyof typeof EVIDENCE; documents: number; confirmedBy?: ConfirmedBy | null }) {
  const e = EVIDENCE[level];
  return (
    <span className="stack stack-tight record-evidence">
      <span className="cluster">
        <span className={e.badge} title={e.help}>
          {e.label}
        </span>
        {documents ? (
          <Link to="/documents">
            {documents} document{documents === 1 ? '' : 's'}
          </Link>
        ) : null}
      </span>
      {confirmedBy ? <span className="muted evidence-detail">{confirmedByText(confirmedBy)}</span> : null}
    </span>
  );
}

function Expiry({ date, today }: { date: string | null; today: string }) {
  if (!date) return <span className="muted">None</span>;
  const band = expiryBand(date, today);
  return (
    <span className="cluster">
      <span>{formatDate(date)}</span>
      <span className={band.badgeClass}>{band.band === 'later' ? 'In date' : band.detail}</span>
    </span>
  );
}

function PostVerification({ post, latest }: { post: PostItem; latest: Verification | undefined }) {
  const status = latest ? VERIFICATION_STATUS[latest.status] : undefined;
  return (
    <div className="stack stack-tight">
      <Evidence level={post.evidence} documents={post.documentIds.length} confirmedBy={post.confirmedBy} />
      {latest && status ? (
        <p className="muted">
          Verification: <span className={status.badge}>{status.label}</span> ({latest.verifierName}, {formatDate(latest.requestedAt)})
        </p>
      ) : null}
      {post.evidence !== 'verifier-confirmed' && latest?.status !== 'requested' ? (
        <p>
          <Link to={`/verifications?post=${post.id}`} aria-label={`Ask a referee to confirm ${post.title}`}>
            Ask a referee to confirm
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** The career record: every kind of record item, plus JSON Resume import and export. */
export function RecordPage() {
  const me = useMe();
  const today = todayIn(me.data?.timeZone);
  const verifications = useVerifications();
  const [message, setMessage] = useState('');
  const announce = useCallback((m: string) => setMessage(m), []);

  const latestByPost = useMemo(() => {
    const map = new Map<string, Verification>();
    for (const v of verifications.data ?? []) {
      if (v.subjectType !== 'post') continue;
      const prev = map.get(v.subjectId);
      if (!prev || v.requestedAt > prev.requestedAt) map.set(v.subjectId, v);
    }
    return map;
  }, [verifications.data]);

  return (
    <Page title="Your career record" lead="Everything a CV, a revalidation or a compliance check draws on. Correct anything here and the old value stays in your audit trail.">
      {/* Import sits at the bottom of a long page: on a phone it must be reachable from the top. */}
      <p className="record-import-link">
        Starting from a CV? <a href="#import-export">Import a JSON Resume file</a> to fill in your record in one go.
      </p>
      <nav aria-label="Record sections" className="record-nav">
        <ul className="cluster">
          {SECTIONS.map((s) => (
            <li key={s.anchor}>
              <a href={`#${s.anchor}`}>{s.label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <div role="status" aria-live="polite" className="record-status">
        {message ? <p className="notice notice-ok">{message}</p> : null}
      </div>

      <RecordSection
        path="posts"
        anchor="posts"
        title="Posts"
        noun="post"
        intro="Jobs you have held, newest first. A referee's confirmation makes a post verifier-confirmed."
        emptyText="No posts yet. Add your current or most recent job first."
        Form={PostForm}
        announce={announce}
        sort={(a, b) => (b.endDate ?? '9999').localeCompare(a.endDate ?? '9999') || b.startDate.localeCompare(a.startDate)}
        columns={[
          {
            header: 'Post',
            cell: (p) => (
              <>
                <strong>{p.title}</strong>
                {p.grade || p.specialty ? <div>{[p.grade, p.specialty].filter(Boolean).join(', ')}</div> : null}
                <div>{[p.employer, p.site].filter(Boolean).join(', ')}</div>
              </>
            ),
          },
          {
            header: 'Dates',
            cell: (p) => (
              <>
                <div>{formatSpan(p.startDate, p.endDate)}</div>
                <div className="muted">
                  {contractLabel(p.contract)}
                  {p.wte !== null ? `, ${p.wte} WTE` : ''}
                </div>
              </>
            ),
          },
          { header: 'Evidence', cell: (p) => <PostVerification post={p} latest={latestByPost.get(p.id)} /> },
        ]}
      />

      <RecordSection
        path="registrations"
        anchor="registrations"
        title="Registrations"
        noun="registration"
        intro="Your professional registrations, with the dates the dashboard reminds you about."
        emptyText="No registrations yet."
        Form={RegistrationForm}
        announce={announce}
        columns={[
          {
            header: 'Registration',
            cell: (r) => (
              <>
                <strong>
                  {registrationBodyWords(r.body)} {r.number}
                </strong>
                {r.jurisdiction ? <div>{r.jurisdiction}</div> : null}
                {r.status ? <div className="muted">{r.status}</div> : null}
                {r.conditions ? <div>Conditions: {r.conditions}</div> : null}
              </>
            ),
          },
          { header: 'Renewal', cell: (r) => <Expiry date={r.renewalDate} today={today} /> },
          { header: 'Revalidation', cell: (r) => <Expiry date={r.revalidationDate} today={today} /> },
          { header: 'Evidence', cell: (r) => <Evidence level={r.evidence} documents={r.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="training"
        anchor="training"
        title="Training"
        noun="training"
        intro="Mandatory and other training. Leave the expiry empty and Medfolio works it out for recognised courses."
        emptyText="No training yet."
        Form={TrainingForm}
        announce={announce}
        sort={(a, b) => b.completedOn.localeCompare(a.completedOn)}
        columns={[
          {
            header: 'Course',
            cell: (t) => (
              <>
                <strong>{t.name}</strong>
                {t.provider ? <div className="muted">{t.provider}</div> : null}
              </>
            ),
          },
          { header: 'Completed', cell: (t) => formatDate(t.completedOn) },
          {
            header: 'Expires',
            cell: (t) => (
              <>
                <Expiry date={t.expiresOn} today={today} />
                {t.expirySource === 'catalogue' ? <div className="muted">Worked out from the course's usual validity</div> : null}
              </>
            ),
          },
          { header: 'Evidence', cell: (t) => <Evidence level={t.evidence} documents={t.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="dbs"
        anchor="dbs"
        title="DBS checks"
        noun="DBS check"
        intro="Disclosure and Barring Service certificates, and whether they are on the Update Service."
        emptyText="No DBS checks yet."
        Form={DbsForm}
        announce={announce}
        sort={(a, b) => b.issueDate.localeCompare(a.issueDate)}
        columns={[
          {
            header: 'Check',
            cell: (d) => (
              <>
                <strong>{dbsLevelLabel(d.level)}</strong>
                <div>{workforceLabel(d.workforce)}</div>
                <div className="muted">Certificate {d.certificateNumber}</div>
              </>
            ),
          },
          { header: 'Issued', cell: (d) => formatDate(d.issueDate) },
          {
            header: 'Update Service',
            cell: (d) =>
              d.updateService ? (
                <>
                  <div>Subscribed</div>
                  <Expiry date={d.updateServiceRenewalDate} today={today} />
                  {d.statusChecks.length ? (
                    <div className="muted">
                      {d.statusChecks.length} status check{d.statusChecks.length === 1 ? '' : 's'}
                    </div>
                  ) : null}
                </>
              ) : (
                <span className="muted">Not subscribed</span>
              ),
          },
          { header: 'Evidence', cell: (d) => <Evidence level={d.evidence} documents={d.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="education"
        anchor="education"
        title="Education"
        noun="qualification"
        intro="Degrees and other qualifications."
        emptyText="No qualifications yet."
        Form={EducationForm}
        announce={announce}
        sort={(a, b) => (b.endDate ?? b.startDate ?? '').localeCompare(a.endDate ?? a.startDate ?? '')}
        columns={[
          {
            header: 'Qualification',
            cell: (e) => (
              <>
                <strong>{[e.studyType, e.area].filter(Boolean).join(' in ') || e.institution}</strong>
                {e.studyType || e.area ? <div>{e.institution}</div> : null}
                {e.score ? <div className="muted">{e.score}</div> : null}
              </>
            ),
          },
          { header: 'Dates', cell: (e) => formatSpan(e.startDate, e.endDate, 'not finished') || <span className="muted">Not given</span> },
          { header: 'Evidence', cell: (e) => <Evidence level={e.evidence} documents={e.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="activities"
        anchor="activities"
        title="Audit, teaching, presentations and leadership"
        noun="activity"
        intro="Audits and quality improvement, teaching you have given, talks and posters, and leadership or management roles. Each goes in its own section of your CV."
        emptyText="No activities yet."
        Form={ActivityForm}
        announce={announce}
        sort={(a, b) => (b.endDate ?? b.startDate ?? '').localeCompare(a.endDate ?? a.startDate ?? '')}
        columns={[
          {
            header: 'Activity',
            cell: (a) => (
              <>
                <strong>{a.title}</strong>
                <div>{[activityCategoryLabel(a.category), a.roles.join(', '), a.organisation].filter(Boolean).join(', ')}</div>
                {a.highlights.length ? <div className="muted">{a.highlights[0]}</div> : null}
              </>
            ),
          },
          { header: 'Dates', cell: (a) => formatSpan(a.startDate, a.endDate, 'ongoing') || <span className="muted">Not given</span> },
          { header: 'Evidence', cell: (a) => <Evidence level={a.evidence} documents={a.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="publications"
        anchor="publications"
        title="Research and publications"
        noun="publication"
        intro="Papers, case reports, abstracts and chapters. A DOI or PubMed id lets a reader find each one."
        emptyText="No publications yet."
        Form={PublicationForm}
        announce={announce}
        sort={(a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? '')}
        columns={[
          {
            header: 'Publication',
            cell: (p) => (
              <>
                <strong>{p.title}</strong>
                {p.authors ? <div>{p.authors}</div> : null}
                <div className="muted">
                  {[capitalise(publicationTypeWords(p.publicationType)), p.publisher, p.doi ? `DOI ${p.doi}` : null, p.pmid ? `PMID ${p.pmid}` : null].filter(Boolean).join(', ')}
                </div>
              </>
            ),
          },
          { header: 'Published', cell: (p) => (p.publishedOn ? formatDate(p.publishedOn) : <span className="muted">Not given</span>) },
          { header: 'Evidence', cell: (p) => <Evidence level={p.evidence} documents={p.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="awards"
        anchor="awards"
        title="Prizes and awards"
        noun="prize or award"
        intro="Prizes, awards, scholarships and distinctions."
        emptyText="No prizes or awards yet."
        Form={AwardForm}
        announce={announce}
        sort={(a, b) => (b.awardedOn ?? '').localeCompare(a.awardedOn ?? '')}
        columns={[
          {
            header: 'Prize or award',
            cell: (a) => (
              <>
                <strong>{a.title}</strong>
                {a.awarder ? <div>{a.awarder}</div> : null}
              </>
            ),
          },
          { header: 'Awarded', cell: (a) => (a.awardedOn ? formatDate(a.awardedOn) : <span className="muted">Not given</span>) },
          { header: 'Evidence', cell: (a) => <Evidence level={a.evidence} documents={a.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="courses"
        anchor="courses"
        title="Courses and conferences"
        noun="course or conference"
        intro="Courses, conferences and workshops you attended, with the CPD hours for your appraisal."
        emptyText="No courses or conferences yet."
        Form={CourseForm}
        announce={announce}
        sort={(a, b) => b.startDate.localeCompare(a.startDate)}
        columns={[
          {
            header: 'Course or conference',
            cell: (c) => (
              <>
                <strong>{c.title}</strong>
                <div>{[courseFormatLabel(c.format), c.organiser].filter(Boolean).join(', ')}</div>
              </>
            ),
          },
          { header: 'Dates', cell: (c) => (c.endDate && c.endDate !== c.startDate ? formatSpan(c.startDate, c.endDate) : formatDate(c.startDate)) },
          { header: 'CPD hours', cell: (c) => (c.cpdHours !== null ? String(c.cpdHours) : <span className="muted">Not given</span>) },
          { header: 'Evidence', cell: (c) => <Evidence level={c.evidence} documents={c.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="skills"
        anchor="skills"
        title="Clinical skills and procedures"
        noun="skill or procedure"
        intro="What you can do, how many you have performed (from your logbook) and under what supervision. The one-page locum CV and tailored CVs list them."
        emptyText="No skills or procedures yet."
        Form={SkillForm}
        announce={announce}
        columns={[
          {
            header: 'Skill or procedure',
            cell: (k) => (
              <>
                <strong>{k.name}</strong>
                {k.keywords.length ? <div>{k.keywords.join(', ')}</div> : null}
              </>
            ),
          },
          { header: 'Supervision', cell: (k) => (k.supervision ? supervisionLabel(k.supervision) : (k.proficiency ?? <span className="muted">Not given</span>)) },
          {
            header: 'Number performed',
            cell: (k) =>
              k.count !== null ? (
                <>
                  {String(k.count)}
                  {k.periodStart || k.periodEnd ? <div className="muted">{k.periodStart ? formatSpan(k.periodStart, k.periodEnd) : `as of ${formatDate(k.periodEnd!)}`}</div> : null}
                </>
              ) : (
                <span className="muted">Not given</span>
              ),
          },
          { header: 'Evidence', cell: (k) => <Evidence level={k.evidence} documents={k.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="languages"
        anchor="languages"
        title="Languages"
        noun="language"
        intro="Languages you speak, and how well."
        emptyText="No languages yet."
        Form={LanguageForm}
        announce={announce}
        columns={[
          {
            header: 'Language',
            cell: (l) => (
              <>
                <strong>{l.language}</strong>
                {l.fluency ? <div>{l.fluency}</div> : null}
              </>
            ),
          },
          { header: 'Evidence', cell: (l) => <Evidence level={l.evidence} documents={l.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="memberships"
        anchor="memberships"
        title="Memberships"
        noun="membership"
        intro="Royal colleges, the BMA, the RCN and other professional bodies."
        emptyText="No memberships yet."
        Form={MembershipForm}
        announce={announce}
        columns={[
          {
            header: 'Membership',
            cell: (m) => (
              <>
                <strong>{m.organisation}</strong>
                {m.grade || m.postNominals ? <div>{[m.grade, m.postNominals].filter(Boolean).join(', ')}</div> : null}
              </>
            ),
          },
          { header: 'Since', cell: (m) => (m.since ? formatSpan(m.since, m.until) : <span className="muted">Not given</span>) },
          { header: 'Evidence', cell: (m) => <Evidence level={m.evidence} documents={m.documentIds.length} /> },
        ]}
      />

      <RecordSection
        path="referees"
        anchor="referees"
        title="Referees"
        noun="referee"
        intro="The people you give as referees. Their contact details stay in Medfolio: CVs never print them, and no AI ever sees your referees."
        emptyText="No referees yet."
        Form={RefereeForm}
        announce={announce}
        columns={[
          {
            header: 'Referee',
            cell: (r) => (
              <>
                <strong>{r.name}</strong>
                {r.position || r.organisation ? <div>{[r.position, r.organisation].filter(Boolean).join(', ')}</div> : null}
                {r.relationship ? <div className="muted">{r.relationship}</div> : null}
              </>
            ),
          },
          { header: 'Contact', cell: (r) => [r.email, r.phone].filter(Boolean).join(', ') || <span className="muted">None given</span> },
          { header: 'On your CVs', cell: (r) => (r.showOnCv ? 'Name, position and organisation' : 'Available on request') },
        ]}
      />

      <LocumProfileSection announce={announce} />

      <section id="import-export" className="record-section stack" aria-labelledby="import-export-heading">
        <h2 id="import-export-heading" tabIndex={-1}>
          Import and export
        </h2>
        <div className="grid record-import-export">
          <div className="card">
            <CvFileImport announce={announce} />
          </div>
          <div className="card">
            <ResumeImport announce={announce} />
          </div>
          <div className="card">
            <ResumeExport />
          </div>
        </div>
      </section>
    </Page>
  );
}
