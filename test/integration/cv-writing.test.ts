import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { allJobs, persona } from '../support/fixtures.ts';
import { waitFor } from '../support/wait.ts';
import { serviceEnv } from '../support/env.ts';
import { extractPdfText } from '../../server/adapters/pdf/text-check.ts';
import { findChromium } from '../../server/adapters/browser.ts';
import { LAYOUTS } from '../../server/cv-render/layouts.ts';
import type { TestClient } from '../support/client.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCvCommand } from '../../server/cli/cv.ts';
import { FIXTURES_DIR } from '../support/fixtures.ts';

/**
 * Issue 15: a CV a clinician would send. The PDF reads as writing (dates as people write them, the
 * registration as a sentence), the template follows the profession and country, the Word copy
 * holds the same entries and marks, files are named for the person and the job, and a record of
 * thousands of entries still makes a CV within its template's page budget.
 */
const chromium = findChromium(process.env.CHROMIUM_PATH);
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true', ...(serviceEnv.redisUrl ? { REDIS_URL: serviceEnv.redisUrl } : {}) });
});
afterAll(async () => {
  await app?.close();
});

const job = (file: string) => allJobs().find((j) => j.file === file)!.text;
const ISO_DATE = /\b(?:19|20)\d{2}-\d{2}(?:-\d{2})?\b/;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function tailor(client: TestClient, jobDescription: string, template?: string) {
  const accepted = await client.post('/api/cvs', { jobDescription, ...(template ? { template } : {}) });
  expect(accepted.status).toBe(202);
  const cv = await waitFor(
    'CV done',
    async () => {
      // A huge record keeps the in-process worker busy for seconds at a time; a kept-alive
      // connection the server dropped meanwhile is simply asked again.
      const res = await client.get(`/api/cvs/${accepted.body.id}`).catch(() => undefined);
      return res?.body.status === 'done' || res?.body.status === 'failed' ? res.body : undefined;
    },
    300_000,
  );
  expect(cv.error).toBeNull();
  return cv;
}

async function download(client: TestClient, url: string) {
  const res = await fetch(app.url(url), { headers: { cookie: client.cookieHeader() } });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.skipIf(!chromium)('a CV a clinician would send', () => {
  it('UK GP: dates as people write them, the registration as a sentence, a named PDF and the same CV in Word', async () => {
    const gp = persona('locum-gp.json');
    const { client } = await signUp(app, { name: gp.basics.name });
    expect((await client.post('/api/import/json-resume', gp)).status).toBe(200);
    const cv = await tailor(client, job('salaried-gp.txt'));
    expect(cv.template).toBe('full');
    expect(cv.summary.removed).toEqual([]);

    const pdf = await download(client, cv.pdf.url);
    expect(pdf.res.status).toBe(200);
    expect(pdf.res.headers.get('content-disposition')).toBe(
      `attachment; filename="CV - ${gp.basics.name} - ${cv.jobTitle}.pdf"; filename*=UTF-8''${encodeURIComponent(`CV - ${gp.basics.name} - ${cv.jobTitle}.pdf`)}`,
    );
    const text = flat((await extractPdfText(pdf.body)).text);
    expect(text).not.toMatch(ISO_DATE);
    expect(text).toContain(`General Medical Council, GMC number ${gp.clinical.registrations[0].number}: full registration with a licence to practise`);
    expect(text).not.toMatch(/Number: \d/);
    expect(text).toMatch(/[A-Z][a-z]{2} 20\d{2} – present/);
    // Headings print in capitals (CSS), so the text layer has them so.
    expect(text).toContain('REGISTRATION AND DBS');

    const docx = await download(client, cv.docx.url);
    expect(docx.res.status).toBe(200);
    expect(docx.res.headers.get('content-type')).toBe(DOCX);
    expect(docx.res.headers.get('content-disposition')).toContain(`filename="CV - ${gp.basics.name} - ${cv.jobTitle}.docx"`);
    const words = flat((await mammoth.extractRawText({ buffer: docx.body })).value);
    // The signed manifest lists the PDF's entries and marks: the Word copy holds each of them.
    expect(cv.check.items.length).toBeGreaterThan(3);
    for (const item of cv.check.items as Array<{ title: string; evidence: { text: string | null } }>) {
      expect(words).toContain(flat(item.title));
      if (item.evidence.text) expect(words).toContain(item.evidence.text);
    }
    expect(words).not.toMatch(ISO_DATE);
    expect(words).toContain('This Word copy is not signed');

    // Another user's CV does not exist for them, in either format.
    const { client: other } = await signUp(app);
    expect((await download(other, cv.docx.url)).res.status).toBe(404);
    expect((await download(other, cv.pdf.url)).res.status).toBe(404);
    expect((await other.get('/api/cvs/not-a-uuid/docx')).status).toBe(422);
  }, 240_000);

  it('UK doctor with the full record: audit, publications, presentations, teaching, leadership, prizes and referees in GMC order, in PDF and Word', async () => {
    const doctor = persona('em-st4-locum.json');
    const full = {
      ...doctor,
      projects: [
        {
          name: 'Sepsis six within the hour: a closed-loop audit',
          type: 'audit',
          entity: 'Calder Valley Hospitals NHS Trust',
          roles: ['Audit lead'],
          startDate: '2024-01-08',
          endDate: '2024-06-28',
          highlights: ['Antibiotics within the hour rose from 61% to 84% on re-audit'],
        },
        { name: 'Simulation teaching for foundation doctors', type: 'teaching', entity: 'Calder Valley Hospitals NHS Trust', roles: ['Faculty'], startDate: '2023-09-01', endDate: '2024-07-31' },
        { name: 'Point-of-care ultrasound in shocked patients', type: 'poster', entity: 'Royal College of Emergency Medicine Annual Scientific Conference', startDate: '2024-09-24' },
        { name: 'Registrar rota coordinator', type: 'leadership', entity: 'Calder Valley Hospitals NHS Trust', startDate: '2024-08-07' },
      ],
      publications: [
        ...doctor.publications,
        {
          name: 'Ultrasound-guided fascia iliaca block in the emergency department',
          type: 'journal-article',
          publisher: 'Emergency Medicine Journal',
          releaseDate: '2025-02-01',
          doi: '10.1136/emermed-2024-214321',
          pmid: '39512345',
          authors: 'Haddad L, Adeyemi N',
        },
      ],
      clinical: {
        ...doctor.clinical,
        courses: [{ name: 'Royal College of Emergency Medicine Annual Scientific Conference', format: 'conference', organiser: 'RCEM', startDate: '2024-09-24', endDate: '2024-09-26', cpdHours: 15 }],
        memberships: [{ organisation: 'British Medical Association', grade: 'Member', since: '2019-08-01' }],
      },
      references: [
        {
          name: 'Dr Ngozi Adeyemi',
          position: 'Consultant in Emergency Medicine',
          organisation: 'Calder Valley Hospitals NHS Trust',
          email: 'ngozi.adeyemi@example.org',
          phone: '01632 960123',
          showOnCv: true,
        },
        { name: 'Mr Tomasz Wiśniewski', position: 'Clinical Director', email: 'tomasz.w@example.org', phone: '01632 960456' },
      ],
    };
    const { client } = await signUp(app, { name: doctor.basics.name });
    const imported = await client.post('/api/import/json-resume', full);
    expect(imported.status).toBe(200);
    expect(imported.body.created).toMatchObject({ activities: 4, publications: 2, awards: 1, courses: 1, memberships: 1, referees: 2 });
    const cv = await tailor(client, job('ed-trust-registrar.txt'), 'uk-doctor');
    expect(cv.summary.removed).toEqual([]);

    const text = flat((await extractPdfText((await download(client, cv.pdf.url)).body)).text);
    const headings = [
      'EXPERIENCE',
      'COURSES AND CONFERENCES',
      'AUDIT AND QUALITY IMPROVEMENT',
      'RESEARCH AND PUBLICATIONS',
      'PRESENTATIONS AND POSTERS',
      'TEACHING',
      'LEADERSHIP AND MANAGEMENT',
      'PRIZES AND AWARDS',
      'PROFESSIONAL MEMBERSHIPS',
      'REFEREES',
    ];
    const at = headings.map((h) => text.indexOf(h));
    expect(
      at.every((i) => i >= 0),
      headings.filter((_, i) => at[i]! < 0).join(', '),
    ).toBe(true);
    // GMC order, referees last.
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    for (const words of [
      'Sepsis six within the hour: a closed-loop audit',
      'Antibiotics within the hour rose from 61% to 84% on re-audit',
      'Simulation teaching for foundation doctors',
      'Poster, Royal College of Emergency Medicine Annual Scientific Conference',
      'Registrar rota coordinator',
      'doi:10.1136/emermed-2024-214321, PMID 39512345',
      'MRCEM',
      '15 CPD hours',
      'British Medical Association',
      'Arabic',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toMatch(ISO_DATE);
    // The referee the clinician chose to show, by name and post; the other on request; no contact details at all.
    expect(text).toContain('Dr Ngozi Adeyemi');
    expect(text).toContain('Further referees available on request');
    for (const hidden of ['Tomasz', 'ngozi.adeyemi@example.org', '01632']) expect(text).not.toContain(hidden);

    const words = flat((await mammoth.extractRawText({ buffer: (await download(client, cv.docx.url)).body })).value);
    for (const heading of [
      'Courses and conferences',
      'Professional memberships',
      'Audit and quality improvement',
      'Research and publications',
      'Presentations and posters',
      'Teaching',
      'Leadership and management',
      'Prizes and awards',
      'Referees',
    ]) {
      expect(words.toLowerCase()).toContain(heading.toLowerCase());
    }
    for (const item of cv.check.items as Array<{ title: string }>) expect(words).toContain(flat(item.title));
    expect(words).toContain('Further referees available on request');
    for (const hidden of ['Tomasz', 'ngozi.adeyemi@example.org', '01632']) expect(words).not.toContain(hidden);
  }, 240_000);

  it('US hospitalist: "Licensure and certifications", no DBS, US Letter; a non-ASCII name is encoded safely', async () => {
    const us = persona('us-hospitalist.json');
    const name = 'Dr Siân Ó Dálaigh-Ellingsworth';
    const { client } = await signUp(app, { name });
    expect((await client.post('/api/import/json-resume', us)).status).toBe(200);
    const cv = await tailor(client, job('us-hospitalist-required-preferred.txt'));
    const pdf = await download(client, cv.pdf.url);
    const text = flat((await extractPdfText(pdf.body)).text);
    expect(text).toContain('LICENSURE AND CERTIFICATIONS');
    expect(text).not.toContain('DBS');
    expect(text).not.toMatch(ISO_DATE);
    expect(text).toContain('Wisconsin state license, license number 7351820');
    // US Letter is 612 x 792 points.
    expect(pdf.body.toString('latin1')).toMatch(/\/MediaBox\s*\[\s*0 0 612 792\s*\]/);
    const disposition = pdf.res.headers.get('content-disposition')!;
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`CV - ${name} - ${cv.jobTitle}.pdf`).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    expect(disposition).toContain('filename="CV - Dr Sian O Dalaigh-Ellingsworth - ');
    expect(/^[\x20-\x7e]*$/.test(disposition)).toBe(true);
  }, 240_000);

  it('a long section keeps in full what the advert asks for, even when it is older, and summarises the rest', async () => {
    const doctor = persona('em-st4-locum.json');
    const { client } = await signUp(app, { name: doctor.basics.name });
    expect((await client.post('/api/import/json-resume', { ...doctor, projects: [] })).status).toBe(200);
    // Seven recent audits in respiratory medicine, one older in emergency medicine: more than
    // the full CV's cap for the section (6), so something must be summarised.
    for (let i = 0; i < 7; i++) {
      const year = 2025 - i;
      const res = await client.post('/api/activities', {
        category: 'audit',
        title: `Inhaler technique audit ${year} in respiratory medicine`,
        organisation: 'Calder Valley Hospitals NHS Trust',
        startDate: `${year}-02-01`,
      });
      expect(res.status).toBe(201);
    }
    const ed = await client.post('/api/activities', {
      category: 'audit',
      title: 'Time to antibiotics in sepsis: an audit in emergency medicine',
      organisation: 'Calder Valley Hospitals NHS Trust',
      startDate: '2016-03-01',
    });
    expect(ed.status).toBe(201);
    const advert = [
      'Specialty Registrar in Emergency Medicine (ST4)',
      'Calder Valley Hospitals NHS Trust',
      'Person specification',
      'Essential criteria',
      '- Full registration with the GMC and a licence to practise',
      '- Evidence of participation in clinical audit in emergency medicine',
      '- Advanced Life Support certificate',
    ].join('\n');
    const cv = await tailor(client, advert);
    const text = flat((await extractPdfText((await download(client, cv.pdf.url)).body)).text);
    expect(text).toContain('Time to antibiotics in sepsis');
    expect(text).toMatch(/and 2 further entries/);
    expect(text).toContain('Inhaler technique audit 2025'); // the rest newest first
    expect(text).not.toContain('Inhaler technique audit 2019');
  });

  it('a record of thousands of entries stays within each template’s page budget, the rest summarised', async () => {
    const gp = persona('locum-gp.json');
    const { client, userId } = await signUp(app, { name: gp.basics.name });
    expect((await client.post('/api/import/json-resume', gp)).status).toBe(200);
    const db = app.server.platform.database.db;
    const posts = Array.from({ length: 4_800 }, (_, i) => {
      const start = new Date(Date.UTC(2025, 0, 1) - i * 86_400_000 * 2);
      const day = start.toISOString().slice(0, 10);
      return {
        user_id: userId,
        employer: `Practice ${String.fromCharCode(65 + (i % 26))} Medical Practice`,
        title: 'Locum General Practitioner',
        contract: 'locum' as const,
        start_date: day,
        end_date: day,
        summary: 'Single session covering routine and urgent appointments.',
        achievements: JSON.stringify(['Saw booked and urgent patients', 'Completed the day’s documents and results']),
      };
    });
    for (let i = 0; i < posts.length; i += 500)
      await db
        .insertInto('posts')
        .values(posts.slice(i, i + 500))
        .execute();
    const courses = Array.from({ length: 200 }, (_, i) => ({ user_id: userId, name: `Clinical update ${i + 1}`, provider: 'RCGP', completed_on: '2026-01-10', expiry_source: 'none' as const }));
    await db.insertInto('training').values(courses).execute();

    const started = Date.now();
    const full = await tailor(client, job('salaried-gp.txt'));
    const fullMs = Date.now() - started;
    expect(full.pdf.pages).toBeLessThanOrEqual(LAYOUTS['uk-doctor'].pageBudget);
    const text = flat((await extractPdfText((await download(client, full.pdf.url)).body)).text);
    expect(text).toMatch(/and \d{3,} earlier posts, (?:19|20)\d{2}–20\d{2}/);
    expect(text).toMatch(/and \d{3} further courses/);

    // A full availability block too: it sits in the compliance panel and the page still holds.
    const availability = {
      specialties: ['General practice', 'Urgent care'],
      shiftPatterns: ['days', 'twilights', 'weekends'],
      noticeDays: 7,
      regions: ['Bristol', 'North Somerset'],
      travelRadiusMiles: 25,
    };
    expect((await client.put('/api/me/locum-profile', availability)).status).toBe(200);
    const locum = await tailor(client, job('salaried-gp.txt'), 'locum');
    expect(locum.template).toBe('locum');
    expect(locum.pdf.pages).toBe(1);
    const locumText = flat((await extractPdfText((await download(client, locum.pdf.url)).body)).text);
    expect(locumText).toContain('SPECIALTIES AND AVAILABILITY');
    expect(locumText).toContain('General practice, Urgent care');
    expect(locumText).toContain('Up to 25 miles');
    expect(locumText).toContain('MANDATORY TRAINING');
    expect(locumText).toContain('RECENT POSTS');
    console.log(`cv-writing: 5,000-item record -> full CV ${full.pdf.pages} pages (request to PDF ${fullMs} ms), locum profile ${locum.pdf.pages} page`);
  }, 600_000);
});

describe('medfolio cv --format docx', () => {
  it('writes the Word CV without a browser: the nurse layout, the NMC sentence, no ISO dates', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medfolio-docx-'));
    try {
      const out = path.join(dir, 'cv.docx');
      const nurse = persona('icu-nurse-band6.json');
      const summary = await runCvCommand(
        { resume: path.join(FIXTURES_DIR, 'personas/icu-nurse-band6.json'), job: path.join(FIXTURES_DIR, 'jobs/critical-care-outreach-band6.txt'), out, format: 'docx', asOf: '2026-11-22' },
        { PATH: process.env.PATH ?? '', CHROMIUM_PATH: '/nonexistent/chromium' },
      );
      expect(summary).toMatchObject({ docx: out, template: 'uk-nurse', removed: [] });
      const words = flat((await mammoth.extractRawText({ path: out })).value);
      expect(words).toContain(nurse.basics.name);
      expect(words).toContain(`Nursing and Midwifery Council, NMC PIN ${nurse.clinical.registrations[0].number}`);
      expect(words).toContain('NMC registration and DBS');
      expect(words).toContain('Band 6');
      expect(words).not.toMatch(ISO_DATE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
