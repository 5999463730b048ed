import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No Docker engine runs where the tests run, so the compose file is checked by parsing it.
const root = path.resolve(import.meta.dirname, '../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: unknown; command?: string[]; environment?: Record<string, string>; healthcheck?: { test: unknown }; depends_on?: Record<string, { condition: string }> }>;
};

describe('docker-compose.yml', () => {
  it('defines postgres with pgvector, redis 7, mailpit, api and worker', () => {
    const { services } = compose;
    expect(Object.keys(services).sort()).toEqual(['api', 'mailpit', 'postgres', 'redis', 'worker']);
    expect(services.postgres?.image).toBe('pgvector/pgvector:pg17');
    expect(services.redis?.image).toMatch(/^redis:7/);
    expect(services.mailpit?.image).toMatch(/^axllent\/mailpit/);
    expect(services.api?.build).toBeDefined();
    expect(services.worker?.command).toEqual(['npm', 'run', 'worker']);
  });

  it('gives every service a health check, and starts the app after its dependencies are healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, `${name} health check`).toBeDefined();
    }
    for (const name of ['api', 'worker']) {
      const deps = compose.services[name]?.depends_on ?? {};
      expect(deps.postgres?.condition).toBe('service_healthy');
      expect(deps.redis?.condition).toBe('service_healthy');
      // An uncaught exception ends the process (server/platform/process-guards.ts): Docker restarts it.
      expect((compose.services[name] as { restart?: string }).restart).toBe('unless-stopped');
    }
  });

  it('points the app at the real services, with variables the config accepts', async () => {
    const { loadConfig } = await import('../../server/config/env.ts');
    for (const name of ['api', 'worker']) {
      const env = { ...compose.services[name]?.environment, DATA_ENCRYPTION_KEY: 'A'.repeat(43) + '=' };
      const config = loadConfig(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[^}]*\}/g, '')])));
      expect(config.database.url).toContain('@postgres:5432/');
      expect(config.redisUrl).toBe('redis://redis:6379');
      expect(config.mail.smtpUrl).toBe('smtp://mailpit:1025');
    }
  });

  it('has a Dockerfile that installs Debian Chromium and skips the Puppeteer download', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('chromium');
    expect(dockerfile).toContain('PUPPETEER_SKIP_DOWNLOAD=1');
  });
});
