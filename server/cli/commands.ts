import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { CvTemplate } from '../domains/cvs/schema.ts';
import { loadConfigOrExit } from '../config/env.ts';
import { createLogger } from '../platform/logger.ts';
import { embeddedDatabaseDir, openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { openPlatform } from '../composition.ts';
import { createVerifiedUser, setPlatformAdmin } from '../domains/accounts/service.ts';
import { findUserByEmail, findUserById } from '../domains/accounts/repo.ts';
import { importJsonResume } from '../domains/resume/import.ts';
import { ZJsonResume } from '../domains/resume/schema.ts';
import { isAppError } from '../platform/errors.ts';
import type { Platform } from '../composition.ts';
import { exportForOperator } from '../domains/privacy/export.ts';
import { ROOT_DIR } from '../platform/paths.ts';

import type { CommandName } from './usage.ts';

/**
 * The CLI's commands (`npx medfolio <command>`), loaded by main.ts only when one runs: the same
 * services the API uses, for people and scripts. Results go to stdout (JSON where a script may
 * read them); logs go to stderr.
 */
const DEFAULT_DEMO_PASSWORD = 'medfolio-demo-passphrase';

/** The same platform as the API (database, master key, audit key), without serving anything. */
async function withPlatform<T>(fn: (platform: Platform) => Promise<T>): Promise<T> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, name: 'cli', destination: process.stderr });
  const platform = await openPlatform(config, logger);
  try {
    return await fn(platform);
  } finally {
    await platform.close();
  }
}

/** Reads and checks a JSON Resume file; a bad file names its problems the way the API does. */
function readResume(file: string) {
  const parsed = ZJsonResume.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a JSON Resume: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Imports into an account; background work (embedding) runs when a worker or the API next runs. */
async function importInto(platform: Platform, email: string, file: string) {
  const user = await findUserByEmail(platform.database.db, email.trim().toLowerCase());
  if (!user) throw new Error(`no account uses ${email}`);
  try {
    return await importJsonResume({ db: platform.database.db, queue: platform.queue }, { id: user.id, name: user.name }, readResume(file), { requestId: null, now: new Date() });
  } catch (err) {
    if (isAppError(err) && err.details.issues) {
      throw new Error(`${err.message}:\n${err.details.issues.map((i) => `  ${i.path.replace(/^body\./, '')}: ${i.message}`).join('\n')}`, { cause: err });
    }
    throw err;
  }
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const commands = {
  migrate: async (args) => {
    parseArgs({ args, options: {}, strict: true });
    const config = loadConfigOrExit();
    const logger = createLogger({ level: config.logLevel, name: 'cli', destination: process.stderr });
    const database = await openDatabase({ url: config.database.url, poolMax: 1, embeddedDir: embeddedDatabaseDir(config.dataDir) }, logger);
    try {
      print({ applied: await migrateToLatest(database.db, logger), database: database.mode });
    } finally {
      await database.close();
    }
  },
  seed: async (args) => {
    const { values } = parseArgs({
      args,
      options: { demo: { type: 'boolean' }, fixtures: { type: 'string' }, password: { type: 'string' } },
      strict: true,
    });
    if (!values.demo) throw new Error('only `seed --demo` exists');
    const dir = path.resolve(values.fixtures ?? path.join(ROOT_DIR, 'test/fixtures/personas'));
    if (!fs.existsSync(dir)) throw new Error(`no personas at ${dir}: pass --fixtures DIR (a folder of JSON Resume files)`);
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const password = values.password ?? DEFAULT_DEMO_PASSWORD;
    const accounts = await withPlatform(async (platform) => {
      const out = [];
      for (const file of files) {
        const resume = readResume(path.join(dir, file));
        const email = resume.basics?.email;
        if (!email) throw new Error(`${file} has no basics.email`);
        const id = await createVerifiedUser(platform.database.db, { email, name: resume.basics?.name ?? email, password }, new Date());
        // Importing is idempotent, so seeding again refreshes the record without duplicating it.
        const report = await importInto(platform, email, path.join(dir, file));
        out.push({ persona: file, email, created: Boolean(id), imported: report.created, updated: report.updated });
      }
      return out;
    });
    print({ password, accounts });
  },
  admin: async (args) => {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, revoke: { type: 'boolean' } }, strict: true });
    if (!values.email) throw new Error('--email is required');
    const email = values.email;
    const userId = await withPlatform(({ database }) => setPlatformAdmin(database.db, email, !values.revoke, new Date()));
    print({ userId, role: values.revoke ? 'clinician' : 'platform_admin' });
  },
  export: async (args) => {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' } }, strict: true });
    if (!values.out || (!values.email && !values.user)) throw new Error('usage: medfolio export (--email EMAIL | --user ID) --out DIR');
    const out = path.resolve(values.out);
    print(
      await withPlatform(async (platform) => {
        const db = platform.database.db;
        const user = values.user ? await findUserById(db, values.user) : await findUserByEmail(db, values.email!.trim().toLowerCase());
        if (!user) throw new Error('no such account');
        const now = new Date();
        const archive = await exportForOperator({ db, storage: platform.storage, secretBox: platform.secretBox }, user.id, now);
        fs.mkdirSync(out, { recursive: true, mode: 0o700 });
        // The ZIP holds everything about a person: readable by this user only.
        const file = path.join(out, `medfolio-export-${user.id}-${now.toISOString().slice(0, 10)}.zip`);
        await pipeline(archive.stream, fs.createWriteStream(file, { mode: 0o600 }));
        await archive.settle();
        return { file, files: archive.summary.files, bytes: fs.statSync(file).size };
      }),
    );
  },
  import: async (args) => {
    const { values, positionals } = parseArgs({ args, options: { email: { type: 'string' } }, allowPositionals: true, strict: true });
    const file = positionals[0];
    if (!file || !values.email) throw new Error('usage: medfolio import FILE.json --email EMAIL');
    const email = values.email;
    print(await withPlatform((platform) => importInto(platform, email, file)));
  },
  cv: async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        resume: { type: 'string' },
        job: { type: 'string' },
        out: { type: 'string' },
        draft: { type: 'string' },
        template: { type: 'string' },
        format: { type: 'string' },
        'as-of': { type: 'string' },
      },
      strict: true,
    });
    if (!values.resume || !values.job || !values.out)
      throw new Error('usage: medfolio cv --resume FILE.json --job FILE.txt --out cv.pdf [--format pdf|docx] [--template full|locum|uk-doctor|uk-nurse|uk-ahp|us-clinician]');
    const { CV_TEMPLATES } = await import('../domains/cvs/schema.ts');
    if (values.template && !(CV_TEMPLATES as readonly string[]).includes(values.template)) throw new Error(`--template must be one of ${CV_TEMPLATES.join(', ')}`);
    if (values.format && values.format !== 'pdf' && values.format !== 'docx') throw new Error('--format must be pdf or docx');
    if (values['as-of'] && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new Error('--as-of must be YYYY-MM-DD');
    const { runCvCommand } = await import('./cv.ts');
    print(
      await runCvCommand(
        {
          resume: values.resume,
          job: values.job,
          out: values.out,
          draft: values.draft,
          template: values.template as CvTemplate | undefined,
          format: values.format as 'pdf' | 'docx' | undefined,
          asOf: values['as-of'],
        },
        // eslint-disable-next-line no-restricted-properties -- the CLI is an entry point: it hands the environment to loadConfig
        process.env,
      ),
    );
  },
  'analyse-job': async (args) => {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, resume: { type: 'string' }, 'as-of': { type: 'string' } }, allowPositionals: true, strict: true });
    const file = positionals[0];
    if (!file) throw new Error('usage: medfolio analyse-job FILE [--json] [--resume FILE.json] [--as-of YYYY-MM-DD]');
    if (values['as-of'] && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new Error('--as-of must be YYYY-MM-DD');
    const { analyseJobCommand } = await import('./analyse-job.ts');
    const text = file === '-' ? await readStdin() : fs.readFileSync(file, 'utf8');
    const result = analyseJobCommand(text, { resume: values.resume ? readResume(values.resume) : undefined, asOf: values['as-of'] ?? new Date().toISOString().slice(0, 10) });
    if (values.json) print(result.json);
    else process.stdout.write(result.text);
  },
  'parse-cv': async (args) => {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
    const file = positionals[0];
    if (!file) throw new Error('usage: medfolio parse-cv FILE.pdf|FILE.docx [--json]');
    const { readCvFile } = await import('../domains/cv-import/read-cv-file.ts');
    const parsed = await readCvFile(fs.readFileSync(file));
    if (values.json) print(parsed.resume);
    else process.stdout.write((await import('./parse-cv.ts')).describeDraft(parsed));
  },
  'check-cv': async (args) => {
    const { values, positionals } = parseArgs({ args, options: { server: { type: 'string' } }, allowPositionals: true, strict: true });
    const file = positionals[0];
    if (!file || !values.server) throw new Error('usage: medfolio check-cv FILE.pdf --server URL');
    const data = fs.readFileSync(file);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), path.basename(file));
    let res: Response;
    try {
      res = await fetch(new URL('/api/check-cv', values.server), { method: 'POST', body: form });
    } catch (err) {
      process.stderr.write(`medfolio check-cv: could not reach ${values.server} (${err instanceof Error ? err.message : String(err)})\n`);
      process.exit(2);
    }
    const body = (await res.json().catch(() => ({}))) as { authentic?: boolean; withdrawn?: boolean; error?: { message?: string } };
    print(body);
    if (res.status !== 200 && res.status !== 422) {
      process.stderr.write(`medfolio check-cv: the server answered ${res.status}${body.error?.message ? `: ${body.error.message}` : ''}\n`);
      process.exit(2);
    }
    process.exitCode = body.authentic === true && body.withdrawn === false ? 0 : 1;
  },
  keys: async (args) => {
    const { values } = parseArgs({ args, options: { rotate: { type: 'boolean' } }, strict: true });
    print(
      await withPlatform(async (platform) => {
        const { createInstanceKeys } = await import('../domains/trust/keys.ts');
        const { findKeys } = await import('../domains/trust/repo.ts');
        const keys = createInstanceKeys({ db: platform.database.db, secretBox: platform.secretBox, appOrigin: platform.config.appOrigin });
        const rotated = values.rotate ? await keys.rotate(new Date()) : undefined;
        await keys.publicJwks(); // makes the first key if there is none yet
        const rows = await findKeys(platform.database.db);
        return {
          ...(rotated ? { rotatedTo: rotated } : {}),
          did: keys.did,
          keys: rows.map((r) => ({ kid: r.kid, createdAt: r.created_at.toISOString(), retiredAt: r.retired_at?.toISOString() ?? null })),
        };
      }),
    );
  },
} satisfies Record<Exclude<CommandName, 'redact'>, (args: string[]) => Promise<void>>;
