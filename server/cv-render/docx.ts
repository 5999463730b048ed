import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, TabStopType, TextRun } from 'docx';
import { evidenceLegend } from '../domains/record/evidence-words.ts';
import { isSummaryLine, type CvSnapshot } from './snapshot.ts';

/**
 * The CV as a Word document, from the same snapshot as the PDF: the same sections in the same
 * order, the same items, the same evidence marks and legend (docs/ARCHITECTURE.md, Evidence).
 * Recruiters and agencies ask for Word to reformat CVs into their own house style. The file is
 * not signed (only the PDF carries a check code), and says so.
 */
type Section = CvSnapshot['sections'][number];
type Item = Section['items'][number];

/** Page sizes and margins in twentieths of a point; 16 mm margins as in the PDF. */
const PAGE = { A4: { width: 11906, height: 16838 }, Letter: { width: 12240, height: 15840 } } as const;
const MARGIN = 907;
const BLUE = '005EB8';
const GREY = '3D4752';
const GREEN = '14532D';
const FONT = 'Arial';

const run = (text: string, style: { bold?: boolean; italics?: boolean; size?: number; color?: string; allCaps?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: style.size ?? 21, bold: style.bold, italics: style.italics, color: style.color, allCaps: style.allCaps });

function itemParagraphs(item: Item, kind: Section['kind'], rightTab: number): Paragraph[] {
  const mark = item.evidence.text ? [new Paragraph({ children: [run(item.evidence.text, { size: 17, color: GREEN })] })] : [];
  if (isSummaryLine(item)) return [new Paragraph({ spacing: { after: 80 }, children: [run(item.title, { italics: true, size: 19, color: GREY })] }), ...mark];
  const sentence = kind === 'registration' && item.title.endsWith('.');
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 100 },
      tabStops: [{ type: TabStopType.RIGHT, position: rightTab }],
      children: [run(item.title, { bold: !sentence }), ...(item.dates ? [run(`\t${item.dates}`, { size: 19, color: GREY })] : [])],
    }),
    ...(item.subtitle ? [new Paragraph({ children: [run(item.subtitle, { size: 19, color: GREY })] })] : []),
    ...mark,
    ...item.bullets.map((b) => new Paragraph({ bullet: { level: 0 }, children: [run(b)] })),
  ];
}

function sectionParagraphs(section: Section, rightTab: number): Paragraph[] {
  const heading = new Paragraph({
    heading: HeadingLevel.HEADING_2,
    keepNext: true,
    spacing: { before: 240, after: 80 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'C9D3DD', space: 1 } },
    // Capitals as a style, as in the PDF: the text stays the heading's own words for search and ATS.
    children: [run(section.title, { bold: true, size: 24, color: BLUE, allCaps: true })],
  });
  if (section.kind === 'profile') return [heading, new Paragraph({ children: [run(section.items.flatMap((i) => i.bullets).join(' '))] })];
  return [heading, ...section.items.flatMap((i) => itemParagraphs(i, section.kind, rightTab))];
}

export async function renderCvDocx(snapshot: CvSnapshot): Promise<Buffer> {
  const page = PAGE[snapshot.format];
  const rightTab = page.width - 2 * MARGIN;
  const levels = snapshot.sections.filter((s) => s.kind !== 'profile').flatMap((s) => s.items.map((i) => i.evidence.level));
  const doc = new Document({
    creator: 'Medfolio',
    title: `CV - ${snapshot.name}`,
    sections: [
      {
        properties: { page: { size: page, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(snapshot.name, { bold: true, size: 40, color: '003D78' })] }),
          ...(snapshot.label ? [new Paragraph({ children: [run(snapshot.label, { bold: true, size: 23 })] })] : []),
          ...(snapshot.contact.length ? [new Paragraph({ children: [run(snapshot.contact.join(' · '), { size: 19, color: GREY })] })] : []),
          ...snapshot.sections.flatMap((s) => sectionParagraphs(s, rightTab)),
          ...evidenceLegend(levels).map((line) => new Paragraph({ spacing: { before: 60 }, children: [run(line, { size: 16, color: GREY })] })),
          new Paragraph({
            alignment: AlignmentType.LEFT,
            spacing: { before: 120 },
            children: [run('Every entry on this CV is drawn from a Medfolio record. This Word copy is not signed: the PDF of the same CV carries the check code.', { size: 16, color: GREY })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
