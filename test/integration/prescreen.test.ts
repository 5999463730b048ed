import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { personas } from '../support/fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
});

const persona = (file: string) => personas().find((p) => p.file === file)!.resume;

async function screened(file: string, role?: string) {
  const resume = persona(file);
  const { client } = await signUp(app, { name: resume.basics.name });
  expect((await client.post('/api/import/json-resume', resume)).status).toBe(200);
  const res = await client.get(`/api/prescreen?asOf=2026-11-22${role ? `&role=${role}` : ''}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('pre-screening of the example personas as of 2026-11-22', () => {
  it('finds the 3-month gap of the F3 doctor', async () => {
    const result = await screened('f3-agency-sho.json', 'acute-medicine');
    const gaps = result.findings.filter((f: any) => f.kind === 'gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ from: '2025-08-06', to: '2025-11-02' });
    expect(gaps[0].message).toContain('about 3 months');
    // Sentences carry dates as people write them; the fields keep ISO dates.
    expect(gaps[0].message).toMatch(/between \d{1,2} [A-Z][a-z]+ 2025 and 3 November 2025/);
    expect(result.notice).toMatch(/advice/);
  });

  it('finds APLS expired for the ST4, and ATLS missing for emergency medicine', async () => {
    const result = await screened('em-st4-locum.json', 'emergency-medicine');
    const expired = result.findings.filter((f: any) => f.kind === 'expired');
    expect(expired.map((f: any) => f.message)).toEqual(['Advanced Paediatric Life Support (APLS) expired on 9 June 2026.']);
    const missing = result.findings.filter((f: any) => f.kind === 'missing').map((f: any) => f.message);
    expect(missing).toEqual(expect.arrayContaining([expect.stringContaining('ATLS: your record has none'), expect.stringContaining('APLS: yours has expired')]));
    expect(missing.join(' ')).not.toContain('GMC');
    // The locum post alongside the training post is an overlap to note, not an error.
    expect(result.summary.overlaps).toBeGreaterThanOrEqual(1);
    expect(result.summary.gaps).toBe(0);
  });

  it('finds Safeguarding Level 3 expiring within 30 days for the GP', async () => {
    const result = await screened('locum-gp.json', 'general-practice');
    const expiring = result.findings.filter((f: any) => f.kind === 'expiring');
    expect(expiring).toEqual([
      expect.objectContaining({ withinDays: 30, severity: 'high', to: '2026-12-12', message: 'Safeguarding Children Level 3 expires on 12 December 2026, in 20 days.' }),
      expect.objectContaining({ withinDays: 90, severity: 'medium', to: '2027-02-02' }),
    ]);
    // The GP record has no Information Governance training at all.
    expect(result.findings.filter((f: any) => f.kind === 'missing').map((f: any) => f.message)).toEqual(['General practitioner roles usually need Information Governance: your record has none.']);
  });

  it('finds Information Governance expired for the nurse, and an old DBS not on the Update Service', async () => {
    const result = await screened('icu-nurse-band6.json', 'critical-care-nurse');
    expect(result.findings.filter((f: any) => f.kind === 'expired').map((f: any) => f.message)).toEqual(['Information Governance expired on 1 October 2026.']);
    expect(result.findings.some((f: any) => f.kind === 'dbs-age')).toBe(true);
    expect(result.findings.filter((f: any) => f.kind === 'unverified')).toHaveLength(3);
  });

  it('gives stable finding ids, and explains an unknown role', async () => {
    const first = await screened('f3-agency-sho.json');
    const { client } = await signUp(app);
    expect((await client.get('/api/prescreen?role=astronaut')).status).toBe(422);
    expect((await client.get('/api/prescreen?asOf=2026-13-01')).status).toBe(422);
    expect(new Set(first.findings.map((f: any) => f.id)).size).toBe(first.findings.length);
  });
});
