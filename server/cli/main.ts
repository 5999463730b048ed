import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/env.ts';
import { createLogger } from '../platform/logger.ts';
import { embeddedDatabaseDir, openDatabase, type DatabaseHandle } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { openPlatform } from '../platform/runtime.ts';
import { createVerifiedUser, setPlatformAdmin } from '../domains/accounts/service.ts';

/**
 * `npx medfolio <command>`: the same services the API uses, for people and scripts.
 * Results go to stdout (JSON where a script may read them); logs go to stderr.
 */
const USAGE = `Usage: medfolio <command> [options]

Commands:
  migrate                         apply pending database migrations (also done at start-up)
  seed --demo [--fixtures DIR]    create a demo account for each example persona
       [--password PASSWORD]      (default fixtures: ../shared/fixtures/personas)
  admin --email EMAIL [--revoke]  make an account a platform admin (or stop it being one)
  help                            show this message
`;

const DEFAULT_DEMO_PASSWORD = 'medfolio-demo-passphrase';

/** The same platform as the API (database, master key, audit key), without serving anything. */
async function withPlatform<T>(fn: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, name: 'cli', destination: process.stderr });
  const platform = await openPlatform(config, logger);
  try {
    return await fn(platform.database);
  } finally {
    await platform.close();
  }
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

const commands: Record<string, (args: string[]) => Promise<void>> = {
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
    const dir = path.resolve(values.fixtures ?? path.join(import.meta.dirname, '../../../shared/fixtures/personas'));
    if (!fs.existsSync(dir)) throw new Error(`no personas at ${dir}: pass --fixtures DIR (a folder of JSON Resume files)`);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    const password = values.password ?? DEFAULT_DEMO_PASSWORD;
    const accounts = await withPlatform(async ({ db }) => {
      const out = [];
      for (const file of files) {
        const resume = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { basics?: { name?: string; email?: string } };
        const email = resume.basics?.email;
        if (!email) throw new Error(`${file} has no basics.email`);
        const id = await createVerifiedUser(db, { email, name: resume.basics?.name ?? email, password }, new Date());
        out.push({ persona: file, email, created: Boolean(id) });
      }
      return out;
    });
    print({ password, accounts });
  },
  admin: async (args) => {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, revoke: { type: 'boolean' } }, strict: true });
    if (!values.email) throw new Error('--email is required');
    const email = values.email;
    const userId = await withPlatform(({ db }) => setPlatformAdmin(db, email, !values.revoke, new Date()));
    print({ userId, role: values.revoke ? 'clinician' : 'platform_admin' });
  },
  help: async () => {
    process.stdout.write(USAGE);
  },
};

const [name = 'help', ...rest] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  process.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
  process.exit(2);
}
try {
  await command(rest);
} catch (err) {
  process.stderr.write(`medfolio ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
