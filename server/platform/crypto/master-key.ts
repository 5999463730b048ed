import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.ts';

/**
 * The master key encrypts secrets at rest (TOTP secrets, per-file document keys). It comes
 * from DATA_ENCRYPTION_KEY; the embedded default generates one under DATA_DIR and warns,
 * because a key stored beside the data only protects against leaks of the database alone.
 */
export function loadMasterKey(options: { configured: string | undefined; dataDir: string; logger: Logger }): Buffer {
  if (options.configured) return Buffer.from(options.configured, 'base64');
  const file = path.join(options.dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  options.logger.warn({ file }, 'DATA_ENCRYPTION_KEY is not set: using a generated key stored beside the data. Set DATA_ENCRYPTION_KEY in production.');
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}
