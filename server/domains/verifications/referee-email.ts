import type { RefereeEmailKind } from '../../platform/db/types.ts';

/**
 * What a referee's email address tells a recruiter. Anyone can open a free mailbox, so a
 * confirmation from a personal address is labelled as such; an address at the employer's own
 * domain (or NHSmail, whose accounts the NHS issues) carries more weight. The label is advice
 * shown beside the confirmation, never a reason to refuse one.
 */

/** Free consumer mailboxes, UK and US. */
const PERSONAL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'outlook.co.uk',
  'live.com',
  'live.co.uk',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'ymail.com',
  'rocketmail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aol.co.uk',
  'protonmail.com',
  'proton.me',
  'pm.me',
  'gmx.com',
  'gmx.co.uk',
  'mail.com',
  'zoho.com',
  'fastmail.com',
  'tutanota.com',
  'hey.com',
  'btinternet.com',
  'btopenworld.com',
  'sky.com',
  'virginmedia.com',
  'ntlworld.com',
  'talktalk.net',
  'tiscali.co.uk',
  'blueyonder.co.uk',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
]);

/** Endings that name a kind of organisation, not which one. */
const PUBLIC_SUFFIX_LABELS = new Set([
  'uk',
  'co',
  'org',
  'ac',
  'gov',
  'nhs',
  'com',
  'net',
  'edu',
  'us',
  'scot',
  'wales',
  'ie',
  'hscni',
  'ltd',
  'plc',
  'health',
  'nz',
  'au',
  'ca',
  'mail',
  'email',
  'www',
]);

/** Words too common in employer names to identify one on their own. */
const GENERIC_WORDS = new Set([
  'the',
  'of',
  'and',
  'for',
  'nhs',
  'trust',
  'foundation',
  'hospital',
  'hospitals',
  'university',
  'universities',
  'health',
  'healthcare',
  'care',
  'services',
  'service',
  'teaching',
  'general',
  'royal',
  'national',
  'community',
  'partnership',
  'medical',
  'practice',
  'clinic',
  'group',
  'limited',
  'ltd',
  'staffing',
  'agency',
  'bank',
  'staff',
  'ambulance',
  'mental',
  'integrated',
  'board',
  'centre',
  'center',
  'st',
  'saint',
]);

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export const emailDomain = (email: string) => email.trim().toLowerCase().split('@').pop() ?? '';

/** The labels of a domain that name an organisation: "mail.severnside.nhs.uk" -> ["severnside"]. */
function namingLabels(domain: string): string[] {
  return domain.split('.').filter((label) => label.length >= 2 && !PUBLIC_SUFFIX_LABELS.has(label));
}

/**
 * Whether a domain is the employer's own: one of its naming labels spells the employer's name
 * (or the start of it: "royaldevon" for "Royal Devon University Healthcare NHS Foundation
 * Trust"), its initials ("mft" style acronyms, with or without "NHS"), or a distinctive word of it.
 */
export function domainMatchesEmployer(domain: string, employer: string): boolean {
  const name = words(employer).filter((w) => !['the', 'of', 'and', 'for'].includes(w));
  if (!name.length) return false;
  const candidates = new Set<string>();
  for (let i = 1; i <= name.length; i++) candidates.add(name.slice(0, i).join(''));
  candidates.add(name.map((w) => w[0]).join(''));
  candidates.add(
    name
      .filter((w) => w !== 'nhs')
      .map((w) => w[0])
      .join(''),
  );
  for (const w of name) if (w.length >= 4 && !GENERIC_WORDS.has(w)) candidates.add(w);
  return namingLabels(domain).some((label) => label.length >= 3 && candidates.has(label) && !GENERIC_WORDS.has(label));
}

export function classifyRefereeEmail(email: string, employer: string): { kind: RefereeEmailKind; domain: string } {
  const domain = emailDomain(email);
  if (PERSONAL_DOMAINS.has(domain)) return { kind: 'personal', domain };
  if (domainMatchesEmployer(domain, employer)) return { kind: 'employer', domain };
  if (domain === 'nhs.net' || domain.endsWith('.nhs.uk') || domain.endsWith('.nhs.net')) return { kind: 'nhs', domain };
  return { kind: 'other', domain };
}

/** The words a recruiter (and the clinician) see beside a confirmation. */
export function describeRefereeEmail(kind: RefereeEmailKind | null, domain: string | null): string | null {
  if (!kind || !domain) return null;
  switch (kind) {
    case 'personal':
      return 'personal email';
    case 'employer':
      return `work email at the employer (${domain})`;
    case 'nhs':
      return `NHS email (${domain})`;
    case 'other':
      return `email at ${domain}`;
  }
}

/**
 * One mailbox, however it is typed: case, "+tags", and (for Gmail) dots in the local part are
 * ignored, so "Jo.Bloggs+ref@gmail.com" is the same person as "jobloggs@googlemail.com".
 */
export function canonicalMailbox(email: string): string {
  const [local = '', rawDomain = ''] = email.trim().toLowerCase().split('@');
  const domain = rawDomain === 'googlemail.com' ? 'gmail.com' : rawDomain;
  let box = local.split('+')[0]!;
  if (domain === 'gmail.com') box = box.replace(/\./g, '');
  return `${box}@${domain}`;
}

const TITLES = new Set(['dr', 'doctor', 'mr', 'mrs', 'ms', 'miss', 'mx', 'prof', 'professor', 'sister', 'sr', 'nurse', 'rev', 'sir', 'dame']);

/** A person's name without titles, case or punctuation: "Dr. Jo O'Neil" -> "jo oneil". */
export function canonicalPersonName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .split(/[^a-z]+/)
    .filter((w) => w && !TITLES.has(w))
    .join(' ');
}

/** The local part of an address, as letters only: "jo.oneil+x" -> "jooneil". */
const localLetters = (email: string) =>
  canonicalMailbox(email)
    .split('@')[0]!
    .replace(/[^a-z0-9]/g, '');

/**
 * Whether a referee would be the clinician themselves: the same mailbox as the account, or the
 * account's name together with an address whose local part is the account's (their own name at
 * another provider) or spells that name.
 */
export function isSelfReferee(referee: { name: string; email: string }, account: { name: string; email: string }): boolean {
  if (canonicalMailbox(referee.email) === canonicalMailbox(account.email)) return true;
  const name = canonicalPersonName(account.name);
  if (!name || canonicalPersonName(referee.name) !== name) return false;
  const local = localLetters(referee.email);
  return local === localLetters(account.email) || local === name.replace(/ /g, '') || local === name.split(' ').reverse().join('');
}
