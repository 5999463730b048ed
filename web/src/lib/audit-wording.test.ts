import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeActor, describeAuditEvent, isKnownAction } from './audit-wording.ts';

const event = (action: string, details: Record<string, unknown> = {}, actor: { type: 'user' | 'system' | 'verifier' | 'recruiter' | 'admin'; id: string | null } = { type: 'user', id: 'u1' }) => ({
  action,
  details,
  actor,
  subject: { type: 'x', id: null },
});

describe('audit wording', () => {
  it('says what a recruiter did with a shared CV', () => {
    expect(describeAuditEvent(event('share.opened', {}, { type: 'recruiter', id: 's1' }))).toBe('A recruiter viewed your shared CV');
    expect(describeAuditEvent(event('share.opened', { recipientEmail: 'hr@trust.nhs.uk' }, { type: 'recruiter', id: 's1' }))).toBe('A recruiter viewed your shared CV (shared with hr@trust.nhs.uk)');
    expect(describeAuditEvent(event('share.viewed', {}, { type: 'recruiter', id: 's1' }))).toBe('A recruiter viewed your shared CV as a PDF');
  });

  it('has words for every audit action the server writes', () => {
    // Read from the server's sources, so a new action without wording fails here.
    const root = path.resolve(import.meta.dirname, '../../../server');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const actions = new Set<string>();
    for (const file of files) {
      for (const [, expr] of fs.readFileSync(path.join(root, file), 'utf8').matchAll(/action: ([^,}]*)/g)) {
        for (const [, action] of expr!.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) actions.add(action!);
      }
    }
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => !isKnownAction(a))).toEqual([]);
  });

  it('words account, privacy and record events', () => {
    expect(describeAuditEvent(event('record.imported'))).toBe('You imported your record from a JSON Resume file');
    expect(describeAuditEvent(event('session.created', { secondFactor: 'none' }))).toBe('You signed in');
    expect(describeAuditEvent(event('session.created', { secondFactor: 'totp' }))).toBe('You signed in with your password and two-factor code');
    expect(describeAuditEvent(event('export.requested'))).toBe('You asked for a copy of your data');
    expect(describeAuditEvent(event('erasure.requested'))).toBe('You asked for your account to be erased');
    expect(describeAuditEvent(event('erasure.requested', {}, { type: 'admin', id: 'a1' }))).toBe('An administrator scheduled your account for erasure');
    expect(describeAuditEvent(event('password.changed', { otherSessionsRevoked: 2 }))).toBe('You changed your password (and 2 other sessions signed out)');
    expect(describeAuditEvent(event('post.created'))).toBe('You added a post to your record');
    expect(describeAuditEvent(event('dbs.deleted'))).toBe('You removed a DBS check from your record');
    expect(describeAuditEvent(event('education.imported'))).toBe('An education entry was imported into your record');
    expect(describeAuditEvent(event('verification.confirmed', { verifierName: 'Dr Okafor' }, { type: 'verifier', id: 'v1' }))).toBe('Dr Okafor confirmed an entry in your record');
  });

  it('falls back to the raw action for anything it does not know', () => {
    expect(describeAuditEvent(event('rota.swapped'))).toBe('rota.swapped');
    expect(describeAuditEvent(event('post.teleported'))).toBe('post.teleported');
    expect(isKnownAction('rota.swapped')).toBe(false);
    expect(isKnownAction('share.viewed')).toBe(true);
    expect(isKnownAction('login.paused')).toBe(true);
    expect(isKnownAction('share.paused')).toBe(true);
    expect(isKnownAction('training.updated')).toBe(true);
  });

  it('names the actor', () => {
    expect(describeActor({ type: 'user', id: 'u1' }, 'u1')).toBe('You');
    expect(describeActor({ type: 'user', id: null }, 'u1')).toBe('Someone (not signed in)');
    expect(describeActor({ type: 'recruiter', id: 's1' }, 'u1')).toBe('A recruiter');
    expect(describeActor({ type: 'verifier', id: null })).toBe('A verifier');
    expect(describeActor({ type: 'system', id: null })).toBe('The system');
    expect(describeActor({ type: 'admin', id: 'a1' })).toBe('An administrator');
  });
});
