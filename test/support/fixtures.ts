import fs from 'node:fs';
import path from 'node:path';

/** The shared example personas and job descriptions (../shared/fixtures beside the repo). */
export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../../../shared/fixtures');

export function personas(): Array<{ file: string; resume: any }> {
  const dir = path.join(FIXTURES_DIR, 'personas');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, resume: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

export function jobs(): Array<{ file: string; text: string }> {
  const dir = path.join(FIXTURES_DIR, 'jobs');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
}
