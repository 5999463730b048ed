import { ENTITY_TYPES, type EntityType } from './types.ts';

export interface PseudonymEntry {
  type: EntityType;
  /** The normalised form the pseudonym is keyed by. */
  key: string;
  /** The value as first seen; what `restore` puts back. */
  original: string;
  pseudonym: string;
}

export interface PseudonymiserState {
  version: 1;
  entries: PseudonymEntry[];
}

/*
 * Keys decide what counts as "the same value": the same person written with different
 * spacing or capitals, or the same phone number written nationally and internationally,
 * must get the same pseudonym or the model sees two people where there is one.
 */
function normalise(type: EntityType, value: string): string {
  const text = value.normalize('NFKC').replace(/[’‘]/g, "'").trim();
  switch (type) {
    case 'PERSON':
    case 'DATE_OF_BIRTH':
      return text.toLowerCase().replace(/\s+/g, ' ');
    case 'EMAIL':
      return text.toLowerCase();
    case 'PHONE': {
      const international = /^(?:\+|00)/.test(text);
      const digits = text.replace(/\D/g, '').replace(/^00/, '');
      if (!international) return `0${digits.replace(/^0+/, '')}`;
      // "+44 (0)7700 900456" and "07700 900456" are one number.
      return digits.startsWith('44') ? `0${digits.slice(2).replace(/^0+/, '')}` : `+${digits}`;
    }
    default:
      return text.toUpperCase().replace(/[\s-]/g, '');
  }
}

const TOKEN = new RegExp(`\\[(?:${ENTITY_TYPES.join('|')})_\\d+\\]`, 'g');

/**
 * The pseudonym mapping for one conversation. Reuse the same instance (or its stored state)
 * across messages so a person keeps their label; the state holds the original values, so the
 * caller must store it encrypted and delete it with the conversation.
 */
export class Pseudonymiser {
  readonly #byKey = new Map<string, PseudonymEntry>();
  readonly #byPseudonym = new Map<string, PseudonymEntry>();
  readonly #counters = new Map<EntityType, number>();

  pseudonymFor(type: EntityType, value: string): string {
    const key = normalise(type, value);
    const existing = this.#byKey.get(`${type}:${key}`);
    if (existing) return existing.pseudonym;
    const n = (this.#counters.get(type) ?? 0) + 1;
    const entry: PseudonymEntry = { type, key, original: value, pseudonym: `[${type}_${n}]` };
    this.#add(entry);
    return entry.pseudonym;
  }

  /** Puts the original values back in place of the pseudonyms this instance issued. */
  restore(text: string): string {
    return text.replace(TOKEN, (token) => this.#byPseudonym.get(token)?.original ?? token);
  }

  /** The originals already mapped for a type, e.g. every person named so far in the conversation. */
  originals(type: EntityType): string[] {
    return [...this.#byKey.values()].filter((e) => e.type === type).map((e) => e.original);
  }

  get size(): number {
    return this.#byKey.size;
  }

  toJSON(): PseudonymiserState {
    return { version: 1, entries: [...this.#byKey.values()].map((e) => ({ ...e })) };
  }

  /** Rebuilds a mapping from `toJSON()` output; throws on anything else. */
  static fromJSON(state: unknown): Pseudonymiser {
    if (!isState(state)) throw new TypeError('Not a Pseudonymiser state (version 1)');
    const pseudonymiser = new Pseudonymiser();
    for (const entry of state.entries) pseudonymiser.#add({ ...entry });
    return pseudonymiser;
  }

  #add(entry: PseudonymEntry): void {
    const id = `${entry.type}:${entry.key}`;
    if (this.#byKey.has(id) || this.#byPseudonym.has(entry.pseudonym)) {
      throw new TypeError(`Duplicate pseudonym entry ${entry.pseudonym}`);
    }
    this.#byKey.set(id, entry);
    this.#byPseudonym.set(entry.pseudonym, entry);
    // Counters continue after the highest number issued, so a restored mapping never reuses a label.
    const n = Number(/_(\d+)\]$/.exec(entry.pseudonym)?.[1] ?? 0);
    this.#counters.set(entry.type, Math.max(this.#counters.get(entry.type) ?? 0, n));
  }
}

const isEntityType = (value: unknown): value is EntityType => typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);

function isEntry(value: unknown): value is PseudonymEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { type, key, original, pseudonym } = value as Record<string, unknown>;
  return isEntityType(type) && typeof key === 'string' && typeof original === 'string' && typeof pseudonym === 'string' && new RegExp(`^\\[${type}_[1-9]\\d*\\]$`).test(pseudonym);
}

function isState(value: unknown): value is PseudonymiserState {
  if (typeof value !== 'object' || value === null) return false;
  const { version, entries } = value as Record<string, unknown>;
  return version === 1 && Array.isArray(entries) && entries.every(isEntry);
}

/** The longest pseudonym, e.g. "[REGISTRATION_999]": a pending "[" longer than this is plain text. */
const MAX_TOKEN_LENGTH = Math.max(...ENTITY_TYPES.map((t) => t.length)) + 8;

/**
 * Restores pseudonyms in a streamed reply for the person who owns them (the model writes
 * "[PERSON_1]"; the clinician should read the name they typed). A chunk may end inside a
 * pseudonym ("Dr [PERS" + "ON_1] said"), so an unclosed "[" is held back until it closes
 * or cannot be one.
 */
export function createRestoringStream(pseudonymiser: Pseudonymiser, emit: (text: string) => void) {
  let pending = '';
  const flush = (text: string) => {
    if (text) emit(pseudonymiser.restore(text));
  };
  return {
    push(chunk: string) {
      pending += chunk;
      const open = pending.lastIndexOf('[');
      if (open === -1 || pending.indexOf(']', open) !== -1 || pending.length - open > MAX_TOKEN_LENGTH) {
        flush(pending);
        pending = '';
        return;
      }
      flush(pending.slice(0, open));
      pending = pending.slice(open);
    },
    end() {
      flush(pending);
      pending = '';
    },
  };
}
