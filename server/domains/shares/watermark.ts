import { PDFDocument, StandardFonts, rgb, degrees } from 'pdf-lib';
import { stampMedfolioMetadata } from '../../adapters/pdf/metadata.ts';

/**
 * Stamps "Shared with <recipient> on <date> via Medfolio" on every page of the frozen PDF
 * (no re-render): a footer line, and a faint diagonal mark a screenshot cannot crop out.
 * The standard Helvetica font covers Western European text; other characters are transliterated.
 */
const winAnsiSafe = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');

export async function watermarkPdf(pdf: Buffer, stamp: string): Promise<Buffer> {
  // No fresh modification date: the same PDF and stamp always give the same bytes, so a link's
  // copy is recorded (and signed) once for the CV check (domains/cv-checks).
  // (Left alone, pdf-lib would name itself as Creator and Producer.)
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const text = winAnsiSafe(stamp);
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    page.drawText(text, { x: 36, y: 18, size: 8, font, color: rgb(0.35, 0.38, 0.42) });
    const size = 26;
    const textWidth = font.widthOfTextAtSize(text, size);
    page.drawText(text, {
      x: width / 2 - (textWidth / 2) * Math.cos(Math.PI / 6),
      y: height / 2 - (textWidth / 2) * Math.sin(Math.PI / 6),
      size,
      font,
      color: rgb(0.75, 0.78, 0.82),
      opacity: 0.25,
      rotate: degrees(30),
    });
  }
  stampMedfolioMetadata(doc);
  return Buffer.from(await doc.save());
}
