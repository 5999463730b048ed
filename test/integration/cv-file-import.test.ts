import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdfRenderer, type PdfRenderer } from '../../server/adapters/pdf/renderer.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import type { TestClient } from '../support/client.ts';
import { damagedPdf, docxWith, passwordProtectedPdf, pdfWithoutText } from '../support/cv-files.ts';
import { pdfWith, tinyPng } from '../support/files.ts';
import { LAYOUTS } from '../evals/parse-cv/layouts.ts';
import { CV_IMPORT_FIXTURES } from '../evals/parse-cv/corpus.ts';

/**
 * Issue 15 item 5: an uploaded CV becomes a draft (nothing saved); accepted items import
 * self-declared through the JSON Resume importer; anything unreadable is a 4xx saying what.
 */
let app: TestApp;
let renderer: PdfRenderer;
beforeAll(async () => {
  app = await startTestApp();
  renderer = createPdfRenderer({ executablePath: app.config.chromiumPath ?? '/usr/bin/chromium' });
});
afterAll(async () => {
  await renderer?.close();
  await app?.close();
});

async function uploadCv(client: TestClient, data: Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  const csrf = (await client.get('/api/auth/csrf')).body.csrfToken;
  const res = await fetch(app.url('/api/import/cv-file'), {
    method: 'POST',
    headers: { cookie: client.cookieHeader(), origin: client.origin, 'x-csrf-token': csrf, 'x-forwarded-for': client.ip ?? '' },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const fixture = (file: string) => JSON.parse(fs.readFileSync(path.join(CV_IMPORT_FIXTURES, file), 'utf8'));
const nothingStored = async (client: TestClient) => {
  for (const kind of ['posts', 'education', 'training', 'registrations']) expect((await client.get(`/api/${kind}`)).body.items).toEqual([]);
};

describe('POST /api/import/cv-file', () => {
  it('reads a PDF CV into a draft, saves nothing, and imports the accepted items as self-declared', async () => {
    const resume = fixture('kwame-asante-icu-nurse.json');
    const { pdf } = await renderer.render(LAYOUTS['classic-long']!(resume), { format: 'A4' });
    const { client } = await signUp(app, { name: 'Kwame Asante' });
    const res = await uploadCv(client, pdf, 'kwame-cv.pdf');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.resume.work).toHaveLength(resume.work.length);
    expect(res.body.resume.work[0]).toMatchObject({
      name: 'Harbourside University Hospitals NHS Foundation Trust',
      position: 'Senior Staff Nurse, Adult Critical Care',
      startDate: '2021-05',
    });
    expect(res.body.resume.clinical.registrations).toEqual([{ body: 'NMC', number: '18K0423E' }]);
    await nothingStored(client);

    // The clinician accepts two items: only those are imported, and only as the clinician's word.
    const accepted = { work: [res.body.resume.work[0]], clinical: { registrations: res.body.resume.clinical.registrations } };
    const imported = await client.post('/api/import/json-resume', accepted);
    expect(imported.status).toBe(200);
    expect(imported.body.created).toMatchObject({ posts: 1, registrations: 1 });
    const posts = (await client.get('/api/posts')).body.items;
    expect(posts).toEqual([expect.objectContaining({ employer: 'Harbourside University Hospitals NHS Foundation Trust', startDate: '2021-05-01', endDate: null, evidence: 'self-declared' })]);
    expect((await client.get('/api/registrations')).body.items[0]).toMatchObject({ body: 'NMC', number: '18K0423E', evidence: 'self-declared' });
  });

  it('reads a Word document', async () => {
    const { client } = await signUp(app);
    const docx = docxWith([
      'Dr Ines Test',
      'Employment History',
      'Foundation Year 2 Doctor (FY2)',
      'Millbrook Teaching Hospitals NHS Trust',
      'Aug 2019 – Aug 2020',
      'Qualifications',
      'MBChB Medicine, University of Eastmoor (2013 - 2019)',
      'GMC number: 7312458',
    ]);
    const res = await uploadCv(client, docx, 'cv.docx');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.resume.work).toEqual([
      expect.objectContaining({ name: 'Millbrook Teaching Hospitals NHS Trust', position: 'Foundation Year 2 Doctor', grade: 'FY2', startDate: '2019-08', endDate: '2020-08' }),
    ]);
    expect(res.body.resume.education[0]).toMatchObject({ institution: 'University of Eastmoor', studyType: 'MBChB' });
  });

  it('says what could not be read, with a 4xx and nothing stored', async () => {
    const { client } = await signUp(app);
    const cases: Array<[string, Buffer, number, RegExp]> = [
      ['photo.png', tinyPng(), 415, /PDF or a Word document/],
      ['notes.txt', Buffer.from('Experience\nStaff Nurse\n'), 415, /PDF or a Word document/],
      ['scan.pdf', pdfWithoutText(), 422, /scanned/],
      ['locked.pdf', passwordProtectedPdf(), 422, /password/],
      ['broken.pdf', damagedPdf(), 422, /damaged/],
      ['broken.docx', docxWith(['Experience'], { damaged: true }), 422, /damaged/],
      ['huge.docx', docxWith(['Experience'], { padBytes: 10 * 1024 * 1024 }), 413, /10 MB/],
      [
        'cv-fr.docx',
        docxWith([
          'Expérience professionnelle',
          'Infirmière en réanimation, Centre hospitalier de la ville, depuis 2019',
          'Prise en charge des patients dans le service de réanimation et des urgences, avec une équipe de nuit.',
          'Formation des étudiants et des nouveaux arrivants pour la qualité des soins.',
        ]),
        422,
        /English/,
      ],
      ['empty.pdf', pdfWith('This document has a title and a few words of text but no career in it at all, none whatsoever.'), 422, /could not find any posts/],
    ];
    for (const [name, data, status, message] of cases) {
      const res = await uploadCv(client, data, name);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error.message, name).toMatch(message);
    }
    await nothingStored(client);
  });
});
