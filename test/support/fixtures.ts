import fs from 'node:fs';
import path from 'node:path';

/**
 * The team's own example personas (JSON Resume with the clinical extension) and job adverts,
 * in test/fixtures. Tests that render a PDF per persona x advert use the core four of each;
 * evaluations read every file.
 */
export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures');
export const PERSONAS_DIR = path.join(FIXTURES_DIR, 'personas');
export const JOBS_DIR = path.join(FIXTURES_DIR, 'jobs');

export const CORE_PERSONAS = ['em-st4-locum.json', 'f3-agency-sho.json', 'icu-nurse-band6.json', 'locum-gp.json'];
export const CORE_JOBS = ['clinical-fellow-acute-medicine.txt', 'critical-care-outreach-band6.txt', 'ed-trust-registrar.txt', 'salaried-gp.txt'];

const jsonFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

export function allPersonas(): Array<{ file: string; resume: any }> {
  return jsonFiles(PERSONAS_DIR).map((file) => ({ file, resume: JSON.parse(fs.readFileSync(path.join(PERSONAS_DIR, file), 'utf8')) }));
}

export function personas(): Array<{ file: string; resume: any }> {
  return allPersonas().filter((p) => CORE_PERSONAS.includes(p.file));
}

export function persona(file: string): any {
  return JSON.parse(fs.readFileSync(path.join(PERSONAS_DIR, file), 'utf8'));
}

export function allJobs(): Array<{ file: string; text: string }> {
  return fs
    .readdirSync(JOBS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: fs.readFileSync(path.join(JOBS_DIR, file), 'utf8') }));
}

export function jobs(): Array<{ file: string; text: string }> {
  return allJobs().filter((j) => CORE_JOBS.includes(j.file));
}

export function job(file: string): string {
  return fs.readFileSync(path.join(JOBS_DIR, file), 'utf8');
}
