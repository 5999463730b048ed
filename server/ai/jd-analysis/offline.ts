import { REQUIREMENT_KEYS, type JobAnalysis, type Requirement } from './schema.ts';
import { extractRequirements } from './extract.ts';
import { findTitleAndEmployer, PREAMBLE, readAdvert } from './segment.ts';
import { skillTopic, specialtyIn, type Country } from './vocabulary.ts';

/**
 * The offline job analyser: the advert's structure (segment.ts) -> candidate statements ->
 * atomic typed requirements (extract.ts), de-duplicated. Deterministic and network-free: the
 * default without an LLM, the fallback when the provider fails, and the normaliser of what an
 * LLM returns.
 */
const US_SIGNS =
  /\$\s?\d|\b(?:board[- ]certified|board[- ]eligible|BSN|ADN|AHA|American Heart|PTO|401\(k\)|403\(b\)|EEO|equal opportunity employer|residency|DEA|NPI|[Mm]edical [Cc]enter|ZIP|USA|United States|med[- ]surg|nurse licensure compact|multistate|unrestricted license|CME|malpractice|per diem|travel nurse|hospitalist)\b|\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\s+\d{5}\b|\b[A-Z][a-z]+, (?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\b|\blicense\b/g;
const UK_SIGNS =
  /£\s?\d|\b(?:NHS|GMC|NMC|HCPC|GPhC|DBS|Band [2-9]|Trust|per annum|pro rata|licence|programme|paediatric|anaesthe|organisation|centre|A ?& ?E|AfC|Agenda for Change|CQC|health board|practise|ST[1-8]|CT[1-3]|F[12])\b/g;

export function detectCountry(text: string): Country | null {
  const us = text.match(US_SIGNS)?.length ?? 0;
  const uk = text.match(UK_SIGNS)?.length ?? 0;
  if (!us && !uk) return null;
  return us > uk ? 'US' : 'UK';
}

const RANK = { essential: 2, desirable: 1 } as const;
/** One requirement per thing asked for, keeping the stronger importance and the first wording. */
function dedupe(requirements: Requirement[]): Requirement[] {
  const byKey = new Map<string, Requirement>();
  for (const r of requirements) {
    const key =
      r.kind === 'skill' || (r.kind === 'experience' && r.key === 'specialty')
        ? `${r.kind}:${r.key}:${r.text.toLowerCase()}`
        : r.kind === 'experience' && r.key === 'years'
          ? `years:${r.years}:${r.specialty}`
          : `${r.kind}:${r.key}:${r.level ?? ''}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, r);
    else if (RANK[r.importance] > RANK[seen.importance]) byKey.set(key, { ...seen, importance: r.importance });
  }
  // A DBS check named twice at different levels is one check at the higher level.
  const dbs = [...byKey.entries()].filter(([, r]) => r.kind === 'check' && r.key === 'dbs');
  if (dbs.length > 1) {
    const order = ['enhanced-barred', 'enhanced', 'standard', 'basic', ''];
    dbs.sort(([, a], [, b]) => order.indexOf(a.level ?? '') - order.indexOf(b.level ?? ''));
    const importance = dbs.some(([, r]) => r.importance === 'essential') ? 'essential' : 'desirable';
    for (const [k] of dbs.slice(1)) byKey.delete(k);
    byKey.set(dbs[0]![0], { ...dbs[0]![1], importance });
  }
  return [...byKey.values()];
}

export function analyseJobOffline(jobDescription: string): JobAnalysis {
  const country = detectCountry(jobDescription);
  const { title, employer, titleLine, employerLine } = findTitleAndEmployer(jobDescription);
  // The title and employer lines name the job, not what it asks (an "ST4" title asks for no ST4).
  const skip = (text: string) => text === titleLine || text === employerLine || PREAMBLE.test(text);
  const requirements = readAdvert(jobDescription, skip).flatMap((c) => extractRequirements(c, country));
  return { title, employer, specialty: specialtyIn(title), country, requirements: dedupe(requirements) };
}

/**
 * What an LLM returned, in the product's own terms: each requirement's words are read again with
 * the typed vocabulary, which wins where it recognises a term (a model may call a state licence
 * "NMC"); a kind or key the vocabulary does not know becomes a skill. Importance stays the
 * model's reading of the advert.
 */
export function normaliseAnalysis(analysis: JobAnalysis, jobDescription: string): JobAnalysis {
  const country = analysis.country ?? detectCountry(jobDescription);
  const requirements = analysis.requirements.flatMap((r): Requirement[] => {
    const text = r.text.trim().slice(0, 500);
    if (!text) return [];
    const typed = extractRequirements({ text, role: 'requirements', importance: r.importance, fromTableCell: true, bullet: true }, country).filter((t) => t.kind !== 'skill');
    if (typed.length) return typed;
    if (REQUIREMENT_KEYS[r.kind]?.includes(r.key)) return [{ ...r, text, alternatives: r.alternatives.filter((a) => Object.values(REQUIREMENT_KEYS).some((keys) => keys.includes(a))) }];
    return [{ ...r, text, kind: 'skill', key: skillTopic(text), alternatives: [] }];
  });
  return {
    title: analysis.title.trim() || findTitleAndEmployer(jobDescription).title,
    employer: analysis.employer,
    specialty: analysis.specialty ?? specialtyIn(analysis.title),
    country,
    requirements: dedupe(requirements),
  };
}
