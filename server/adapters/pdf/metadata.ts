import type { PDFDocument } from 'pdf-lib';

/**
 * What a PDF says made it. Chromium writes its own user agent as Creator ("Mozilla/5.0 ...
 * HeadlessChrome/156...") and Skia as Producer, and pdf-lib writes itself: each names software
 * and versions a reader of the CV has no business knowing (issue 16). Every PDF we hand out
 * (the rendered CV, the watermarked copy a recruiter downloads) says Medfolio instead.
 */
export const PDF_MAKER = 'Medfolio';

export function stampMedfolioMetadata(doc: PDFDocument): void {
  doc.setCreator(PDF_MAKER);
  doc.setProducer(PDF_MAKER);
}
