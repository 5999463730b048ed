/**
 * Every course Medfolio recognises by name, in one list: life support, trauma, obstetric and
 * mandatory training. The same patterns read a clinician's training record and a job advert,
 * so "the job asks for APLS" and "you hold APLS" can never disagree about what APLS is.
 *
 * Patterns run on the original text. Acronyms are matched case-sensitively (so "etc." is not
 * the European Trauma Course and "also" is not ALS); names ignore case. Entries are ordered
 * most specific first, and a name pattern refuses its more specific relatives ("Paediatric
 * Immediate Life Support" is PILS, never ILS; "Advanced Life Support in Obstetrics" is not ALS).
 *
 * `validityMonths` makes a course part of the training catalogue (expiry computed on entry,
 * reminders, pre-screening); the catalogue table holds the editable copy of those rules.
 */
export interface Course {
  id: string;
  name: string;
  /** Short form people write ("ALS"). */
  short: string;
  patterns: RegExp[];
  /** US courses (American Heart Association cards). */
  us?: boolean;
  validityMonths?: number;
  /** AHA cards run to the end of the month they expire in. */
  endOfMonth?: boolean;
}

const NOT_PAEDIATRIC = '(?<!(?:paediatric|pediatric|neonatal|newborn|immediate|obstetric)\\s)';

export const COURSES: Course[] = [
  {
    id: 'aha-bls',
    name: 'AHA Basic Life Support (BLS)',
    short: 'BLS (AHA)',
    us: true,
    validityMonths: 24,
    endOfMonth: true,
    patterns: [
      /(?<=\b(?:AHA|American Heart Association)\b[^.;\n]{0,40})\b(?:BLS|[Bb]asic [Ll]ife [Ss]upport)\b/,
      /\b(?:BLS|[Bb]asic [Ll]ife [Ss]upport)\b(?=[^.;\n]{0,40}\b(?:AHA|American Heart Association)\b)/,
      /\bBLS for (?:Healthcare Providers|Health ?care Professionals)\b/i,
    ],
  },
  {
    id: 'aha-acls',
    name: 'AHA Advanced Cardiovascular Life Support (ACLS)',
    short: 'ACLS',
    us: true,
    validityMonths: 24,
    endOfMonth: true,
    patterns: [/\bACLS\b/, /advanced cardi(?:ovascular|ac) life support/i],
  },
  { id: 'aha-pals', name: 'AHA Pediatric Advanced Life Support (PALS)', short: 'PALS', us: true, validityMonths: 24, endOfMonth: true, patterns: [/\bPALS\b/, /pediatric advanced life support/i] },
  { id: 'nrp', name: 'Neonatal Resuscitation Program (NRP)', short: 'NRP', us: true, validityMonths: 24, endOfMonth: true, patterns: [/\bNRP\b/, /neonatal resuscitation program\b/i] },
  { id: 'tncc', name: 'Trauma Nursing Core Course (TNCC)', short: 'TNCC', validityMonths: 48, patterns: [/\bTNCC\b/, /trauma nursing core course/i] },
  { id: 'epls', name: 'European Paediatric Advanced Life Support (EPALS)', short: 'EPALS', validityMonths: 48, patterns: [/\bEP(?:A)?LS\b/, /european paediatric (?:advanced )?life support/i] },
  { id: 'pils', name: 'Paediatric Immediate Life Support (PILS)', short: 'PILS', validityMonths: 12, patterns: [/\bPILS\b/, /paediatric immediate life support/i] },
  { id: 'apls', name: 'Advanced Paediatric Life Support (APLS)', short: 'APLS', validityMonths: 48, patterns: [/\bAPLS\b/, /advanced paediatric life support/i, /paediatric advanced life support/i] },
  { id: 'nls', name: 'Newborn Life Support (NLS)', short: 'NLS', validityMonths: 48, patterns: [/\bNLS\b/, /(?:newborn|neonatal) life support/i] },
  { id: 'atls', name: 'Advanced Trauma Life Support (ATLS)', short: 'ATLS', validityMonths: 48, patterns: [/\bATLS\b/, /advanced trauma life support/i] },
  { id: 'etc', name: 'European Trauma Course (ETC)', short: 'ETC', validityMonths: 48, patterns: [/\bETC\b(?!\.)/, /european trauma course/i] },
  { id: 'phtls', name: 'Prehospital Trauma Life Support (PHTLS)', short: 'PHTLS', validityMonths: 48, patterns: [/\bPHTLS\b/, /pre-?hospital trauma life support/i] },
  {
    id: 'prompt',
    name: 'PROMPT (Practical Obstetric Multi-Professional Training)',
    short: 'PROMPT',
    validityMonths: 12,
    patterns: [/\bPROMPT\b/, /practical obstetric multi-?professional training/i],
  },
  { id: 'also', name: 'Advanced Life Support in Obstetrics (ALSO)', short: 'ALSO', patterns: [/\bALSO\b/, /advanced life support in obstetrics/i] },
  { id: 'als', name: 'Advanced Life Support (ALS)', short: 'ALS', validityMonths: 48, patterns: [/\bALS\b/, new RegExp(`${NOT_PAEDIATRIC}advanced life support(?! in obstetrics)`, 'i')] },
  { id: 'ils', name: 'Immediate Life Support (ILS)', short: 'ILS', validityMonths: 12, patterns: [/\bILS\b/, new RegExp(`${NOT_PAEDIATRIC}immediate life support`, 'i')] },
  {
    id: 'bls',
    name: 'Basic Life Support (BLS)',
    short: 'BLS',
    validityMonths: 12,
    patterns: [/\bBLS\b/, new RegExp(`${NOT_PAEDIATRIC}basic life support`, 'i'), /\bCPR (?:training|certification|certificate)\b/i],
  },
  // Adults first: "Safeguarding Adults Level 3" is adults training; a level 3 with no group named
  // (or children's) is the children's level 3 that adverts mean by "Safeguarding Level 3".
  {
    id: 'safeguarding-adults',
    name: 'Safeguarding Adults',
    short: 'Safeguarding Adults',
    validityMonths: 36,
    patterns: [/safeguarding (?:of )?(?:vulnerable )?adults(?:\s+(?:level|L)\s?[1-3])?/i, /adult safeguarding/i],
  },
  {
    id: 'safeguarding-l3',
    name: 'Safeguarding Level 3',
    short: 'Safeguarding Level 3',
    validityMonths: 36,
    patterns: [/safeguarding\b[^.;\n]{0,40}?\b(?:level|lvl|L)\s?(?:3|three)\b/i, /\b(?:level|L)\s?(?:3|three)\b[^.;\n]{0,20}?safeguarding/i],
  },
  {
    id: 'safeguarding-children',
    name: 'Safeguarding Children',
    short: 'Safeguarding Children',
    patterns: [/safeguarding (?:of )?children/i, /child(?:ren'?s)? safeguarding/i, /child protection training/i],
  },
  {
    id: 'information-governance',
    name: 'Information Governance',
    short: 'Information Governance',
    validityMonths: 12,
    patterns: [/information governance/i, /data security awareness/i, /data security and protection training/i, /\bIG\b (?:training|toolkit)/],
  },
  { id: 'manual-handling', name: 'Manual Handling', short: 'Manual Handling', patterns: [/(?:manual|moving and|patient) handling/i] },
  { id: 'infection-control', name: 'Infection Prevention and Control', short: 'Infection Control', patterns: [/infection (?:prevention and |prevention & )?control/i, /\bIPC\b training/] },
  { id: 'fire-safety', name: 'Fire Safety', short: 'Fire Safety', patterns: [/\bfire (?:safety|training|awareness|warden)/i] },
  {
    id: 'mca-dols',
    name: 'Mental Capacity Act and DoLS',
    short: 'MCA/DoLS',
    patterns: [
      /\b(?:MCA|DoLS)\b[^.;\n]{0,30}\btraining\b/,
      /(?:mental capacity act|deprivation of liberty)[^.;\n]{0,30}\btraining\b/i,
      /mental capacity act\s*(?:\(MCA\))?\s*(?:and|&|\/)\s*(?:DoLS|deprivation of liberty)/i,
    ],
  },
  { id: 'conflict-resolution', name: 'Conflict Resolution', short: 'Conflict Resolution', patterns: [/conflict resolution/i] },
  {
    id: 'mandatory-training',
    name: 'Mandatory training',
    short: 'Mandatory training',
    patterns: [/\b(?:statutory (?:and|&) )?mandatory training\b/i, /\bcore skills training framework\b/i, /\bCSTF\b/, /\bMAST\b/, /\bstat(?:utory)? ?(?:and|&)? ?mand(?:atory)?\b/i],
  },
];

export const courseById = new Map(COURSES.map((c) => [c.id, c]));

export interface CourseMention {
  id: string;
  start: number;
  end: number;
}

/**
 * Every course named in a text, with where it is named. Where two courses claim the same words
 * (the first pattern in list order wins), the more specific one keeps them.
 */
export function findCourses(text: string, options: { country?: 'UK' | 'US' } = {}): CourseMention[] {
  const found: CourseMention[] = [];
  const taken: Array<[number, number]> = [];
  for (const course of COURSES) {
    for (const pattern of course.patterns) {
      for (const m of text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) {
        const start = m.index;
        const end = start + m[0].length;
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        taken.push([start, end]);
        found.push({ id: usVariant(course.id, options.country), start, end });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** In a US setting "BLS" is the American Heart Association card. */
const usVariant = (id: string, country: 'UK' | 'US' | undefined) => (country === 'US' && id === 'bls' ? 'aha-bls' : id);

/** The course a free-text certificate name refers to, if any (the first course it names). */
export function matchCourse(name: string): string | undefined {
  return findCourses(name)[0]?.id;
}
