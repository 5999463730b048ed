/**
 * Professional identifiers and their rules (docs/ARCHITECTURE.md, Domain model), in one place for the API,
 * the importer and the redaction recognisers. Each check returns a reason, or undefined.
 */

export const REGISTRATION_BODIES = ['GMC', 'NMC', 'HCPC', 'GDC', 'GPhC', 'US-STATE-BOARD', 'NPI'] as const;
export type RegistrationBody = (typeof REGISTRATION_BODIES)[number];

export const HCPC_PREFIXES = ['AS', 'BS', 'CH', 'CS', 'DT', 'HAD', 'ODP', 'OR', 'OT', 'PA', 'PH', 'PO', 'PYL', 'RA', 'SL'] as const;

const GMC = /^\d{7}$/;
const NMC = /^\d{2}[A-Z]\d{4}[A-Z]$/;
const HCPC = new RegExp(`^(${[...HCPC_PREFIXES].sort((a, b) => b.length - a.length).join('|')})\\d{1,6}$`);
const GDC = /^\d{1,6}$/;
const GPHC = /^\d{7}$/;
const DBS_CERTIFICATE = /^\d{12}$/;

/** NPI: 10 digits whose Luhn check over "80840" + the digits holds (CMS standard). */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i]!;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Normalises how people type numbers (spaces, lower case) before checking. */
export const normaliseRegistrationNumber = (value: string) => value.replace(/[\s-]/g, '').toUpperCase();

export function registrationNumberProblem(body: RegistrationBody, number: string): string | undefined {
  switch (body) {
    case 'GMC':
      return GMC.test(number) ? undefined : 'A GMC number is 7 digits';
    case 'NMC':
      return NMC.test(number) ? undefined : 'An NMC PIN is 2 digits, a letter, 4 digits and a letter (e.g. 12A3456B)';
    case 'HCPC':
      return HCPC.test(number) ? undefined : `An HCPC number is a profession prefix (${HCPC_PREFIXES.join(', ')}) and up to 6 digits`;
    case 'GDC':
      return GDC.test(number) ? undefined : 'A GDC number is up to 6 digits';
    case 'GPhC':
      return GPHC.test(number) ? undefined : 'A GPhC number is 7 digits';
    case 'NPI':
      return isValidNpi(number) ? undefined : 'An NPI is 10 digits with a valid check digit';
    case 'US-STATE-BOARD':
      return /^[A-Z0-9]{3,20}$/.test(number) ? undefined : 'A state licence number is 3 to 20 letters or digits';
  }
}

export const dbsCertificateProblem = (value: string) => (DBS_CERTIFICATE.test(value) ? undefined : 'A DBS certificate number is 12 digits');

/**
 * A DOI as people paste it ("https://doi.org/10.1136/bmj.n71", "doi:10.1136/...") reduced to the
 * DOI itself; DOIs are case-insensitive, kept as typed otherwise.
 */
export const normaliseDoi = (value: string) => value.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '');
/** A DOI: "10.", a registrant code of 4 to 9 digits (dot-separated parts allowed), "/", a suffix. */
const DOI = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/;
export const doiProblem = (doi: string) => (DOI.test(doi) ? undefined : 'A DOI starts 10. and has a / (e.g. 10.1136/bmj.n71)');
/** A PubMed id: 1 to 8 digits, no leading zero. */
export const pmidProblem = (pmid: string) => (/^[1-9]\d{0,7}$/.test(pmid) ? undefined : 'A PubMed id (PMID) is up to 8 digits');
