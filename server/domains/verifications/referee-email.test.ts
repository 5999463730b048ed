import { describe, expect, it } from 'vitest';
import { canonicalMailbox, canonicalPersonName, classifyRefereeEmail, describeRefereeEmail, domainMatchesEmployer, isSelfReferee } from './referee-email.ts';

describe('referee email addresses', () => {
  it('labels free mailboxes as personal email', () => {
    expect(classifyRefereeEmail('jo.matron@gmail.com', 'Severnside NHS Foundation Trust')).toEqual({ kind: 'personal', domain: 'gmail.com' });
    expect(classifyRefereeEmail('Jo@Hotmail.co.uk', 'Severnside NHS Foundation Trust').kind).toBe('personal');
    expect(describeRefereeEmail('personal', 'gmail.com')).toBe('personal email');
  });

  it("recognises the employer's own domain from its name, initials or a distinctive word", () => {
    expect(domainMatchesEmployer('severnside.nhs.uk', 'Severnside NHS Foundation Trust')).toBe(true);
    expect(domainMatchesEmployer('royaldevon.nhs.uk', 'Royal Devon University Healthcare NHS Foundation Trust')).toBe(true);
    expect(domainMatchesEmployer('nhsft.nhs.uk', 'Northgate Hospitals NHS Foundation Trust')).toBe(false);
    expect(domainMatchesEmployer('nhnft.nhs.uk', 'Northgate Hospitals NHS Foundation Trust')).toBe(true);
    expect(domainMatchesEmployer('mail.larkspur.co.uk', 'Larkspur Healthcare Staffing Ltd')).toBe(true);
    // A generic word alone names no one.
    expect(domainMatchesEmployer('trust.org', 'Severnside NHS Foundation Trust')).toBe(false);
    expect(domainMatchesEmployer('nhs.net', 'Severnside NHS Foundation Trust')).toBe(false);
    expect(domainMatchesEmployer('othertrust.nhs.uk', 'Severnside NHS Foundation Trust')).toBe(false);
    expect(classifyRefereeEmail('jo@severnside.nhs.uk', 'Severnside NHS Foundation Trust')).toEqual({ kind: 'employer', domain: 'severnside.nhs.uk' });
    expect(describeRefereeEmail('employer', 'severnside.nhs.uk')).toBe('work email at the employer (severnside.nhs.uk)');
  });

  it('labels NHSmail and other NHS domains that are not the employer as NHS email', () => {
    expect(classifyRefereeEmail('jo.matron@nhs.net', 'Severnside NHS Foundation Trust')).toEqual({ kind: 'nhs', domain: 'nhs.net' });
    expect(classifyRefereeEmail('jo@othertrust.nhs.uk', 'Severnside NHS Foundation Trust').kind).toBe('nhs');
    expect(classifyRefereeEmail('jo@example.org', 'Severnside NHS Foundation Trust')).toEqual({ kind: 'other', domain: 'example.org' });
    expect(describeRefereeEmail('other', 'example.org')).toBe('email at example.org');
  });

  it('treats one mailbox typed differently as the same mailbox', () => {
    expect(canonicalMailbox('Jo.Bloggs+ref@GoogleMail.com')).toBe('jobloggs@gmail.com');
    expect(canonicalMailbox('jo.bloggs+ref@nhs.net')).toBe('jo.bloggs@nhs.net');
    expect(canonicalPersonName("Dr. Jo O'Neil")).toBe('jo oneil');
  });

  it('refuses the clinician as their own referee: their address, or their name with their own mailbox name elsewhere', () => {
    const account = { name: 'Dr Aisha Rahman', email: 'aisha.rahman@example.org' };
    expect(isSelfReferee({ name: 'Someone Else', email: 'Aisha.Rahman@example.org' }, account)).toBe(true);
    expect(isSelfReferee({ name: 'Aisha Rahman', email: 'aisha.rahman@gmail.com' }, account)).toBe(true);
    expect(isSelfReferee({ name: 'Aisha Rahman', email: 'rahmanaisha@outlook.com' }, account)).toBe(true);
    expect(isSelfReferee({ name: 'Dr Sam Okafor', email: 'sam.okafor@example.org' }, account)).toBe(false);
    // Same name, someone else's mailbox: a namesake is allowed (the referee's page checks again).
    expect(isSelfReferee({ name: 'Aisha Rahman', email: 'a.rahman2@severnside.nhs.uk' }, account)).toBe(false);
  });
});
