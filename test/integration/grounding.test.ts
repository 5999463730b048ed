import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { allJobs, jobs, persona, personas } from '../support/fixtures.ts';
import { loadAiRecord, type AiRecord } from '../../server/ai/record-view.ts';
import { analyseJobOffline } from '../../server/ai/jd-analysis/offline.ts';
import { assessRequirements } from '../../server/ai/jd-analysis/assess.ts';
import { composeOffline } from '../../server/ai/cv-draft/offline-composer.ts';
import { checkGrounding } from '../../server/ai/grounding.ts';
import { createHashingEmbedder } from '../../server/adapters/embedder.ts';
import type { Draft } from '../../server/ai/cv-draft/schema.ts';

let app: TestApp;
const records = new Map<string, AiRecord>();
const AS_OF = '2026-11-22';
const now = new Date(`${AS_OF}T12:00:00Z`);
const embedder = createHashingEmbedder(384);

beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
  for (const { file, resume } of personas()) {
    const { client, userId } = await signUp(app, { name: resume.basics.name });
    expect((await client.post('/api/import/json-resume', resume)).status).toBe(200);
    records.set(file, await loadAiRecord(app.server.platform.database.db, userId, now));
  }
});
afterAll(async () => {
  await app?.close();
});

const draftFor = async (persona: string, job: string) => {
  const record = records.get(persona)!;
  const text = jobs().find((j) => j.file === job)!.text;
  const assessed = assessRequirements(analyseJobOffline(text), record, AS_OF);
  return { record, assessed, draft: await composeOffline(record, text, assessed, AS_OF, embedder) };
};

describe('offline composer and grounding on every persona and job', () => {
  for (const { file: persona } of personas()) {
    for (const { file: job } of jobs()) {
      it(`${persona} x ${job}: every item is supported`, async () => {
        const { record, draft } = await draftFor(persona, job);
        const checked = checkGrounding(draft, record);
        expect(checked.removed).toEqual([]);
        expect(checked.draft.sections.find((s) => s.kind === 'experience')!.items).toHaveLength(record.posts.length);
        // Expired training never appears as a current certification.
        const training = JSON.stringify(draft.sections.find((s) => s.kind === 'training') ?? {});
        for (const t of record.training.filter((t) => t.expiresOn && t.expiresOn < AS_OF)) expect(training).not.toContain(t.name);
      });
    }
  }

  it('reports ATLS unmet and APLS expired for the ST4 against the ED registrar post', async () => {
    const { assessed } = await draftFor('em-st4-locum.json', 'ed-trust-registrar.txt');
    const course = (id: string) => assessed.find((r) => r.kind === 'course' && r.key === id)!;
    expect(course('atls').status).toBe('unmet');
    expect(course('apls')).toMatchObject({ status: 'expired', note: 'Your Advanced Paediatric Life Support (APLS) expired on 9 June 2026.' });
    expect(course('als').status).toBe('met');
    expect(assessed.find((r) => r.kind === 'registration')!.status).toBe('met');
    expect(assessed.filter((r) => r.kind === 'experience').map((r) => r.status)).toEqual(['met', 'met']);
    expect(assessed.find((r) => r.kind === 'check' && r.key === 'dbs')!.status).toBe('met');
    expect(assessed.find((r) => r.text.includes('resuscitation room'))!.status).toBe('met');
    // MRCEM is held in the awards section, and still counts.
    expect(assessed.find((r) => r.key === 'mrcem')!.status).toBe('met');
  });
});

describe('a logged procedure', () => {
  it('has its own CV section with its count, holds the check, loses an inflated count, and is what a procedure requirement cites', async () => {
    const resume = persona('img-clinical-fellow.json');
    const { client, userId } = await signUp(app, { name: resume.basics.name });
    expect((await client.post('/api/import/json-resume', resume)).status).toBe(200);
    const logged = await client.post('/api/skills', { name: 'Lumbar puncture', supervision: 'independent', count: 14, periodEnd: '2026-06-30' });
    expect(logged.status).toBe(201);
    const record = await loadAiRecord(app.server.platform.database.db, userId, now);
    const text = allJobs().find((j) => j.file === 'imt-level-trust-grade-medicine-inline-lists.txt')!.text;
    const assessed = assessRequirements(analyseJobOffline(text), record, AS_OF);
    const draft = await composeOffline(record, text, assessed, AS_OF, embedder);
    const procedures = draft.sections.find((s) => s.kind === 'procedures')!;
    expect(procedures.title).toBe('Clinical skills and procedures');
    expect(procedures.items).toEqual([{ title: 'Lumbar puncture', subtitle: 'Independent', dates: 'as of Jun 2026', bullets: ['14 performed'], cites: [{ type: 'skill', id: logged.body.id }] }]);
    // The persona's skill groups (no count, no supervision) stay under skills and languages.
    expect(draft.sections.find((s) => s.kind === 'skills')!.items.map((i) => i.title)).toContain('Acute medicine');
    expect(checkGrounding(draft, record).removed).toEqual([]);

    draft.sections.find((s) => s.kind === 'procedures')!.items[0]!.bullets = ['60 performed'];
    expect(checkGrounding(draft, record).removed).toEqual([expect.objectContaining({ section: 'Clinical skills and procedures' })]);

    const wardProcedures = assessed.find((r) => /lumbar punctures/.test(r.text))!;
    // The skills (the logged one, and the persona's group naming lumbar punctures) are cited before any post.
    expect(wardProcedures.evidence).toContainEqual(expect.objectContaining({ type: 'skill', id: logged.body.id }));
    expect(wardProcedures.evidence[0]!.type).toBe('skill');
  });
});

describe('the grounding check catches adversarial drafts', () => {
  const adversarial = async (mutate: (draft: Draft, record: AiRecord) => void) => {
    const { record, draft } = await draftFor('em-st4-locum.json', 'ed-trust-registrar.txt');
    mutate(draft, record);
    return checkGrounding(draft, record);
  };
  const experience = (d: Draft) => d.sections.find((s) => s.kind === 'experience')!.items;

  it('removes an invented employer', async () => {
    const result = await adversarial((d) => {
      experience(d)[0]!.subtitle = 'St Elsewhere University Hospitals NHS Foundation Trust';
    });
    expect(result.removed).toEqual([expect.objectContaining({ reason: expect.stringContaining('employer "St Elsewhere University Hospitals NHS Foundation Trust"') })]);
  });

  it("keeps a date the record's own words state, and still removes one they do not", async () => {
    const record = records.get('em-st4-locum.json')!;
    const own = record.profile.summary;
    // The shared record is changed for this test only.
    onTestFinished(() => {
      record.profile.summary = own;
    });
    const result = await adversarial((d) => {
      record.profile.summary = 'Emergency medicine registrar since 2022, in a major trauma centre since March 2024.';
      const profile = d.sections.find((s) => s.kind === 'profile')!.items[0]!;
      profile.bullets = ['Emergency medicine registrar since 2022, in a major trauma centre since March 2024.', 'In a major trauma centre since April 2019.'];
    });
    expect(result.removed).toEqual([expect.objectContaining({ text: 'In a major trauma centre since April 2019.' })]);
    expect(result.draft.sections.find((s) => s.kind === 'profile')!.items[0]!.bullets).toEqual(['Emergency medicine registrar since 2022, in a major trauma centre since March 2024.']);
  });

  it('removes shifted dates', async () => {
    const result = await adversarial((d) => {
      experience(d)[1]!.dates = '2023-08-07 to 2025-08-05';
    });
    expect(result.removed[0]!.reason).toBe('the date 2023-08-07 is not in the cited records');
  });

  it('removes an inflated number but keeps the rest of the post', async () => {
    const result = await adversarial((d) => {
      const post = experience(d)[0]!;
      post.bullets = post.bullets.map((b) => b.replace('from 81 to 49 minutes', 'from 81 to 30 minutes'));
    });
    expect(result.removed).toEqual([expect.objectContaining({ reason: 'the number 30 is not in the cited records' })]);
    expect(experience(result.draft)[0]!.bullets.length).toBeGreaterThan(0);
  });

  it('removes a certificate not held, and an inflated grade', async () => {
    const result = await adversarial((d) => {
      d.sections.find((s) => s.kind === 'training')!.items.push({ ...d.sections.find((s) => s.kind === 'training')!.items[0]!, title: 'Advanced Trauma Life Support (ATLS)' });
      experience(d)[0]!.bullets.push('Acted up as consultant for six months');
    });
    expect(result.removed.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/ATLS|trauma/i), 'the grade "consultant" is not in the cited records']));
  });

  it("removes an item citing another user's record, or none", async () => {
    const other = records.get('locum-gp.json')!;
    const result = await adversarial((d) => {
      experience(d)[0]!.cites = [{ type: 'post', id: other.posts[0]!.id }];
      experience(d)[1]!.cites = [];
    });
    expect(result.removed.map((r) => r.reason)).toEqual(['it cites a record that does not exist in your record', 'it cites a record that does not exist in your record']);
  });

  it('ignores a heading the model wrote, and catches month names, number words, unknown names and facts pooled across records', async () => {
    const result = await adversarial((d, record) => {
      const exp = d.sections.find((s) => s.kind === 'experience')!;
      exp.title = 'Consultant Paediatrician, FRCPCH, 15 years in post';
      exp.items[0]!.bullets.push('In post from Jan 2019 to Dec 2024');
      exp.items[0]!.bullets.push('Led an audit of two hundred cases');
      exp.items[0]!.bullets.push('Honorary role at Great Ormond Street');
      // An item citing two posts may not join one post's grade to the other's employer.
      const [a, b] = record.posts;
      exp.items.push({
        title: a!.title,
        subtitle: `${b!.employer}, ${a!.grade}`,
        dates: null,
        bullets: [],
        cites: [
          { type: 'post', id: a!.id },
          { type: 'post', id: b!.id },
        ],
      });
    });
    expect(result.draft.sections.find((s) => s.kind === 'experience')!.title).toBe('Experience');
    expect(result.removed.map((r) => r.reason)).toEqual([
      'the year 2019 is not in the cited records',
      'the number "two hundred" is not in the cited records',
      '"Great Ormond Street" is not in the cited records',
      'the employer "Kirkstall Vale Hospitals NHS Trust" is not in the cited records',
    ]);
    // A month in words is checked against the record's month, not only its year.
    const month = await adversarial((d) => d.sections.find((s) => s.kind === 'experience')!.items[0]!.bullets.push('Started in March 2025'));
    expect(month.removed.map((r) => r.reason)).toEqual(['the date March 2025 is not in the cited records']);
  });

  it('reads a number written in words as one value, and checks it against digits too', async () => {
    const sedations = (d: Draft, record: AiRecord) => {
      const post = record.posts.find((p) => p.achievements.some((a) => a.includes('46 procedural sedations')))!;
      return experience(d).find((i) => i.cites.some((c) => c.id === post.id))!;
    };
    const kept = await adversarial((d, record) => sedations(d, record).bullets.push('Logged forty-six procedural sedations'));
    expect(kept.removed).toEqual([]);
    const inflated = await adversarial((d, record) => sedations(d, record).bullets.push('Logged forty-seven procedural sedations'));
    expect(inflated.removed.map((r) => r.reason)).toEqual(['the number "forty-seven" is not in the cited records']);
  });

  it('removes an invented job title', async () => {
    const result = await adversarial((d) => {
      experience(d)[0]!.title = 'Clinical Director, Emergency Medicine';
    });
    expect(result.removed[0]!.reason).toBe('the title word "clinical" is not in the cited records');
  });
});
