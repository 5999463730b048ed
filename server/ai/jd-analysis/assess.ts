import { RECORD_KINDS } from '../../domains/record/kinds.ts';
import { addDays, daysBetween, readableDate } from '../../domains/record/dates.ts';
import { courseById, findCourses } from '../../domains/record/courses.ts';
import { analyseRecord } from '../../domains/prescreen/analyse.ts';
import { DBS_RANK } from '../../domains/prescreen/roles.ts';
import type { AiRecord } from '../record-view.ts';
import type { AssessedRequirement, EvidenceRef, JobAnalysis, Requirement, RequirementStatus } from './schema.ts';
import { findTermMentions, SKILL_TOPICS, specialtiesIn, termByKey } from './vocabulary.ts';
import { proceduresIn } from './procedures.ts';
import { MANAGING_NOT_PATIENTS } from './vocabulary.ts';

/**
 * Matching: each typed requirement against the whole record (posts and their highlights,
 * registrations, training, DBS checks, education, awards, publications, skills and other
 * sections), on the same vocabulary the advert was read with. Statuses: met, probably met
 * (the record suggests it: check the wording), unmet, expired, expiring (within 30 days).
 * Every status says why in a sentence, and cites the records it rests on. Unmet requirements
 * are reported to the clinician, never written into the CV.
 */
const EXPIRING_DAYS = 30;

type Outcome = Pick<AssessedRequirement, 'status' | 'evidence' | 'note'>;
interface Citable {
  ref: EvidenceRef;
  label: string;
  text: string;
}

const outcome = (status: RequirementStatus, note: string, cited: Citable[] = []): Outcome => ({
  status,
  note,
  evidence: cited.filter((c, i) => cited.findIndex((o) => o.ref.type === c.ref.type && o.ref.id === c.ref.id) === i).map((c) => ({ ...c.ref, label: c.label })),
});

/**
 * What is read from one text or one post, read once per assessment: every requirement asks the
 * same questions of the same records, and a 5,000-item record made that quadratic.
 */
const caches = new Set<Map<string, unknown>>();
const memoByText = <T>(read: (text: string) => T) => {
  const cache = new Map<string, T>();
  caches.add(cache);
  return (text: string): T => {
    let value = cache.get(text);
    if (value === undefined) cache.set(text, (value = read(text)));
    return value;
  };
};
const mentionsIn = memoByText((text) => findTermMentions(text, null));
const fieldsIn = memoByText(specialtiesIn);
const wordsIn = memoByText((text) => contentWords(text));

// ---------------------------------------------------------------------------------------------
// The record, as citable texts

const postLabel = (p: AiRecord['posts'][number]) => `${p.title}, ${p.employer}`;

/** Every piece of the record a requirement could rest on, with a label a person recognises. */
export function citableTexts(record: AiRecord): Citable[] {
  return [
    ...record.posts.flatMap((p) => [
      { ref: { type: 'post', id: p.id }, label: postLabel(p), text: [p.title, p.grade, p.specialty, p.summary].filter(Boolean).join('. ') },
      ...p.achievements.map((a) => ({ ref: { type: 'post', id: p.id }, label: postLabel(p), text: a })),
    ]),
    ...record.training.map((t) => ({ ref: { type: 'training', id: t.id }, label: t.name, text: [t.name, t.provider].filter(Boolean).join(', ') })),
    ...record.education.map((e) => ({
      ref: { type: 'education', id: e.id },
      label: [e.studyType, e.area, e.institution].filter(Boolean).join(', '),
      text: [e.studyType, e.area, e.institution].filter(Boolean).join(' '),
    })),
    ...record.registrations.map((r) => ({
      ref: { type: 'registration', id: r.id },
      label: `${r.body === 'US-STATE-BOARD' ? `${r.jurisdiction ?? 'State'} licence` : `${r.body} registration`}`,
      text: [r.body, r.status, r.conditions, r.jurisdiction].filter(Boolean).join(' '),
    })),
    // The kinds that word their own CV entry (audit, teaching, publications, awards...), in their own words.
    ...RECORD_KINDS.filter((k) => k.cv && k.aiContext).flatMap((kind) =>
      record.items[kind.type].map((item) => ({ ref: { type: kind.type, id: item.id }, label: kind.describe(item), text: `${kind.label}: ${kind.embedText(item) ?? ''}` })),
    ),
    ...record.extras.map((x) => ({ ref: { type: 'extra', id: x.id }, label: x.title, text: x.text })),
  ];
}

const STOP = new Set(
  'the and for with from that this have has are was were been will your you our their within into able ability evidence experience experienced knowledge understanding including such other good sound strong excellent proven demonstrable demonstrated relevant appropriate current recent previous working work skills skill practice clinical patients patient care staff team'.split(
    ' ',
  ),
);
const stem = (w: string) => w.replace(/(?:ments|ment|ings|ing|ions|ion|ies|ied|ed|es|s)$/, '');
/** Words that name the same thing in records and adverts (after stemming). */
const SYNONYMS: Record<string, string> = {
  phlebotomy: 'venepuncture',
  domiciliary: 'home',
  visit: 'home',
  cannula: 'cannulat',
  intravenous: 'iv',
  supervis: 'mentor',
  precept: 'mentor',
  teach: 'mentor',
  train: 'mentor',
  educat: 'mentor',
  haemofiltration: 'crrt',
  hemofiltration: 'crrt',
  haemodiafiltration: 'crrt',
  renal: 'crrt',
  tracheostomie: 'tracheostomy',
  niv: 'ventilation',
  cpap: 'ventilation',
  pocus: 'ultrasound',
  echocardiography: 'echo',
  echocardiogram: 'echo',
  elderly: 'older',
  geriatric: 'older',
  frail: 'older',
};
const contentWords = (text: string) =>
  new Set(
    (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => {
        const s = stem(w);
        return SYNONYMS[s] ?? s;
      }),
  );

/** The record text sharing most of a requirement's words, and how much of it. */
function bestOverlap(text: string, citable: Citable[]): { item: Citable; score: number } | undefined {
  const wanted = contentWords(text);
  if (!wanted.size) return undefined;
  let best: { item: Citable; score: number } | undefined;
  for (const item of citable) {
    const have = wordsIn(item.text);
    const shared = [...wanted].filter((w) => have.has(w)).length;
    const score = shared / Math.min(wanted.size, 5);
    if (shared && (!best || score > best.score)) best = { item, score };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Registrations

const NMC_FIELDS: Array<[string, RegExp]> = [
  ['midwife', /midwi/i],
  ['mental health', /mental health|\bRMN\b|RNMH/i],
  ['learning disabilities', /learning disabilit|\bRNLD\b/i],
  ['children', /child|paediatric|\bRSCN\b/i],
  ['adult', /adult|general|\bRGN\b/i],
];

function assessRegistration(req: Requirement, record: AiRecord, citable: Citable[], asOf: string): Outcome {
  const keys = [req.key, ...req.alternatives];
  const regs = citable.filter((c) => c.ref.type === 'registration' && record.registrations.some((r) => r.id === c.ref.id && keys.includes(registrationKey(r.body))));
  const mentioned = citable.filter((c) => c.ref.type !== 'registration' && mentionsIn(c.text).some((m) => m.kind === 'registration' && keys.includes(m.key)));
  const label = termByKey.get(`registration:${req.key}`)?.label ?? `${req.key} registration`;
  if (!regs.length) {
    if (mentioned.length) return outcome('probably-met', `Your record mentions ${label} (${mentioned[0]!.label}) but has no registration entry for it: add the registration.`, mentioned);
    return outcome('unmet', `Your record has no ${label}.`);
  }
  let held = record.registrations.filter((r) => regs.some((c) => c.ref.id === r.id));
  // "A license to practice in the State of Ohio": a licence from another state does not answer.
  const state = req.key === 'US-LICENSE' ? usStateIn(req.text) : undefined;
  if (state) {
    const inState = held.filter((r) => (r.jurisdiction ?? r.status ?? '').toLowerCase().includes(state.toLowerCase()));
    if (!inState.length) return outcome('unmet', `Your record has no ${state} licence (you hold: ${held.map((r) => r.jurisdiction ?? 'a licence').join(', ')}).`, regs);
    held = inState;
  }
  const inForce = held.filter((r) => !LAPSED.test(r.status ?? '') && (!r.renewalDate || r.renewalDate >= asOf));
  if (!inForce.length) {
    const r = held[0]!;
    return outcome(
      'expired',
      `Your ${label}${state ? ` (${state})` : ''} is not in force: ${r.renewalDate && r.renewalDate < asOf ? `renewal was due on ${readableDate(r.renewalDate)}` : (r.status ?? 'lapsed')}.`,
      citeRegistrations(held, citable),
    );
  }
  held = inForce;
  const status = held.map((r) => `${r.status ?? ''} ${r.conditions ?? ''}`).join(' ');
  if (held.some((r) => r.conditions) && /\bno conditions\b|\bunrestricted\b|\bwithout (?:conditions|restrictions)\b/i.test(req.text)) {
    return outcome('unmet', `Your ${label} has conditions; this post asks for registration without conditions.`, regs);
  }
  if (req.key === 'GMC') {
    if (/provisional/i.test(status) && !/provisional/i.test(req.text)) return outcome('unmet', 'Your GMC registration is provisional; this post asks for full registration.', regs);
    if (req.detail === 'specialist register' && !/specialist register/i.test(status))
      return outcome('probably-met', 'Your GMC registration is on record; it does not say you are on the Specialist Register: check.', regs);
    if (req.detail === 'GP register' && !/gp register/i.test(status)) return outcome('probably-met', 'Your GMC registration is on record; it does not say you are on the GP Register: check.', regs);
    if (req.detail === 'licence to practise' && !/licen[cs]e/i.test(status))
      return outcome('probably-met', 'Your GMC registration is on record; it does not say "with a licence to practise": check the wording.', regs);
  }
  if (req.key === 'NMC' && req.detail) {
    const field = NMC_FIELDS.find(([, p]) => p.test(status))?.[0];
    const wanted = req.detail.split(/ or |, /);
    if (field && !wanted.some((w) => w.includes(field) || field.includes(w)))
      return outcome('unmet', `Your NMC registration is as ${field === 'midwife' ? 'a midwife' : `a ${field} nurse`}; this post asks for ${req.detail}.`, regs);
    if (!field) return outcome('probably-met', `Your NMC registration is on record; it does not say which field (${req.detail}): check.`, regs);
  }
  return outcome('met', `${capitalise(label)} on your record${held[0]!.status ? `: ${held[0]!.status}` : ''}.`, regs);
}

/** A registration whose status says it is not in force. */
const LAPSED = /\b(?:inactive|lapsed|expired|not renewed|suspended|revoked|erased|removed|struck off|retired|voluntar(?:y|ily) (?:removal|removed|surrender\w*))\b/i;
const citeRegistrations = (held: AiRecord['registrations'], citable: Citable[]) => citable.filter((c) => held.some((r) => r.id === c.ref.id));

const US_STATES =
  'Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming'
    .split(' ')
    .concat(['New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Rhode Island', 'South Carolina', 'South Dakota', 'West Virginia', 'District of Columbia']);
/** "License in the State of Ohio", "an active Texas RN license": the one state a requirement names. */
function usStateIn(text: string): string | undefined {
  if (/\b(?:any|one) (?:U\.?S\.? )?state\b|\bcompact\b|\bmultistate\b|\bNLC\b/i.test(text)) return undefined;
  const named = US_STATES.filter((s) => new RegExp(`\\b${s}\\b`).test(text) && !(s === 'Virginia' && /\bWest Virginia\b/.test(text)) && !(s === 'Washington' && /\bWashington,? D\.?C\b/.test(text)));
  return named.length === 1 ? named[0] : undefined;
}

/** Which requirement key a registration row's body answers. */
const registrationKey = (body: string) => (body === 'US-STATE-BOARD' ? 'US-LICENSE' : body);

// ---------------------------------------------------------------------------------------------
// Courses: the same course list reads the record's training and the advert

function assessCourse(req: Requirement, record: AiRecord, asOf: string): Outcome {
  const keys = new Set([req.key, ...req.alternatives]);
  // A UK ALS also answers an advert's "BLS" (a higher course covers the basic one).
  const COVERS: Record<string, string[]> = { bls: ['ils', 'als'], 'aha-bls': ['aha-acls'], ils: ['als'], pils: ['epls', 'apls'], 'safeguarding-children': ['safeguarding-l3'] };
  const covering = new Set([...keys].flatMap((k) => COVERS[k] ?? []));
  const held = record.training.filter((t) => courseIds(t).some((id) => keys.has(id) || covering.has(id)));
  const label = courseById.get(req.key)?.short ?? req.text;
  const cite = (ts: typeof held): Citable[] => ts.map((t) => ({ ref: { type: 'training', id: t.id }, label: t.name, text: t.name }));
  if (!held.length) {
    if (req.key === 'mandatory-training') {
      const mandatory = record.training.filter((t) =>
        courseIds(t).some((id) =>
          ['information-governance', 'manual-handling', 'infection-control', 'fire-safety', 'safeguarding-adults', 'safeguarding-children', 'safeguarding-l3', 'conflict-resolution'].includes(id),
        ),
      );
      if (mandatory.length)
        return outcome('probably-met', `Your record lists some mandatory training (${mandatory.map((t) => t.name).join(', ')}): check it covers everything this employer lists.`, cite(mandatory));
    }
    return outcome('unmet', `The job asks for ${label}; your record has none.`);
  }
  // "Completed within the last 12 months": the employer's window, whatever the certificate says.
  const window = windowMonths(`${req.text} ${req.detail ?? ''}`);
  const recent = window ? held.filter((t) => monthsBetween(t.completedOn, asOf) <= window) : held;
  if (window && held.length && !recent.length) {
    const latest = held
      .map((t) => t.completedOn)
      .sort()
      .at(-1)!;
    return outcome('expired', `Your ${held[0]!.name} was completed on ${readableDate(latest)}; this employer wants it done within the last ${describeWindow(window)}.`, cite(held));
  }
  const current = recent.filter((t) => !t.expiresOn || t.expiresOn >= asOf);
  // An AHA card lapsed while a higher one is current: US employers ask for each card (BLS as well
  // as ACLS), so renew it. In the UK an ALS course covers BLS and the higher course answers.
  const exact = held.filter((t) => courseIds(t).some((id) => keys.has(id)));
  if (courseById.get(req.key)?.us && exact.length && current.length && !current.some((t) => exact.includes(t))) {
    const last = exact
      .map((t) => t.expiresOn ?? '')
      .sort()
      .at(-1)!;
    return outcome(
      'expired',
      `Your ${exact[0]!.name} expired${last ? ` on ${readableDate(last)}` : ''}; ${current[0]!.name} may be accepted in its place: check with the employer.`,
      cite([...exact, ...current]),
    );
  }
  if (current.length) {
    const soonest = current
      .map((t) => t.expiresOn)
      .filter((d): d is string => Boolean(d))
      .sort()[0];
    const first = current[0]!;
    if (soonest && daysBetween(asOf, soonest) <= EXPIRING_DAYS)
      return outcome('expiring', `Your ${first.name} expires on ${readableDate(soonest)}, in ${daysBetween(asOf, soonest)} days: renew it.`, cite(current));
    const viaHigher = !courseIds(first).some((id) => keys.has(id));
    return outcome(
      viaHigher ? 'probably-met' : 'met',
      viaHigher ? `You hold ${first.name}, which usually covers ${label}: check the employer accepts it.` : `${first.name}${soonest ? `, valid until ${readableDate(soonest)}` : ''}.`,
      cite(current),
    );
  }
  const last = held
    .map((t) => t.expiresOn ?? '')
    .sort()
    .at(-1)!;
  return outcome('expired', `Your ${held[0]!.name} expired on ${readableDate(last)}.`, cite(held));
}

/** "Within the last 12 months", "in the past three years": the window an employer sets, in months. */
const WINDOW =
  /\b(?:within|in|during) the (?:last|past|previous) (\d+|one|two|three|four|five|six|twelve|eighteen|twenty-four) (months?|years?)\b|\bdated within (\d+|one|two|three) (months?|years?)\b/i;
const WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, twelve: 12, eighteen: 18, 'twenty-four': 24 };
function windowMonths(text: string): number | undefined {
  const m = WINDOW.exec(text);
  if (!m) return undefined;
  const n = Number(m[1] ?? m[3]) || WORDS[(m[1] ?? m[3])!.toLowerCase()] || 0;
  return /^y/i.test(m[2] ?? m[4]!) ? n * 12 : n;
}
const monthsBetween = (fromIso: string, toIso: string) => daysBetween(fromIso, toIso) / 30.44;
const describeWindow = (months: number) => (months % 12 === 0 ? `${months / 12} year${months === 12 ? '' : 's'}` : `${months} months`);

const courseIds = (t: AiRecord['training'][number]) => [...new Set([...(t.catalogueId ? [t.catalogueId] : []), ...findCourses(t.name).map((m) => m.id)])];

// ---------------------------------------------------------------------------------------------
// Qualifications: education, exams held as training or awards, anywhere they are written

function assessQualification(req: Requirement, record: AiRecord, citable: Citable[], asOf: string): Outcome {
  const keys = new Set([req.key, ...req.alternatives]);
  // "A degree or diploma in nursing or midwifery": every qualification named around an "or".
  // (Each term's own patterns: mentions that overlap are merged when the advert is read.)
  if (/\bor\b/i.test(req.text)) for (const t of termByKey.values()) if (t.kind === 'qualification' && t.patterns.some((p) => p.test(req.text))) keys.add(t.key);
  // A higher award answers for the lower: a BSN shows graduation from a school of nursing.
  for (const k of [...keys]) for (const higher of QUALIFICATION_COVERS[k] ?? []) keys.add(higher);
  const label = termByKey.get(`qualification:${req.key}`)?.label ?? req.text;
  if (req.key === 'specialist-course') return assessSpecialistCourse(req, record, citable, asOf);
  // "Study at Masters level", "Level 7": a postgraduate certificate or diploma is such study.
  if (req.key === 'masters' && /\blevel\b/i.test(req.text)) keys.add('pgcert').add('teaching-qualification');
  let holding = citable.filter((c) => c.ref.type !== 'registration' && mentionsIn(c.text).some((m) => m.kind === 'qualification' && keys.has(m.key)));
  // "Diploma in GUM (DipGUM)": a named diploma is that diploma, not any postgraduate diploma.
  const namedDiploma = NAMED_DIPLOMA.exec(req.text)?.[0];
  if (namedDiploma) holding = holding.filter((c) => new RegExp(`\\b${namedDiploma.replace(/[&]/g, '\\&')}\\b`).test(c.text));
  // "Full MRCP": passing part of an exam is not holding it.
  const partial = (c: Citable) => PART_OF_EXAM.test(c.text) && !WHOLE_EXAM.test(c.text);
  if (holding.length && holding.every(partial)) {
    const note = `You have passed part of ${label} (${holding[0]!.label}), not all of it.`;
    return /\bfull\b/i.test(req.text) ? outcome('unmet', note, holding) : outcome('probably-met', `${note} Check whether the part is enough.`, holding);
  }
  // An exam or membership a clinician lists among their awards is held as much as a qualification.
  const formal = holding.filter((c) => c.ref.type === 'education' || c.ref.type === 'training' || c.ref.type === 'award' || c.ref.type === 'extra');
  if (formal.length) return outcome('met', `${label[0]!.toUpperCase()}${label.slice(1)}: ${formal[0]!.label}.`, formal);
  if (holding.length) return outcome('probably-met', `One of your posts mentions ${label} (${holding[0]!.label}); add it to your qualifications.`, holding);
  // A doctor fully registered with the GMC holds a primary medical qualification.
  if (req.key === 'primary-medical' && record.registrations.some((r) => r.body === 'GMC' || r.body === 'US-STATE-BOARD')) {
    return outcome(
      'probably-met',
      'Your medical registration implies a primary medical qualification; add your degree to your record.',
      citable.filter((c) => c.ref.type === 'registration'),
    );
  }
  return outcome('unmet', `Your record does not show ${label}.`);
}

/** Expired or expiring, when the training rows cited carry an expiry date; undefined when in date. */
function datedOutcome(cited: Citable[], record: AiRecord, asOf: string): Outcome | undefined {
  const rows = record.training.filter((t) => cited.some((c) => c.ref.type === 'training' && c.ref.id === t.id));
  // A qualification held for good, beside a yearly update that lapses, is still held.
  if (cited.some((c) => c.ref.type !== 'training') || rows.some((t) => !t.expiresOn)) return undefined;
  const dated = rows;
  if (!dated.length) return undefined;
  const latest = dated
    .map((t) => t.expiresOn!)
    .sort()
    .at(-1)!;
  if (latest < asOf) return outcome('expired', `Your ${dated[0]!.name} expired on ${readableDate(latest)}.`, cited);
  if (daysBetween(asOf, latest) <= EXPIRING_DAYS) return outcome('expiring', `Your ${dated[0]!.name} expires on ${readableDate(latest)}, in ${daysBetween(asOf, latest)} days: renew it.`, cited);
  return undefined;
}

const QUALIFICATION_COVERS: Record<string, string[]> = { adn: ['bsn', 'nursing-degree'], 'nursing-degree': ['bsn'] };

const NAMED_DIPLOMA = /\b(?:DFSRH|DipGUM|DRCOG|DCH|DGM|DTM&H|DPD|DipMedEd)\b/;
const PART_OF_EXAM = /\bpart\s?(?:1|2|3|one|two|three|a|b|i{1,3})\b|\bwritten\b|\bprimary\b(?! (?:care|medical))/i;
const WHOLE_EXAM = /\bfull\b|\bPACES\b|\bmembership\b|\bfinal\b|\ball parts\b|\bOSCE\b|\bCSA\b|\bRCA\b|\bSCA\b/i;

/** "A post-registration qualification in critical care": any course or qualification in that field. */
function assessSpecialistCourse(req: Requirement, record: AiRecord, citable: Citable[], asOf: string): Outcome {
  const fields = specialtiesIn(req.text);
  const learning = citable.filter(
    (c) =>
      c.ref.type === 'education' || c.ref.type === 'training' || c.ref.type === 'award' || c.ref.type === 'activity' || (c.ref.type === 'extra' && /^(?:awards|certificates|projects):/.test(c.ref.id)),
  );
  // "Letter of Competence in Intrauterine Techniques": a certificate for that procedure, in date.
  const procedures = proceduresIn(req.text);
  if (procedures.length) {
    const certified = learning.filter((c) => procedures.some((p) => p.names.test(c.text)));
    if (!certified.length) return outcome('unmet', `Your record has no certificate in ${procedures.map((p) => p.label).join(' or ')}.`);
    return datedOutcome(certified, record, asOf) ?? outcome('met', `${certified[0]!.label}.`, certified);
  }
  const inField = fields.length ? learning.filter((c) => fieldsIn(c.text).some((f) => fields.includes(f))) : [];
  if (inField.length) return outcome('met', `${inField[0]!.label}.`, inField);
  const overlap = bestOverlap(req.text, learning);
  if (overlap && overlap.score >= 0.5) return outcome('probably-met', `${overlap.item.label} may be what they ask for: check the wording.`, [overlap.item]);
  return outcome('unmet', `Your record does not show ${fields.length ? `a qualification in ${fields.join(' or ')}` : 'this qualification'}.`);
}

// ---------------------------------------------------------------------------------------------
// Checks

function assessCheck(req: Requirement, record: AiRecord, citable: Citable[], asOf: string): Outcome {
  if (req.key === 'dbs') {
    const wanted = req.level && req.level in DBS_RANK ? DBS_RANK[req.level as keyof typeof DBS_RANK] : 0;
    // "Adult and child barred lists" needs a check for both workforces.
    const bothWorkforces = /\b(?:adults?|adult's)\b[^.;]{0,30}\b(?:child(?:ren)?'?s?)\b|\b(?:child(?:ren)?'?s?)\b[^.;]{0,30}\badults?\b|\bboth (?:barred )?lists\b/i.test(req.text);
    // "Including the children's barred list": a check for the children's workforce.
    const workforce = bothWorkforces
      ? 'both'
      : /\bchild(?:ren)?'?s?'? (?:barred list|workforce)\b/i.test(req.text)
        ? 'child'
        : /\badults?'?s?'? (?:barred list|workforce)\b/i.test(req.text)
          ? 'adult'
          : undefined;
    const levelled = record.dbs.filter((d) => DBS_RANK[d.level] >= wanted);
    const held = levelled.filter((d) => !workforce || d.workforce === 'both' || d.workforce === workforce || DBS_RANK[d.level] < 3);
    if (levelled.length && !held.length)
      return outcome(
        'unmet',
        `This post needs a DBS check for ${workforce === 'both' ? "both the adult and children's" : workforce === 'child' ? "the children's" : 'the adult'} workforce; yours covers the ${levelled[0]!.workforce} workforce.`,
        [],
      );
    // "Issued within the last three years, or on the Update Service".
    const window = windowMonths(req.text);
    if (held.length && window && held.every((d) => !onUpdateService(d, asOf) && monthsBetween(d.issueDate, asOf) > window)) {
      return outcome('expired', `Your DBS check was issued on ${readableDate(held[0]!.issueDate)}, more than ${describeWindow(window)} ago, and is not on the Update Service.`, []);
    }
    const cite = (ds: typeof held): Citable[] => ds.map((d) => ({ ref: { type: 'dbs', id: d.id }, label: `${capitalise(dbsCheck(d.level))}, ${readableDate(d.issueDate)}`, text: d.level }));
    if (held.length) {
      const best = held[0]!;
      return outcome('met', `${capitalise(dbsCheck(best.level))} issued ${readableDate(best.issueDate)}${onUpdateService(best, asOf) ? ', on the Update Service' : ''}.`, cite(held));
    }
    if (record.dbs.length) return outcome('unmet', `The job needs ${req.level ? article(dbsCheck(req.level)) : 'a DBS check'}; yours is ${article(dbsCheck(record.dbs[0]!.level))}.`, cite(record.dbs));
    return outcome('unmet', `Your record has no DBS check${req.level ? ` (the job needs ${article(dbsCheck(req.level))})` : ''}.`);
  }
  if (req.key === 'references' && record.refereeCount) {
    return outcome(
      record.refereeCount >= 2 ? 'met' : 'probably-met',
      `You have ${record.refereeCount === 1 ? 'one referee' : `${record.refereeCount} referees`} in your record${record.refereeCount < 2 ? '; most employers ask for two' : ''}: check they cover the period asked for.`,
    );
  }
  const found = citable.filter((c) => mentionsIn(c.text).some((m) => m.kind === 'check' && m.key === req.key));
  const label = termByKey.get(`check:${req.key}`)?.label ?? req.text;
  if (found.length) return outcome('met', `Your record shows ${label}: ${found[0]!.label}.`, found);
  return outcome('unmet', `Your record does not show ${label}; employers check it before you start, so have the evidence ready.`);
}

/** The Update Service keeps a check current only while the yearly subscription is paid. */
const onUpdateService = (d: AiRecord['dbs'][number], asOf: string) => d.updateService && (!d.updateServiceRenewalDate || d.updateServiceRenewalDate >= asOf);
const dbsCheck = (level: string) => (level === 'enhanced-barred' ? 'enhanced DBS check with barred lists' : `${level} DBS check`);
const capitalise = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
const article = (s: string) => `${/^[aeiou]/i.test(s) ? 'an' : 'a'} ${s}`;

// ---------------------------------------------------------------------------------------------
// Experience: years from dated posts, settings, stages of training reached

/** Years covered by the union of the posts' intervals, up to `asOf`. */
export function yearsCovered(posts: AiRecord['posts'], asOf: string): number {
  const spans = posts
    .map((p) => [p.startDate, p.endDate && p.endDate < asOf ? p.endDate : asOf] as const)
    .filter(([s, e]) => s <= e)
    .sort((a, b) => a[0].localeCompare(b[0]));
  let days = 0;
  let cursor: string | undefined;
  for (const [start, end] of spans) {
    const from = cursor && cursor >= start ? addDays(cursor, 1) : start;
    if (from <= end) days += daysBetween(from, end) + 1;
    if (!cursor || end > cursor) cursor = end;
  }
  return Math.round((days / 365.25) * 10) / 10;
}

/** Posts in a specialty or setting: by their specialty, title and what they say they did. */
const NHS_EMPLOYER = /\bNHS\b|\bTrust\b|\bHealth Board\b|\bHospitals?\b|\bInfirmary\b|\bPractice\b|\bSurgery\b|\bMedical Centre\b|\bHealth Centre\b|\bAmbulance Service\b/;
const ACUTE_SPECIALTIES = [
  'emergency medicine',
  'acute medicine',
  'critical care',
  'anaesthetics',
  'general surgery',
  'general medicine',
  'orthopaedics',
  'cardiology',
  'respiratory medicine',
  'medical-surgical',
  'hospital medicine',
  'theatres',
  'obstetrics and gynaecology',
  'paediatrics',
  'stroke',
  'renal',
];
const postsInCache = new WeakMap<AiRecord, Map<string, Set<AiRecord['posts'][number]>>>();
/** The posts in a specialty or setting, as a set (asked for every post of every requirement). */
function postsIn(record: AiRecord, specialty: string): Set<AiRecord['posts'][number]> {
  let bySpecialty = postsInCache.get(record);
  if (!bySpecialty) postsInCache.set(record, (bySpecialty = new Map()));
  let posts = bySpecialty.get(specialty);
  if (!posts) bySpecialty.set(specialty, (posts = new Set(findPostsIn(record, specialty))));
  return posts;
}
function findPostsIn(record: AiRecord, specialty: string) {
  return record.posts.filter((p) => {
    const text = [p.specialty, p.title, p.employer, p.site].filter(Boolean).join(' ');
    const named = fieldsIn(text);
    if (named.includes(specialty)) return true;
    // Settings a post implies: an NHS employer is NHS experience; a hospital specialty is acute care.
    if (specialty === 'the NHS') return NHS_EMPLOYER.test(p.employer);
    if (specialty === 'acute care') return named.some((n) => ACUTE_SPECIALTIES.includes(n)) || /\bHospitals?\b|\bInfirmary\b/.test(p.employer);
    return false;
  });
}

const GRADE_STAGE = (grade: string | null): { family: 'doctor' | 'band' | 'other'; rank: number } | undefined => {
  if (!grade) return undefined;
  const g = grade.trim().toLowerCase();
  const n = (re: RegExp) => Number(re.exec(g)?.[1]);
  if (/^(?:f|fy)\s?([1-3])$/.test(g)) return { family: 'doctor', rank: n(/([1-3])/) };
  if (/^(?:ct|cst|imt|acc?s)\s?([1-3])$/.test(g)) return { family: 'doctor', rank: 3 + n(/([1-3])/) };
  if (/^(?:st|str|spr)\s?([1-8])$/.test(g)) return { family: 'doctor', rank: 4 + n(/([1-8])/) };
  if (/\bsho\b|senior house officer|clinical fellow|trust grade/.test(g)) return { family: 'doctor', rank: 4 };
  if (/registrar/.test(g)) return { family: 'doctor', rank: 8 };
  if (/specialty doctor|specialist|associate specialist|staff grade/.test(g)) return { family: 'doctor', rank: 10 };
  if (/consultant|^gp$|general practitioner|gp partner|salaried gp/.test(g)) return { family: 'doctor', rank: 14 };
  if (/^band\s?([2-9])/.test(g)) return { family: 'band', rank: n(/band\s?([2-9])/) };
  return { family: 'other', rank: 0 };
};

/**
 * A stage of training is reached when a post beyond it has been held, or a post at its last
 * grade has ended. Stages are what adverts mean by entry grades: an ST4 post asks for core
 * training completed, which a CT2 still in post has not done.
 */
function assessStage(req: Requirement, record: AiRecord, asOf: string): Outcome {
  const ranked = record.posts.map((p) => ({ p, g: GRADE_STAGE(p.grade ?? p.title) })).filter((x) => x.g);
  const cite = (xs: typeof ranked): Citable[] => xs.map((x) => ({ ref: { type: 'post', id: x.p.id }, label: postLabel(x.p), text: '' }));
  const ended = (p: AiRecord['posts'][number]) => Boolean(p.endDate && p.endDate <= asOf);
  if (req.key === 'stage:band') {
    const band = Number(req.level);
    const at = ranked.filter((x) => x.g!.family === 'band' && x.g!.rank >= band);
    return at.length
      ? outcome(
          'met',
          `You have worked at ${at
            .map((x) => x.p.grade)
            .filter((g, i, a) => a.indexOf(g) === i)
            .join(', ')}.`,
          cite(at),
        )
      : outcome('unmet', `Your record shows no post at Band ${band} or above.`);
  }
  const doctor = ranked.filter((x) => x.g!.family === 'doctor');
  const { beyond, last, words } = (
    {
      'stage:foundation': { beyond: 4, last: 2, words: 'foundation training' },
      'stage:core': { beyond: 7, last: 6, words: 'core training' },
      'stage:higher': { beyond: 4 + Number(/\d/.exec(req.level ?? 'ST3')?.[0] ?? 3) + 1, last: 4 + Number(/\d/.exec(req.level ?? 'ST3')?.[0] ?? 3), words: `training to ${req.level ?? 'ST3'}` },
      'stage:cct': { beyond: 14, last: 12, words: 'specialty training (CCT or equivalent)' },
    } as const
  )[req.key as 'stage:foundation' | 'stage:core' | 'stage:higher' | 'stage:cct'] ?? { beyond: 99, last: 99, words: req.text };
  // "Specialist Register for Geriatric Medicine": completed training in that specialty.
  const fields = req.key === 'stage:cct' ? specialtiesIn(req.text) : [];
  const inField = (x: (typeof doctor)[number]) => !fields.length || specialtiesIn(`${x.p.specialty ?? ''} ${x.p.title}`).some((f) => fields.includes(f));
  const past = doctor.filter((x) => x.g!.rank >= beyond);
  if (past.some(inField)) return outcome('met', `You have completed ${words}: you have since held ${past.find(inField)!.p.grade ?? past.find(inField)!.p.title}.`, cite(past.filter(inField)));
  if (past.length && req.key === 'stage:cct') return outcome('unmet', `Your specialist training is in another specialty; this post asks for ${fields.join(' or ')}.`, cite(past));
  if (past.length) return outcome('met', `You have completed ${words}: you have since held ${past[0]!.p.grade ?? past[0]!.p.title}.`, cite(past));
  const finished = doctor.filter((x) => x.g!.rank >= last && ended(x.p));
  if (finished.length)
    return outcome('probably-met', `Your ${finished[0]!.p.grade} post ended on ${readableDate(finished[0]!.p.endDate!)}; check it completed ${words} (for example an ARCP outcome).`, cite(finished));
  if (req.key === 'stage:cct') {
    const registered = record.registrations.filter((r) => r.body === 'GMC' && /specialist register|gp register/i.test(r.status ?? ''));
    if (
      registered.length &&
      (!fields.length ||
        registered.some((r) => specialtiesIn(r.status ?? '').some((f) => fields.includes(f))) ||
        past.some((x) => specialtiesIn(`${x.p.specialty ?? ''} ${x.p.title}`).some((f) => fields.includes(f))))
    ) {
      return outcome(
        'met',
        'You are on the Specialist or GP Register.',
        registered.map((r) => ({ ref: { type: 'registration', id: r.id }, label: 'GMC registration', text: '' })),
      );
    }
  }
  const current = doctor.filter((x) => !ended(x.p)).sort((a, b) => b.g!.rank - a.g!.rank)[0];
  return outcome(
    'unmet',
    current ? `You are in ${current.p.grade ?? current.p.title} now; the post asks for ${words} completed.` : `Your record does not show ${words} completed.`,
    current ? cite([current]) : [],
  );
}

function assessExperience(req: Requirement, record: AiRecord, citable: Citable[], asOf: string): Outcome {
  const citePosts = (posts: AiRecord['posts']): Citable[] => posts.map((p) => ({ ref: { type: 'post', id: p.id }, label: postLabel(p), text: '' }));
  switch (req.key) {
    case 'years': {
      const settings = req.specialty ? req.specialty.split(/ or | and /) : [];
      const posts = settings.length ? record.posts.filter((p) => settings.some((s) => postsIn(record, s).has(p))) : record.posts;
      const years = yearsCovered(posts, asOf);
      const wanted = req.years ?? 0;
      const where = req.specialty ? ` in ${req.specialty}` : '';
      if (years >= wanted) return outcome('met', `Your posts${where} cover ${years} years; the job asks for ${wanted}.`, citePosts(posts));
      return outcome('unmet', posts.length ? `Your posts${where} cover ${years} years; the job asks for ${wanted}.` : `Your record shows no posts${where}.`, citePosts(posts));
    }
    case 'specialty': {
      const procedures = assessProcedures(req, citable);
      if (procedures) return procedures;
      const specialty = req.specialty;
      // "a or b": a post in any; "a and b" (paediatric emergency medicine): a post in all, or some for a maybe.
      const any = specialty?.includes(' or ');
      const wanted = specialty ? specialty.split(/ or | and /) : [];
      const postsInAll = record.posts.filter((p) => wanted.length > 0 && (any ? wanted.some((w) => postsIn(record, w).has(p)) : wanted.every((w) => postsIn(record, w).has(p))));
      if (postsInAll.length) return outcome('met', `You have worked in ${specialty}: ${postsInAll.map(postLabel).slice(0, 2).join('; ')}.`, citePosts(postsInAll));
      const postsInSome = record.posts.filter((p) => wanted.some((w) => postsIn(record, w).has(p)));
      if (postsInSome.length)
        return outcome(
          'probably-met',
          `You have worked in ${wanted.filter((w) => postsInSome.some((p) => postsIn(record, w).has(p))).join(' and ')}: check it covers ${specialty}.`,
          citePosts(postsInSome),
        );
      const mentions = wanted.length ? citable.filter((c) => fieldsIn(c.text).some((f) => wanted.includes(f))) : [];
      if (mentions.length) return outcome('probably-met', `Your record mentions ${specialty} (${mentions[0]!.label}): check it is the experience they mean.`, mentions);
      const overlap = bestOverlap(req.text, citable);
      if (overlap && overlap.score >= 0.6) return outcome('probably-met', `${overlap.item.label} looks like this experience: check the wording.`, [overlap.item]);
      return outcome('unmet', `Your record does not show experience${specialty ? ` in ${specialty}` : ' of this'}.`);
    }
    case 'gaps': {
      const gaps = analyseRecord({ posts: record.posts, training: [], registrations: [], dbs: [] }, asOf, undefined).filter((f) => f.kind === 'gap');
      if (!gaps.length) return outcome('met', 'Your posts have no gaps over 28 days.');
      const when = gaps.map((g) => `${readableDate(g.from!)} to ${readableDate(g.to!)}`).join('; ');
      // An explanation written in the record (a career break, leave, study) is what they ask for.
      const explained = [record.profile.summary, ...record.posts.map((p) => p.summary)].filter((t): t is string => Boolean(t) && GAP_REASON.test(t!));
      return explained.length
        ? outcome('probably-met', `Your record explains a break (${when}): make sure the explanation covers each gap.`)
        : outcome('unmet', `Explain ${gaps.length === 1 ? 'the gap' : 'the gaps'} in your record: ${when}.`);
    }
    default:
      return assessStage(req, record, asOf);
  }
}

const GAP_REASON =
  /\b(?:career break|maternity|paternity|parental|adoption|sabbatical|travell?ing|caring for|carer|bereavement|illness|sick leave|study leave|full-time study|relocat\w*|visa|exams?|break (?:from|in) (?:practice|work))\b/i;

/**
 * A requirement naming procedures ("experience of CRRT", "POCUS in critical care") is met by
 * records naming each of them, whatever else it says; the setting alone does not show them.
 */
function assessProcedures(req: Requirement, citable: Citable[]): Outcome | undefined {
  const named = proceduresIn(req.text);
  if (!named.length) return undefined;
  // A logged skill or procedure (its count, its supervision) is the best evidence of having done
  // one, so it is cited before a post or a course that mentions it.
  const shownBy = named.map((p) => ({
    p,
    by: citable.filter((c) => c.ref.type !== 'registration' && p.names.test(c.text)).sort((a, b) => Number(b.ref.type === 'skill') - Number(a.ref.type === 'skill')),
  }));
  const shown = shownBy.filter((x) => x.by.length);
  const cited = shown.flatMap((x) => x.by).slice(0, 3);
  const list = (xs: typeof shownBy) => xs.map((x) => x.p.label).join(', ');
  if (shown.length === named.length) return outcome('met', `Your record shows ${list(shown)}: ${cited[0]!.label}.`, cited);
  // "Or" between them: any one will do.
  if (shown.length && /\bor\b|\//i.test(req.text)) return outcome('met', `Your record shows ${list(shown)}: ${cited[0]!.label}.`, cited);
  if (shown.length) return outcome('probably-met', `Your record shows ${list(shown)} but not ${list(shownBy.filter((x) => !x.by.length))}: add them if you have done them.`, cited);
  return outcome('unmet', `Your record does not mention ${list(shownBy)}; add it if you have done it.`);
}

// ---------------------------------------------------------------------------------------------
// Skills: by topic (teaching is also mentoring, precepting, supervising) or by wording

/**
 * What shows a skill in a record, in the active voice: "mentored 14 nurses" shows teaching;
 * "on the rota with distant supervision" (being supervised) does not.
 */
const TOPIC_EVIDENCE: Record<string, RegExp> = {
  teaching:
    /\b(?:taught|teach(?:es|ing)?|lectur\w*|tutor\w*|train(?:ed|ing|s)? (?:\w+ ){0,3}(?:staff|students|nurses|doctors|juniors|colleagues|trainees|teams?|others)|mentor(?:ed|ing|s|ship)?|supervis(?:ed|es|ing|or)\b(?! by)|supervision (?:of|for) (?:\w+ ){0,2}(?:students|staff|juniors|trainees|nurses|doctors|colleagues)|precept(?:ed|or|ors|ing|orship)|educator|(?:ran|run|running|delivered|designed|led) (?:\w+ ){0,3}(?:simulation|teaching|training|sessions?|programme)|simulation|facilitat(?:ed|or|ing)|practice (?:assessor|supervisor|educator)|clinical educator|induct(?:ed|ion) (?:of|for) new)/i,
  'audit-qi': /\b(?:audit\w*|re-audit|quality improvement|QI|improvement (?:project|work|initiative)|service improvement|PDSA)\b/i,
  research: /\b(?:research|publication\w*|published|poster|presented|presentation|abstract|journal|trial|dissertation|thesis)\b/i,
  leadership: /\b(?:led|lead(?:ing|er)?|in charge|charge nurse|shift (?:lead|coordinator)|coordinat(?:ed|or|ing)|chair(?:ed|ing)?|ran the|running the|head(?:ed)?)\b/i,
  // Managing people and services, not patients ("managed acutely unwell patients") or one's time;
  // a rota, not a rotation.
  management: new RegExp(`\\b(?:${MANAGING_NOT_PATIENTS}|rotas?|rostering|budget\\w*|line[- ]manag\\w*|recruit\\w*|business case|service development)\\b`, 'i'),
  communication: /\b(?:communicat\w*|breaking bad news|difficult conversations|counsel(?:led|ling)\b)/i,
  teamwork: /\b(?:multi-?disciplinary|multi-?professional|\bMDT\b|team ?work\w*|worked (?:closely )?with (?:the )?\w+ teams?)\b/i,
  it: /\b(?:EPR|EHR|EMR|EMIS|SystmOne|TPP|Epic|Cerner|Lorenzo|Meditech|Allscripts|BadgerNet|RiO|Adastra|Medway|Careflow|Nerve ?Centre|eCare|Lilie|Datix|electronic (?:patient |health )?records?|digital|super-?user|IT|computer\w*|Microsoft|Excel)\b/i,
};

const ROLE_SHOWS: Record<string, RegExp> = {
  leadership: /\b(?:charge nurse|sister|nurse in charge|team leader|lead|matron|manager|consultant|registrar|partner|coordinator|senior)\b/i,
  management: /\b(?:manager|matron|partner|director|lead|head of)\b/i,
};

/** "Teaching doctors and nurses in sexual health": the field an "in ..." after the topic names. */
function fieldNamedAfter(text: string, topicWords: RegExp): string[] {
  const m = new RegExp(topicWords.source, topicWords.flags.replace('g', '')).exec(text);
  if (!m) return [];
  const after = text.slice(m.index + m[0].length).split(/[.;,(]/)[0]!;
  const scope = /\b(?:in|within)\s+(.{0,60})/i.exec(after.slice(0, 60))?.[1];
  return scope ? specialtiesIn(scope) : [];
}

/** A post's specialty and title: the field a highlight of that post was done in. */
const postContext = (record: AiRecord, id: string) => {
  const p = record.posts.find((x) => x.id === id);
  return p ? [p.specialty, p.title, p.site].filter(Boolean).join(' ') : '';
};

function assessSkill(req: Requirement, record: AiRecord, citable: Citable[]): Outcome {
  const procedures = assessProcedures(req, citable);
  if (procedures) return procedures;
  const topic = SKILL_TOPICS.find((t) => t.key === req.key);
  // Skills are shown by what the clinician did and wrote, not by courses attended.
  const doings = citable.filter((c) => ['post', 'skill', 'extra', 'education', 'activity', 'publication', 'award'].includes(c.ref.type));
  if (topic) {
    // "Publications in peer-reviewed journals" asks for publications, not any research.
    const evidence = req.key === 'research' && /\bpublicat|\bpublished|\bpeer[- ]reviewed\b/i.test(req.text) ? /\b(?:published|journal|publication)\b/i : (TOPIC_EVIDENCE[topic.key] ?? topic.words);
    let shown = doings.filter((c) => evidence.test(c.text));
    // "Teaching doctors and nurses in sexual health": shown in that field, not just anywhere.
    const fields = fieldNamedAfter(req.text, topic.words);
    if (shown.length && fields.length) {
      const inField = shown.filter((c) => specialtiesIn(`${c.text} ${c.ref.type === 'post' ? postContext(record, c.ref.id) : ''}`).some((f) => fields.includes(f)));
      if (!inField.length) return outcome('unmet', `Your record shows ${topic.label} (${shown[0]!.label}), but not in ${fields.join(' or ')}.`, shown.slice(0, 2));
      shown = inField;
    }
    if (shown.length)
      return outcome(
        'met',
        `${topic.label[0]!.toUpperCase()}${topic.label.slice(1)}: ${shown[0]!.ref.type === 'post' && shown[0]!.text !== shown[0]!.label ? `"${shown[0]!.text}"` : shown[0]!.label}.`,
        shown.slice(0, 3),
      );
    const roles = ROLE_SHOWS[req.key] ? record.posts.filter((p) => ROLE_SHOWS[req.key]!.test(`${p.title} ${p.grade ?? ''}`)) : [];
    if (roles.length)
      return outcome(
        'probably-met',
        `Your post as ${roles[0]!.title} suggests ${topic.label}; give an example in your application.`,
        roles.map((p) => ({ ref: { type: 'post', id: p.id }, label: postLabel(p), text: '' })),
      );
  }
  const overlap = bestOverlap(req.text, doings);
  if (overlap && overlap.score >= 0.6)
    return outcome(topic ? 'probably-met' : 'met', topic ? `${overlap.item.label} may show this: check the wording.` : `Your record mentions this: ${overlap.item.label}.`, [overlap.item]);
  // A named topic without its evidence is not met by a loose likeness of words.
  if (!topic && overlap && overlap.score >= 0.34) return outcome('probably-met', `${overlap.item.label} may show this: check the wording.`, [overlap.item]);
  return outcome('unmet', topic ? `Your record does not show ${topic.label} yet; add an example if you have one.` : 'Nothing in your record shows this yet.');
}

// ---------------------------------------------------------------------------------------------

function assess(req: Requirement, record: AiRecord, citable: Citable[], asOf: string): Outcome {
  switch (req.kind) {
    case 'registration':
      return assessRegistration(req, record, citable, asOf);
    case 'course':
      return assessCourse(req, record, asOf);
    case 'qualification':
      return assessQualification(req, record, citable, asOf);
    case 'check':
      return assessCheck(req, record, citable, asOf);
    case 'experience':
      return assessExperience(req, record, citable, asOf);
    case 'skill':
      return assessSkill(req, record, citable);
  }
}

export function assessRequirements(analysis: Pick<JobAnalysis, 'requirements'>, record: AiRecord, asOf: string): AssessedRequirement[] {
  const citable = citableTexts(record);
  try {
    return analysis.requirements.map((req) => ({ ...req, ...assess(req, record, citable, asOf) }));
  } finally {
    // The caches hold one record's text for one (synchronous) assessment, and no longer.
    for (const cache of caches) cache.clear();
  }
}

export function summariseAssessment(assessed: AssessedRequirement[]) {
  const pick = (...statuses: RequirementStatus[]) =>
    assessed.filter((r) => statuses.includes(r.status)).map((r) => ({ text: r.text, importance: r.importance, note: r.note, evidence: [...new Set(r.evidence.map((e) => e.label))] }));
  return { met: pick('met'), probablyMet: pick('probably-met'), unmet: pick('unmet'), expired: pick('expired'), expiring: pick('expiring') };
}
