import { describe, expect, it } from 'vitest';
import { compareCvs, type ComparedCv } from './compare.ts';

const item = (title: string, cites: Array<{ type: string; id: string }>, subtitle: string | null = null) => ({ title, subtitle, dates: null, bullets: [], cites });
const req = (kind: ComparedCv['requirements'][number]['kind'], key: string, text: string, status: ComparedCv['requirements'][number]['status']) => ({
  kind,
  key,
  text,
  status,
  importance: 'essential' as const,
});

const first: ComparedCv = {
  id: '00000000-0000-4000-8000-000000000001',
  jobTitle: 'Trust Registrar in Emergency Medicine',
  createdAt: '2026-11-01T10:00:00.000Z',
  draft: {
    sections: [
      { kind: 'registration', title: 'Registration', items: [item('GMC full registration', [{ type: 'registration', id: 'r1' }])] },
      {
        kind: 'experience',
        title: 'Experience',
        items: [item('ST4 Emergency Medicine', [{ type: 'post', id: 'p1' }], 'Northgate'), item('Clinical Fellow', [{ type: 'post', id: 'p2' }])],
      },
      { kind: 'training', title: 'Courses', items: [item('APLS', [{ type: 'training', id: 't2' }])] },
    ],
  },
  requirements: [req('registration', 'GMC', 'Full GMC registration', 'met'), req('course', 'als', 'Current ALS', 'expiring'), req('course', 'apls', 'APLS', 'expired')],
};

const second: ComparedCv = {
  id: '00000000-0000-4000-8000-000000000002',
  jobTitle: 'Clinical Fellow in Acute Medicine',
  createdAt: '2026-11-02T10:00:00.000Z',
  draft: {
    sections: [
      // The same record, retitled by the drafter: still the same entry.
      { kind: 'registration', title: 'Professional registration', items: [item('GMC registration (full)', [{ type: 'registration', id: 'r1' }])] },
      { kind: 'experience', title: 'Experience', items: [item('ST4 Emergency Medicine', [{ type: 'post', id: 'p1' }], 'Northgate')] },
      { kind: 'training', title: 'Courses', items: [item('ALS', [{ type: 'training', id: 't1' }])] },
    ],
  },
  requirements: [req('registration', 'GMC', 'full  GMC registration', 'met'), req('course', 'als', 'Current ALS', 'met'), req('skill', 'audit-qi', 'Evidence of audit', 'unmet')],
};

describe('compareCvs', () => {
  it('lists entries added and removed by the records they cite, and keeps retitled ones', () => {
    const diff = compareCvs(first, second);
    expect(diff.items.added).toEqual([{ section: 'Courses', title: 'ALS', subtitle: null }]);
    expect(diff.items.removed).toEqual([
      { section: 'Experience', title: 'Clinical Fellow', subtitle: null },
      { section: 'Courses', title: 'APLS', subtitle: null },
    ]);
    expect(diff.items.unchanged).toBe(2);
  });

  it('reports requirements whose status changed, and those only one advert asks for, in words', () => {
    const diff = compareCvs(first, second);
    expect(diff.requirements.changed).toEqual([
      { text: 'Current ALS', kind: 'course', key: 'als', importance: 'essential', from: 'expiring', to: 'met', fromWords: 'expiring within 30 days', toWords: 'met' },
    ]);
    expect(diff.requirements.onlyInFirst).toEqual([expect.objectContaining({ text: 'APLS', status: 'expired', statusWords: 'expired' })]);
    expect(diff.requirements.onlyInSecond).toEqual([expect.objectContaining({ text: 'Evidence of audit', statusWords: 'not met' })]);
    // "Full GMC registration" and "full  GMC registration" are one requirement (case and spacing aside).
    expect(diff.requirements.unchanged).toBe(1);
    expect(diff.sameJob).toBe(false);
  });

  it('matches entries without citations by section and title', () => {
    const bare = (title: string) => ({ ...item(title, []), cites: [] as Array<{ type: string; id: string }> });
    const a: ComparedCv = { ...first, draft: { sections: [{ kind: 'skills', title: 'Skills', items: [bare('Teaching'), bare('Audit')] }] } };
    const b: ComparedCv = { ...second, draft: { sections: [{ kind: 'skills', title: 'Skills', items: [bare('teaching'), bare('Leadership')] }] } };
    const diff = compareCvs(a, b);
    expect(diff.items).toEqual({ added: [{ section: 'Skills', title: 'Leadership', subtitle: null }], removed: [{ section: 'Skills', title: 'Audit', subtitle: null }], unchanged: 1 });
  });

  it('keeps an entry whose citations changed but whose section and title did not', () => {
    const a: ComparedCv = { ...first, draft: { sections: [{ kind: 'profile', title: 'Profile', items: [item('Registrar in Emergency Medicine', [{ type: 'post', id: 'p1' }])] }] } };
    const b: ComparedCv = {
      ...second,
      draft: {
        sections: [
          {
            kind: 'profile',
            title: 'Profile',
            items: [
              item('Registrar in Emergency Medicine', [
                { type: 'post', id: 'p1' },
                { type: 'training', id: 't9' },
              ]),
            ],
          },
        ],
      },
    };
    expect(compareCvs(a, b).items).toEqual({ added: [], removed: [], unchanged: 1 });
  });

  it('finds nothing changed between a CV and itself', () => {
    const diff = compareCvs(first, first);
    expect(diff.items).toEqual({ added: [], removed: [], unchanged: 4 });
    expect(diff.requirements).toEqual({ changed: [], onlyInFirst: [], onlyInSecond: [], unchanged: 3 });
    expect(diff.sameJob).toBe(true);
  });

  it('pairs repeated entries one for one', () => {
    const twice: ComparedCv = { ...first, requirements: [req('course', 'als', 'ALS', 'met'), req('course', 'als', 'ALS', 'met')] };
    const once: ComparedCv = { ...second, requirements: [req('course', 'als', 'ALS', 'unmet')] };
    const diff = compareCvs(twice, once);
    expect(diff.requirements.changed).toHaveLength(1);
    expect(diff.requirements.onlyInFirst).toEqual([expect.objectContaining({ text: 'ALS', statusWords: 'met' })]);
  });
});
