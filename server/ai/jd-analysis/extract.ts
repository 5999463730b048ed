import type { Requirement } from './schema.ts';
import type { Candidate, Importance } from './segment.ts';
import { isFurniture } from './segment.ts';
import { findExperienceYears, findSpecialtyExperience, findStages, GAPS, type ExperienceMention } from './experience.ts';
import { findTermMentions, skillTopic, type Country, type Mention } from './vocabulary.ts';
import { proceduresIn, splitProcedures } from './procedures.ts';

/**
 * One candidate statement -> atomic typed requirements. "Current ALS, APLS and ATLS (or ETC)"
 * is three course requirements, the last with ETC as an alternative; "ALS or ILS" is one; a
 * sentence naming no term becomes an experience or skill requirement if it asks for something.
 * Importance comes from the statement's own words first ("preferred", "would be an advantage",
 * "(ALS desirable)"), then from its table cell or section heading, and is essential otherwise.
 */

/** Words that make a sentence outside a requirements section a requirement. */
const ASKS =
  /\b(?:you must|must (?:be|have|hold|possess|demonstrate|show|provide|already|also)|you(?: will|'ll| would| should) (?:also )?(?:need|require|have|hold|possess|bring)|you need|you should (?:be|have|hold)|you will be (?:an? )?(?:registered|qualified|experienced|eligible|able|confident|competent|skilled|educated|trained|licensed|certified)|you(?:'ll| will) be (?:an? )?(?:registered|qualified|experienced)|you(?:'ll| will)? need\b|we require|requires?|we(?:'re| are) (?:looking|seeking) for (?:someone|a candidate|applicants|people|candidates|a nurse|a doctor|an? [a-z]+) (?:with|who)|we (?:would|will) (?:also )?(?:welcome|like|expect)|we(?:'d| would) (?:like|love) to hear from (?!you\b)|(?:who|that) (?:hold|holds)\b|who (?:have|has) (?:a |an |the )?(?:current|full|valid|completed|at least|experience)\b|candidates (?:must|should|will|need)|applicants (?:must|should|will|need)|the (?:successful|ideal) (?:candidate|applicant|person|post ?holder)|(?:is|are|is also|are also) (?:essential|required|mandatory|a requirement|desirable|preferred)|required|essential|desirable|would be (?:an )?advantage(?:ous)?|(?:is|are) (?:an )?advantage|advantageous|preferred|preferably|ideally|(?:is|are) a (?:plus|bonus)|nice to have|subject to|contingent (?:up)?on|conditional (?:up)?on|depends? (?:up)?on|(?:is|are) (?:needed|necessary)|dependent (?:up)?on|to be considered|in order to (?:apply|be considered)|eligible for|evidence of|holds? (?:a |an )?(?:current|valid|full)|minimum of|at least|need to (?:have|hold|be)|expected to (?:have|hold)|please ensure you have|we(?:'ll| will)? (?:also )?(?:need|require|ask for|check)|we (?:cannot|can't|won't|will not|are unable to) (?:book|place|put you forward|accept|offer|proceed|start)\b[^.]{0,40}\b(?:until|unless|without)|(?:upload|provide|send|bring|submit|show|present|attach|email) (?:us )?(?:your|a|an|copies|evidence|proof|certificates?|the|two|three|all)\b|(?:is|are) (?:mandatory|compulsory|a must)|no (?:more|longer) than)\b/i;
const DESIRABLE_WORDS =
  /\b(?:desirable|preferred|preferably|advantage(?:ous)?|ideally|a plus|a bonus|nice to have|not (?:essential|required|mandatory)|welcome(?:d)?|would be (?:good|great|helpful|useful)|beneficial|we(?:'d| would) (?:also )?(?:like|love)(?! to hear from)|particularly (?:welcome|interested)|an asset)\b/i;
const ESSENTIAL_WORDS = /\b(?:essential|must|required|mandatory|a requirement|necessary|needed|need to|you will need|you'll need)\b/i;
const QUESTION = /\?\s*$/;

/** Duty sentences ("You will lead...", "Provide...") are not requirements, whatever their words. */
const DUTY =
  /^(?:as an? [^,]{0,60},\s*)?(?:(?:completes|performs|provides|assesses|coordinates|co-ordinates|maintains|documents|participates|ensures|develops|delivers|supervises|communicates|collaborates|educates|administers|monitors|reviews|prepares|responds|follows|manages|leads|supports|works|reports|attends|conducts|implements|evaluates|plans|teaches|liaises|acts|undertakes|contributes|carries out|takes)\b|you will (?:also )?(?:work|be working|join|lead|provide|support|manage|deliver|take|be responsible|be accountable|carry out|participate|contribute|assess|develop|ensure|coordinate|co-ordinate|care|see|run|cover|act|hold a caseload|undertake|attend|liaise|help|play|get|receive|benefit|enjoy|rotate|spend|also)\b|the (?:post ?holder|successful candidate|practitioner|nurse|doctor) will (?:be (?:responsible|accountable|expected to (?!have|hold))|work|lead|provide|support|manage|deliver|take|carry|participate|contribute|undertake|attend|ensure|act)|(?:duties|responsibilities) (?:include|will)|as (?:part of|a member of)|working (?:closely|alongside|as part)|(?:provide|deliver|manage|lead|support|undertake|participate|ensure|maintain|coordinate|co-ordinate|assess|plan|implement|evaluate|document|admit|complete|liaise|attend|contribute|take part|act as|carry out|run|supervise|teach|work)\b(?! experience))/i;

/** Text that is about the post, the team or the employer rather than the person. */
const ABOUT_THE_JOB =
  /^(?:if|once|when|after|before|because|so|as soon as|we|our|the (?:trust|department|team|unit|ward|practice|service|hospital|post|role|successful candidate will (?:be|work|join|have access))|this (?:is|post|role|position|job)|there (?:is|are)|join|come and|applications?|all (?:applicants|offers|posts)|interviews?|if you|for (?:further|more|an informal)|please|informal (?:visits?|enquiries)|visits?|the closing date|closing date|salary|we offer)\b/i;

const LEAD_IN = /:\s*$/;
const QUALIFIER = /^(?:a |an )?(?:current|valid|up[- ]to[- ]date|in[- ]date|full|recent)\b/i;

const QUALIFIES_PREVIOUS = /^(?:at least one|one of (?:them|which|these)|of which|which|this|these|both|either|including|ideally one|with at least|preferably one|not necessarily)\b/i;

interface Clause {
  text: string;
  importance: Importance;
}

/** ";" separates requirements in one line; so do sentences. Brackets stay whole. */
function clauses(candidate: Candidate): Clause[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const t = candidate.text;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) {
      parts.push(t.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(t.slice(start));
  const base = candidate.importance;
  // "...references covering two years; at least one must be from a consultant": the second part
  // qualifies the first, it is not a requirement of its own.
  const merged: string[] = [];
  for (const part of parts.map((p) => p.trim().replace(/^(?:and|or)\s+/i, '')).filter(Boolean)) {
    if (merged.length && QUALIFIES_PREVIOUS.test(part)) merged[merged.length - 1] += `; ${part}`;
    else merged.push(part);
  }
  return merged.map((text) => ({ text, importance: importanceOf(text, base, candidate.fromTableCell) }));
}

function importanceOf(text: string, base: Importance | undefined, fromTableCell: boolean): Importance {
  // The table cell is the advert's own verdict on a person-specification row.
  if (fromTableCell && base) return base;
  const withoutAsides = text.replace(/\([^)]*\)/g, ' ');
  if (/\b(?:not|n't) (?:essential|required|mandatory)\b/i.test(withoutAsides)) return 'desirable';
  if (DESIRABLE_WORDS.test(withoutAsides) && !/\b(?:must|required|essential|mandatory)\b/i.test(withoutAsides)) return 'desirable';
  if (ESSENTIAL_WORDS.test(withoutAsides) && !DESIRABLE_WORDS.test(withoutAsides)) return 'essential';
  return base ?? 'essential';
}

/** "Applicants must meet all of the following": an introduction to requirements, not one. */
const LEAD_IN_SENTENCE =
  /\b(?:the following|as follows|(?:listed|set out|shown|detailed) (?:below|above)|see below|each of the (?:essential |desirable )?criteria|all (?:of )?the (?:essential |desirable )?criteria|the person specification|the criteria (?:below|above))\b/i;
const CONDITION = /\b(?:subject to|contingent (?:up)?on|conditional (?:up)?on|depends? (?:up)?on|dependent (?:up)?on)\b/i;

/** "EPP clearance is not needed": named, but explicitly not asked for. */
const NOT_NEEDED = /\b(?:not|n't|never) (?:be )?(?:needed|necessary|required|a requirement|part of (?:this|the) (?:post|role|job))\b|\bno need (?:for|to)\b|\bdoes not (?:need|require)\b/i;
const ADVANTAGE = /\b(?:advantage|desirable|preferred|welcome|helpful|bonus|plus)\b/i;

/** Does this statement ask something of the candidate (rather than describe the job)? */
function asksSomething(candidate: Candidate, mentions: number, checks: number): boolean {
  const t = candidate.text;
  if (isFurniture(t) || (t.length < 4 && !mentions)) return false;
  if (!mentions && LEAD_IN_SENTENCE.test(t)) return false;
  if (NOT_NEEDED.test(t) && !ADVANTAGE.test(t)) return false;
  if (candidate.role === 'requirements') {
    if (QUESTION.test(t) && !mentions) return false;
    if (ABOUT_THE_JOB.test(t) && !ASKS.test(t) && !mentions) return false;
    return true;
  }
  if (QUESTION.test(t)) return false;
  if (DUTY.test(t) && !/\b(?:must|need|required|essential)\b/i.test(t)) return false;
  // In a duties or benefits section only a plain demand counts, or a condition of appointment.
  const demand = /\b(?:must|need|required|essential|desirable|advantage)\b/i.test(t) || (CONDITION.test(t) && checks > 0);
  if (candidate.role === 'other') return demand && mentions > 0 && !/\b(?:we (?:offer|provide|will (?:support|fund|pay))|funded|support(?:ed)? (?:you|to)|opportunit(?:y|ies) to)\b/i.test(t);
  if (candidate.role === 'duties') return ASKS.test(t) && demand;
  // Outside any section, a list item naming a registration, course or check is asked for.
  return ASKS.test(t) || (candidate.bullet && mentions > 0);
}

const base = (text: string, importance: Importance): Omit<Requirement, 'kind' | 'key'> => ({
  text,
  importance,
  alternatives: [],
  detail: null,
  years: null,
  specialty: null,
  level: null,
});

/** "ALS or ILS", "APLS/EPLS", "ATLS (or ETC)": mentions of one kind joined by "or" are one requirement. */
function groupAlternatives(text: string, mentions: Mention[]): Mention[][] {
  // "One of MRCP(UK), MRCEM, Primary FRCA or MRCS": a list of one kind ending in "or" is one choice.
  if (mentions.length > 2 && mentions.every((m) => m.kind === mentions[0]!.kind)) {
    const gaps = mentions.slice(1).map((m, i) => text.slice(mentions[i]!.end, m.start));
    if (gaps.every((g) => /^\s*(?:\([^)]*\))?\s*(?:,|\/|,?\s*or)\s*(?:the\s+)?$/i.test(g)) && /\bor\b/i.test(gaps.at(-1)!)) return [mentions];
  }
  const groups: Mention[][] = [];
  for (const m of mentions) {
    const last = groups.at(-1)?.at(-1);
    const between = last ? text.slice(last.end, m.start) : '';
    if (last && last.kind === m.kind && /^\s*(?:\(?\s*or\s+(?:an?\s+|the\s+)?|\/|,?\s*or\s+(?:equivalent\s+(?:such as|e\.g\.)\s+)?|\s+or\s+)\s*$/i.test(between)) groups.at(-1)!.push(m);
    else groups.push([m]);
  }
  return groups;
}

/**
 * The words of one requirement when a clause names several: the part of the list it sits in
 * ("GMC registration with a licence to practise, on the GP Register and the Performers List"
 * gives "GMC registration with a licence to practise" and "the NHS England Medical Performers
 * List"), with the clause's qualifier carried over ("Current ALS, APLS" gives "Current APLS").
 */
function atomicText(clause: string, group: Mention[], many: boolean): string {
  if (!many) return clause;
  const parts: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let from = 0;
  const separator = /^(?:,\s+|;\s+|\s+and\s+|\s+&\s+|\s+as well as\s+)/i;
  for (let i = 0; i < clause.length; i++) {
    const c = clause[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    const sep = depth === 0 ? separator.exec(clause.slice(i)) : null;
    if (sep) {
      parts.push({ start: from, end: i });
      from = i + sep[0].length;
      i = from - 1;
    }
  }
  parts.push({ start: from, end: clause.length });
  const first = group[0]!;
  const last = group.at(-1)!;
  const covering = parts.filter((p) => p.end > first.start && p.start < last.end);
  let words = clause
    .slice(covering[0]!.start, covering.at(-1)!.end)
    .trim()
    .replace(/[.,;:]$/, '');
  // "ATLS (or ETC": close the bracket the alternative opened.
  if ((words.match(/\(/g) ?? []).length > (words.match(/\)/g) ?? []).length) words += ')';
  const qualifier = QUALIFIER.exec(clause)?.[0];
  if (qualifier && words.split(/\s+/).length <= 3 && !words.toLowerCase().startsWith(qualifier.toLowerCase())) words = `${qualifier[0]!.toUpperCase()}${qualifier.slice(1)} ${words}`;
  return words;
}

/** A course or term named inside brackets that say "desirable" is desirable ("Current ILS (ALS desirable)"). */
function asideImportance(clause: string, m: { start: number; end: number }): Importance | undefined {
  for (const aside of clause.matchAll(/\(([^)]*)\)/g)) {
    const from = aside.index;
    const to = from + aside[0].length;
    if (m.start >= from && m.end <= to) {
      if (DESIRABLE_WORDS.test(aside[1]!)) return 'desirable';
      if (/\b(?:essential|required|must)\b/i.test(aside[1]!)) return 'essential';
    }
  }
  return undefined;
}

function fromMention(clause: Clause, group: Mention[], many: boolean): Requirement {
  const [first, ...rest] = group;
  const importance = asideImportance(clause.text, first!) ?? clause.importance;
  const req: Requirement = { ...base(atomicText(clause.text, group, many), importance), kind: first!.kind, key: first!.key, alternatives: rest.map((m) => m.key), detail: first!.detail };
  if (req.kind === 'check' && req.key === 'dbs') return { ...req, detail: null, level: first!.detail };
  return req;
}

const withWindow = (req: Requirement, window: string | undefined): Requirement => (window && req.kind === 'course' && !req.detail ? { ...req, detail: window } : req);

function fromExperience(clause: Clause, m: ExperienceMention, text: string): Requirement {
  return { ...base(text, clause.importance), kind: 'experience', key: m.key, years: m.years, specialty: m.specialty, level: m.level };
}

const cleanText = (text: string) =>
  text
    .replace(/^(?:essential|desirable|preferred|required)\s*[:\-–]\s*/i, '')
    .replace(/\s*\((?:E|D|essential|desirable)\)\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();

export function extractRequirements(candidate: Candidate, country: Country | null): Requirement[] {
  const out: Requirement[] = [];
  for (const clause of clauses(candidate)) {
    const text = cleanText(clause.text);
    if (!text || LEAD_IN.test(text)) continue;
    const terms = findTermMentions(text, country);
    const years = findExperienceYears(text);
    const stages = findStages(text);
    const mentions = terms.length + years.length + stages.length;
    if (!asksSomething({ ...candidate, text }, mentions, terms.filter((m) => m.kind === 'check').length)) continue;

    // "Registered midwife on the NMC register" names NMC registration twice: once is enough.
    const distinct = terms.filter((m, i) => !terms.slice(0, i).some((p) => p.kind === m.kind && p.key === m.key));
    const groups = groupAlternatives(text, distinct);
    const many = groups.length + years.length + stages.length > 1;
    // A course in a list whose lead-in set a window carries it ("within the last 12 months").
    for (const group of groups) out.push(withWindow(fromMention({ ...clause, text }, group, many), candidate.window));
    for (const y of years)
      out.push(
        fromExperience(
          { ...clause, text },
          y,
          many
            ? text
                .slice(y.start, Math.min(text.length, y.end + 80))
                .replace(/[,;].*$/, '')
                .trim()
            : text,
        ),
      );
    for (const s of stages) out.push(fromExperience({ ...clause, text }, s, text));
    // "3 years' critical care experience, including shifts as nurse in charge": the rest is a skill.
    const including = years.length ? /\b(?:including|with)\s+([^;]{8,})$/i.exec(text.slice(years.at(-1)!.end)) : null;
    if (including && skillTopic(including[1]!) !== 'free') out.push({ ...base(including[1]!.replace(/[.,]$/, ''), clause.importance), kind: 'skill', key: skillTopic(including[1]!) });
    if (mentions) continue;

    if (GAPS.test(text)) {
      out.push({ ...base(text, clause.importance), kind: 'experience', key: 'gaps' });
      continue;
    }
    // No term: a setting to have worked in, or a skill, if there is enough to it to be one.
    const words = text.match(/[A-Za-z]{3,}/g) ?? [];
    if (words.length < 2 || isFurniture(text)) continue;
    const topic = skillTopic(text);
    const setting = findSpecialtyExperience(text);
    if (setting && proceduresIn(text).length < 2) out.push(fromExperience({ ...clause, text }, setting, text));
    else for (const one of splitProcedures(text)) out.push({ ...base(one, clause.importance), kind: 'skill', key: one === text ? topic : 'free' });
  }
  return out;
}
