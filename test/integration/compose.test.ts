import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No Docker engine runs where the tests run, so the compose file is checked by parsing it.
const root = path.resolve(import.meta.dirname, '../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      build?: unknown;
      command?: string[];
      entrypoint?: string[];
      restart?: string;
      environment?: Record<string, string>;
      healthcheck?: { test: unknown };
      depends_on?: Record<string, { condition: string }>;
    }
  >;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('defines postgres with pgvector, redis 7, mailpit, minio (and its bucket-creating init), api and worker', () => {
    const { services } = compose;
    expect(Object.keys(services).sort()).toEqual(['api', 'mailpit', 'minio', 'minio-init', 'postgres', 'redis', 'worker']);
    expect(services.minio?.image).toMatch(/^minio\/minio/);
    expect(services.minio?.command?.slice(0, 2)).toEqual(['server', '/data']);
    expect(compose.volumes).toHaveProperty('miniodata');
    expect(services.postgres?.image).toBe('pgvector/pgvector:pg17');
    expect(services.redis?.image).toMatch(/^redis:7/);
    expect(services.mailpit?.image).toMatch(/^axllent\/mailpit/);
    expect(services.api?.build).toBeDefined();
    expect(services.worker?.command).toEqual(['npm', 'run', 'worker']);
  });

  it('gives every long-running service a health check, and starts the app after its dependencies are healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'minio-init') continue; // one-shot: it exits once the bucket exists
      expect(service.healthcheck?.test, `${name} health check`).toBeDefined();
    }
    for (const name of ['api', 'worker']) {
      const deps = compose.services[name]?.depends_on ?? {};
      expect(deps.postgres?.condition).toBe('service_healthy');
      expect(deps.redis?.condition).toBe('service_healthy');
      // The bucket exists before the app stores its first file.
      expect(deps['minio-init']?.condition).toBe('service_completed_successfully');
      // An uncaught exception ends the process (server/platform/process-guards.ts): Docker restarts it.
      expect((compose.services[name] as { restart?: string }).restart).toBe('unless-stopped');
    }
  });

  it('points the app at the real services, with variables the config accepts', async () => {
    const { loadConfig } = await import('../../server/config/env.ts');
    for (const name of ['api', 'worker']) {
      const env = { ...compose.services[name]?.environment, DATA_ENCRYPTION_KEY: 'A'.repeat(43) + '=' };
      // As Compose substitutes with an empty .env: `${VAR:-default}` gives the default, others nothing.
      const substitute = (v: unknown) =>
        String(v)
          .replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1')
          .replace(/\$\{[^}]*\}/g, '');
      const config = loadConfig(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, substitute(v)])));
      expect(config.database.url).toContain('@postgres:5432/');
      expect(config.redisUrl).toBe('redis://redis:6379');
      expect(config.mail.smtpUrl).toBe('smtp://mailpit:1025');
      expect(config.s3).toEqual({
        endpoint: 'http://minio:9000',
        bucket: 'medfolio',
        region: 'us-east-1',
        accessKeyId: 'medfolio',
        secretAccessKey: 'medfolio-secret',
        forcePathStyle: true,
      });
    }
  });

  it('creates the bucket the app uses, in MinIO, with the credentials the app uses', () => {
    const { services } = compose;
    const init = services['minio-init']!;
    expect(init.image).toMatch(/^minio\/mc/);
    expect(init.restart).toBe('no');
    expect(init.depends_on?.minio?.condition).toBe('service_healthy');
    const script = init.command?.join(' ') ?? '';
    expect(script).toContain('http://minio:9000');
    expect(script).toMatch(/mc mb --ignore-existing "medfolio\/\$\$S3_BUCKET"/);
    // One source for the bucket name and keys: the same .env variables, with the same defaults.
    const app = services.api!.environment!;
    expect(init.environment?.S3_BUCKET).toBe(app.S3_BUCKET);
    expect(init.environment?.S3_ACCESS_KEY_ID).toBe(app.S3_ACCESS_KEY_ID);
    expect(init.environment?.S3_SECRET_ACCESS_KEY).toBe(app.S3_SECRET_ACCESS_KEY);
    expect(services.minio?.environment?.MINIO_ROOT_USER).toBe(app.S3_ACCESS_KEY_ID);
    expect(services.minio?.environment?.MINIO_ROOT_PASSWORD).toBe(app.S3_SECRET_ACCESS_KEY);
  });

  it('has a Dockerfile that installs Debian Chromium and skips the Puppeteer download', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('chromium');
    expect(dockerfile).toContain('PUPPETEER_SKIP_DOWNLOAD=1');
  });
});
