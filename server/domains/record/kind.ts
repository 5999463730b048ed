import type { z } from 'zod';
import type { FieldIssue } from '../../platform/errors.ts';
import type { RecordKindType, RecordTable } from './schema.ts';

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

/** Pseudonymises free text before it may reach a model (docs/ARCHITECTURE.md, Minimum context). */
export type Clean = (text: string | null) => string | null;

export interface KindContext {
  /** Today in the clinician's time zone, as YYYY-MM-DD. */
  today: string;
  catalogue: Map<string, { name: string; validityMonths: number; endOfMonth: boolean }>;
}

export interface RecordKind<Input extends Record<string, unknown>, Fields extends Record<string, unknown>, Type extends RecordKindType = RecordKindType> {
  /** From the one list (`RECORD_KIND_NAMES` in schema.ts). */
  type: Type;
  table: RecordTable;
  /** URL segment: /api/<path> */
  path: string;
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
  /** What retrieval embeds for this record: the clinician's own wording. */
  embedText(fields: Fields): string;
  /** A short label for lists and audit, e.g. "ST4, Northgate University Hospitals". */
  describe(fields: Fields): string;
  /** What a CV sentence citing this item may say. */
  facts(fields: Fields): KindFacts;
  /**
   * The item as the model sees it, free text through `clean`, never an identifier. Null keeps
   * the kind out of every prompt.
   */
  aiContext: ((item: Fields & { id: string }, clean: Clean) => Record<string, unknown>) | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRecordKind = RecordKind<any, any>;

export const defineKind = <I extends Record<string, unknown>, F extends Record<string, unknown>, T extends RecordKindType>(kind: RecordKind<I, F, T>) => kind;
