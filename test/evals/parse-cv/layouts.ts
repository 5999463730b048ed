import { escapeHtml } from '../../../server/platform/http/html.ts';

/**
 * Plain CV layouts the way clinicians write them in a word processor, each with its own date style
 * and heading wording, for the CV reader's evaluation. Themes format dates one way each; these add
 * "08/2019 - 03/2021", "September 2019 to date" and "Aug 2019 – Present" in tables and prose.
 */
type Resume = any;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const month = (d: string) => MONTHS[Number(d.slice(5, 7)) - 1]!;
const e = (s: string | undefined) => escapeHtml(s ?? '');

// A year-only date prints as the year.
const dated = (format: (d: string) => string) => (d: string | undefined, open: string) => (!d ? open : d.length < 7 ? d.slice(0, 4) : format(d));
const numeric = dated((d) => `${d.slice(5, 7)}/${d.slice(0, 4)}`);
const long = dated((d) => `${month(d)} ${d.slice(0, 4)}`);
const short = dated((d) => `${month(d).slice(0, 3)} ${d.slice(0, 4)}`);

const page = (body: string) => `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Serif', serif; font-size: 11pt; margin: 18mm; }
h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; border-bottom: 1px solid #444; margin: 14pt 0 6pt; }
table { border-collapse: collapse; width: 100%; } td { vertical-align: top; padding: 2pt 6pt 4pt 0; }
.right { float: right; } .entry { margin-bottom: 6pt; } p { margin: 0 0 2pt; }
</style></head><body>${body}</body></html>`;

const contact = (r: Resume) => `<h1>${e(r.basics?.name)}</h1><p>${[r.basics?.email, r.basics?.phone].filter(Boolean).map(e).join(' | ')}</p>`;
const registrations = (r: Resume) =>
  r.clinical?.registrations?.length ? `<h2>Professional Registration</h2>${r.clinical.registrations.map((g: any) => `<p>${e(g.body)} number: ${e(g.number)}</p>`).join('')}` : '';
const education = (r: Resume, heading: string, date: (d: string | undefined, open: string) => string) =>
  r.education?.length
    ? `<h2>${heading}</h2>${r.education.map((x: any) => `<div class="entry"><p><b>${e(x.studyType)} ${e(x.area)}</b>, ${e(x.institution)} (${date(x.startDate, '')} - ${date(x.endDate, 'present')})</p></div>`).join('')}`
    : '';

export const LAYOUTS: Record<string, (r: Resume) => string> = {
  /** A table: dates in the first column as 08/2019 - 03/2021. */
  'table-numeric': (r) =>
    page(
      `${contact(r)}${registrations(r)}<h2>Employment History</h2><table>${(r.work ?? [])
        .map((w: any) => `<tr><td>${numeric(w.startDate, '')} - ${numeric(w.endDate, 'Present')}</td><td><b>${e(w.position)}</b>${w.grade ? ` (${e(w.grade)})` : ''}<br>${e(w.name)}</td></tr>`)
        .join('')}</table>${education(r, 'Qualifications', numeric)}`,
    ),
  /** Employer first, title second, dates right-aligned as "September 2019 to date". */
  'classic-long': (r) =>
    page(
      `${contact(r)}<h2>CLINICAL EXPERIENCE</h2>${(r.work ?? [])
        .map(
          (w: any) =>
            `<div class="entry"><p><b>${e(w.name)}</b><span class="right">${long(w.startDate, '')} to ${long(w.endDate, 'date')}</span></p><p><i>${e(w.position)}</i></p>${(w.highlights ?? []).map((h: string) => `<p>• ${e(h)}</p>`).join('')}</div>`,
        )
        .join('')}${education(r, 'Education', long)}${registrations(r)}`,
    ),
  /** One line per post: "Title, Employer   Aug 2019 – Present". */
  'one-line-short': (r) =>
    page(
      `${contact(r)}<h2>Career History</h2>${(r.work ?? [])
        .map((w: any) => `<p><span class="right">${short(w.startDate, '')} – ${short(w.endDate, 'Present')}</span>${e(w.position)} – ${e(w.name)}</p>`)
        .join('')}${education(r, 'Education and Qualifications', short)}${registrations(r)}`,
    ),
};
