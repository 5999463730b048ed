import { randomUUID } from 'node:crypto';
import { CATALOGUE_DEFAULTS } from '../domains/record/catalogue.ts';
import type { KindContext } from '../domains/record/kind.ts';
import { planImport } from '../domains/resume/import.ts';
import { KEPT_SECTIONS, type JsonResume } from '../domains/resume/schema.ts';
import { RECORD_KIND_TYPES } from '../domains/record/schema.ts';
import { extrasOf, namedViews, type AiItems, type AiRecord } from './record-view.ts';

/**
 * A JSON Resume read into the AI's view of a record without storing anything: the importer's
 * own plan and each kind's own rules (expiry from the catalogue, identifier checks), then the
 * rows a database would hold. For the CLI (`medfolio analyse-job --resume`) and the evals,
 * where a throwaway database would add seconds and nothing else. Everything is self-declared.
 */
/** A jsonb column as toColumns writes it (JSON text), read back as the database would give it. */
const asJson = (v: unknown) => {
  if (typeof v !== 'string' || !/^[[{]/.test(v)) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

export function aiRecordFromResume(resume: JsonResume, asOf: string): AiRecord {
  const catalogue = new Map(CATALOGUE_DEFAULTS.map((c) => [c.id, c]));
  const ctx: KindContext = { today: asOf, catalogue };
  const { items } = planImport(resume, ctx);
  const rows = items.map((item) => {
    const raw = item.kind.toColumns(item.input, ctx);
    // The kind's own fields schema decides whether reading JSON-looking text as JSON was right.
    const parsed = item.kind.fromRow(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, asJson(v)])));
    const fields = item.kind.fields.safeParse(parsed).success ? parsed : item.kind.fromRow(raw);
    return { type: item.kind.type, fields: { ...fields, id: randomUUID(), evidence: 'self-declared' } };
  });
  const byType = Object.fromEntries(RECORD_KIND_TYPES.map((type) => [type, rows.filter((r) => r.type === type).map((r) => r.fields)])) as unknown as AiItems;
  const sections = Object.fromEntries(KEPT_SECTIONS.map((s) => [s, (resume as Record<string, unknown>)[s]]).filter(([, v]) => v !== undefined));
  return {
    userId: 'resume',
    name: resume.basics?.name ?? '',
    profile: { label: resume.basics?.label ?? null, summary: resume.basics?.summary ?? null },
    ...namedViews(byType),
    extras: extrasOf(sections),
    // Shifts in a file are claims: only a supervisor's approval in Medfolio makes them verified shifts.
    shifts: { rows: [], totalHours: 0 },
  };
}
