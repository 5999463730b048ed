import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config/env.ts';
import { createLogger } from '../platform/logger.ts';
import { embeddedDatabaseDir, openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';

/**
 * `npx medfolio <command>`: the same services the API uses, for people and scripts.
 * Results go to stdout (JSON where a script may read them); logs go to stderr.
 */
const USAGE = `Usage: medfolio <command> [options]

Commands:
  migrate        apply pending database migrations (also done at start-up)
  help           show this message
`;

async function migrate() {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, name: 'cli', destination: process.stderr });
  const database = await openDatabase(
    { url: config.database.url, poolMax: 1, embeddedDir: embeddedDatabaseDir(config.dataDir) },
    logger,
  );
  try {
    const applied = await migrateToLatest(database.db, logger);
    process.stdout.write(`${JSON.stringify({ applied, database: database.mode })}\n`);
  } finally {
    await database.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  migrate: async (args) => {
    parseArgs({ args, options: {}, strict: true });
    await migrate();
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
