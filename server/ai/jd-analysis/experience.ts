import { specialtiesIn, specialtyIn } from './vocabulary.ts';

/**
 * The settings a phrase names, joined the way it joins them: "urgent care, primary care or an
 * ambulance hub" is any of them ("a or b"); "paediatric emergency medicine" is both ("a and b").
 */
export function settingsIn(text: string): string | null {
  const named = specialtiesIn(text);
  if (!named.length) return null;
  return named.join(/\bor\b|\//i.test(text) ? ' or ' : ' and ');
}

/**
 * Experience requirements: how long (years or months, in digits or words), where (a specialty
 * or setting), and how far through training (foundation, core, higher, CCT, an NHS band).
 * Entry grades mean the stage completed before them: an ST4 post asks for core training
 * completed, not an ST4 post held, so stages are read from the wording of the requirement,
 * never from the job title.
 */
export interface ExperienceMention {
  key: string;
  start: number;
  end: number;
  years: number | null;
  specialty: string | null;
  level: string | null;
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  eighteen: 18,
  twenty: 20,
  'twenty-four': 24,
  thirty: 30,
  'thirty-six': 36,
};
const NUMBER = `(\\d+(?:\\.\\d+)?|${Object.keys(WORD_NUMBERS).join('|')}|an?)(?:\\s*\\(\\d+\\))?`;
const parseNumber = (s: string) => (/^an?$/i.test(s) ? 1 : (WORD_NUMBERS[s.toLowerCase()] ?? Number(s)));

// "at least 3 years'", "a minimum of 24 months", "2+ years of", "one year's", "3-5 years".
const DURATION = new RegExp(`\\b${NUMBER}(?:\\s*(?:-|–|to)\\s*\\d+)?\\s*\\+?\\s*(?:or more\\s+)?(?:of (?:those|these|which|them|that time) )?(years?|yrs?|months?)(?:['’]s?)?(?![a-z])`, 'gi');

/** Does the duration speak of experience (and not of a course length, a contract or validity)? */
const EXPERIENCE_CONTEXT =
  /\bexperience|\binternship\b|\bcompletion of\b|\bexperienced\b|\bpost-?(?:registration|qualification|graduate|CCT|foundation|residency)|\bworking (?:in|as|at|on|within)|\bworked\b|\bin (?:a|an|the)? ?(?:[a-z&-]+ ){0,4}(?:role|post|setting|environment|unit|department|specialty|service|practice)\b|\bat (?:band|ST|CT|registrar|SHO|middle grade|specialty|F2)|\bof (?:clinical|nursing|medical|acute|hospital|relevant|recent|UK|NHS)\b|\bas an? \b/i;
const NOT_EXPERIENCE =
  /\bvalid (?:for|within)|\bwithin (?:the )?(?:last|past|first)|\bexpir|\brenew|\bfixed[- ]term|\bcontract\b|\bmaternity (?:cover|leave)|\bsecondment\b|\bcourse\b|\bprogramme (?:lasts|of)\b|\bof (?:hire|starting|appointment|employment)\b|\bhistory\b|\bgaps?\b|\bcovering the (?:last|past)\b|\breferences?\b|\bold\b|\bno more than\b|\bplacement\b/i;

/** "Worked with in the last 12 months", "within 3 years": a window, not a length of experience. */
const WINDOW_BEFORE = /\bwithin\s*$|\b(?:in|within|during|over) the (?:last|past|previous)\s*$/i;

/** "Completion of F1 or an internship": the first postgraduate year, as a year of experience. */
const FIRST_YEAR =
  /\bcompletion of (?:an? )?(?:F1|FY1|foundation year (?:1|one)|(?:12[- ]month |one[- ]year )?internship)\b|\bcompleted (?:an? )?(?:F1|FY1|(?:12[- ]month |one[- ]year )?internship)\b/i;

export function findExperienceYears(text: string): ExperienceMention[] {
  const out: ExperienceMention[] = [];
  const first = FIRST_YEAR.exec(text);
  if (first) out.push({ key: 'years', start: first.index, end: first.index + first[0].length, years: 1, specialty: null, level: null });
  for (const m of text.matchAll(DURATION)) {
    const start = m.index;
    const end = start + m[0].length;
    // The words around this duration, up to the next one, decide what it is about.
    const after = text.slice(end, end + 110);
    const before = text.slice(Math.max(0, start - 40), start);
    const around = `${before} ${m[0]} ${after}`;
    const inSpecialty = /^\s*(?:of (?:experience )?)?(?:in|within|working in) /i.test(after) && specialtyIn(after.slice(0, 60)) !== null;
    if ((!EXPERIENCE_CONTEXT.test(around) && !inSpecialty) || NOT_EXPERIENCE.test(`${m[0]} ${after.slice(0, 40)}`) || WINDOW_BEFORE.test(before)) continue;
    const value = parseNumber(m[1]!);
    if (!Number.isFinite(value) || value <= 0 || value > 40) continue;
    const years = /^m/i.test(m[2]!) ? Math.round((value / 12) * 10) / 10 : value;
    const nextDuration = after.search(new RegExp(`\\b${NUMBER}\\s*\\+?\\s*(?:years?|months?)\\b`, 'i'));
    const scope = nextDuration > 0 ? after.slice(0, nextDuration) : after;
    out.push({ key: 'years', start, end, years, specialty: settingsIn(`${before.slice(-25)} ${scope}`), level: null });
  }
  return out;
}

const STAGES: Array<{ key: string; pattern: RegExp; level?: (m: RegExpExecArray) => string | null }> = [
  {
    key: 'stage:cct',
    pattern:
      /(?<!post-)\bCCT\b|\bcompletion of (?:an? )?(?:[\w-]+ ){0,4}residency\b|\bresidency[- ]trained\b|\bcompleted (?:an? )?(?:[\w-]+ ){0,4}residency\b|\bCESR\b|\bCEGPR\b|\bportfolio pathway\b|\bspecialist register\b|\bcertificate of completion of training\b|\bcompletion of (?:specialty|specialist|higher specialist) training\b|\bcompleted (?:specialty|specialist|higher specialist) training\b/i,
  },
  {
    key: 'stage:higher',
    pattern:
      /\b(?:ST|StR|specialty training (?:year|level)) ?([3-8])\b[^.;\n]{0,20}\b(?:competenc|capabilit|level|equivalent)|\bcompetenc\w* (?:at|to|of) (?:the )?(?:level of )?(?:an? )?ST ?([3-8])\b|\bcompletion of ST ?([3-8])\b/i,
    level: (m) => `ST${m[1] ?? m[2] ?? m[3]}`,
  },
  {
    key: 'stage:core',
    pattern:
      /\b(?:completion|completed|evidence of (?:achievement|completion)|achievement|award) of (?:[a-z() ]{0,25})?(?:core (?:[a-z]+ ){0,2}(?:training|programme)|\bCT ?[1-3]\b|\bCMT\b|\bIMT\b|\bACCS\b|\bcore competenc)|\b(?:CT ?[23]|CMT|IMT ?[23]?|ACCS|core (?:[a-z]+ ){0,2}training)\b[^.;\n]{0,40}\b(?:competenc|capabilit|completed|level|equivalent|or equivalent)/i,
  },
  {
    key: 'stage:foundation',
    pattern:
      /\b(?:completion|completed|evidence of (?:achievement|completion)|achievement) of (?:the |a |an )?(?:UK )?foundation|\bfoundation (?:programme |training )?(?:competenc|capabilit)\w*|\bF2 competenc\w*|\bFY2 competenc\w*|\bFoundation Programme Certificate of Completion\b|\bFPCC\b|\bequivalent to (?:F2|FY2|foundation)\b|\bcompleted (?:an? |the )?(?:UK )?(?:F2|FY2|foundation)/i,
  },
  {
    key: 'stage:band',
    pattern:
      /\b(?:experience|working|worked|post-?registration experience|experienced)\b[^.;\n]{0,40}\b(?:at|as an?) (?:a )?(?:NHS )?band ?([2-9])\b|\bband ?([2-9]) (?:level )?experience\b|\bcurrently (?:working )?(?:at|as an?) band ?([2-9])\b/i,
    level: (m) => m[1] ?? m[2] ?? m[3] ?? null,
  },
];

export function findStages(text: string): ExperienceMention[] {
  const out: ExperienceMention[] = [];
  for (const { key, pattern, level } of STAGES) {
    const m = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text);
    if (m) out.push({ key, start: m.index, end: m.index + m[0].length, years: null, specialty: null, level: level?.(m) ?? null });
  }
  return out;
}

export const GAPS =
  /\bgaps? in (?:your )?(?:employment|work|career|training)(?: history)?\b|\b(?:employment|work|career) history\b[^.;\n]{0,60}\bgaps?\b|\b(?:unexplained|no) gaps\b|\bgaps? (?:of|over|longer than|exceeding) (?:\d+|one|two|three|four|six) (?:weeks?|months?)\b/i;

/**
 * "Experience of the acute medical take", "previous ICU experience", "background in critical
 * care": a setting to have worked in, no years. The object of the phrase must name a specialty
 * or setting; "experience of teaching" is a skill, not a setting.
 */
const EXPERIENCE_OF =
  /\b(?:experience|experienced|background|worked|working|employment|placements?|posts?|rotations?|grounding)\s+(?:of|covering|in|with|within|on|at|across|as|gained in|working (?:in|on|with|within|as|at)|in the field of)\s+(?:the\s+|a\s+|an\s+)?([^.;]{0,70})/i;
const BEFORE_EXPERIENCE = /([A-Za-z&/ -]{3,40})\s+(?:experience|background|nursing experience)\b/i;
/** Experience *of doing* one of the skill topics is that skill, wherever it was done. */
const ACTIVITY =
  /^(?:teach|train(?:ing)? (?:of |others|staff|students|junior)|mentor|supervis|precept|educat|audit|research|quality improvement|service improvement|work(?:ing)? (?:as part|in a team|autonomously|independently)|using|use of|communicat|writing)/i;

export function findSpecialtyExperience(text: string): ExperienceMention | undefined {
  const of = EXPERIENCE_OF.exec(text);
  const object = of?.[1];
  const named = object && !ACTIVITY.test(object) ? settingsIn(object) : null;
  const before = named ? null : BEFORE_EXPERIENCE.exec(text)?.[1];
  const specialty = named ?? (before ? settingsIn(before) : null);
  return specialty ? { key: 'specialty', start: 0, end: text.length, years: null, specialty, level: null } : undefined;
}
