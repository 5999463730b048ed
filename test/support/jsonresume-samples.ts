import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * JSON Resume files the ecosystem ships: the schema package's sample and examples, and the
 * samples of the theme packages we test against. Read from node_modules at run time, never
 * copied into the repository (they are other people's text).
 */
const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

const SAMPLE_FILES: Array<[pkg: string, file: string]> = [
  ['@jsonresume/schema', 'sample.resume.json'],
  ['@jsonresume/schema', 'examples/career-changer.resume.json'],
  ['@jsonresume/schema', 'examples/new-grad.resume.json'],
  ['@jsonresume/schema', 'examples/senior-engineer.resume.json'],
  ['jsonresume-theme-macchiato', 'resume.json'],
  ['jsonresume-theme-stackoverflow', 'docs/sample.resume.json'],
];

export function ecosystemSamples(): Array<{ name: string; resume: any }> {
  return SAMPLE_FILES.map(([pkg, file]) => ({ name: `${pkg}/${file}`, resume: JSON.parse(fs.readFileSync(path.join(packageDir(pkg), file), 'utf8')) }));
}

const { validate } = require('@jsonresume/schema') as { validate: (doc: unknown, cb: (errors: unknown, valid: boolean) => void) => void };
export const validateResume = (doc: unknown) => new Promise<{ valid: boolean; errors: unknown }>((resolve) => validate(doc, (errors, valid) => resolve({ valid, errors })));
