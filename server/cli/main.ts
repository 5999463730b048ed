import { isCommandName, USAGE } from './usage.ts';

/**
 * `npx medfolio <command>` (bin/medfolio.js runs the compiled copy, dist/cli/main.js). This file
 * imports nothing heavy: help and a mistyped command answer at once, and a command's modules
 * (database, services; commands.ts) load only when it runs.
 */
const HELP_FLAGS = new Set(['--help', '-h']);
const [name = 'help', ...rest] = process.argv.slice(2);

if (name === 'help' || HELP_FLAGS.has(name) || rest.some((arg) => HELP_FLAGS.has(arg))) {
  process.stdout.write(USAGE);
} else if (!isCommandName(name)) {
  process.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
  process.exit(2);
} else {
  try {
    // A command's modules load when it runs; redact needs none of the database's.
    const command = name === 'redact' ? (await import('./redact.ts')).redactCommand : (await import('./commands.ts')).commands[name];
    await command(rest);
  } catch (err) {
    process.stderr.write(`medfolio ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
