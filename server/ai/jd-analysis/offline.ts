import { findCertifications, GRADE_PATTERNS, REGISTRATION_PATTERNS, SPECIALTIES } from './vocabulary.ts';
import type { JobAnalysis, Requirement } from './schema.ts';

/**
 * The offline job analyser: reads a pasted job description line by line, tracks whether it is
 * in an essential or desirable section, and recognises registrations, courses from the
 * training catalogue, grades and bands, years of experience, DBS levels and the gap rule.
 * Other bullet points become skills, matched later against the clinician's own wording.
 */
const BULLET = /^\s*(?:[-*•·–]|\d+[.)])\s+/;
const base = (text: string, importance: Requirement['importance']): Requirement => ({
  text,
  importance,
  kind: 'skill',
  registrationBody: null,
  certifications: [],
  grade: null,
  years: null,
  specialty: null,
  dbsLevel: null,
});

function sectionOf(line: string): Requirement['importance'] | undefined {
  const t = line.trim().toLowerCase().replace(/[:*#]/g, '');
  if (t.length > 40) return undefined;
  if (/^(essential|essential criteria|requirements|required|you will have|person specification)$/.test(t)) return 'essential';
  if (/^(desirable|desirable criteria|nice to have|it would be good to have)$/.test(t)) return 'desirable';
  return undefined;
}

const specialtyIn = (text: string) => SPECIALTIES.find((s) => text.toLowerCase().includes(s)) ?? null;

function dbsLevelIn(text: string): Requirement['dbsLevel'] {
  if (!/\bDBS\b|disclosure and barring/i.test(text)) return null;
  if (/barred/i.test(text)) return 'enhanced-barred';
  if (/enhanced/i.test(text)) return 'enhanced';
  if (/standard/i.test(text)) return 'standard';
  return 'basic';
}

/** Requirements one line states; a line may state several (e.g. "Current ALS, APLS and ATLS"). */
function requirementsOf(line: string, importance: Requirement['importance'], isBullet: boolean): Requirement[] {
  const text = line.replace(BULLET, '').trim();
  const found: Requirement[] = [];

  const dbs = dbsLevelIn(text);
  if (dbs) found.push({ ...base(text, /\brequired\b|\bmust\b/i.test(text) ? 'essential' : importance), kind: 'dbs', dbsLevel: dbs });

  for (const { body, pattern } of REGISTRATION_PATTERNS) {
    if (pattern.test(text)) {
      found.push({ ...base(text, importance), kind: 'registration', registrationBody: body });
      break;
    }
  }

  // "Current ILS (ALS desirable)": a course named inside brackets with "desirable" is desirable.
  const desirableAside = /\(([^)]*)\bdesirable\b[^)]*\)/i.exec(text)?.[1] ?? '';
  const asideCourses = new Set(findCertifications(desirableAside));
  for (const id of findCertifications(text)) {
    found.push({ ...base(text, asideCourses.has(id) ? 'desirable' : importance), kind: 'certification', certifications: [id] });
  }

  const years = /(\d+)\+?\s*years?['’]?\s*(?:of\s+)?([a-z -]*?)\s*experience/i.exec(text);
  if (years) {
    found.push({ ...base(text, importance), kind: 'experience', years: Number(years[1]), specialty: specialtyIn(years[2] ?? '') });
    // "..., including at least 2 years in emergency medicine"
    const within = /including\s+(?:at least\s+)?(\d+)\s*years?\s+in\s+([a-z ]+)/i.exec(text);
    if (within) found.push({ ...base(text, importance), kind: 'experience', years: Number(within[1]), specialty: specialtyIn(within[2] ?? '') });
  }

  if (/gaps? in (?:employment|work history)/i.test(text)) found.push({ ...base(text, importance), kind: 'gaps' });

  if (/\b(MRCP|MRCEM|FRCEM|MRCS|FRCA|MRCGP|MRCPCH|MRCOG|FRCS|MBBS|MBChB|BSc|MSc|PGCert|postgraduate (?:certificate|qualification)|post-registration qualification)\b/i.test(text)) {
    found.push({ ...base(text, importance), kind: 'qualification' });
  }

  if (!found.length && isBullet) found.push(base(text, importance));
  return found;
}

export function analyseJobOffline(jobDescription: string): JobAnalysis {
  const lines = jobDescription.split(/\r?\n/).map((l) => l.trimEnd());
  const nonEmpty = lines.filter((l) => l.trim());
  const title = nonEmpty[0]?.trim() ?? 'Untitled job';
  const employer = nonEmpty[1] && !BULLET.test(nonEmpty[1]) && nonEmpty[1].length < 120 ? nonEmpty[1].trim() : null;
  const requirements: Requirement[] = [];
  let importance: Requirement['importance'] = 'essential';
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const section = sectionOf(line);
    if (section) {
      importance = section;
      continue;
    }
    const isBullet = BULLET.test(line);
    // Outside bullets, only strong signals count (a DBS sentence, a registration requirement).
    const reqs = requirementsOf(line, importance, isBullet).filter((r) => isBullet || r.kind === 'dbs');
    requirements.push(...reqs);
  }
  for (const { grade, pattern } of GRADE_PATTERNS) {
    const m = title.match(pattern);
    if (m) {
      requirements.unshift({ ...base(title, 'essential'), kind: 'grade', grade: grade(m) });
      break;
    }
  }
  // One requirement per course or body, keeping the stronger importance.
  const unique = new Map<string, Requirement>();
  for (const r of requirements) {
    const key = r.kind === 'certification' ? `c:${r.certifications[0]}` : r.kind === 'registration' ? `r:${r.registrationBody}` : r.kind === 'dbs' ? 'dbs' : `${r.kind}:${r.text}:${r.years}:${r.specialty}`;
    const seen = unique.get(key);
    if (!seen || (seen.importance === 'desirable' && r.importance === 'essential')) unique.set(key, r);
  }
  return { title, employer, specialty: specialtyIn(title) ?? specialtyIn(jobDescription), requirements: [...unique.values()] };
}
