import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toFieldIssues } from '../http/mount.ts';
import { peopleDate, peopleDateSpan } from './people-dates.ts';
import { validationSentence } from './validation-words.ts';
import { usageWords, USAGE_METRIC_WORDS } from './enum-words.ts';
import { RECORD_KINDS } from '../../domains/record/kinds.ts';
import { REGISTRATION_BODIES } from '../../domains/record/identifiers.ts';
import { analyseRecord, type RecordView } from '../../domains/prescreen/analyse.ts';
import { ROLE_PROFILES } from '../../domains/prescreen/roles.ts';
import { verifierPage } from '../../domains/verifications/pages.ts';
import {
  accountErasedMessage,
  cvSharedMessage,
  cvViewedMessage,
  organisationInvitationMessage,
  erasureCancelledMessage,
  erasureScheduledMessage,
  expiryReminderMessage,
  exportReadyMessage,
  resetPasswordMessage,
  unlockSignInMessage,
  verificationRequestMessage,
  verifyEmailMessage,
} from '../../emails/render.ts';
import { CONSENT_SCOPES, invitationTerms } from './organisation-words.ts';
import { landingPage } from '../../domains/landing/page.ts';

/**
 * Everything a person reads from the server is in words: no camelCase field names, no raw enum
 * values ("enhanced-barred"), no ISO dates. This walks every zod schema of every domain with
 * invalid input, the record's own checks, the pre-screening findings, the referee's page and
 * the reminder email, and fails on the first text a person should not see.
 */

const SCHEMA_DIRS = ['server/domains', 'server/ai'];
const schemaFiles = SCHEMA_DIRS.flatMap((dir) =>
  fs
    .readdirSync(dir)
    .map((name) => path.join(dir, name, 'schema.ts'))
    .filter((file) => fs.existsSync(file)),
);

/** Every enum option with a dash or underscore in any schema: what leaks when a value is printed raw. */
const enumValues = new Set<string>();
const objects: Array<{ name: string; schema: z.ZodObject }> = [];

function collect(schema: unknown, depth = 0): void {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  if (!def || depth > 10) return;
  switch (def.type) {
    case 'enum':
      for (const v of Object.values(def.entries as Record<string, unknown>)) if (typeof v === 'string' && /[-_]/.test(v)) enumValues.add(v);
      break;
    case 'object':
      for (const v of Object.values(def.shape as Record<string, unknown>)) collect(v, depth + 1);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'prefault':
    case 'nonoptional':
      collect(def.innerType, depth + 1);
      break;
    case 'array':
      collect(def.element, depth + 1);
      break;
    case 'pipe':
      collect(def.in, depth + 1);
      collect(def.out, depth + 1);
      break;
    case 'union':
      for (const o of def.options as unknown[]) collect(o, depth + 1);
      break;
  }
}

const modules = await Promise.all(schemaFiles.map(async (file) => ({ file, exports: (await import(path.resolve(file))) as Record<string, unknown> })));
for (const { file, exports } of modules) {
  for (const [name, value] of Object.entries(exports)) {
    if (!(value instanceof z.ZodType)) continue;
    collect(value);
    if (value instanceof z.ZodObject) objects.push({ name: `${path.basename(path.dirname(file))}.${name}`, schema: value });
  }
}
// Hyphenated words that are ordinary English where a sentence uses them ("is self-declared").
const ENGLISH = new Set(['self-declared', 'no-change', 'full-time', 'part-time']);

function problemsIn(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(/\b[a-z]+[A-Z][A-Za-z]*\b/g)) problems.push(`camelCase "${m[0]}"`);
  for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)) problems.push(`ISO date "${m[0]}"`);
  for (const v of enumValues) if (!ENGLISH.has(v) && new RegExp(`(^|[^\\w-])${v.replace(/[-]/g, '\\-')}($|[^\\w-])`).test(text)) problems.push(`enum value "${v}"`);
  return problems;
}

/** The text a person reads on a page: no markup, no stylesheet, no attribute values. */
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const INVALID_VALUES: unknown[] = [undefined, '', 42, true, 'x'.repeat(60_000), [], {}, '2024-02-30', 'not an email', -5, 1e9, 'zzz'];

describe('dates for people', () => {
  it('keeps the precision a partial date was written with', () => {
    expect(peopleDate('2021-05')).toBe('May 2021');
    expect(peopleDate('2021')).toBe('2021');
    expect(peopleDate('2021-05-03')).toBe('3 May 2021');
    expect(peopleDateSpan('2019-01', null)).toBe('Jan 2019 to present');
  });
});

describe('what a person reads', () => {
  it('finds the schemas and the enum values to look for', () => {
    expect(objects.length).toBeGreaterThan(50);
    expect(enumValues).toContain('enhanced-barred');
    expect(problemsIn('Contract fixed-term from 2024-08-07, see startDate')).toHaveLength(3);
  });

  it('every validation message of every schema is a sentence in words', () => {
    const bad: string[] = [];
    for (const { name, schema } of objects) {
      const inputs: unknown[] = [{}, { unexpectedField: 1 }];
      for (const key of Object.keys(schema.shape)) for (const value of INVALID_VALUES) inputs.push({ [key]: value });
      for (const input of inputs) {
        const result = schema.safeParse(input);
        if (result.success) continue;
        for (const issue of toFieldIssues(result.error, 'body')) {
          const sentence = validationSentence(issue.path, issue.message);
          for (const p of problemsIn(sentence)) bad.push(`${name} ${issue.path}: "${sentence}" (${p})`);
        }
      }
    }
    expect([...new Set(bad)].slice(0, 20)).toEqual([]);
  });

  it("the record's own checks say which field in words", () => {
    const ctx = { today: '2026-06-01', catalogue: new Map() };
    const inputs: Record<string, Record<string, unknown>> = {
      post: { employer: 'Calder Valley', title: 'Staff Nurse', contract: 'fixed-term', startDate: '2026-05-01', endDate: '2025-01-01' },
      training: { name: 'ALS', completedOn: '2027-01-01', expiresOn: '2020-01-01' },
      dbs: { level: 'enhanced-barred', workforce: 'both', certificateNumber: '12', issueDate: '2099-01-01' },
      education: { institution: 'Leeds', studyType: 'MBChB', startDate: '2020-01-01', endDate: '2010-01-01' },
    };
    const bad: string[] = [];
    for (const kind of RECORD_KINDS) {
      const candidates = kind.type === 'registration' ? REGISTRATION_BODIES.map((body) => ({ body, number: '!' })) : [inputs[kind.type] ?? {}];
      for (const input of candidates) {
        for (const issue of kind.check(input as never, ctx)) {
          const sentence = validationSentence(issue.path, issue.message);
          for (const p of problemsIn(sentence)) bad.push(`${kind.type} ${issue.path}: "${sentence}" (${p})`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('pre-screening findings write dates and levels in words', () => {
    const record: RecordView = {
      posts: [
        {
          id: 'p1',
          evidence: 'self-declared',
          employer: 'Calder Valley',
          employerOdsCode: null,
          site: null,
          title: 'Staff Nurse',
          grade: null,
          specialty: null,
          contract: 'fixed-term',
          startDate: '2020-01-01',
          endDate: '2022-01-01',
          wte: null,
          supervisor: null,
          summary: null,
          achievements: [],
          description: null,
          location: null,
          url: null,
        },
        {
          id: 'p2',
          evidence: 'self-declared',
          employer: 'Leeds',
          employerOdsCode: null,
          site: null,
          title: 'Sister',
          grade: null,
          specialty: null,
          contract: 'substantive',
          startDate: '2021-06-01',
          endDate: '2023-01-01',
          wte: null,
          supervisor: null,
          summary: null,
          achievements: [],
          description: null,
          location: null,
          url: null,
        },
        {
          id: 'p3',
          evidence: 'self-declared',
          employer: 'York',
          employerOdsCode: null,
          site: null,
          title: 'Charge Nurse',
          grade: null,
          specialty: null,
          contract: 'bank',
          startDate: '2024-01-01',
          endDate: null,
          wte: null,
          supervisor: null,
          summary: null,
          achievements: [],
          description: null,
          location: null,
          url: null,
        },
      ],
      training: [{ id: 't1', name: 'Immediate Life Support', provider: null, completedOn: '2025-07-01', expiresOn: '2026-07-01', expirySource: 'catalogue', catalogueId: null, url: null }],
      registrations: [
        { id: 'r1', body: 'NMC', number: '12A3456B', jurisdiction: null, status: null, conditions: null, renewalDate: '2026-05-01', revalidationDate: '2026-08-01' },
        { id: 'r2', body: 'US-STATE-BOARD', number: 'A12345', jurisdiction: 'Ohio', status: null, conditions: null, renewalDate: '2026-07-01', revalidationDate: null },
      ],
      dbs: [
        { id: 'd1', level: 'enhanced-barred', workforce: 'both', certificateNumber: '001234567890', issueDate: '2022-06-15', updateService: false, updateServiceRenewalDate: null, statusChecks: [] },
      ],
    };
    const findings = ROLE_PROFILES.flatMap((role) => analyseRecord(record, '2026-06-01', role));
    expect(findings.length).toBeGreaterThan(4);
    expect(findings.flatMap((f) => problemsIn(f.message).map((p) => `${f.kind}: "${f.message}" (${p})`))).toEqual([]);
  });

  it("the referee's page shows dates, contracts and its problems in words", () => {
    const page = verifierPage({
      clinicianName: 'Daniel Adeyemi',
      kind: 'post',
      fields: [
        ['Contract', 'substantive'],
        ['From', '2024-08-07'],
        ['To', 'present'],
      ],
      expiresAt: '21 August 2026',
      action: '/verify/x',
      suggestedName: 'Grace Okoro',
      issues: [{ path: 'body.registrationNumber', message: "is Daniel Adeyemi's own number: a referee must be someone else" }],
    });
    const text = visibleText(page);
    expect(problemsIn(text)).toEqual([]);
    expect(text).toContain('7 Aug 2024');
    expect(text).toContain('Substantive post');
    expect(text).toContain("Registration number is Daniel Adeyemi's own number");
  });

  it('the landing page', () => {
    const limits = { assistantMessages: 50, cvGenerations: 3, llmTokens: 200_000, activeShareLinks: 3, conversationRetentionDays: 30 };
    const text = visibleText(
      landingPage({
        plans: [
          { id: 'free', name: 'Free', limits, price: { monthlyPence: 0, perSeat: false } },
          { id: 'team', name: 'Team', limits, price: { monthlyPence: 750, perSeat: true } },
        ],
      }),
    );
    expect(problemsIn(text)).toEqual([]);
    expect(text).toContain('3 tailored CVs a month');
    expect(text).toContain('£7.50 a person a month');
  });

  it('every email template', async () => {
    const url = 'https://medfolio.test/x';
    const emails = await Promise.all([
      verifyEmailMessage({ name: 'Amara', verifyUrl: url, expiresInHours: 48 }),
      resetPasswordMessage({ name: 'Amara', resetUrl: url, expiresInMinutes: 60 }),
      unlockSignInMessage({ name: 'Amara', unlockUrl: url, expiresInMinutes: 60, pausedFor: '15 minutes' }),
      verificationRequestMessage({
        verifierName: 'Grace',
        clinicianName: 'Amara',
        subject: 'Staff Nurse at Calder Valley, 7 Aug 2024 to present',
        kind: 'post',
        verifyUrl: url,
        expiresOn: '21 August 2026',
      }),
      cvSharedMessage({ recipientName: 'Sam', clinicianName: 'Amara', message: null, shareUrl: url, expiresOn: '21 August 2026 at 10:00', passcode: true }),
      cvViewedMessage({ name: 'Amara', recipient: 'Sam', viewedAt: '21 August 2026 at 10:00', sharesUrl: url }),
      organisationInvitationMessage({
        organisationName: 'Calder Valley Practice',
        inviterName: 'Dr Ada',
        role: 'admin',
        terms: invitationTerms('Calder Valley Practice', CONSENT_SCOPES),
        acceptUrl: url,
        expiresOn: '21 Aug 2026',
      }),
      exportReadyMessage({ name: 'Amara', privacyUrl: url, expiresAt: '21 August 2026 at 10:00 UTC' }),
      erasureScheduledMessage({ name: 'Amara', erasesOn: '21 August 2026', cancelUrl: url, reference: 'ref' }),
      erasureCancelledMessage({ name: 'Amara', signInUrl: url }),
      accountErasedMessage({ reference: 'ref' }),
    ]);
    expect(emails.flatMap((e) => problemsIn(`${e.subject}\n${e.text.replaceAll(url, '')}`).map((p) => `${e.subject}: ${p}`))).toEqual([]);
  });

  it('the expiry reminder email and the allowance words', async () => {
    const email = await expiryReminderMessage({
      name: 'Amara',
      recordUrl: 'https://medfolio.test/record',
      items: [
        { label: 'Immediate Life Support', date: '2026-07-01', expired: false, daysLeft: 30 },
        { label: 'NMC revalidation', date: '2026-05-01', expired: true, daysLeft: -31 },
      ],
    });
    expect(problemsIn(email.text)).toEqual([]);
    expect(email.text).toContain('1 Jul 2026');
    for (const metric of Object.keys(USAGE_METRIC_WORDS) as Array<keyof typeof USAGE_METRIC_WORDS>) expect(problemsIn(usageWords(metric, 3))).toEqual([]);
    expect(usageWords('cv_generations', 3)).toBe('3 tailored CVs');
  });
});
