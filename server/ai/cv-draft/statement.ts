import { PROFILE_REF, type AiRecord } from '../record-view.ts';
import type { AssessedRequirement, EvidenceRef } from '../jd-analysis/schema.ts';
import { dateSpan, monthYear } from './wording.ts';

/**
 * The personal statement at the top of the CV, composed without a model. Each sentence rests on
 * one record and says only what that record says, so the grounding check reads it like any other
 * line (docs/ARCHITECTURE.md, Grounding): the clinician's own summary (its first sentences), the
 * current or latest post, the courses the advert asks for that the record holds, and the DBS check.
 */
export interface StatementSentence {
  text: string;
  cites: EvidenceRef[];
}

const MAX_OWN_SUMMARY_CHARS = 320;
const MAX_COURSES = 2;

/** The first sentences of the clinician's own summary, up to a short paragraph's length. */
function ownWords(summary: string): string {
  const sentences = summary.match(/[^.!?]+[.!?]+(?:\s|$)|[^.!?]+$/g) ?? [summary];
  let out = '';
  for (const sentence of sentences) {
    if (out && out.length + sentence.length > MAX_OWN_SUMMARY_CHARS) break;
    out += sentence;
  }
  return out.trim();
}

const withStop = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

export function personalStatement(record: AiRecord, assessed: AssessedRequirement[], asOf: string): StatementSentence[] {
  const out: StatementSentence[] = [];
  if (record.profile.summary?.trim()) out.push({ text: ownWords(record.profile.summary), cites: [PROFILE_REF] });

  // A current post (no end date) before any ended one, a substantive post before bank or agency
  // work alongside it (what a reader takes as "the job"); among each, the latest.
  const sideline = (p: (typeof record.posts)[number]) => Number(p.contract !== 'substantive');
  const latest = [...record.posts].sort(
    (a, b) =>
      Number(Boolean(a.endDate)) - Number(Boolean(b.endDate)) ||
      (a.endDate ? 0 : sideline(a) - sideline(b)) ||
      (b.endDate ?? '').localeCompare(a.endDate ?? '') ||
      b.startDate.localeCompare(a.startDate),
  )[0];
  if (latest) {
    const where = /^self[- ]employed$/i.test(latest.employer.trim()) ? `${latest.title}, self-employed` : `${latest.title} at ${latest.employer}`;
    const text = latest.endDate ? `Most recently ${where}, ${dateSpan(latest.startDate, latest.endDate)}.` : `${where} since ${monthYear(latest.startDate)}.`;
    out.push({ text, cites: [{ type: 'post', id: latest.id }] });
  }

  // The courses the advert asks for, as the record holds them and still in date.
  const asked = new Set(assessed.filter((r) => r.kind === 'course' && r.status === 'met').flatMap((r) => r.evidence.filter((e) => e.type === 'training').map((e) => e.id)));
  const courses = record.training.filter((t) => asked.has(t.id) && (!t.expiresOn || t.expiresOn >= asOf)).slice(0, MAX_COURSES);
  for (const t of courses)
    out.push({ text: withStop(t.expiresOn ? `${t.name}, valid until ${monthYear(t.expiresOn)}` : `${t.name}, completed ${monthYear(t.completedOn)}`), cites: [{ type: 'training', id: t.id }] });

  const dbs = [...record.dbs].sort((a, b) => b.issueDate.localeCompare(a.issueDate))[0];
  if (dbs) {
    const level = dbs.level === 'enhanced-barred' ? 'Enhanced DBS check with barred lists' : `${dbs.level[0]!.toUpperCase()}${dbs.level.slice(1)} DBS check`;
    out.push({ text: `${level}${dbs.updateService ? ', subscribed to the DBS Update Service' : `, issued ${monthYear(dbs.issueDate)}`}.`, cites: [{ type: 'dbs', id: dbs.id }] });
  }
  return out.map((s) => ({ ...s, text: withStop(s.text) }));
}
