import type { z } from 'zod';
import type { FieldIssue } from '../../platform/errors.ts';
import type { RecordType } from '../../platform/db/types.ts';

/**
 * One kind of owned record (post, registration, training, DBS check, education). A kind is
 * declared once; the repo, service (audit, embedding, evidence) and routes are generic over it,
 * so every kind gets the same ownership checks, validation and audit trail.
 */
export type RecordTable = 'posts' | 'registrations' | 'training' | 'dbs_checks' | 'education';

export interface KindContext {
  /** Today in the clinician's time zone, as YYYY-MM-DD. */
  today: string;
  catalogue: Map<string, { name: string; validityMonths: number; endOfMonth: boolean }>;
}

export interface RecordKind<Input extends Record<string, unknown>, Fields extends Record<string, unknown>> {
  type: Exclude<RecordType, 'timecard'>;
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
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRecordKind = RecordKind<any, any>;

export const defineKind = <I extends Record<string, unknown>, F extends Record<string, unknown>>(kind: RecordKind<I, F>) => kind;
