import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.ts';

describe('loadConfig', () => {
  it('selects the embedded defaults when no service variable is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.llm.mode).toBe('offline');
    expect(config.appOrigin).toBe('http://localhost:3000');
    expect(config.mail.smtpUrl).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: '', PORT: '' });
    expect(config.database.url).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://127.0.0.1:6379' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LLM_BASE_URL: 'http://localhost:11434/v1' }, 'LLM_MODEL'],
    [{ OPENAI_API_KEY: 'sk-test' }, 'LLM_MODEL'],
    [{ DATA_ENCRYPTION_KEY: 'short' }, 'DATA_ENCRYPTION_KEY'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ S3_BUCKET: 'medfolio' }, 'S3_ACCESS_KEY_ID'],
    [{ S3_BUCKET: 'medfolio', S3_ACCESS_KEY_ID: 'k' }, 'S3_SECRET_ACCESS_KEY'],
    [{ S3_ENDPOINT: 'http://minio:9000' }, 'S3_BUCKET'],
    [{ S3_BUCKET: 'Not_A_Bucket', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }, 'S3_BUCKET'],
    [{ S3_ENDPOINT: 'ftp://minio', S3_BUCKET: 'medfolio', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }, 'S3_ENDPOINT'],
    [{ S3_FORCE_PATH_STYLE: 'yes' }, 'S3_FORCE_PATH_STYLE'],
    [{ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_PRICE_PRO: 'price_pro' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' }, 'STRIPE_PRICE_PRO'],
    [{ STRIPE_WEBHOOK_SECRET: 'whsec_x' }, 'STRIPE_SECRET_KEY'],
    [{ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_PRICE_TEAM: 'team' }, 'STRIPE_PRICE_TEAM'],
  ])('names the variable when %o is invalid', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.some((p) => p.startsWith(variable))).toBe(true);
    expect((error as ConfigError).message).toContain(variable);
  });

  it('has no billing unless Stripe is set, then reads its prices and where its API is', () => {
    expect(loadConfig({}).stripe).toBeUndefined();
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_PRICE_TEAM: 'price_team', STRIPE_API_URL: 'http://127.0.0.1:12111' }).stripe).toEqual({
      secretKey: 'sk_test_x',
      webhookSecret: 'whsec_x',
      prices: { team: 'price_team' },
      api: { protocol: 'http', host: '127.0.0.1', port: 12111 },
    });
  });

  it('keeps files on local disk unless S3_BUCKET is set, then reads the S3 settings', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    expect(loadConfig({ S3_BUCKET: '', S3_ENDPOINT: '' }).s3).toBeUndefined();
    expect(loadConfig({ S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'medfolio', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_FORCE_PATH_STYLE: 'true' }).s3).toEqual({
      endpoint: 'http://minio:9000',
      bucket: 'medfolio',
      region: 'us-east-1',
      accessKeyId: 'k',
      secretAccessKey: 's',
      forcePathStyle: true,
    });
    expect(loadConfig({ S3_BUCKET: 'medfolio', S3_REGION: 'eu-west-2', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }).s3).toMatchObject({
      endpoint: undefined,
      region: 'eu-west-2',
      forcePathStyle: false,
    });
  });

  it('reads TRUST_PROXY as a number of hops', () => {
    expect(loadConfig({}).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => loadConfig({ TRUST_PROXY: 'all' })).toThrow(/TRUST_PROXY/);
  });

  it('chooses the LLM mode from the provider variables', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', LLM_MODEL: 'm' }).llm.mode).toBe('openai');
    const compatible = loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'llama3.1' });
    expect(compatible.llm).toMatchObject({ mode: 'compatible', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1' });
  });
});

describe('.env.example', () => {
  it('lists every variable the configuration reads, and parses to a valid configuration', async () => {
    const fs = await import('node:fs');
    const { ENV_VARIABLES } = await import('./env.ts');
    const text = fs.readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    const listed = [...text.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ENV_VARIABLES].sort());
    const { parseEnv } = await import('node:util');
    expect(() => loadConfig(parseEnv(text))).not.toThrow();
  });
});

describe('README configuration table', () => {
  it('names every variable the configuration reads', async () => {
    const fs = await import('node:fs');
    const { ENV_VARIABLES } = await import('./env.ts');
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const named = new Set([...table.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]));
    expect(ENV_VARIABLES.filter((name) => !named.has(name))).toEqual([]);
  });
});
