import { findDatesOfBirth, MAY_HAVE_ANCHOR } from './date-of-birth.ts';
import { findEmails } from './email.ts';
import { eachNameEndsOnce, findKnownNames } from './known-names.ts';
import { findNhsNumbers, LONG_FIGURE } from './nhs-number.ts';
import { DIGITS_AND_SUFFIX, findNiNumbers } from './ni-number.ts';
import { findPersonNames } from './person-names.ts';
import { ANY_CANDIDATE, findPhones } from './phone.ts';
import { findPostcodes, INWARD } from './postcode.ts';
import { Pseudonymiser } from './pseudonymiser.ts';
import { findRegistrationNumbers, MAY_HAVE_ANY } from './registration-numbers.ts';
import type { Entity, EntityType, Recogniser, RecogniserContext } from './types.ts';

const RECOGNISERS: readonly Recogniser[] = [findEmails, findPhones, findPostcodes, findNhsNumbers, findNiNumbers, findRegistrationNumbers, findDatesOfBirth, findKnownNames, findPersonNames];

/*
 * Four recognisers first look for a figure of their own shape and find nothing without one (the
 * gates they export). Most messages have figures, but three in four have none of these shapes:
 * one pattern, their union, tells so in one reading instead of four. Under the union's flags
 * (/iu) each gate matches at least what it matches under its own.
 */
const FIGURE_RECOGNISERS: ReadonlySet<Recogniser> = new Set([findPhones, findPostcodes, findNhsNumbers, findNiNumbers]);
const ANY_FIGURE = new RegExp([ANY_CANDIDATE, INWARD, LONG_FIGURE, DIGITS_AND_SUFFIX].map((gate) => `(?:${gate.source})`).join('|'), 'iu');

/*
 * Likewise the two recognisers that need a context word first: a registration number's ("GMC",
 * "DBS", ...) or a birth date's ("DOB", "born"). Under /iu their checks match at least what they
 * match under their own flags once `\b` is dropped (under /iu "ſ" and "K" are word characters).
 */
const WORD_RECOGNISERS: ReadonlySet<Recogniser> = new Set([findRegistrationNumbers, findDatesOfBirth]);
const ANY_CONTEXT_WORD = new RegExp([MAY_HAVE_ANY, MAY_HAVE_ANCHOR].map((gate) => `(?:${gate.source.replace(/\\b/g, '')})`).join('|'), 'iu');

/*
 * Ties between equally long overlapping spans go to the recogniser with the stronger
 * evidence: a checksum or a context word beats libphonenumber's "possible number", which beats
 * a shape-only match. Person names come last because they rest on capitalisation alone.
 */
const PRIORITY: readonly EntityType[] = ['NHS_NUMBER', 'NI_NUMBER', 'GMC_NUMBER', 'NMC_PIN', 'DBS_NUMBER', 'HCPC_NUMBER', 'GPHC_NUMBER', 'EMAIL', 'DATE_OF_BIRTH', 'PHONE', 'POSTCODE', 'PERSON'];

const byStart = (a: Entity, b: Entity) => a.start - b.start;
const byRank = (a: Entity, b: Entity) => b.end - b.start - (a.end - a.start) || PRIORITY.indexOf(a.type) - PRIORITY.indexOf(b.type) || a.start - b.start;

// A loop, not claimed.subarray(...).includes(1): a view object per candidate costs more than the check.
function isClaimed(claimed: Uint8Array, { start, end }: Entity): boolean {
  for (let i = start; i < end; i++) if (claimed[i] === 1) return true;
  return false;
}

const overlapsAny = (kept: readonly Entity[], { start, end }: Entity) => kept.some((k) => k.start < end && start < k.end);

// Up to this many candidates, checking each against those kept is cheaper than a buffer the
// length of the text (a typical overlap is a name found by two recognisers).
const FEW_CANDIDATES = 16;

function resolveOverlaps(candidates: readonly Entity[], textLength: number): Entity[] {
  // Most text has nothing or one thing in it, or things apart from each other: then every
  // candidate is kept, in text order, and there is nothing to rank (or buffer to allocate).
  if (candidates.length < 2) return candidates.slice();
  const inOrder = candidates.slice().sort(byStart);
  let apart = true;
  for (let i = 1; i < inOrder.length && apart; i++) apart = inOrder[i]!.start >= inOrder[i - 1]!.end;
  if (apart) return inOrder;
  const ranked = candidates.slice().sort(byRank);
  const kept: Entity[] = [];
  if (ranked.length <= FEW_CANDIDATES) {
    for (const candidate of ranked) if (!overlapsAny(kept, candidate)) kept.push(candidate);
    return kept.sort(byStart);
  }
  // Marking claimed characters keeps this linear in the text, however many candidates a
  // pasted spreadsheet produces.
  const claimed = new Uint8Array(textLength);
  for (const candidate of ranked) {
    if (isClaimed(claimed, candidate)) continue;
    claimed.fill(1, candidate.start, candidate.end);
    kept.push(candidate);
  }
  return kept.sort(byStart);
}

/** Every entity in `text`, non-overlapping (the longer span wins, then PRIORITY), in text order. */
export function findEntities(text: string, context: Partial<RecogniserContext> = {}): Entity[] {
  return entitiesIn(text, context, true);
}

/** findEntities searching for every name's later mentions, even where eachNameEndsOnce says none can be found (tests hold the two together). */
export const findEntitiesSearchingEveryMention = (text: string, context: Partial<RecogniserContext> = {}) => entitiesIn(text, context, false);

function entitiesIn(text: string, context: Partial<RecogniserContext>, skipLoneNames: boolean): Entity[] {
  const full: RecogniserContext = { knownNames: context.knownNames ?? [], mentionedNames: context.mentionedNames ?? [] };
  // A plain loop: this runs once per message, and a callback per recogniser costs more than
  // most of them do on text that has nothing in it.
  const candidates: Entity[] = [];
  let person = false;
  const figures = ANY_FIGURE.test(text);
  const contextWords = ANY_CONTEXT_WORD.test(text);
  for (const recognise of RECOGNISERS) {
    if (!figures && FIGURE_RECOGNISERS.has(recognise)) continue;
    if (!contextWords && WORD_RECOGNISERS.has(recognise)) continue;
    for (const entity of recognise(text, full)) {
      candidates.push(entity);
      if (entity.type === 'PERSON') person = true;
    }
  }
  if (!person) return resolveOverlaps(candidates, text.length);
  // A name is only recognisable in free text where a title or "patient" introduces it; once
  // introduced, every other mention of it ("my patient, John Smith ... John Smith improved")
  // is the same person and must go too.
  const resolved = resolveOverlaps(candidates, text.length);
  const introduced: string[] = [];
  for (const e of resolved) if (e.type === 'PERSON') introduced.push(e.text);
  // A name whose last word occurs once can only be found again inside itself, where the name
  // already found wins every overlap: the search would change nothing.
  if (skipLoneNames && eachNameEndsOnce(text, introduced)) return resolved;
  const mentions = introduced.length > 0 ? findKnownNames(text, { knownNames: [], mentionedNames: introduced }) : [];
  return resolveOverlaps(mentions.length > 0 ? candidates.concat(mentions) : candidates, text.length);
}

export type Operator = 'placeholder' | 'pseudonym' | 'remove';

export const DEFAULT_OPERATORS: Readonly<Record<EntityType, Operator>> = {
  EMAIL: 'placeholder',
  PHONE: 'placeholder',
  POSTCODE: 'placeholder',
  NHS_NUMBER: 'placeholder',
  NI_NUMBER: 'placeholder',
  GMC_NUMBER: 'placeholder',
  NMC_PIN: 'placeholder',
  DBS_NUMBER: 'placeholder',
  HCPC_NUMBER: 'placeholder',
  GPHC_NUMBER: 'placeholder',
  DATE_OF_BIRTH: 'placeholder',
  PERSON: 'pseudonym',
};

export interface RedactOptions extends Partial<RecogniserContext> {
  /** Overrides per type; types not listed use DEFAULT_OPERATORS. */
  operators?: Partial<Record<EntityType, Operator>>;
  /** Pass the conversation's instance so pseudonyms stay stable across messages. */
  pseudonymiser?: Pseudonymiser;
}

export interface RedactResult {
  text: string;
  /** What was replaced, with offsets into the input text. Holds the raw values: never log it. */
  entities: Entity[];
}

const isBlank = (char: string | undefined) => char === ' ' || char === '\t';
// After a removal, a space before any of these would be left dangling ("at ." -> "at.").
const TIGHT_AFTER = new Set([' ', '\t', ',', '.', ';', ':', '!', '?', ')', ']']);

function trimBlankEnd(value: string): string {
  let end = value.length;
  while (end > 0 && isBlank(value[end - 1])) end--;
  return value.slice(0, end);
}

function operatorFor(options: RedactOptions, type: EntityType): Operator {
  return options.operators?.[type] ?? DEFAULT_OPERATORS[type];
}

export function redact(text: string, options: RedactOptions = {}): RedactResult {
  // Without a shared instance, pseudonyms are still consistent within this one text (one is
  // made when the first pseudonym is needed: most text has no name in it).
  let pseudonymiser = options.pseudonymiser;
  // People named earlier in the conversation stay recognisable, so a later bare mention
  // ("Update on John Smith") is caught without its title or "patient" trigger.
  const earlier = pseudonymiser ? pseudonymiser.originals('PERSON') : [];
  const entities = findEntities(text, {
    knownNames: options.knownNames ?? [],
    mentionedNames: earlier.length > 0 ? [...(options.mentionedNames ?? []), ...earlier] : (options.mentionedNames ?? []),
  });
  if (entities.length === 0) return { text, entities };

  let out = '';
  let cursor = 0;
  for (const entity of entities) {
    out += text.slice(cursor, entity.start);
    cursor = entity.end;
    switch (operatorFor(options, entity.type)) {
      case 'placeholder':
        out += `[${entity.type}]`;
        break;
      case 'pseudonym':
        pseudonymiser ??= new Pseudonymiser();
        out += pseudonymiser.pseudonymFor(entity.type, entity.text);
        break;
      case 'remove': {
        // Close the gap the value leaves: "call  now" -> "call now", "at ." -> "at.".
        const next = text[cursor];
        if (isBlank(out.at(-1)) && (next === undefined || TIGHT_AFTER.has(next))) out = trimBlankEnd(out);
        else if (out === '' || out.endsWith('\n')) while (isBlank(text[cursor])) cursor++;
        break;
      }
    }
  }
  return { text: out + text.slice(cursor), entities };
}
