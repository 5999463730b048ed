import type { z } from 'zod';
import type { FieldIssue } from '../../platform/errors.ts';
import type { RecordKindType, RecordPath, RecordTable } from './schema.ts';

/**
 * One kind of owned record (post, registration, training, DBS check, education...). A kind is
 * declared once; the repo, service (audit, embedding, evidence), routes and the AI's view of the
 * record (grounding facts, prompt context, embedding) are generic over it, so every kind gets the
 * same ownership checks, validation, audit trail and grounding.
 */
export type { RecordTable };

/** The facts a sentence citing an item may state (docs/ARCHITECTURE.md, Grounding). */
export interface KindFacts {
  /** Words: names, titles, numbers. */
  text: Array<string | null | undefined>;
  /** Calendar dates (YYYY-MM-DD, or shorter). */
  dates: Array<string | null | undefined>;
}

/** A CV entry made from one item, in the product's wording (docs/ARCHITECTURE.md, Grounding). */
export interface KindCvEntry {
  /** The CV section (`SECTION_KINDS` in ai/cv-draft/schema.ts). */
  section: string;
  title: string;
  subtitle: string | null;
  dates: string | null;
  bullets: string[];
  /** Newest first within a section. */
  sortDate: string | null;
}

/** How a JSON Resume file carries a kind (docs/ARCHITECTURE.md, Domain model: imports lose nothing silently). */
export interface KindResume<Input, Fields> {
  /** The JSON Resume section the kind owns. */
  section: 'publications' | 'awards' | 'references' | 'projects' | 'skills' | 'languages' | `clinical.${string}`;
  /** The fields of one section item the kind keeps; coverage.ts reports any other. */
  keptFields: readonly string[];
  toResume(fields: Fields): Record<string, unknown>;
  /** A file's item -> the kind's input (unchecked), what identifies it across imports, or why it cannot be used. */
  fromResume(item: Record<string, unknown>, read: ResumeReader): { input: Input; identity: Array<string | null>; fieldMap?: Record<string, string> } | { skip: string };
  /** Fields the kind keeps, but not with the value a file gives (reported by coverage.ts). */
  valuesNotKept?(item: Record<string, unknown>): Array<{ field: string; reason: string }>;
  /** Export order: newest first, then by title, so an export is the same every time. */
  sortKey(fields: Fields): string;
}

export interface ResumeReader {
  /** A non-blank string, or null. */
  text(value: unknown): string | null;
  /** Non-blank strings of a list. */
  list(value: unknown): string[];
  /** A JSON Resume date (YYYY, YYYY-MM or YYYY-MM-DD) as a calendar date; `field` names it in warnings. */
  date(value: unknown, field: string, end?: boolean): string | null;
}

/** Pseudonymises free text before it may reach a model (docs/ARCHITECTURE.md, Minimum context). */
export type Clean = (text: string | null) => string | null;

export interface KindContext {
  /** Today in the clinician's time zone, as YYYY-MM-DD. */
  today: string;
  /** Who the record belongs to, where known: a referee must be someone else. */
  account?: { name: string; email: string };
  catalogue: Map<string, { name: string; validityMonths: number; endOfMonth: boolean }>;
}

export interface RecordKind<Input extends Record<string, unknown>, Fields extends Record<string, unknown>, Type extends RecordKindType = RecordKindType> {
  /** From the one list (`RECORD_KIND_NAMES` in schema.ts). */
  type: Type;
  table: RecordTable;
  /** URL segment: /api/<path> */
  path: RecordPath;
  label: string;
  input: z.ZodType<Input>;
  /** The API shape of the kind's own fields (without id, evidence and timestamps). */
  fields: z.ZodType<Fields>;
  /** Checks that involve several fields or today's date; paths are relative to the body. */
  check(input: Input, ctx: KindContext): FieldIssue[];
  toColumns(input: Input, ctx: KindContext): Record<string, unknown>;
  fromRow(row: Record<string, unknown>): Fields;
  /** Fields -> the input that would recreate them (for PATCH merges). */
  toInput(fields: Fields): Input;
  /** What retrieval embeds for this record: the clinician's own wording. Null: the kind is never embedded (an embedder may be a provider outside). */
  embedText(fields: Fields): string | null;
  /** A short label for lists and audit, e.g. "ST4, Northgate University Hospitals". */
  describe(fields: Fields): string;
  /** What a CV sentence citing this item may say. */
  facts(fields: Fields): KindFacts;
  /**
   * The item as the model sees it, free text through `clean`, never an identifier. Null keeps
   * the kind out of every prompt.
   */
  aiContext: ((item: Fields & { id: string }, clean: Clean) => Record<string, unknown>) | null;
  /** The kind's CV entry, for kinds the composer words generically (the first five have their own wording). */
  cv?: (fields: Fields) => KindCvEntry;
  /** The kind's JSON Resume section, for kinds the importer maps generically. */
  resume?: KindResume<Input, Fields>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRecordKind = RecordKind<any, any>;

export const defineKind = <I extends Record<string, unknown>, F extends Record<string, unknown>, T extends RecordKindType>(kind: RecordKind<I, F, T>) => kind;
