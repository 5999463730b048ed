import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { startSmtpServer } from '../support/smtp.ts';
import { signUp } from '../support/accounts.ts';
import { createLogger } from '../../server/platform/logger.ts';
import { sendRemindersHandler } from '../../server/domains/record/reminders.ts';
import { sendRemindersJob } from '../../server/domains/record/jobs.ts';
import { waitFor } from '../support/wait.ts';

let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ TRUST_PROXY: 'true', SMTP_URL: smtp.url });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const logger = createLogger({ level: 'silent' });
const remindersOn = (isoDay: string) =>
  sendRemindersHandler({ db: app.server.platform.database.db, mailer: app.server.platform.mailer, appOrigin: app.config.appOrigin, now: () => new Date(`${isoDay}T09:00:00Z`) });
const run = (isoDay: string) => remindersOn(isoDay)({ day: isoDay }, { jobId: 'test', attempt: 1, logger });
const mailsTo = (email: string) => smtp.received.filter((m) => m.to.includes(email) && /Medfolio record/.test(m.subject));

describe('expiry reminders', () => {
  it('emails once per threshold, and running twice sends nothing new', async () => {
    const { client, email } = await signUp(app, { name: 'Dr Priya Menon' });
    await client.post('/api/training', { name: 'Safeguarding Children Level 3', completedOn: '2023-12-12' }); // expires 2026-12-12
    await client.post('/api/training', { name: 'Information Governance', completedOn: '2025-10-01' }); // expired 2026-10-01
    await client.post('/api/registrations', { body: 'GMC', number: '7123456', revalidationDate: '2027-06-30' }); // far off

    await run('2026-11-22');
    const first = mailsTo(email);
    expect(first).toHaveLength(1);
    expect(first[0]!.text).toContain('Safeguarding Children Level 3: expires on 12 Dec 2026 (in 20 days)');
    expect(first[0]!.text).toContain('Information Governance: expired on 1 Oct 2026');
    expect(first[0]!.text).not.toContain('GMC');

    await run('2026-11-22');
    await run('2026-11-23');
    expect(mailsTo(email)).toHaveLength(1);

    // Crossing the 7-day line is news; the expired item is not told again.
    await run('2026-12-06');
    const second = mailsTo(email)[1]!;
    expect(second.text).toContain('Safeguarding Children Level 3: expires on 12 Dec 2026 (in 6 days)');
    expect(second.text).not.toContain('Information Governance');
    await run('2026-12-06');
    expect(mailsTo(email)).toHaveLength(2);
  });

  it('is scheduled once a day however many times the scheduler looks', async () => {
    const queue = app.server.platform.queue;
    const before = await app.server.platform.database.db.selectFrom('jobs').select('id').where('name', '=', sendRemindersJob.name).execute();
    const results = await Promise.all([0, 1, 2].map(() => queue.runDailyIfDue(sendRemindersJob, (day) => ({ day }), 0)));
    expect(results.filter(Boolean)).toHaveLength(before.length ? 0 : 1);
    await waitFor(
      'daily job row',
      async () => (await app.server.platform.database.db.selectFrom('jobs').select('status').where('name', '=', sendRemindersJob.name).executeTakeFirst())?.status === 'done',
    );
    expect(await queue.runDailyIfDue(sendRemindersJob, (day) => ({ day }), 0)).toBe(false);
  });
});
