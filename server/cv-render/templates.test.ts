import { describe, expect, it } from 'vitest';
import { renderCvHtml, expectedText } from './templates.ts';
import { fillPlaceholders, paperFor, snapshotHash, type CvSnapshot } from './snapshot.ts';

const snapshot = (over: Partial<CvSnapshot> = {}): CvSnapshot => ({
  template: 'full',
  format: 'A4',
  name: 'Dr <Test> Clinician',
  label: 'Specialty Registrar',
  contact: ['test@example.org'],
  jobTitle: null,
  sections: [
    { kind: 'experience', title: 'Experience', items: [{ title: 'Registrar', subtitle: 'A Trust', dates: '2024-01-01 to present', bullets: ['Led the take'], cites: [{ type: 'post', id: 'p1' }] }] },
    { kind: 'profile', title: 'Profile', items: [{ title: 'Specialty Registrar', subtitle: null, dates: null, bullets: ['Summary text'], cites: [{ type: 'profile', id: 'u1' }] }] },
  ],
  ...over,
});

describe('CV templates', () => {
  it('prints US profiles on Letter and everyone else on A4', () => {
    expect(paperFor(['GMC'])).toBe('A4');
    expect(paperFor(['NPI'])).toBe('Letter');
    expect(paperFor(['NMC', 'US-STATE-BOARD'])).toBe('Letter');
    expect(renderCvHtml(snapshot({ format: 'Letter' }))).toContain('@page { size: Letter; }');
    expect(renderCvHtml(snapshot())).toContain('@page { size: A4; }');
  });

  it('escapes content, turns ligatures off, and puts the profile first as a paragraph', () => {
    const html = renderCvHtml(snapshot());
    expect(html).toContain('Dr &lt;Test&gt; Clinician');
    expect(html).toContain('font-variant-ligatures: none');
    expect(html.indexOf('Summary text')).toBeLessThan(html.indexOf('Led the take'));
    expect(expectedText(snapshot())).toEqual({ name: 'Dr <Test> Clinician', headings: ['Profile', 'Experience'], itemTitles: ['Registrar'] });
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('fills registration placeholders and hashes snapshots by content', () => {
    const filled = fillPlaceholders(
      { sections: [{ kind: 'registration', title: 'Registration', items: [{ title: 'GMC registration', subtitle: null, dates: null, bullets: ['Number: [[registration:6f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10:number]]'], cites: [{ type: 'registration', id: 'r' }] }] }] },
      new Map([['6f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10', '7654321']]),
    );
    expect(filled.sections[0]!.items[0]!.bullets).toEqual(['Number: 7654321']);
    expect(snapshotHash(snapshot())).toBe(snapshotHash(snapshot()));
    expect(snapshotHash(snapshot())).not.toBe(snapshotHash(snapshot({ template: 'locum' })));
  });
});
