import { describe, expect, it } from 'vitest';
import { chooseLayout, LAYOUTS } from './layouts.ts';
import { fitToLayout } from './fit.ts';
import type { Draft } from '../ai/cv-draft/schema.ts';

const post = (i: number) => ({
  title: `Post ${i}`,
  subtitle: 'A Trust',
  dates: `${2024 - i}-01-01 to ${2024 - i}-12-31`,
  bullets: ['One', 'Two', 'Three', 'Four', 'Five', 'Six'],
  cites: [{ type: 'post', id: `p${i}` }],
});

const draft = (posts: number): Draft['sections'] => [
  { kind: 'skills', title: 'Skills and languages', items: [{ title: 'Welsh', subtitle: null, dates: null, bullets: [], cites: [{ type: 'extra', id: 'languages:0' }] }] },
  { kind: 'experience', title: 'Experience', items: Array.from({ length: posts }, (_, i) => post(i)) },
  {
    kind: 'registration',
    title: 'Professional registration and DBS',
    items: [
      { title: 'Wisconsin state license, license number 1: active.', subtitle: null, dates: null, bullets: [], cites: [{ type: 'registration', id: 'r1' }] },
      { title: 'Enhanced DBS check', subtitle: null, dates: 'Issued 2025-03-01', bullets: [], cites: [{ type: 'dbs', id: 'd1' }] },
    ],
  },
  { kind: 'training', title: 'Training and certification', items: [{ title: 'ACLS', subtitle: 'AHA', dates: 'Valid until Dec 2026', bullets: [], cites: [{ type: 'training', id: 't1' }] }] },
];

describe('CV layouts', () => {
  it('follows the profession the record holds and the advert asks for, in the advert country', () => {
    expect(chooseLayout(undefined, ['GMC'], null).id).toBe('uk-doctor');
    expect(chooseLayout('full', ['NMC'], null).id).toBe('uk-nurse');
    expect(chooseLayout('full', ['HCPC'], { country: 'UK', requirements: [] }).id).toBe('uk-ahp');
    expect(chooseLayout('full', ['US-STATE-BOARD', 'NPI'], null).id).toBe('us-clinician');
    expect(chooseLayout('full', ['GMC', 'US-STATE-BOARD'], { country: 'US', requirements: [] }).id).toBe('us-clinician');
    expect(chooseLayout('full', ['GMC', 'US-STATE-BOARD'], { country: 'UK', requirements: [] }).id).toBe('uk-doctor');
    const asksNmc = {
      country: 'UK' as const,
      requirements: [{ kind: 'registration' as const, key: 'NMC', text: 'NMC', importance: 'essential' as const, alternatives: [], detail: null, years: null, specialty: null, level: null }],
    };
    expect(chooseLayout('full', ['HCPC', 'NMC'], asksNmc).id).toBe('uk-nurse');
    expect(chooseLayout('locum', ['US-STATE-BOARD'], null).id).toBe('locum');
    expect(chooseLayout('uk-doctor', ['NMC'], null).id).toBe('uk-doctor');
    expect(LAYOUTS['us-clinician'].format).toBe('Letter');
  });

  it('orders and heads sections for the layout; a US CV lists certifications under licensure and has no DBS', () => {
    const us = fitToLayout(draft(2), LAYOUTS['us-clinician']);
    expect(us.map((s) => s.title)).toEqual(['Professional experience', 'Licensure and certifications', 'Skills and languages']);
    expect(us[1]!.items.map((i) => i.title)).toEqual(['Wisconsin state license, license number 1: active.', 'ACLS']);
    const uk = fitToLayout(draft(2), LAYOUTS['uk-doctor']);
    expect(uk.map((s) => s.kind)).toEqual(['registration', 'experience', 'training', 'skills']);
    expect(uk[0]!.items[1]!.dates).toBe('Issued Mar 2025');
    expect(uk[1]!.items[0]!.dates).toBe('Jan 2024 – Dec 2024');
  });

  it('prints the first items in full and summarises the rest with their count and years, citing each', () => {
    const [, experience] = fitToLayout(draft(20), LAYOUTS['uk-doctor']);
    expect(experience!.items).toHaveLength(9);
    expect(experience!.items[0]!.bullets).toHaveLength(5);
    expect(experience!.items[7]!.bullets).toHaveLength(2);
    expect(experience!.items[8]).toEqual({
      title: 'and 12 earlier posts, 2005–2016',
      subtitle: null,
      dates: null,
      bullets: [],
      cites: Array.from({ length: 12 }, (_, i) => ({ type: 'post', id: `p${i + 8}` })),
    });
    const tighter = fitToLayout(draft(20), LAYOUTS['uk-doctor'], 1);
    expect(tighter[1]!.items).toHaveLength(7);
    expect(tighter[1]!.items[0]!.bullets).toHaveLength(3);
    expect(tighter[1]!.items[6]!.title).toBe('and 14 earlier posts, 2005–2018');
  });

  it('prints specialties and availability on the locum profile only, whole at any squeeze', () => {
    const line = (title: string) => ({ title, subtitle: 'x', dates: null, bullets: [], cites: [{ type: 'profile', id: 'profile' }] });
    const availability = { kind: 'availability' as const, title: 'Specialties and availability', items: ['Specialties', 'Shift patterns', 'Available', 'Notice', 'Regions', 'Travel'].map(line) };
    const locum = fitToLayout([...draft(2), availability], LAYOUTS.locum, 3);
    expect(locum.map((s) => s.kind).slice(0, 2)).toEqual(['availability', 'registration']);
    expect(locum[0]!.items).toHaveLength(6);
    for (const id of ['uk-doctor', 'uk-nurse', 'uk-ahp', 'us-clinician'] as const) expect(fitToLayout([...draft(2), availability], LAYOUTS[id]).map((s) => s.kind)).not.toContain('availability');
  });

  it('cuts a very long point at a sentence or word, never inside a number', () => {
    const long = `${'Ran the clinic for 1234 patients a year. '.repeat(12)}`;
    const [experience] = fitToLayout([{ kind: 'experience', title: 'Experience', items: [{ ...post(0), bullets: [long, `word ${'12345 '.repeat(80)}`] }] }], LAYOUTS['uk-doctor']);
    const [sentences, words] = experience!.items[0]!.bullets;
    expect(sentences!.length).toBeLessThanOrEqual(320);
    expect(sentences!.endsWith('a year.')).toBe(true);
    expect(words!.endsWith('12345…')).toBe(true);
  });
});
