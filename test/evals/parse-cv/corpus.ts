import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createHashingEmbedder } from '../../../server/adapters/embedder.ts';
import type { PdfRenderer } from '../../../server/adapters/pdf/renderer.ts';
import { composeOffline } from '../../../server/ai/cv-draft/offline-composer.ts';
import { aiRecordFromResume } from '../../../server/ai/record-from-resume.ts';
import { fillPlaceholders, type CvSnapshot } from '../../../server/cv-render/snapshot.ts';
import { renderCvHtml } from '../../../server/cv-render/templates.ts';
import { chooseLayout } from '../../../server/cv-render/layouts.ts';
import { SELF_DECLARED } from '../../../server/domains/record/evidence-words.ts';
import { readCvFile } from '../../../server/domains/cv-import/read-cv-file.ts';
import { allPersonas, FIXTURES_DIR } from '../../support/fixtures.ts';
import { ecosystemSamples } from '../../support/jsonresume-samples.ts';
import { LAYOUTS } from './layouts.ts';

/**
 * The CV reader's evaluation (issue 15 item 5): JSON Resume files rendered to PDF by published
 * themes, by plain word-processor layouts and by Medfolio's own CV renderer, read back by the
 * upload path (readCvFile), and scored on work entries recovered with employer, position and
 * start month all matching.
 */
const require = createRequire(import.meta.url);
type Resume = any;
type RenderHtml = (resume: Resume) => Promise<string> | string;

export const CV_IMPORT_FIXTURES = path.join(FIXTURES_DIR, 'cv-import');

export function corpus(): Array<{ name: string; resume: Resume }> {
  const own = fs
    .readdirSync(CV_IMPORT_FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: `cv-import/${f}`, resume: JSON.parse(fs.readFileSync(path.join(CV_IMPORT_FIXTURES, f), 'utf8')) }));
  return [...ecosystemSamples(), ...own, ...allPersonas().map((p) => ({ name: `personas/${p.file}`, resume: p.resume }))];
}

/**
 * Published themes that print JSON Resume 1.x work entries (macchiato prints the 0.x `company`
 * field, so no employer appears in its PDFs; its sample file is still in the corpus).
 */
export async function themes(): Promise<Record<string, RenderHtml>> {
  const even = (await import('jsonresume-theme-even')) as { render: RenderHtml };
  return {
    'theme:even': (r) => even.render(r),
    'theme:stackoverflow': (r) => (require('jsonresume-theme-stackoverflow') as { render: RenderHtml }).render(r),
    'theme:kendall': (r) => (require('jsonresume-theme-kendall') as { render: RenderHtml }).render(r),
  };
}

export const layouts = (): Record<string, RenderHtml> => Object.fromEntries(Object.entries(LAYOUTS).map(([name, render]) => [`layout:${name}`, render]));

/** Medfolio's full CV template, from the offline composer's draft of the file. */
export async function renderOurs(resume: Resume): Promise<string> {
  const asOf = '2026-11-27';
  const record = aiRecordFromResume(resume, asOf);
  const draft = await composeOffline(record, '', [], asOf, createHashingEmbedder(64));
  const numbers = new Map(record.registrations.map((r) => [r.id, r.number]));
  // The layout the product would pick for this record (uk-doctor, uk-nurse, us-clinician...).
  const layout = chooseLayout(
    undefined,
    record.registrations.map((r) => r.body),
    null,
  );
  const snapshot: CvSnapshot = {
    template: layout.id,
    format: layout.format,
    name: resume.basics?.name ?? 'Clinician',
    label: resume.basics?.label ?? null,
    contact: [resume.basics?.email, resume.basics?.phone].filter(Boolean),
    sections: fillPlaceholders(draft, numbers).sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, evidence: SELF_DECLARED })) })),
    jobTitle: null,
    showRefereeNames: false,
  };
  return renderCvHtml(snapshot);
}

const norm = (s: string | undefined) =>
  (s ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const startOf = (d: string | undefined, precision: number) => (d ?? '').slice(0, precision);

export interface Score {
  expected: number;
  recovered: number;
  misses: string[];
}

/** Work entries of the file found in the draft: employer, position and start month all the same. */
export function scoreWork(resume: Resume, parsed: Resume): Score {
  const expected = (resume.work ?? []).filter((w: any) => w.name && w.position && w.startDate);
  const misses: string[] = [];
  let recovered = 0;
  for (const w of expected) {
    const precision = w.startDate.length >= 7 ? 7 : 4;
    const hit = (parsed.work ?? []).some((p: any) => norm(p.name) === norm(w.name) && norm(p.position) === norm(w.position) && startOf(p.startDate, precision) === startOf(w.startDate, precision));
    if (hit) recovered++;
    else misses.push(`${w.position} | ${w.name} | ${w.startDate}`);
  }
  return { expected: expected.length, recovered, misses };
}

export interface EvalRow {
  renderer: string;
  cv: string;
  score: Score;
  error?: string;
}

/** Renders each CV with each renderer, reads the PDF back, and scores it. */
export async function evaluate(pdf: PdfRenderer, renderers: Record<string, RenderHtml>, cvs: Array<{ name: string; resume: Resume }>): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for (const [renderer, render] of Object.entries(renderers)) {
    for (const { name, resume } of cvs) {
      const { pdf: bytes } = await pdf.render(await render(resume), { format: 'A4' });
      try {
        const parsed = await readCvFile(bytes);
        rows.push({ renderer, cv: name, score: scoreWork(resume, parsed.resume) });
      } catch (err) {
        const expected = scoreWork(resume, {});
        rows.push({ renderer, cv: name, score: expected, error: (err as Error).message });
      }
    }
  }
  return rows;
}

export function totals(rows: EvalRow[], family: string) {
  const mine = rows.filter((r) => r.renderer.startsWith(family));
  const expected = mine.reduce((n, r) => n + r.score.expected, 0);
  const recovered = mine.reduce((n, r) => n + r.score.recovered, 0);
  return { expected, recovered, rate: expected ? recovered / expected : 1 };
}
