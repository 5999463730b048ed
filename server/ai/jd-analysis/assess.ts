import { addDays, daysBetween } from '../../domains/record/dates.ts';
import { analyseRecord } from '../../domains/prescreen/analyse.ts';
import { DBS_RANK } from '../../domains/prescreen/roles.ts';
import type { AiRecord } from '../record-view.ts';
import type { AssessedRequirement, EvidenceRef, JobAnalysis, Requirement } from './schema.ts';
import { gradeRank, STOP_WORDS } from './vocabulary.ts';

/**
 * Maps each requirement to the clinician's evidence: met, unmet, expired or expiring (within
 * 30 days). Unmet requirements are reported to the clinician, never written into the CV.
 */
const EXPIRING_DAYS = 30;

const words = (text: string) =>
  new Set(
    (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w))
      .map((w) => w.replace(/(ing|ed|es|s)$/, '')),
  );

/** Years covered by the union of the given posts' intervals, up to `asOf`. */
function yearsCovered(posts: AiRecord['posts'], asOf: string): number {
  const spans = posts.map((p) => [p.startDate, p.endDate && p.endDate < asOf ? p.endDate : asOf] as const).filter(([s, e]) => s <= e).sort((a, b) => a[0].localeCompare(b[0]));
  let days = 0;
  let cursor: string | undefined;
  for (const [start, end] of spans) {
    const from = cursor && cursor > start ? addDays(cursor, 1) : start;
    if (from <= end) days += daysBetween(from, end) + 1;
    if (!cursor || end > cursor) cursor = end;
  }
  return Math.round((days / 365.25) * 10) / 10;
}

/** Every citable text in the record, for matching skills and qualifications. */
export function citableTexts(record: AiRecord): Array<{ ref: EvidenceRef; text: string }> {
  return [
    ...record.posts.flatMap((p) => [
      { ref: { type: 'post', id: p.id }, text: `${p.title} ${p.specialty ?? ''} ${p.summary ?? ''}` },
      ...p.achievements.map((a) => ({ ref: { type: 'post', id: p.id }, text: a })),
    ]),
    ...record.training.map((t) => ({ ref: { type: 'training', id: t.id }, text: t.name })),
    ...record.education.map((e) => ({ ref: { type: 'education', id: e.id }, text: `${e.studyType ?? ''} ${e.area ?? ''} ${e.institution}` })),
    ...record.extras.map((x) => ({ ref: { type: 'extra', id: x.id }, text: x.text })),
  ];
}

function bestTextMatch(requirement: string, record: AiRecord): { ref: EvidenceRef; score: number } | undefined {
  const wanted = words(requirement);
  if (!wanted.size) return undefined;
  let best: { ref: EvidenceRef; score: number } | undefined;
  for (const { ref, text } of citableTexts(record)) {
    const have = words(text);
    const shared = [...wanted].filter((w) => have.has(w)).length;
    const score = shared / Math.min(wanted.size, 6);
    if (shared >= 2 || (wanted.size === 1 && shared === 1)) if (!best || score > best.score) best = { ref, score };
  }
  return best && best.score >= 0.34 ? best : undefined;
}

const specialtyPosts = (record: AiRecord, specialty: string) => {
  const key = words(specialty);
  return record.posts.filter((p) => {
    const have = words(`${p.specialty ?? ''} ${p.title}`);
    return [...key].every((w) => have.has(w));
  });
};

function assess(req: Requirement, record: AiRecord, asOf: string): Pick<AssessedRequirement, 'status' | 'evidence' | 'note'> {
  switch (req.kind) {
    case 'registration': {
      const held = record.registrations.filter((r) => r.body === req.registrationBody);
      return held.length
        ? { status: 'met', evidence: held.map((r) => ({ type: 'registration', id: r.id })), note: `${req.registrationBody} registration on record.` }
        : { status: 'unmet', evidence: [], note: `No ${req.registrationBody} registration in your record.` };
    }
    case 'certification': {
      const held = record.training.filter((t) => t.catalogueId && req.certifications.includes(t.catalogueId));
      const current = held.filter((t) => !t.expiresOn || t.expiresOn >= asOf);
      const label = req.certifications.join('/').toUpperCase();
      if (current.length) {
        const soonest = current.map((t) => t.expiresOn).filter((d): d is string => Boolean(d)).sort()[0];
        const expiring = soonest !== undefined && daysBetween(asOf, soonest) <= EXPIRING_DAYS;
        return { status: expiring ? 'expiring' : 'met', evidence: current.map((t) => ({ type: 'training', id: t.id })), note: expiring ? `${current[0]!.name} expires on ${soonest}: renew it.` : `${current[0]!.name}${soonest ? `, valid until ${soonest}` : ''}.` };
      }
      if (held.length) {
        const last = held.map((t) => t.expiresOn ?? '').sort().at(-1);
        return { status: 'expired', evidence: held.map((t) => ({ type: 'training', id: t.id })), note: `Your ${held[0]!.name} expired on ${last}.` };
      }
      return { status: 'unmet', evidence: [], note: `The job asks for ${label}; you have none in your record.` };
    }
    case 'grade': {
      const wanted = req.grade ? gradeRank(req.grade) : undefined;
      const ranked = record.posts.map((p) => ({ p, rank: p.grade ? gradeRank(p.grade) : undefined })).filter((x) => x.rank !== undefined);
      const sameFamily = (r: number) => wanted !== undefined && (wanted >= 100) === (r >= 100);
      const meeting = ranked.filter((x) => sameFamily(x.rank!) && x.rank! >= wanted!);
      if (wanted === undefined) return { status: 'unmet', evidence: [], note: `Could not compare grades with "${req.grade}".` };
      return meeting.length
        ? { status: 'met', evidence: meeting.map((x) => ({ type: 'post', id: x.p.id })), note: `You have held ${meeting.map((x) => x.p.grade).filter((g, i, a) => a.indexOf(g) === i).join(', ')}.` }
        : { status: 'unmet', evidence: [], note: `The job is at ${req.grade}; your record shows no post at that grade or above.` };
    }
    case 'experience': {
      const posts = req.specialty ? specialtyPosts(record, req.specialty) : record.posts;
      const years = yearsCovered(posts, asOf);
      const met = req.years !== null && years >= req.years;
      const where = req.specialty ? ` in ${req.specialty}` : '';
      return { status: met ? 'met' : 'unmet', evidence: posts.map((p) => ({ type: 'post', id: p.id })), note: `Your posts${where} cover ${years} years${req.years !== null ? `; the job asks for ${req.years}` : ''}.` };
    }
    case 'dbs': {
      const wanted = req.dbsLevel ? DBS_RANK[req.dbsLevel] : 0;
      const held = record.dbs.filter((d) => DBS_RANK[d.level] >= wanted);
      return held.length
        ? { status: 'met', evidence: held.map((d) => ({ type: 'dbs', id: d.id })), note: `${held[0]!.level} DBS check issued ${held[0]!.issueDate}${held[0]!.updateService ? ', on the Update Service' : ''}.` }
        : { status: 'unmet', evidence: [], note: `The job needs a ${req.dbsLevel} DBS check; none at that level is in your record.` };
    }
    case 'gaps': {
      const gaps = analyseRecord({ posts: record.posts, training: [], registrations: [], dbs: [] }, asOf, undefined).filter((f) => f.kind === 'gap');
      return gaps.length
        ? { status: 'unmet', evidence: [], note: `Explain ${gaps.length === 1 ? 'the gap' : 'the gaps'}: ${gaps.map((g) => `${g.from} to ${g.to}`).join('; ')}.` }
        : { status: 'met', evidence: [], note: 'No gaps over 28 days in your posts.' };
    }
    case 'qualification':
    case 'skill': {
      const match = bestTextMatch(req.text, record);
      return match ? { status: 'met', evidence: [match.ref], note: 'Your record mentions this.' } : { status: 'unmet', evidence: [], note: 'Nothing in your record shows this yet.' };
    }
  }
}

export function assessRequirements(analysis: JobAnalysis, record: AiRecord, asOf: string): AssessedRequirement[] {
  return analysis.requirements.map((req) => ({ ...req, ...assess(req, record, asOf) }));
}

export function summariseAssessment(assessed: AssessedRequirement[]) {
  const pick = (status: AssessedRequirement['status']) => assessed.filter((r) => r.status === status).map((r) => ({ text: r.text, importance: r.importance, note: r.note }));
  return { met: pick('met'), unmet: pick('unmet'), expired: pick('expired'), expiring: pick('expiring') };
}
