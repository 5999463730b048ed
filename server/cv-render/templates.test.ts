import { describe, expect, it } from 'vitest';
import { renderCvHtml, expectedText } from './templates.ts';
import { fillPlaceholders, snapshotHash, type CvSnapshot } from './snapshot.ts';

const snapshot = (over: Partial<CvSnapshot> = {}): CvSnapshot => ({
  template: 'uk-doctor',
  format: 'A4',
  name: 'Dr <Test> Clinician',
  label: 'Specialty Registrar',
  contact: ['test@example.org'],
  jobTitle: null,
  showRefereeNames: false,
  sections: [
    {
      kind: 'experience',
      title: 'Experience',
      items: [
        {
          title: 'Registrar',
          subtitle: 'A Trust',
          dates: '2024-01-01 to present',
          bullets: ['Led the take'],
          cites: [{ type: 'post', id: 'p1' }],
          evidence: { level: 'verifier-confirmed', text: 'Confirmed by Clinical Lead, A Trust on 3 May 2026' },
        },
        { title: 'Senior House Officer', subtitle: 'B Trust', dates: null, bullets: [], cites: [{ type: 'post', id: 'p2' }], evidence: { level: 'self-declared', text: null } },
      ],
    },
    {
      kind: 'profile',
      title: 'Profile',
      items: [{ title: 'Specialty Registrar', subtitle: null, dates: null, bullets: ['Summary text'], cites: [{ type: 'profile', id: 'u1' }], evidence: { level: 'self-declared', text: null } }],
    },
  ],
  ...over,
});

describe('CV templates', () => {
  it('prints on the paper the snapshot says', () => {
    expect(renderCvHtml(snapshot({ format: 'Letter' }))).toContain('@page { size: Letter; }');
    expect(renderCvHtml(snapshot())).toContain('@page { size: A4; }');
  });

  it('escapes content, turns ligatures off, and prints the sections in the order of the snapshot, the profile as a paragraph', () => {
    const html = renderCvHtml(snapshot());
    expect(html).toContain('Dr &lt;Test&gt; Clinician');
    expect(html).toContain('font-variant-ligatures: none');
    expect(html.indexOf('Led the take')).toBeLessThan(html.indexOf('Summary text'));
    expect(html).toContain('<p class="statement">Summary text</p>');
    expect(expectedText(snapshot())).toEqual({
      name: 'Dr <Test> Clinician',
      headings: ['Experience', 'Profile'],
      itemTitles: ['Registrar', 'Senior House Officer'],
      marks: ['Confirmed by Clinical Lead, A Trust on 3 May 2026'],
    });
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('marks each item with its evidence (none for self-declared), with a legend of the marks used', () => {
    const html = renderCvHtml(snapshot());
    expect(html).toContain('<p class="evidence">Confirmed by Clinical Lead, A Trust on 3 May 2026</p>');
    expect(html.match(/class="evidence"/g)).toHaveLength(1);
    expect(html).toContain('a referee confirmed the entry through their own single-use Medfolio link');
    expect(html).not.toContain('Document on file');
    expect(html).toContain('Entries without a mark are the clinician&#39;s own statement.');
  });

  it('prints the check link, its code and the QR code when the CV is signed', () => {
    const html = renderCvHtml(snapshot(), { check: { url: 'https://medfolio.example/check?code=ABCDEFG-HJKMNPQ-RSTVWXY', code: 'ABCDEFG-HJKMNPQ-RSTVWXY', qrSvg: '<svg id="qr"></svg>' } });
    expect(html).toContain('Check this CV at <span class="url">https://medfolio.example/check?code=ABCDEFG-HJKMNPQ-RSTVWXY</span>');
    expect(html).toContain('Check code: ABCDEFG-HJKMNPQ-RSTVWXY');
    expect(html).toContain('<svg id="qr"></svg>');
  });

  it('fills registration placeholders and hashes snapshots by content', () => {
    const filled = fillPlaceholders(
      {
        sections: [
          {
            kind: 'registration',
            title: 'Registration',
            items: [
              { title: 'GMC registration', subtitle: null, dates: null, bullets: ['Number: [[registration:6f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10:number]]'], cites: [{ type: 'registration', id: 'r' }] },
            ],
          },
        ],
      },
      new Map([['6f1c1f2e-8a43-4b8e-9a55-2f4f3c1d2e10', '7654321']]),
    );
    expect(filled.sections[0]!.items[0]!.bullets).toEqual(['Number: 7654321']);
    expect(snapshotHash(snapshot())).toBe(snapshotHash(snapshot()));
    expect(snapshotHash(snapshot())).not.toBe(snapshotHash(snapshot({ template: 'locum' })));
  });
});
