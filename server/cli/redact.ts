import { parseArgs } from 'node:util';
import { findEntities, redact } from '../ai/redaction/index.ts';

/** `medfolio redact`: a filter from stdin to stdout, so it loads the redaction rules and nothing else. */
export async function redactCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, name: { type: 'string', multiple: true } }, strict: true });
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const knownNames = values.name ?? [];
  if (values.json) {
    const entities = findEntities(text, { knownNames }).map(({ type, start, end }) => ({ type, start, end }));
    process.stdout.write(`${JSON.stringify({ entities }, null, 2)}\n`);
  } else process.stdout.write(redact(text, { knownNames }).text);
}
