import type { Embedder } from '../../adapters/embedder.ts';
import { PROFILE_REF, shiftsRef, type AiRecord } from '../record-view.ts';
import type { AssessedRequirement } from '../jd-analysis/schema.ts';
import { SECTION_KINDS, type Draft, type DraftItem } from './schema.ts';
import { RECORD_KINDS } from '../../domains/record/kinds.ts';
import { SECTION_TITLES } from '../grounding.ts';
import { registrationNumberPlaceholder } from './placeholders.ts';
import { dateSpan, distinctParts, monthYear, registrationSentence } from './wording.ts';
import { personalStatement } from './statement.ts';

/**
 * The offline composer: a deterministic, extractive draft in the GMC order, using only the
 * clinician's own wording. Relevance to the job (hashing-embedding similarity) decides the
 * order of points within a post and of training, never what the points say.
 */
const MAX_POINTS_PER_POST = 5;

const dbsTitle = (level: string) => (level === 'enhanced-barred' ? 'Enhanced DBS check with barred lists' : `${level[0]!.toUpperCase()}${level.slice(1)} DBS check`);
/** The contract as a reader says it: "locum", "agency work", "fixed-term", "bank". */
const contractWords = (contract: string | null) => (contract === 'agency' ? 'agency work' : contract === 'other' ? null : contract);
const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

export async function composeOffline(record: AiRecord, jobDescription: string, assessed: AssessedRequirement[], asOf: string, embedder: Embedder): Promise<Draft> {
  const achievements = record.posts.flatMap((p) => p.achievements.map((text) => ({ postId: p.id, text })));
  const [jobVector, ...vectors] = await embedder.embed([jobDescription, ...achievements.map((a) => a.text), ...record.training.map((t) => t.name)]);
  const relevance = new Map<string, number>();
  achievements.forEach((a, i) => relevance.set(`${a.postId}\u0000${a.text}`, cosine(jobVector!, vectors[i]!)));
  const trainingRelevance = new Map(record.training.map((t, i) => [t.id, cosine(jobVector!, vectors[achievements.length + i]!)]));
  const required = new Set(assessed.filter((r) => r.kind === 'course').flatMap((r) => r.evidence.map((e) => e.id)));

  const sections: Draft['sections'] = [];
  const add = (kind: Draft['sections'][number]['kind'], title: string, items: DraftItem[]) => {
    if (items.length) sections.push({ kind, title, items });
  };

  const statement = personalStatement(record, assessed, asOf);
  add(
    'profile',
    'Profile',
    statement.length
      ? [{ title: record.profile.label ?? 'Profile', subtitle: null, dates: null, bullets: statement.map((s) => s.text), cites: [PROFILE_REF, ...statement.flatMap((s) => s.cites)] }]
      : [],
  );

  add('registration', 'Professional registration and DBS', [
    // One sentence a person would write, with the number in it; revalidation or renewal beside.
    ...record.registrations.map((r) => ({
      title: registrationSentence({ ...r, number: registrationNumberPlaceholder(r.id) }),
      subtitle: null,
      dates: r.revalidationDate ? `Revalidation due ${monthYear(r.revalidationDate)}` : r.renewalDate ? `Renewal due ${monthYear(r.renewalDate)}` : null,
      bullets: r.conditions ? [`Conditions: ${r.conditions}`] : [],
      cites: [{ type: 'registration', id: r.id }],
    })),
    // The DBS level and Update Service status, never the certificate number.
    ...record.dbs.map((d) => ({
      title: dbsTitle(d.level),
      subtitle: `${d.workforce === 'both' ? 'Adult and child' : d.workforce[0]!.toUpperCase() + d.workforce.slice(1)} workforce`,
      dates: `Issued ${monthYear(d.issueDate)}`,
      bullets: d.updateService ? ['Subscribed to the DBS Update Service'] : [],
      cites: [{ type: 'dbs', id: d.id }],
    })),
  ]);

  add(
    'experience',
    'Experience',
    [...record.posts]
      .sort((a, b) => b.startDate.localeCompare(a.startDate))
      .map((p) => ({
        title: p.title,
        // The employer first (readers and tests look for it there), then only what the title has not said.
        subtitle: distinctParts(p.title, [p.employer, p.site, p.grade, p.specialty, p.contract === 'substantive' ? null : contractWords(p.contract)]),
        dates: dateSpan(p.startDate, p.endDate),
        bullets: [
          ...(p.summary ? [p.summary] : []),
          ...[...p.achievements].sort((a, b) => (relevance.get(`${p.id}\u0000${b}`) ?? 0) - (relevance.get(`${p.id}\u0000${a}`) ?? 0)).slice(0, MAX_POINTS_PER_POST),
        ],
        cites: [{ type: 'post', id: p.id }],
      })),
  );

  add(
    'shifts',
    'Verified shifts',
    record.shifts.rows.map((s) => ({
      title: s.role,
      subtitle: s.employer,
      dates: dateSpan(s.firstShift.slice(0, 10), s.lastShift.slice(0, 10)),
      bullets: [`${s.shifts} approved ${s.shifts === 1 ? 'shift' : 'shifts'}, ${s.hours} hours, confirmed by shift supervisors`],
      cites: [{ type: 'shifts', id: shiftsRef(s.employer, s.role) }],
    })),
  );

  add(
    'training',
    'Training and certification',
    record.training
      // An expired course is not a current certification; the report tells the clinician.
      .filter((t) => !t.expiresOn || t.expiresOn >= asOf)
      .sort((a, b) => Number(required.has(b.id)) - Number(required.has(a.id)) || (trainingRelevance.get(b.id) ?? 0) - (trainingRelevance.get(a.id) ?? 0))
      .map((t) => ({
        title: t.name,
        subtitle: t.provider,
        dates: t.expiresOn ? `Valid until ${monthYear(t.expiresOn)}` : `Completed ${monthYear(t.completedOn)}`,
        bullets: [],
        cites: [{ type: 'training', id: t.id }],
      })),
  );

  add(
    'education',
    'Education and qualifications',
    record.education.map((e) => ({
      title: [e.studyType, e.area].filter(Boolean).join(', ') || e.institution,
      subtitle: e.institution,
      dates: dateSpan(e.startDate, e.endDate),
      bullets: e.score ? [e.score] : [],
      cites: [{ type: 'education', id: e.id }],
    })),
  );

  // The kinds that word their own entry (audit, publications, presentations, teaching,
  // leadership, awards, skills and procedures...), each in its section.
  const entries = RECORD_KINDS.flatMap((kind) => (kind.cv ? record.items[kind.type].map((item) => ({ ...kind.cv!(item), cites: [{ type: kind.type, id: item.id }] })) : []));
  // What the advert asks for comes first, so the page budget keeps it in full when a long
  // section is summarised (fit.ts keeps a section's first items): an audit the advert's
  // requirement cites, then the rest newest first; undated entries (skills, languages) keep the
  // record's order.
  const meetsAdvert = new Set(assessed.filter((r) => r.status === 'met' || r.status === 'probably-met').flatMap((r) => r.evidence.map((e) => `${e.type}:${e.id}`)));
  const asked = (e: (typeof entries)[number]) => Number(e.cites.some((c) => meetsAdvert.has(`${c.type}:${c.id}`)));
  for (const section of SECTION_KINDS) {
    const inSection = entries.filter((e) => e.section === section).sort((a, b) => asked(b) - asked(a) || (b.sortDate ?? '').localeCompare(a.sortDate ?? ''));
    add(
      section,
      SECTION_TITLES[section],
      inSection.map(({ title, subtitle, dates, bullets, cites }) => ({ title, subtitle, dates, bullets, cites })),
    );
  }
  return { sections };
}
