import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AssessedLine, JobAnalysisResponse } from '../../../../server/domains/job-analysis/schema.ts';
import { MAX_ADVERT_CHARS } from '../../../../server/ai/jd-analysis/schema.ts';
import { api, describeError } from '../../lib/api.ts';

/** Wait for a pause in typing or pasting before asking: one analysis per advert, not per key. */
const SETTLE_MS = 600;
const MIN_CHARS = 40;

const STATUS_WORDS: Record<AssessedLine['status'], string> = { met: 'Met', 'probably-met': 'Probably met: check the wording', unmet: 'Not met', expired: 'Expired', expiring: 'Expiring soon' };
const STATUS_TONE: Record<AssessedLine['status'], 'ok' | 'warn' | 'danger' | 'info'> = { met: 'ok', 'probably-met': 'info', unmet: 'danger', expired: 'danger', expiring: 'warn' };
/** What needs doing first: gaps, then lapses, then what to check, then what is fine. */
const ORDER: AssessedLine['status'][] = ['unmet', 'expired', 'expiring', 'probably-met', 'met'];

function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/**
 * The requirement preview under a pasted advert: what the job asks for and how the record
 * stands against each requirement, before any CV is made (it costs no CV from the plan).
 */
export function RequirementPreview({ jobDescription }: { jobDescription: string }) {
  const text = useSettled(jobDescription.trim());
  const ready = text.length >= MIN_CHARS && text.length <= MAX_ADVERT_CHARS;
  const query = useQuery({
    queryKey: ['job-analysis', text],
    queryFn: ({ signal }) => api.post<JobAnalysisResponse>('/api/job-analysis', { jobDescription: text }, { signal }),
    enabled: ready,
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (!ready) return null;
  return (
    <section className="stack stack-tight job-preview" aria-labelledby="job-preview-title" aria-live="polite" aria-busy={query.isFetching}>
      <h3 id="job-preview-title">What this job asks for</h3>
      {query.isError ? <p className="notice notice-warn">{describeError(query.error)}</p> : null}
      {query.isPending ? <p className="muted">Reading the advert…</p> : null}
      {query.data ? <PreviewBody analysis={query.data} /> : null}
    </section>
  );
}

function PreviewBody({ analysis }: { analysis: JobAnalysisResponse }) {
  if (analysis.notice) return <p className="notice notice-warn">{analysis.notice}</p>;
  const e = analysis.essential;
  return (
    <>
      <p>
        <strong>{analysis.title}</strong>
        {analysis.employer ? `, ${analysis.employer}` : ''}
      </p>
      <p className="muted">
        Essential: {e.met + e.probablyMet} of {e.met + e.probablyMet + e.unmet + e.expired + e.expiring} met
        {e.probablyMet ? ` (${e.probablyMet} to check)` : ''}
        {e.unmet ? ` · ${e.unmet} not met` : ''}
        {e.expired ? ` · ${e.expired} expired` : ''}
        {e.expiring ? ` · ${e.expiring} expiring soon` : ''}
      </p>
      <RequirementList requirements={analysis.requirements} />
      <p className="muted">Advice from your record, not a decision: the employer makes that.</p>
    </>
  );
}

export function RequirementList({ requirements }: { requirements: AssessedLine[] }) {
  const sorted = [...requirements].sort((a, b) => (a.importance === b.importance ? ORDER.indexOf(a.status) - ORDER.indexOf(b.status) : a.importance === 'essential' ? -1 : 1));
  return (
    <ul className="cv-req-list job-preview-list">
      {sorted.map((r, i) => (
        <li key={i}>
          <span className={`badge badge-${STATUS_TONE[r.status]}`}>{STATUS_WORDS[r.status]}</span> <span>{r.text}</span>{' '}
          <span className="badge">{r.importance === 'essential' ? 'Essential' : 'Desirable'}</span>
          <span className="muted cv-req-note"> {r.note}</span>
        </li>
      ))}
    </ul>
  );
}
