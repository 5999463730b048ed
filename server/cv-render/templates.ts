import { escapeHtml } from '../platform/http/html.ts';
import { embeddedFontCss } from './fonts.ts';
import { evidenceLegend } from '../domains/record/evidence-words.ts';
import { isSummaryLine, type CvSnapshot } from './snapshot.ts';

/** How a recruiter checks this PDF (docs/ARCHITECTURE.md, Evidence): absent when rendered without a server. */
export interface CheckPanel {
  /** `<origin>/check?code=<CODE>` */
  url: string;
  /** The code as printed, in groups. */
  code: string;
  /** The QR code of `url`, as inline SVG (the renderer fetches nothing). */
  qrSvg: string;
}

/**
 * The HTML of a CV snapshot, laid out already (server/cv-render/layouts.ts): a full CV in one
 * column, or the one-page locum profile with its compliance panel beside the work. Plain semantic
 * HTML so the PDF's text layer reads in order in applicant tracking systems; ligatures off,
 * because "fi"/"fl" ligature glyphs break ATS parsing.
 */
type Section = CvSnapshot['sections'][number];
type Item = Section['items'][number];

const BASE_CSS = `
@page { margin: 16mm 16mm 18mm; }
* { box-sizing: border-box; }
html { font-family: 'Source Sans 3', 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; color: #1b1f24;
  font-variant-ligatures: none; font-feature-settings: "liga" 0, "clig" 0, "dlig" 0; -webkit-print-color-adjust: exact; }
body { margin: 0; line-height: 1.38; }
header { border-bottom: 2px solid #005eb8; padding-bottom: 6pt; margin-bottom: 10pt; }
h1 { font-size: 20pt; margin: 0; font-weight: 700; color: #003d78; }
.label { font-size: 11.5pt; margin: 2pt 0 3pt; font-weight: 600; }
.contact { font-size: 9.5pt; color: #3d4752; }
h2 { font-size: 12pt; text-transform: uppercase; letter-spacing: .04em; color: #005eb8; margin: 12pt 0 4pt; border-bottom: 1px solid #c9d3dd; padding-bottom: 2pt; break-after: avoid; }
.item { margin: 0 0 7pt; break-inside: avoid; }
.item-head { display: flex; justify-content: space-between; gap: 12pt; }
h3 { font-size: 10.5pt; margin: 0; font-weight: 600; }
.dates { font-size: 9.5pt; color: #3d4752; white-space: nowrap; }
.subtitle { font-size: 9.5pt; color: #3d4752; margin: 0; }
ul { margin: 2pt 0 0 13pt; padding: 0; }
li { margin: 0 0 1pt; }
footer { margin-top: 12pt; font-size: 8pt; color: #6b7580; }
.evidence { font-size: 8.5pt; color: #14532d; margin: 1pt 0 0; }
.legend { margin: 0 0 4pt; padding: 0; list-style: none; }
.check { display: flex; gap: 10pt; align-items: center; margin-top: 6pt; break-inside: avoid; }
.check svg { width: 22mm; height: 22mm; flex: none; }
.check p { margin: 0; }
.check .url { white-space: nowrap; color: #1b1f24; }
`;

const STATEMENT_CSS = `
.statement { margin: 0 0 2pt; }
.sentence { margin: 0; }
.more { font-style: italic; color: #3d4752; font-size: 9.5pt; margin: 0 0 6pt; }
`;

/** One page, two columns: what an agency checks first (registration, DBS, training) on the left, the work on the right; the panel runs the page's height. */
const LOCUM_CSS = `
@page { margin: 12mm 12mm 12mm; }
html { font-size: 10.5pt; }
.locum { display: grid; grid-template-columns: 36% 1fr; gap: 0 14pt; min-height: 236mm; }
.glance { background: #eef4fa; border-radius: 4pt; padding: 8pt 10pt; }
.glance h2 { margin-top: 6pt; }
.glance-title { margin: 0; font-size: 9pt; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: #003d78; }
.glance .item { margin-bottom: 6pt; }
.glance .item-head { display: block; }
.locum footer { grid-column: 1 / -1; }
h2 { margin-top: 9pt; }
`;

function item(i: Item, kind: Section['kind']): string {
  if (isSummaryLine(i)) return `<p class="more">${escapeHtml(i.title)}</p>${i.evidence.text ? `<p class="evidence">${escapeHtml(i.evidence.text)}</p>` : ''}`;
  // A registration reads as the sentence it is, not as a bold heading.
  const head = kind === 'registration' && i.title.endsWith('.') ? `<p class="sentence">${escapeHtml(i.title)}</p>` : `<h3>${escapeHtml(i.title)}</h3>`;
  return `<div class="item"><div class="item-head">${head}${i.dates ? `<span class="dates">${escapeHtml(i.dates)}</span>` : ''}</div>${
    i.subtitle ? `<p class="subtitle">${escapeHtml(i.subtitle)}</p>` : ''
  }${i.evidence.text ? `<p class="evidence">${escapeHtml(i.evidence.text)}</p>` : ''}${i.bullets.length ? `<ul>${i.bullets.map((b) => `<li>${escapeHtml(b)}</li>`).join('')}</ul>` : ''}</div>`;
}

/** The legend for the marks the CV shows, and how to check it. */
function footer(sections: Section[], check: CheckPanel | undefined): string {
  const levels = sections.filter((s) => s.kind !== 'profile').flatMap((s) => s.items.map((i) => i.evidence.level));
  return `<footer><ul class="legend">${evidenceLegend(levels)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join('')}</ul>${
    check
      ? `<div class="check">${check.qrSvg}<div><p>Check this CV at <span class="url">${escapeHtml(check.url)}</span></p><p>Check code: ${escapeHtml(check.code)}</p><p>Medfolio signed this file when it was made: any change to it, however small, shows on the check page.</p></div></div>`
      : '<p>Every entry on this CV is drawn from a Medfolio record.</p>'
  }</footer>`;
}

/** The personal statement reads as one paragraph of sentences. */
const profile = (items: Item[]) =>
  `<p class="statement">${items
    .flatMap((i) => i.bullets)
    .map(escapeHtml)
    .join(' ')}</p>`;

const section = (s: Section) => `<section><h2>${escapeHtml(s.title)}</h2>${s.kind === 'profile' ? profile(s.items) : s.items.map((i) => item(i, s.kind)).join('')}</section>`;

/** On the locum profile, the sections an agency's compliance team reads first: when and where the clinician works, then registration and training. */
const AT_A_GLANCE = new Set<Section['kind']>(['availability', 'registration', 'training']);

/** The sections in the order the HTML prints them (the text check reads them in this order). */
function printOrder(snapshot: CvSnapshot): Section[] {
  if (snapshot.template !== 'locum') return snapshot.sections;
  return [...snapshot.sections.filter((s) => AT_A_GLANCE.has(s.kind)), ...snapshot.sections.filter((s) => !AT_A_GLANCE.has(s.kind))];
}

function body(snapshot: CvSnapshot, check: CheckPanel | undefined): string {
  if (snapshot.template !== 'locum') return `${snapshot.sections.map(section).join('\n')}\n${footer(snapshot.sections, check)}`;
  const glance = snapshot.sections.filter((s) => AT_A_GLANCE.has(s.kind));
  const work = snapshot.sections.filter((s) => !AT_A_GLANCE.has(s.kind));
  return `<div class="locum"><aside class="glance"><p class="glance-title">Compliance at a glance</p>${glance.map(section).join('')}</aside><main>${work.map(section).join('')}</main>${footer(snapshot.sections, check)}</div>`;
}

export function renderCvHtml(snapshot: CvSnapshot, options: { check?: CheckPanel } = {}): string {
  const size = snapshot.format === 'Letter' ? 'Letter' : 'A4';
  return `<!doctype html><html lang="${snapshot.format === 'Letter' ? 'en-US' : 'en-GB'}"><head><meta charset="utf-8"><title>${escapeHtml(snapshot.name)}</title>
<style>${embeddedFontCss()}\n@page { size: ${size}; }\n${BASE_CSS}${STATEMENT_CSS}${snapshot.template === 'locum' ? LOCUM_CSS : ''}</style></head><body>
<header><h1>${escapeHtml(snapshot.name)}</h1>${snapshot.label ? `<p class="label">${escapeHtml(snapshot.label)}</p>` : ''}${
    snapshot.contact.length ? `<p class="contact">${snapshot.contact.map(escapeHtml).join(' · ')}</p>` : ''
  }</header>
${body(snapshot, options.check)}
</body></html>`;
}

/** What the PDF's text must contain, in order, for the text check. */
export function expectedText(snapshot: CvSnapshot) {
  const sections = printOrder(snapshot);
  const items = sections.filter((s) => s.kind !== 'profile').flatMap((s) => s.items);
  return {
    name: snapshot.name,
    headings: sections.map((s) => s.title),
    itemTitles: items.map((i) => i.title),
    marks: items.map((i) => i.evidence.text).filter((t): t is string => Boolean(t)),
  };
}
