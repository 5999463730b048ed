import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { generateCv } from '../support/cv.ts';
import { job, persona } from '../support/fixtures.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
});

async function nurse() {
  const resume = persona('icu-nurse-band6.json');
  const { client } = await signUp(app, { name: resume.basics.name });
  expect((await client.post('/api/import/json-resume', resume)).status).toBe(200);
  return client;
}

describe('POST /api/job-analysis: the requirement preview', () => {
  it('reads the advert, assesses every requirement against the record with its reason and evidence, and charges no CV', async () => {
    const client = await nurse();
    const res = await client.post('/api/job-analysis', { jobDescription: job('critical-care-outreach-band6.txt'), asOf: '2026-11-22' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Critical Care Outreach Practitioner', employer: 'Severn Estuary University Hospitals NHS Trust', country: 'UK', analysedWith: 'offline', notice: null });
    const find = (key: string) => res.body.requirements.find((r: { key: string }) => r.key === key);
    // Mentoring newly qualified nurses is teaching.
    expect(find('teaching')).toMatchObject({ status: 'met', importance: 'essential', evidence: [expect.objectContaining({ type: 'post', label: expect.stringContaining('Senior Staff Nurse') })] });
    expect(find('NMC')).toMatchObject({ status: 'met' });
    expect(find('als')).toMatchObject({ status: 'unmet', importance: 'desirable', note: 'The job asks for ALS; your record has none.' });
    expect(res.body.essential.unmet).toBe(0);
    // Every note is a sentence a person reads: no ISO dates, no keys.
    for (const r of res.body.requirements) expect(r.note).not.toMatch(/\d{4}-\d{2}-\d{2}|[a-z]+-[a-z]+:/);
    expect((await client.get('/api/me/plan')).body.usage.cvGenerations).toBe(0);
  });

  it('judges expiry on the day given (a start date)', async () => {
    const client = await nurse();
    const later = await client.post('/api/job-analysis', { jobDescription: job('critical-care-outreach-band6.txt'), asOf: '2027-03-01' });
    expect(later.body.requirements.find((r: { key: string }) => r.key === 'ils')).toMatchObject({ status: 'expiring', note: expect.stringContaining('5 March 2027') });
  });

  it('refuses what is not an advert with a clear answer: empty, huge, binary; and says so when nothing is found', async () => {
    const client = await nurse();
    const empty = await client.post('/api/job-analysis', { jobDescription: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.details.issues).toEqual([expect.objectContaining({ path: 'body.jobDescription', message: expect.stringContaining('at least 40 characters') })]);
    const huge = await client.post('/api/job-analysis', { jobDescription: 'Staff nurse. '.repeat(5000) });
    expect(huge.status).toBe(422);
    expect(huge.body.error.details.issues[0].message).toContain('50,000 characters');
    const binary = await client.post('/api/job-analysis', { jobDescription: `%PDF-1.7\u0000\u0001\u0002 stream ${'x'.repeat(100)}` });
    expect(binary.status).toBe(422);
    expect(binary.body.error.details.issues[0].message).toContain('not text');
    const welsh = await client.post('/api/job-analysis', {
      jobDescription:
        'Mae Bwrdd Iechyd Prifysgol yn chwilio am nyrs gofrestredig brofiadol i ymuno â thîm yr uned gofal dwys. Bydd angen profiad o ofal critigol a sgiliau cyfathrebu da yn y Gymraeg a Saesneg ar gyfer y swydd hon.',
    });
    expect(welsh.status).toBe(200);
    expect(welsh.body).toMatchObject({ requirements: [], notice: expect.stringContaining('English') });
    const chatter = await client.post('/api/job-analysis', {
      jobDescription: 'Just wondering whether you could tell me about the weather in Leeds this weekend, and whether the trains are running on time.',
    });
    expect(chatter.body).toMatchObject({ requirements: [], notice: expect.stringContaining('is this a job advert') });
  });

  it('gives the same analysis to a CV request, whose title comes from the advert, not the chat preamble', async () => {
    const client = await nurse();
    const advert = job('critical-care-outreach-band6.txt');
    const preview = await client.post('/api/job-analysis', { jobDescription: advert });
    const cv = await generateCv(client, `Please tailor my CV for this locum job:\n\n${advert}`);
    expect(cv.jobTitle).toBe(preview.body.title);
    const previewEssentialMet = preview.body.requirements
      .filter((r: { status: string; importance: string }) => r.importance === 'essential' && r.status === 'met')
      .map((r: { text: string }) => r.text)
      .sort();
    expect(
      cv.summary.requirements.met
        .filter((r: { importance: string }) => r.importance === 'essential')
        .map((r: { text: string }) => r.text)
        .sort(),
    ).toEqual(previewEssentialMet);
  });

  it('is rate-limited per clinician (429 with a retry time)', async () => {
    const client = await nurse();
    const advert = 'Staff Nurse\nEssential: NMC registration; ILS.';
    let last;
    for (let i = 0; i < 61; i++) last = await client.post('/api/job-analysis', { jobDescription: advert.padEnd(60, ' .') });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);
});
