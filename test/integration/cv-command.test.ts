import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCvCommand } from '../../server/cli/cv.ts';
import { createPdfRenderer, type PdfRenderer } from '../../server/adapters/pdf/renderer.ts';
import { extractPdfText } from '../../server/adapters/pdf/text-check.ts';
import { findChromium } from '../../server/adapters/browser.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { FIXTURES_DIR, jobs, personas } from '../support/fixtures.ts';
import { hasService } from '../support/env.ts';

const chromium = findChromium(process.env.CHROMIUM_PATH);
const root = path.resolve(import.meta.dirname, '../..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-cv-'));
let renderer: PdfRenderer;
beforeAll(() => {
  if (chromium) renderer = createPdfRenderer({ executablePath: chromium, logger: createLogger({ level: 'silent' }) });
});
afterAll(async () => {
  await renderer?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

describe.skipIf(!hasService(Boolean(chromium), 'Chromium (CHROMIUM_PATH)'))('medfolio cv', () => {
  it('runs as a command and prints the summary', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        'bin/medfolio.js',
        'cv',
        '--resume',
        path.join(FIXTURES_DIR, 'personas/em-st4-locum.json'),
        '--job',
        path.join(FIXTURES_DIR, 'jobs/ed-trust-registrar.txt'),
        '--out',
        path.join(out, 'st4.pdf'),
        '--as-of',
        '2026-11-22',
      ],
      { cwd: root, env: { PATH: process.env.PATH ?? '', CHROMIUM_PATH: chromium! } },
    );
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ pdf: path.join(out, 'st4.pdf'), composer: 'offline', removed: [] });
    expect(summary.requirements.unmet.map((r: { text: string }) => r.text).join(' ')).toContain('ATLS');
    expect(summary.requirements.expired.map((r: { note: string }) => r.note).join(' ')).toContain('APLS');
    expect(fs.readFileSync(path.join(out, 'st4.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);

  for (const { file: persona, resume } of personas()) {
    for (const { file: job } of jobs()) {
      it(`${persona} x ${job}: a PDF with the name, registration number and every employer, no ligatures`, async () => {
        const pdfPath = path.join(out, `${persona}-${job}.pdf`);
        const draftPath = `${pdfPath}.json`;
        const summary = await runCvCommand(
          { resume: path.join(FIXTURES_DIR, 'personas', persona), job: path.join(FIXTURES_DIR, 'jobs', job), out: pdfPath, draft: draftPath, asOf: '2026-11-22' },
          { PATH: process.env.PATH ?? '', CHROMIUM_PATH: chromium! },
          { renderer },
        );
        expect(summary.removed).toEqual([]);
        expect(summary.pages).toBeGreaterThanOrEqual(1);
        expect(summary.pages).toBeLessThanOrEqual(4);
        const { text } = await extractPdfText(fs.readFileSync(pdfPath));
        const flat = text.replace(/\s+/g, ' ');
        expect(flat).toContain(resume.basics.name);
        for (const reg of resume.clinical.registrations) expect(flat).toContain(reg.number);
        const draft = JSON.parse(fs.readFileSync(draftPath, 'utf8'));
        const employers = draft.sections.find((s: { kind: string }) => s.kind === 'experience').items.map((i: { subtitle: string }) => i.subtitle.split(',')[0]);
        for (const employer of employers) expect(flat).toContain(employer);
        expect(text).not.toMatch(/[\uFB00-\uFB06]/);
      }, 60_000);
    }
  }
});
