import type { Embedder } from '../../adapters/embedder.ts';
import { PROFILE_REF, shiftsRef, type AiRecord } from '../record-view.ts';
import type { AssessedRequirement } from '../jd-analysis/schema.ts';
import type { Draft, DraftItem } from './schema.ts';

/**
 * The offline composer: a deterministic, extractive draft in the GMC order, using only the
 * clinician's own wording. Relevance to the job (hashing-embedding similarity) decides the
 * order of points within a post and of training, never what the points say.
 */
const MAX_POINTS_PER_POST = 5;

const dbsTitle = (level: string) => (level === 'enhanced-barred' ? 'Enhanced DBS check with barred lists' : `${level[0]!.toUpperCase()}${level.slice(1)} DBS check`);
const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
const span = (start: string | null, end: string | null) => (start ? `${start} to ${end ?? 'present'}` : end);

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

  add('profile', 'Profile', record.profile.summary ? [{ title: record.profile.label ?? 'Profile', subtitle: null, dates: null, bullets: [record.profile.summary], cites: [PROFILE_REF] }] : []);

  add(
    'registration',
    'Professional registration and DBS',
    [
      ...record.registrations.map((r) => ({
      title: `${r.body} registration`,
      subtitle: r.status,
      dates: r.revalidationDate ? `Revalidation due ${r.revalidationDate}` : null,
      bullets: [`Number: [[registration:${r.id}:number]]`, ...(r.conditions ? [`Conditions: ${r.conditions}`] : [])],
      cites: [{ type: 'registration', id: r.id }],
      })),
      // The DBS level and Update Service status, never the certificate number.
      ...record.dbs.map((d) => ({
        title: dbsTitle(d.level),
        subtitle: `${d.workforce === 'both' ? 'Adult and child' : d.workforce[0]!.toUpperCase() + d.workforce.slice(1)} workforce`,
        dates: `Issued ${d.issueDate}`,
        bullets: d.updateService ? ['Subscribed to the DBS Update Service'] : [],
        cites: [{ type: 'dbs', id: d.id }],
      })),
    ],
  );

  add(
    'experience',
    'Experience',
    [...record.posts]
      .sort((a, b) => b.startDate.localeCompare(a.startDate))
      .map((p) => ({
        title: p.title,
        subtitle: [p.employer, p.site, p.grade, p.contract === 'substantive' ? null : p.contract].filter(Boolean).join(', '),
        dates: span(p.startDate, p.endDate),
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
      dates: `${s.firstShift.slice(0, 10)} to ${s.lastShift.slice(0, 10)}`,
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
        dates: t.expiresOn ? `Completed ${t.completedOn}, valid until ${t.expiresOn}` : `Completed ${t.completedOn}`,
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
      dates: span(e.startDate, e.endDate),
      bullets: e.score ? [e.score] : [],
      cites: [{ type: 'education', id: e.id }],
    })),
  );

  const extras = (section: string) => record.extras.filter((x) => x.section === section);
  add('achievements', 'Awards and memberships', extras('awards').map((x) => ({ title: x.title, subtitle: null, dates: null, bullets: [], cites: [{ type: 'extra', id: x.id }] })));
  add('publications', 'Publications, audit and QI', extras('publications').map((x) => ({ title: x.title, subtitle: null, dates: null, bullets: [], cites: [{ type: 'extra', id: x.id }] })));
  add(
    'skills',
    'Skills and languages',
    [...extras('skills'), ...extras('languages')].map((x) => ({ title: x.title, subtitle: null, dates: null, bullets: [x.text.slice(x.title.length + 2)].filter(Boolean), cites: [{ type: 'extra', id: x.id }] })),
  );
  return { sections };
}
