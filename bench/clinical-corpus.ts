/**
 * A synthetic clinical corpus for bench:redact: chat messages, CV highlights and shift notes of
 * one to four sentences of ordinary clinical prose, about a third of them carrying identifiers
 * (names, UK and US phones, NHS and NI numbers, emails, postcodes, dates of birth, GMC numbers
 * and NMC PINs). Every value is
 * invented (Ofcom drama phone ranges, NHS numbers built with a valid check digit, made-up names).
 * A seeded generator keeps runs comparable.
 */

/** mulberry32: small, fast and good enough to vary templates reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Sarah', 'Tom', 'Priya', 'Aisha', 'James', 'Olu', 'Grace', 'Mei', 'Daniel', 'Fatima', 'Liam', 'Chloe', 'Arjun', 'Hannah', 'Kwame'];
const SURNAMES = ['Hale', 'Shah', 'Okafor', 'Rahman', 'Clarke', "O'Neill", 'McDonald', 'Nowak', 'Evans', 'Smith-Jones', 'Khan', 'Brennan', 'Adeyemi', 'Li', 'Foster'];
const TITLES = ['Dr', 'Mr', 'Mrs', 'Ms', 'Sister', 'Prof'];
const RELATIONS = ['daughter', 'son', 'husband', 'wife', 'partner', 'mother', 'carer'];
const DRUGS = ['amoxicillin 500 mg TDS', 'paracetamol 1 g QDS', 'enoxaparin 40 mg OD', 'furosemide 40 mg IV', 'salbutamol 5 mg nebulised', 'morphine 2.5 mg SC PRN', 'co-amoxiclav 1.2 g IV'];
const WARDS = ['Ward 12', 'AMU', 'Resus', 'Cedar Ward', 'ITU bed 4', 'Majors cubicle 7', 'SDEC'];
const GRADES = ['FY1', 'FY2', 'CT1', 'ST3', 'ST6', 'Band 5', 'Band 6', 'Band 7'];
const PROSE = [
  'NEWS2 score of 5 at 14:30, escalated to the medical registrar and repeat lactate was 2.1 mmol/L.',
  'Sepsis six completed within the hour; blood cultures taken before antibiotics.',
  'Led a quality improvement project that cut door-to-needle time from 62 to 41 minutes over 2019-2021.',
  'Taught the FY1 cohort weekly simulation on the deteriorating patient, 0.75 WTE for 18 months.',
  'Audit of 85,000 attendances showed 92% compliance with the falls bundle.',
  'Handover at 08:00 and 20:00; bleep 4471 covers the surgical wards overnight.',
  'Obs stable, GCS 15/15, BP 128/76, HR 88, SpO2 96% on 2 L nasal cannula.',
  'Plan: repeat U&Es in the morning, chase the CT head report, review in 4 hours.',
  'Completed ALS in 2022 and APLS in 2023; MRCP Part 1 passed in 2020.',
  'Fluid balance positive by 1.2 L over 24 hours; urine output 0.4 mL/kg/h since midnight.',
  'Can you make the teaching section sound less like a list? I ran the journal club for two years.',
  'Reviewed in clinic with the consultant, who agreed to step down the steroid dose to 20 mg.',
  'Worked as a Band 6 staff nurse on the acute stroke unit from 2017 to 2020, then Band 7 ward manager.',
  'Chest clear, abdomen soft and non-tender, calves soft, no pedal oedema.',
  'Rota gap on nights again; I covered two extra shifts in March and logged them for exception reporting.',
  'Presented a poster at the Society for Acute Medicine conference on frailty scoring in the ED.',
  'INR 3.4 this morning so warfarin held, recheck on Thursday and restart at 3 mg if under 3.',
  'Please tailor my CV for the ST3 General Surgery post; emphasise the laparoscopic log book.',
  'HbA1c 64 mmol/mol, up from 58 in January; titrated metformin to 1 g BD.',
  'Safeguarding referral completed and discussed with the named nurse for adults at risk.',
];

function nhsNumber(random: () => number): string {
  for (;;) {
    const nine = Array.from({ length: 9 }, (_, i) => (i === 0 ? 4 + Math.floor(random() * 5) : Math.floor(random() * 10)));
    const sum = nine.reduce((total, digit, i) => total + digit * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    const digits = `${nine.join('')}${check === 11 ? 0 : check}`;
    return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  }
}

export function clinicalCorpus(targetBytes: number, seed = 16): string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const name = () => `${pick(FIRST)} ${pick(SURNAMES)}`;
  const ukMobile = () => pick([`07700 900${digits(3)}`, `+44 7700 900${digits(3)}`, `07700900${digits(3)}`]);
  const ukLandline = () => pick([`0161 496 0${digits(3)}`, `(0113) 496 0${digits(3)}`, `020 7946 0${digits(3)}`]);
  const usPhone = () => pick([`+1 202 555 0${digits(3)}`, `+1 (415) 555-0${digits(3)}`]);
  const dob = () => `${1 + Math.floor(random() * 28)}/${1 + Math.floor(random() * 12)}/19${40 + Math.floor(random() * 60)}`;
  const postcode = () => pick(['LS1 4AP', 'M13 9WL', 'SW1A 2AA', 'B15 2TH', 'NE1 4LP', 'CF14 4XW']);

  // Identifier-bearing clauses; roughly a third of messages carry one, the rest are the
  // ordinary clinical prose that makes up most of what clinicians write.
  const identified: (() => string)[] = [
    () => `Call me on ${ukMobile()} or email ${pick(FIRST).toLowerCase()}.${pick(SURNAMES).replace(/\W/g, '').toLowerCase()}@nhs.net.`,
    () => `Patient ${name()} (NHS ${nhsNumber(random)}, DOB ${dob()}) reviewed on ${pick(WARDS)}; started ${pick(DRUGS)}.`,
    () => `Spoke to her ${pick(RELATIONS)} ${pick(FIRST)} on ${ukLandline()}; next of kin: ${name()}.`,
    () => `Supervised by ${pick(TITLES)} ${name()} as ${pick(GRADES)}, GMC number ${digits(7)}.`,
    () => `NMC PIN ${digits(2)}A${digits(4)}B, NI number QQ ${digits(2)} ${digits(2)} ${digits(2)} C, home ${postcode()}.`,
    () => `US rotation contact ${usPhone()}.`,
  ];
  const ordinary = () => `${pick(PROSE)} ${pick(DRUGS)} given at ${10 + Math.floor(random() * 12)}:${pick(['00', '15', '30', '45'])} on ${pick(WARDS)}.`;

  const lines: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.3 ? ordinary() : pick(PROSE)));
    if (random() < 0.35) parts.splice(Math.floor(random() * (parts.length + 1)), 0, pick(identified)());
    const line = parts.join(' ');
    lines.push(line);
    bytes += line.length + 1;
  }
  return lines.join('\n');
}
