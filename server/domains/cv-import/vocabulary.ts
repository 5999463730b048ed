import { normaliseRegistrationNumber, registrationNumberProblem, type RegistrationBody } from '../record/identifiers.ts';

/**
 * The words CVs use, for reading one: section headings in their common wordings, what a job
 * title and an employer's name look like, clinical grades and registration numbers.
 */
export type SectionKind = 'work' | 'education' | 'courses' | 'registration' | 'other';

/** Headings compared as lower-case letters only, so "W O R K  E X P E R I E N C E:" matches too. */
const HEADINGS: Record<Exclude<SectionKind, 'other'>, string[]> = {
  work: [
    'experience',
    'work',
    'workexperience',
    'workhistory',
    'employment',
    'employmenthistory',
    'employmentrecord',
    'professionalexperience',
    'clinicalexperience',
    'relevantexperience',
    'careerhistory',
    'career',
    'careersummary',
    'professionalhistory',
    'positionsheld',
    'posts',
    'postsheld',
    'appointments',
    'previousappointments',
    'currentandpreviousappointments',
    'currentandpreviousposts',
    'medicalexperience',
    'nursingexperience',
    'clinicalposts',
    'experienceandemployment',
    'employmentandexperience',
    'workandexperience',
    'previousemployment',
  ],
  education: [
    'education',
    'qualifications',
    'academicqualifications',
    'educationandqualifications',
    'qualificationsandeducation',
    'academichistory',
    'degrees',
    'academicbackground',
    'educationalbackground',
    'educationhistory',
    'undergraduateandpostgraduateeducation',
    'professionalqualifications',
  ],
  courses: [
    'courses',
    'certificates',
    'certifications',
    'training',
    'coursesattended',
    'trainingandcourses',
    'coursesandtraining',
    'mandatorytraining',
    'postgraduatecourses',
    'coursesandcertificates',
    'certificatesandcourses',
    'professionaldevelopment',
    'cpd',
    'continuingprofessionaldevelopment',
    'licensesandcertifications',
    'licencesandcertifications',
    'additionaltraining',
    'lifesupportcourses',
    'clinicaltraining',
  ],
  registration: ['registration', 'registrations', 'professionalregistration', 'professionalregistrations', 'registrationandlicensing', 'licensure', 'registrationandlicences'],
};
/** Headings that end the section before them and hold nothing this reader takes. */
const OTHER_HEADINGS = [
  'summary',
  'profile',
  'about',
  'aboutme',
  'personalstatement',
  'personalprofile',
  'professionalsummary',
  'careerobjective',
  'objective',
  'skills',
  'keyskills',
  'clinicalskills',
  'technicalskills',
  'languages',
  'interests',
  'hobbies',
  'hobbiesandinterests',
  'references',
  'referees',
  'publications',
  'presentations',
  'publicationsandpresentations',
  'awards',
  'prizes',
  'awardsandprizes',
  'honours',
  'honoursandawards',
  'achievements',
  'volunteer',
  'volunteering',
  'volunteerexperience',
  'projects',
  'audit',
  'audits',
  'qualityimprovement',
  'auditandqualityimprovement',
  'teaching',
  'research',
  'memberships',
  'professionalmemberships',
  'personaldetails',
  'contact',
  'contactdetails',
  'leadership',
  'management',
  'leadershipandmanagement',
];

const headingKey = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
const HEADING_KIND = new Map<string, SectionKind>([
  ...Object.entries(HEADINGS).flatMap(([kind, keys]) => keys.map((k) => [k, kind as SectionKind] as const)),
  ...OTHER_HEADINGS.map((k) => [k, 'other'] as const),
]);

/** The section a heading opens, if the text is one ("Employment History", "EDUCATION:"). */
export function headingKind(text: string): SectionKind | undefined {
  // A heading starts with a capital and is no sentence: "teaching." wrapped from a line above is not one.
  if (text.length > 60 || /\d/.test(text) || !/^\p{Lu}/u.test(text.trim()) || /\.$/.test(text.trim())) return undefined;
  return HEADING_KIND.get(headingKey(text));
}

const TITLE_WORDS =
  /\b(consultant|registrar|sho|senior house officer|house officer|foundation (?:year|doctor|trainee)|fy[12]|f[12]|ct[1-3]|st[1-8]|acct|specialty|speciality|trainee|doctor|physician|surgeon|anaesthetist|gp|general practitioner|locum|fellow|resident|intern|nurse|sister|charge nurse|matron|midwife|health visitor|paramedic|practitioner|technician|technologist|therapist|physiotherapist|dietitian|psychologist|pharmacist|partner|appraiser|hospitalist|radiographer|manager|lead|head|director|chief|officer|assistant|associate|coordinator|specialist|advisor|adviser|engineer|developer|programmer|designer|analyst|architect|founder|co-founder|ceo|cto|coo|cfo|president|vice president|teacher|lecturer|tutor|researcher|scientist|student|volunteer|administrator|consultant|clinician|band\s?[2-9]|staff|worker|representative|editor|writer)\b/gi;
const ORG_WORDS =
  /\b(nhs|trust|hospitals?|infirmary|university|college|school|institute|academy|clinic|practice|surgery|health|healthcare|service|services|board|ltd|limited|inc|llc|plc|corp|corporation|company|group|agency|council|centre|center|labs?|technologies|systems|solutions|partners|ambulance|medical|foundation trust|ministry|department|network|partnership|locums?|staffing|self-employed|self employed)\b/gi;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;
/** Names are written in capitals: a line of mostly lower-case words is a description, not a name. */
export const capitalisedShare = (text: string) => {
  // Words in brackets are a note ("(self-employed private practice)"), not the name.
  const words = text
    .replace(/\([^()]*\)/g, ' ')
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w) && !/^(of|and|the|for|in|at|to|on|with|a|an|&|de|la|und)$/i.test(w));
  return words.length ? words.filter((w) => /^[A-Z]/.test(w)).length / words.length : 0;
};

/**
 * After a title's comma comes its specialty ("Senior House Officer, General Medical Rotation"), and
 * in brackets a note ("Physiotherapist (self-employed private practice)"): neither names an employer.
 */
const withoutNotes = (text: string) => text.replace(/\([^()]*\)/g, ' ');
/** A name's head noun comes last: a title ends in one ("Operating Department Practitioner"), an employer in another ("Theatre Staffing Ltd"). */
const ENDS_IN_TITLE = new RegExp(`(?:${TITLE_WORDS.source})\\s*$`, 'i');
export const titleScore = (text: string) => {
  const head = withoutNotes(text).split(/,\s+/)[0]!.trim();
  // "Self-employed locum pharmacist" says who employed, whatever it ends in.
  const headIsTitle = ENDS_IN_TITLE.test(head) && !/^self[- ]employed\b/i.test(head);
  return 2 * count(text, TITLE_WORDS) + (findGrade(text) ? 1 : 0) - (headIsTitle ? 0 : 2 * count(head, ORG_WORDS));
};
export const employerScore = (text: string) => 2 * count(text, ORG_WORDS) - count(text, TITLE_WORDS) + (capitalisedShare(text) >= 0.6 ? 1 : -1);

const GRADE = /\b(FY1|FY2|F1|F2|CT[1-3]|ST[1-8]|ACCS|StR|SpR|SHO|Specialty Doctor|Speciality Doctor|Associate Specialist|Consultant|Band\s?[2-9][a-d]?|Specialist Registrar|Staff Grade)\b/i;
/** A grade named in a title: "Clinical Fellow (ST3 equivalent)" gives "ST3". */
export function findGrade(text: string): string | null {
  const m = text.match(GRADE);
  if (!m) return null;
  const g = m[1]!.replace(/\s+/, ' ');
  return /^band/i.test(g) ? `Band ${g.replace(/^band\s?/i, '')}` : /^(fy|f|ct|st|sho|spr|str|accs)/i.test(g) ? g.toUpperCase().replace('STR', 'StR').replace('SPR', 'SpR') : g;
}

const REGISTRATION_PATTERNS: Array<{ body: RegistrationBody; re: RegExp }> = [
  { body: 'GMC', re: /\bGMC\b[^0-9\n]{0,30}?(\d{7})\b/gi },
  { body: 'NMC', re: /\bNMC\b[^0-9\n]{0,30}?(\d{2}\s?[A-Z]\s?\d{4}\s?[A-Z])\b/gi },
  { body: 'HCPC', re: /\bHCPC\b[^\n]{0,30}?\b([A-Z]{2,3}\s?\d{1,6})\b/gi },
];

/** Registration numbers named with their regulator, checked by the record's own rules. */
export function findRegistrations(text: string): Array<{ body: RegistrationBody; number: string }> {
  const found = new Map<string, { body: RegistrationBody; number: string }>();
  for (const { body, re } of REGISTRATION_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const number = normaliseRegistrationNumber(m[1]!);
      if (!registrationNumberProblem(body, number)) found.set(`${body}:${number}`, { body, number });
    }
  }
  return [...found.values()];
}

const ENGLISH_WORDS = new Set(['the', 'and', 'of', 'in', 'to', 'for', 'with', 'at', 'on', 'as', 'by', 'from', 'is', 'was', 'my', 'an', 'including', 'patients', 'care', 'team']);
// Function words of the languages clinicians in the UK most often also write CVs in.
const OTHER_WORDS = new Set([
  'le',
  'la',
  'les',
  'des',
  'et',
  'du',
  'pour',
  'avec',
  'dans',
  'sur',
  'une',
  'der',
  'die',
  'und',
  'das',
  'mit',
  'für',
  'von',
  'im',
  'eine',
  'el',
  'los',
  'las',
  'y',
  'del',
  'con',
  'para',
  'una',
  'em',
  'os',
  'com',
  'uma',
  'il',
  'di',
  'che',
  'della',
  'per',
  'w',
  'z',
  'na',
  'i',
  'się',
  'oraz',
  've',
  'bir',
]);

/**
 * Whether a CV reads as English: mostly Latin letters, and English function words outnumbering
 * other languages' (tables of names and dates have few of either, and pass).
 */
export function looksEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((l) => /\p{Script=Latin}/u.test(l)).length;
  if (letters.length && latin / letters.length < 0.5) return false;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  const other = words.filter((w) => OTHER_WORDS.has(w)).length;
  return !(other >= 4 && other > 2 * english);
}
