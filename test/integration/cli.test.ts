import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = database.env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-cli-'));
});
afterAll(async () => {
  await database?.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const medfolio = (...args: string[]) =>
  run(process.execPath, ['bin/medfolio.js', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', DATA_DIR: dataDir, ...database.env },
  });

describe('npx medfolio', () => {
  it('migrates, seeds a demo account per persona (once), and grants the admin role', async () => {
    const migrated = JSON.parse((await medfolio('migrate')).stdout);
    expect(migrated.database).toBe(database.kind === 'postgres' ? 'postgres' : 'embedded');

    const personas = fs.readdirSync(path.join(root, '../shared/fixtures/personas')).filter((f) => f.endsWith('.json'));
    const first = JSON.parse((await medfolio('seed', '--demo')).stdout);
    expect(first.accounts).toHaveLength(personas.length);
    expect(first.accounts.every((a: { created: boolean }) => a.created)).toBe(true);
    const second = JSON.parse((await medfolio('seed', '--demo')).stdout);
    expect(second.accounts.every((a: { created: boolean }) => !a.created)).toBe(true);

    const admin = JSON.parse((await medfolio('admin', '--email', first.accounts[0].email)).stdout);
    expect(admin.role).toBe('platform_admin');
    await expect(medfolio('admin', '--email', 'nobody@example.org')).rejects.toMatchObject({ code: 1 });
  }, 120_000);

  it('explains unknown commands with exit code 2', async () => {
    await expect(medfolio('frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: medfolio') });
  });
});
