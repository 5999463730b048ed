import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { signUp } from '../support/accounts.ts';
import { assistantSocket, turn } from '../support/assistant.ts';
import { job, persona } from '../support/fixtures.ts';
import { intentOf, parseDate } from '../../server/domains/assistant/intents.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await app?.close();
});

const text = (r: { tokens: string[] }) => r.tokens.join('');

describe('the assistant offline, about an advert pasted in the conversation', () => {
  it('reads the advert at once, then answers what it needs, what expires before a date, a summary and a supporting statement, all from the record', async () => {
    const resume = persona('icu-nurse-band6.json');
    const { client } = await signUp(app, { name: resume.basics.name });
    await client.post('/api/import/json-resume', resume);
    const socket = await assistantSocket(app, client);

    const before = await turn(socket, { text: 'What does this job need that I lack?' });
    expect(text(before)).toContain('Paste the job advert here first');
    const conversationId = before.done.conversationId;

    const pasted = await turn(socket, { conversationId, text: `Please tailor my CV for this job:\n\n${job('critical-care-outreach-band6.txt')}` });
    expect(text(pasted)).toMatch(/^For Critical Care Outreach Practitioner, you meet 6 of 6 essential requirements\./);
    expect(pasted.done.cvRequestId).toBeTruthy();

    const lack = text(await turn(socket, { conversationId, text: 'What does this job need that I lack?' }));
    expect(lack).toContain('Desirable, not shown:');
    expect(lack).toContain('ALS');

    const expiries = text(await turn(socket, { conversationId, text: 'What expires before 1 April 2027?' }));
    expect(expiries).toContain('Before 1 April 2027:');
    expect(expiries).toContain('Immediate Life Support (ILS) expires on 5 March 2027.');
    expect(expiries).toContain('Information Governance expired on 1 October 2026.');

    const summary = text(await turn(socket, { conversationId, text: 'Can you summarise my experience for this post?' }));
    expect(summary).toContain('For Critical Care Outreach Practitioner: your record covers');
    expect(summary).toContain('I mentored 14 newly qualified nurses');

    const statement = text(await turn(socket, { conversationId, text: 'Please draft my NHS Jobs supporting information' }));
    expect(statement).toContain('Supporting information for Critical Care Outreach Practitioner');
    expect(statement).toContain('I hold NMC registration (Registered nurse, adult).');
    expect(statement).toContain('I completed Immediate Life Support (ILS) in March 2026; it is valid until March 2027.');
    // Nothing the record does not hold: no other employer, grade or course is named.
    expect(statement).not.toMatch(/ALS\b(?! \()|Band 7|consultant/);
    socket.close();
  }, 60_000);
});

describe('intents and dates as people write them', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it.each([
    ['what expires before 1st March?', '2027-03-01'],
    ['anything lapsing by 2027-01-15', '2027-01-15'],
    ['what runs out before June 2027', '2027-06-01'],
    ['expiring before 30 December', '2026-12-30'],
  ])('%s -> %s', (t, date) => {
    expect(intentOf(t)).toBe('expires-before');
    expect(parseDate(t, now)).toBe(date);
  });
  it.each([
    ['Which requirements am I missing for this job?', 'lack'],
    ['Do I meet the criteria?', 'lack'],
    ['summarise my experience please', 'summary'],
    ['Write a personal statement for this post', 'statement'],
    ['How are you?', undefined],
  ])('%s -> %s', (t, intent) => {
    expect(intentOf(t)).toBe(intent);
  });
});
