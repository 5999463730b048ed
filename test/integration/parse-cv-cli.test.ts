import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../server/platform/paths.ts';
import { docxWith } from '../support/cv-files.ts';

/** `medfolio parse-cv FILE [--json]`: the draft a CV would import, offline, nothing saved. */
const cli = (args: string[]) => spawnSync(process.execPath, ['bin/medfolio.js', 'parse-cv', ...args], { cwd: ROOT_DIR, env: { PATH: process.env.PATH ?? '' } });

describe('medfolio parse-cv', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-parse-cv-'));
  const file = path.join(dir, 'cv.docx');
  fs.writeFileSync(file, docxWith(['Dr Ines Test', 'Career History', 'Core Trainee in Anaesthetics (CT2)', 'Millbrook Teaching Hospitals NHS Trust', '08/2020 - 08/2022', 'GMC No. 7312458']));

  it('prints the JSON Resume it would import, and a summary without --json', () => {
    const json = JSON.parse(execFileSync(process.execPath, ['bin/medfolio.js', 'parse-cv', file, '--json'], { cwd: ROOT_DIR, env: { PATH: process.env.PATH ?? '' } }).toString());
    expect(json.work).toEqual([{ name: 'Millbrook Teaching Hospitals NHS Trust', position: 'Core Trainee in Anaesthetics', grade: 'CT2', startDate: '2020-08', endDate: '2022-08' }]);
    expect(json.clinical.registrations).toEqual([{ body: 'GMC', number: '7312458' }]);
    const text = cli([file]).stdout.toString();
    expect(text).toContain('2020-08 to 2022-08');
    expect(text).toContain('Core Trainee in Anaesthetics [CT2], Millbrook Teaching Hospitals NHS Trust');
  }, 120_000);

  it('says why a file cannot be read, with exit code 1', () => {
    const other = path.join(dir, 'notes.txt');
    fs.writeFileSync(other, 'Experience');
    const res = cli([other]);
    expect(res.status).toBe(1);
    expect(res.stderr.toString()).toContain('A CV must be a PDF or a Word document');
  }, 120_000);
});
