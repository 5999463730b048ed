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
const JSON_COLUMNS = new Set(['achievements', 'status_checks', 'courses']);

export function aiRecordFromResume(resume: JsonResume, asOf: string): AiRecord {
  const catalogue = new Map(CATALOGUE_DEFAULTS.map((c) => [c.id, c]));
  const ctx: KindContext = { today: asOf, catalogue };
  const { items } = planImport(resume, ctx);
  const rows = items.map((item) => {
    const columns = Object.fromEntries(Object.entries(item.kind.toColumns(item.input, ctx)).map(([k, v]) => [k, JSON_COLUMNS.has(k) && typeof v === 'string' ? JSON.parse(v) : v]));
    return { type: item.kind.type, fields: { ...item.kind.fromRow(columns), id: randomUUID(), evidence: 'self-declared' } };
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
