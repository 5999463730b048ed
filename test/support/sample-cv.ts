import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { TextExpectations } from '../../server/adapters/pdf/text-check.ts';

/**
 * A self-contained, realistic two-page clinical CV (A4) used by the renderer's tests and
 * `npm run bench:pdf`. The font is Source Sans 3 from npm, embedded as data: URLs, so the
 * layout (and the page count) is the same on every machine. The person is fictional.
 */

let fontCss: string | undefined;
function sourceSansCss(): string {
  if (fontCss !== undefined) return fontCss;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('@fontsource/source-sans-3/package.json')), 'files');
  fontCss = ['400', '600', '700']
    .map((weight) => {
      const data = fs.readFileSync(path.join(dir, `source-sans-3-latin-${weight}-normal.woff2`)).toString('base64');
      return `@font-face{font-family:'Source Sans 3';font-style:normal;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format('woff2');}`;
    })
    .join('\n');
  return fontCss;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

interface Item {
  title: string;
  meta: string;
  bullets: string[];
}

const NAME = 'Dr Amira Okonkwo-Fielding';

const SECTIONS: Array<{ heading: string; items: Item[] }> = [
  {
    heading: 'Registration',
    items: [
      {
        title: 'GMC full registration with a licence to practise',
        meta: 'GMC 7654321 · since August 2016',
        bullets: ['Entered on the GP Register: no; specialist training in Emergency Medicine (ST5)'],
      },
    ],
  },
  {
    heading: 'Qualifications',
    items: [
      { title: 'MBChB (Hons), University of Sheffield', meta: '2010 - 2015', bullets: ['Distinction in clinical pharmacology; prize for the final-year elective report'] },
      { title: 'MRCEM (Membership of the Royal College of Emergency Medicine)', meta: 'Awarded March 2021', bullets: [] },
    ],
  },
  {
    heading: 'Posts',
    items: [
      {
        title: 'Specialty Registrar (ST5) in Emergency Medicine',
        meta: 'Leeds Teaching Hospitals NHS Trust · August 2023 - present',
        bullets: [
          'Shop-floor lead for a department seeing 380 patients a day; runs the resuscitation area on night shifts',
          'Leads trauma calls, including major haemorrhage and paediatric trauma; certified ultrasound practitioner (FAST, eFAST, vascular access)',
          'Supervises foundation doctors and advanced clinical practitioners; signs off workplace-based assessments',
        ],
      },
      {
        title: 'Specialty Registrar (ST4) in Emergency Medicine',
        meta: 'Sheffield Teaching Hospitals NHS Foundation Trust · August 2022 - July 2023',
        bullets: ['Managed the sepsis pathway and improved time to antibiotics; official deputy to the consultant in charge overnight'],
      },
      {
        title: 'Clinical Fellow in Acute Medicine',
        meta: 'Royal Hallamshire Hospital · August 2019 - July 2020',
        bullets: ['Ran the ambulatory emergency care unit; rewrote the pathway for pulmonary embolism ruled out by the first clinician'],
      },
      {
        title: 'Core Trainee (ACCS) in Emergency Medicine',
        meta: 'Yorkshire and Humber Deanery · August 2017 - July 2019',
        bullets: ['Rotations through emergency medicine, acute medicine, anaesthetics and intensive care; fluid balance audit lead'],
      },
      {
        title: 'Foundation Doctor (FY1 and FY2)',
        meta: 'Northern General Hospital · August 2015 - July 2017',
        bullets: ['General surgery, respiratory medicine, orthopaedics, psychiatry, general practice and emergency medicine'],
      },
    ],
  },
  {
    heading: 'Gaps in employment',
    items: [
      {
        title: 'Career break: humanitarian deployment',
        meta: 'August 2020 - July 2021',
        bullets: ['Emergency physician with a field hospital team; kept up professional development with online modules and a reflective log'],
      },
    ],
  },
  {
    heading: 'Training and certifications',
    items: [
      { title: 'Advanced Life Support (ALS) provider', meta: 'Resuscitation Council UK · valid until May 2027', bullets: [] },
      { title: 'Advanced Paediatric Life Support (APLS)', meta: 'ALSG · valid until October 2026', bullets: [] },
      { title: 'Advanced Trauma Life Support (ATLS)', meta: 'Royal College of Surgeons · valid until January 2028', bullets: [] },
      { title: 'Enhanced DBS check with barred lists', meta: 'Update Service subscriber · issued 2024', bullets: [] },
    ],
  },
  {
    heading: 'Audits and quality improvement',
    items: [
      {
        title: 'Time to first antibiotic dose in red-flag sepsis',
        meta: 'Closed-loop audit, 2023',
        bullets: ['Median time fell from 74 to 41 minutes after a nurse-initiated prescribing scheme and a new triage flag'],
      },
      {
        title: 'Fluid prescribing in diabetic ketoacidosis',
        meta: 'Re-audit, 2019',
        bullets: ['Compliance with the fixed-rate insulin and fluid protocol rose from 58% to 89%'],
      },
    ],
  },
  {
    heading: 'Teaching',
    items: [
      {
        title: 'Simulation faculty, regional emergency medicine programme',
        meta: '2022 - present',
        bullets: ['Designs and debriefs in-situ simulation for airway, sepsis and major incident scenarios; certified debrief facilitator'],
      },
      { title: 'Clinical teaching fellow for final-year students', meta: '2019 - 2020', bullets: [] },
    ],
  },
  {
    heading: 'Publications',
    items: [
      {
        title: 'Nurse-initiated antibiotics for suspected sepsis in the emergency department',
        meta: 'Emergency Medicine Journal, 2024 (first author)',
        bullets: [],
      },
      { title: 'Point-of-care ultrasound for fluid responsiveness: a pragmatic review', meta: 'Acute Medicine, 2022 (second author)', bullets: [] },
    ],
  },
  {
    heading: 'Courses and conferences',
    items: [
      { title: 'Royal College of Emergency Medicine Annual Scientific Conference', meta: 'Poster presentation, 2024', bullets: [] },
      { title: 'Leadership and management for specialty registrars', meta: 'Deanery course, 2023', bullets: [] },
    ],
  },
];

export interface SampleCv {
  html: string;
  expectations: TextExpectations;
}

export function sampleCv(options: { ligatures?: boolean } = {}): SampleCv {
  const ligatures = options.ligatures ? 'normal' : 'none';
  const featureSettings = options.ligatures ? 'normal' : '"liga" 0, "clig" 0, "dlig" 0';
  const sections = SECTIONS.map(
    (section) =>
      `<section><h2>${escapeHtml(section.heading)}</h2>${section.items
        .map(
          (item) =>
            `<div class="item"><h3>${escapeHtml(item.title)}</h3><p class="meta">${escapeHtml(item.meta)}</p>${
              item.bullets.length ? `<ul>${item.bullets.map((bullet) => `<li>${escapeHtml(bullet)}</li>`).join('')}</ul>` : ''
            }</div>`,
        )
        .join('')}</section>`,
  ).join('');
  const html = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Curriculum vitae</title>
<style>
${sourceSansCss()}
@page { margin: 15mm 16mm; }
* { box-sizing: border-box; }
html { font-family: 'Source Sans 3', sans-serif; font-size: 10.5pt; line-height: 1.32; color: #1d2433;
  font-variant-ligatures: ${ligatures}; font-feature-settings: ${featureSettings}; }
body { margin: 0; }
header { border-bottom: 2pt solid #0b6e69; padding-bottom: 6pt; margin-bottom: 10pt; }
h1 { font-size: 22pt; font-weight: 700; margin: 0; color: #0b3d3a; }
.contact { margin: 2pt 0 0; color: #4a5568; }
h2 { font-size: 12.5pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; color: #0b6e69;
  margin: 11pt 0 4pt; padding-bottom: 1.5pt; border-bottom: 0.75pt solid #cbd5e0; break-after: avoid; }
.item { margin: 0 0 5pt; break-inside: avoid; }
h3 { font-size: 10.5pt; font-weight: 600; margin: 0; }
.meta { margin: 0; color: #4a5568; font-size: 9.5pt; }
ul { margin: 2pt 0 0; padding-left: 14pt; }
li { margin: 0 0 1pt; }
.summary { margin: 0 0 4pt; background: #f1f7f6; padding: 6pt 8pt; border-left: 3pt solid #0b6e69; }
</style></head>
<body>
<header><h1>${escapeHtml(NAME)}</h1>
<p class="contact">Leeds, West Yorkshire · amira.of@example.org · 07700 900123 · GMC 7654321</p></header>
<p class="summary">Emergency medicine registrar (ST5) with eight years of NHS experience, fluent in leading the resuscitation
area, certified in point-of-care ultrasound, and an effective teacher with a record of quality improvement in sepsis care.</p>
${sections}
</body></html>`;
  return {
    html,
    expectations: {
      name: NAME,
      headings: SECTIONS.map((section) => section.heading),
      itemTitles: SECTIONS.flatMap((section) => section.items.map((item) => item.title)),
    },
  };
}
