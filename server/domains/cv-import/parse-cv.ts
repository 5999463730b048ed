import type { JsonResume } from '../resume/schema.ts';
import { findDateRange, readDate, withoutRange, type DateRange } from './date-ranges.ts';
import { capitalisedShare, employerScore, findGrade, findRegistrations, headingKind, titleScore, type SectionKind } from './vocabulary.ts';

/**
 * Reads a CV's lines (from pdf-lines.ts or a DOCX) into a draft JSON Resume, offline and without
 * a model. Sections are found by their headings; within work and education, each date range
 * anchors an entry, and the short lines around it are weighed as a job title, an employer or an
 * institution by their words (titleScore, employerScore), nearer lines winning ties. The draft is
 * a proposal for the clinician to accept item by item, never imported as it stands.
 */
export interface ParsedCv {
  resume: JsonResume;
  /** What the reader saw but could not use, for the clinician. */
  warnings: string[];
}

interface Section {
  kind: SectionKind;
  lines: string[];
}

const BEFORE = 4; // lines above a date that may hold its title and employer
const AFTER = 2; // ... and below it

const BULLET = /^[•●▪◦‣∙·*–-]\s*/;
const URL_OR_EMAIL = /(https?:\/\/|www\.|@|\.com\b|\.org\b|\.uk\b)/i;
const LABEL = /^(highlights|responsibilities|key responsibilities|achievements|key achievements|duties|summary|description)$/i;
/** "Palo Alto, CA", "Leeds, UK": a place, not an employer. */
const PLACE = /,\s*[A-Z]{2,3}$|^(remote|hybrid|on-?site)$/i;

const ENDS_UNFINISHED = /\b(in|of|and|for|the|at|to|with|&)$|[,&/-]$/i;
const NAME_TAIL =
  /^((NHS|Foundation|University|Teaching|General|Community|Health|Healthcare|Hospitals?|Trust|Board|Service|Services|Partnership|Ltd|Limited|Infirmary|Practice|Surgery|Medicine|Centre|Unit|Department|Care|Nursing)\b\s*){1,4}$/;

/**
 * Rejoins text a narrow column wrapped: "Harbourside University Hospitals NHS Foundation" + "Trust",
 * "Specialty Registrar in" + "Anaesthetics". Only where the break is unmistakable.
 */
function joinWrappedLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const prev = out.at(-1);
    // A date range wrapped in a narrow table column: "04/2018 -" above "03/2022".
    const [lineFirst, ...lineCells] = line.split('\t');
    if (prev && /(?:[–—-]|\bto)\s*$/.test(prev.split('\t')[0]!) && readDate(lineFirst!)) {
      const [first, ...cells] = prev.split('\t');
      out[out.length - 1] = [`${first!.trim()} ${lineFirst!.trim()}`, ...cells, ...lineCells].join('\t');
      continue;
    }
    // "Staff Nurse at Northgate University | Jul 2011 - Aug 2015" + "Hospitals NHS Trust": the employer wrapped under its date.
    const [prevText, ...prevCells] = (prev ?? '').split('\t');
    if (prev && prevCells.length && /\bat\s+\p{Lu}[^\t]*$|\bat$/u.test(prevText!) && NAME_TAIL.test(line)) {
      out[out.length - 1] = [`${prevText} ${line}`, ...prevCells].join('\t');
      continue;
    }
    const joinable = prev && !prev.includes('\t') && !line.includes('\t') && !findDateRange(prev) && !findDateRange(line) && !headingKind(line);
    if (joinable && (NAME_TAIL.test(line) || (ENDS_UNFINISHED.test(prev) && /^\p{Lu}/u.test(line) && line.split(/\s+/).length <= 6))) out[out.length - 1] = `${prev} ${line}`;
    else out.push(line);
  }
  return out;
}

function splitSections(lines: string[]): Section[] {
  const sections: Section[] = [{ kind: 'other', lines: [] }];
  for (const raw of lines) {
    const cells = raw
      .split('\t')
      .map((c) => c.trim())
      .filter(Boolean);
    if (!cells.length) continue;
    const kind = headingKind(cells[0]!.replace(/:$/, ''));
    if (kind) {
      sections.push({ kind, lines: [] });
      // A heading in a left margin shares its line with the first entry ("Work | CEO/President").
      if (cells.length > 1) sections.at(-1)!.lines.push(cells.slice(1).join('\t'));
    } else sections.at(-1)!.lines.push(cells.join('\t'));
  }
  return sections;
}

/** A line that could be a title, an employer or an institution: short, not a sentence. */
const isHeaderLike = (line: string) => {
  const text = line.replace(BULLET, '');
  return text.length <= 90 && text.split(/\s+/).length <= 12 && !/[.;]$/.test(text) && !LABEL.test(text);
};

/**
 * The part of a line that could be a title or an employer: the whole line when it is short, or
 * the name before its first comma when a long line goes on with the grade and departments
 * ("X NHS Trust, GPST1-2, Paediatrics; Obstetrics and Gynaecology; Psychiatry"). A sentence is
 * neither.
 */
function headerPart(line: string): string | undefined {
  if (isHeaderLike(line)) return line;
  const text = line.replace(BULLET, '');
  if (/[.!?]$/.test(text) || /[.!?]\s+\p{Lu}/u.test(text)) return undefined;
  const first = firstCommaPart(text);
  // A bracket opened and not closed before the comma is a sentence's aside: "Second F1 rotation (allocated, not yet started): ...".
  const balanced = (first.match(/\(/g) ?? []).length === (first.match(/\)/g) ?? []).length;
  return first !== text && balanced && first.split(/\s+/).length <= 8 && isHeaderLike(first) ? first : undefined;
}

/** A line split where CVs join a title and an employer: "Registrar at X", "X | Y", "X · Y", "X – Y". */
const splitParts = (text: string) =>
  text
    .split(/\t|\s+(?:at|@|\||·|•|—|–|-)\s+/i)
    // "Title at" above "Employer": a line broken after its "at" leaves it on one side or the other.
    .map((p) => p.trim().replace(/^(?:at|@)\s+|\s+(?:at|@)$/i, ''))
    .filter((p) => p && !URL_OR_EMAIL.test(p));

const SELF_EMPLOYED = /^self[- ]employed\b/i;
const CONTRACT_WORDS = /^(substantive|permanent|bank|agency|locum|fixed-term|honorary|other|temporary|part-time|full-time|sessional|self-employed|self employed)$/i;
/** "X NHS Trust, ST3, locum": a grade or contract after the name says nothing about who employed. */
function withoutQualifiers(text: string) {
  // "Staff Nurse (Band 5)": the grade in brackets is read as the grade, not part of the title.
  const bracket = text.match(/\s*\(([^()]*)\)$/);
  if (bracket && findGrade(bracket[1]!) && bracket[1]!.split(/\s+/).length <= 3) text = text.slice(0, bracket.index).trim();
  const parts = text.split(/,\s+/);
  while (parts.length > 1 && (CONTRACT_WORDS.test(parts.at(-1)!) || findGrade(parts.at(-1)!) === parts.at(-1)!.trim() || /^band\s?\d/i.test(parts.at(-1)!))) parts.pop();
  return parts.join(', ');
}

interface Candidate {
  text: string;
  /** As written, with any grade or contract after it. */
  raw: string;
  /** Above the date, on its line, or below it. */
  side: 'before' | 'on' | 'after';
  /** Index of the line it came from. */
  line: number;
  distance: number;
  order: number;
}

/**
 * Where an entry's title and employer sit relative to its date differs by template: above it
 * ("before"), beside and below it ("after"), or both (employer above, title below). Each
 * section is read all three ways and the reading that makes the most complete entries wins.
 */
type Layout = 'before' | 'after' | 'around';
const LAYOUTS: Layout[] = ['before', 'around', 'after'];

function candidatesAround(lines: string[], at: number, range: DateRange, from: number, to: number, layout: Layout): Candidate[] {
  const out: Candidate[] = [];
  let order = 0;
  const add = (text: string, distance: number, side: Candidate['side'], line: number) => {
    // Titles and names are written in capitals; a mostly lower-case line is a description or a sentence.
    for (const raw of splitParts(text)) {
      const part = withoutQualifiers(raw);
      // "Self-employed locum GP": who employed, written in lower case.
      if (!LABEL.test(part) && (capitalisedShare(part) >= 0.5 || SELF_EMPLOYED.test(part))) out.push({ text: part, raw, distance, side, line, order: order++ });
    }
  };
  const onDateLine = withoutRange(lines[at]!, range);
  // A date beside text starts its entry: nothing above it belongs to it.
  if (layout !== 'after' && !onDateLine.length)
    for (let i = Math.max(from, at - BEFORE); i < at; i++) {
      const header = headerPart(lines[i]!);
      if (header) add(header, at - i, 'before', i);
    }
  for (const rest of onDateLine) add(rest, 0, 'on', at);
  if (layout !== 'before')
    for (let i = at + 1; i <= Math.min(to, at + AFTER); i++) {
      const header = findDateRange(lines[i]!) ? undefined : headerPart(lines[i]!);
      if (header) add(header, i - at, 'after', i);
    }
  return out;
}

/** The candidate scoring best, nearer (then earlier) ones winning ties. */
function best(candidates: Candidate[], score: (text: string) => number, exclude?: Candidate) {
  let chosen: { c: Candidate; s: number } | undefined;
  for (const c of candidates) {
    if (c === exclude) continue;
    const s = score(c.text) - 0.1 * c.distance;
    if (!chosen || s > chosen.s) chosen = { c, s };
  }
  return chosen;
}

/** An employer named with its town ("X NHS Trust, Leeds"): the name is the part before the comma. */
const firstCommaPart = (text: string) => text.split(/,\s+/)[0]!.trim();

// "X Surgery, GP" ends in a role, not a state or country code.
const isPlace = (text: string) => PLACE.test(text) && titleScore(text.split(/,\s*/).pop()!) <= 0;
const employerWeight = (text: string) => employerScore(firstCommaPart(text)) - (isPlace(text) ? 3 : 0);

/** Dates anchor entries; each anchor's neighbourhood ends where the next one's begins. */
function anchors(lines: string[], accept: (range: DateRange) => boolean) {
  const found: Array<{ at: number; range: DateRange }> = [];
  lines.forEach((line, at) => {
    const range = findDateRange(line);
    if (range && accept(range)) found.push({ at, range });
  });
  return found;
}

/**
 * Some templates print the site or town on the line below an entry's dates, under a title and an
 * employer above them ("Foundation Year 1 Doctor" / "Wendmoor Teaching Hospitals NHS Foundation
 * Trust" / "Dec 2026 – Apr 2027" / "Wendmoor General Hospital"). Where a section's entries show
 * that more than once, the line below the dates is read as the site all through the section, and
 * an entry with no employer above it belongs to the employer of the one before (a template that
 * groups posts under their employer prints the name once).
 */
const SITES_BELOW_SEEN = 2;

function readWorkAs(lines: string[], layout: Layout, sitesBelow = false) {
  const entries: Array<{ item: NonNullable<JsonResume['work']>[number]; complete: boolean; line: string; fit: number }> = [];
  const found = anchors(lines, (r) => !r.single);
  let claimedUpTo = -1;
  let lastEmployer: { name: string; s: number } | undefined;
  let sitesSeen = 0;
  found.forEach(({ at, range }, n) => {
    const next = found[n + 1]?.at ?? lines.length;
    const candidates = candidatesAround(lines, at, range, claimedUpTo + 1, next - 1, layout);
    const position = best(candidates, titleScore);
    // An employer named above or beside the date wins over a line below it (often the site).
    const aboveOrBeside = best(
      candidates.filter((c) => c.side !== 'after'),
      employerWeight,
      position?.c,
    );
    // A site or a town is no title: a line below the dates that reads as one is not counted as a site.
    const below = candidates.find((c) => c.side === 'after' && c.distance === 1 && c !== position?.c && titleScore(c.text) <= 0);
    if (aboveOrBeside && aboveOrBeside.s > 0 && aboveOrBeside.c.side === 'before' && below) sitesSeen++;
    const employer = aboveOrBeside && aboveOrBeside.s > 0 ? aboveOrBeside : sitesBelow && lastEmployer ? undefined : best(candidates, employerWeight, position?.c);
    // Lines below the date that this entry did not use may open the next one (its employer, above its date).
    claimedUpTo = Math.max(at, position?.c.line ?? at, employer?.c.line ?? at, sitesBelow && below ? below.line : at);
    // Templates that group posts under one employer print its name once: later posts inherit it.
    const name = employer && employer.s > 0 ? firstCommaPart(employer.c.text) : (lastEmployer?.name ?? (employer ? firstCommaPart(employer.c.text) : undefined));
    if (!position || !name) {
      entries.push({ item: { startDate: range.start }, complete: false, line: lines[at]!, fit: 0 });
      return;
    }
    // Where the section reads as grouped under employers, an inherited employer fits as well as where it was named.
    const employerFit = employer && employer.s > 0 ? employer.s : sitesBelow && name === lastEmployer?.name ? lastEmployer.s : Math.max(0, employer?.s ?? 0);
    lastEmployer = { name, s: employerFit };
    const grade = findGrade(position.c.raw) ?? findGrade(candidates.map((c) => c.raw).join(' '));
    const location = employer?.c.text.split(/,\s+/)[1]?.trim();
    const highlights = lines
      .slice(at + 1, next)
      .filter((l) => BULLET.test(l))
      .map((l) => l.replace(BULLET, '').trim())
      .filter(Boolean);
    entries.push({
      complete: true,
      line: lines[at]!,
      // How title-like the title and how name-like the employer: the best reading of a section fits best.
      fit: Math.max(0, titleScore(position.c.text)) + employerFit + 1,
      item: {
        name,
        position: position.c.text,
        startDate: range.start,
        ...(range.end ? { endDate: range.end } : {}),
        ...(location && name === firstCommaPart(employer!.c.text) ? { location } : {}),
        ...(grade ? { grade } : {}),
        ...(highlights.length ? { highlights } : {}),
      },
    });
  });
  return { entries, sitesSeen };
}

function readWork(lines: string[], warnings: string[]): NonNullable<JsonResume['work']> {
  const readings = LAYOUTS.map((layout) => {
    const reading = readWorkAs(lines, layout);
    return reading.sitesSeen >= SITES_BELOW_SEEN ? readWorkAs(lines, layout, true).entries : reading.entries;
  });
  const fit = (r: ReturnType<typeof readWorkAs>['entries']) => r.reduce((n, e) => n + e.fit, 0);
  const chosen = readings.reduce((a, b) => (fit(b) > fit(a) ? b : a));
  for (const e of chosen) if (!e.complete) warnings.push(`Work: "${e.line}" has dates but no recognisable job title and employer`);
  return chosen.filter((e) => e.complete).map((e) => e.item);
}

const DEGREE =
  /\b(MBChB|MB ChB|MBBS|MB BS|BMBS|BM BCh|BM|BSc|BA|BN|BNurs|BMedSci|BDS|BPharm|MSc|MA|MRes|MPhil|MNurs|MPharm|MD|DM|PhD|DPhil|PGCert|PGDip|PG Cert|PG Dip|DipHE|Diploma|Certificate|Bachelor(?: of [A-Z][a-z]+)?|Master(?: of [A-Z][a-z]+)?|Doctor of [A-Z][a-z]+|Foundation Degree|A[- ]Levels?|GCSEs?|MRCP(?:\s?\(UK\))?|MRCS|FRCA|MRCGP|FRCEM|MRCEM|MRCPCH|MRCOG|FRCS|FRCP)\b(\s*\((?:Hons|Honours)\))?/;
const INSTITUTION = /\b(universit|college|school|institute|academy|faculty|deanery|conservatoire)/i;

function readEducation(lines: string[]): NonNullable<JsonResume['education']> {
  const education: NonNullable<JsonResume['education']> = [];
  const found = anchors(lines, () => true);
  let claimedUpTo = -1;
  found.forEach(({ at, range }, n) => {
    const next = found[n + 1]?.at ?? lines.length;
    // "MBChB Medicine, University of Northfield": a degree and its institution often share a line.
    const candidates = candidatesAround(lines, at, range, claimedUpTo + 1, next - 1, 'around')
      .filter((c) => c.distance <= 2)
      .flatMap((c) => c.text.split(/,\s+/).map((text) => ({ ...c, text })));
    claimedUpTo = at + Math.min(AFTER, next - at - 1);
    const institution = best(candidates, (t) => (INSTITUTION.test(t) ? 3 : 0) - (DEGREE.test(t) ? 2 : 0));
    if (!institution || !INSTITUTION.test(institution.c.text)) return;
    const degreeLine = candidates.find((c) => c !== institution.c && DEGREE.test(c.text)) ?? (DEGREE.test(institution.c.text) ? institution.c : undefined);
    const degree = degreeLine?.text.match(DEGREE);
    const area = degree
      ? degreeLine!.text
          .replace(degree[0], '')
          .replace(/^[\s,:–-]*(in\s+)?/i, '')
          .trim()
      : '';
    education.push({
      institution: firstCommaPart(institution.c.text),
      ...(degree ? { studyType: degree[0].trim() } : {}),
      ...(area && area !== institution.c.text ? { area } : {}),
      ...(range.single ? { endDate: range.start } : { startDate: range.start, ...(range.end ? { endDate: range.end } : {}) }),
    });
  });
  return education;
}

function readCourses(lines: string[]): NonNullable<JsonResume['certificates']> {
  return lines.flatMap((line) =>
    line.split('\t').flatMap((cell) => {
      const text = cell.replace(BULLET, '').trim();
      if (!text || !isHeaderLike(text)) return [];
      const range = findDateRange(text);
      const name = range ? withoutRange(text, range).join(' ') : text;
      if (!name || name.length < 3) return [];
      // A course's date is when it was completed: the end of a range.
      return [{ name, ...(range ? { date: range.end ?? range.start } : {}) }];
    }),
  );
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const PHONE = /(?:\+44\s?|0)(?:\d\s?){9,10}\b/;

function readBasics(lines: string[], text: string): NonNullable<JsonResume['basics']> {
  const first =
    lines
      .find((l) => l.trim())
      ?.split('\t')[0]
      ?.trim() ?? '';
  const looksLikeName = /^(dr\.?\s+|mr\.?\s+|mrs\.?\s+|ms\.?\s+|miss\s+|prof\.?\s+)?[\p{L}'’-]+(\s+[\p{L}'’.-]+){1,4}$/iu.test(first) && !headingKind(first);
  const email = text.match(EMAIL)?.[0];
  const phone = text.match(PHONE)?.[0]?.trim();
  return {
    ...(looksLikeName ? { name: first.replace(/\b([A-Z])([A-Z]+)\b/g, (_, a: string, b: string) => a + b.toLowerCase()) } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  };
}

export function parseCvLines(lines: string[]): ParsedCv {
  const warnings: string[] = [];
  // Wrapped lines are rejoined within a section, once a heading sharing their first line is off it.
  const sections = splitSections(lines).map((section) => ({ ...section, lines: joinWrappedLines(section.lines) }));
  const of = (kind: SectionKind) => sections.filter((s) => s.kind === kind).flatMap((s) => s.lines);
  const text = lines.join('\n');
  let work = readWork(of('work'), warnings);
  // A CV without a recognisable experience heading: read entries from the whole text.
  if (!work.length && !sections.some((s) => s.kind === 'work')) work = readWork(lines, warnings);
  const education = readEducation(of('education'));
  const certificates = readCourses(of('courses'));
  const registrations = findRegistrations(text);
  const resume: JsonResume = {
    basics: readBasics(lines, text),
    ...(work.length ? { work } : {}),
    ...(education.length ? { education } : {}),
    ...(certificates.length ? { certificates } : {}),
    ...(registrations.length ? { clinical: { registrations } } : {}),
  };
  return { resume, warnings };
}
