import { randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { pdfWith } from './files.ts';

/**
 * CV files built in the test, never copied in: a minimal Word document, a PDF with no text
 * layer (what a scanner makes), a password-protected PDF and a damaged one.
 */
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function docxWith(paragraphs: string[], options: { padBytes?: number; damaged?: boolean } = {}): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
  };
  if (options.damaged) files['word/document.xml'] = strToU8('<w:document><w:body><w:p><w:r><w:t>Experience</w:');
  // A large embedded picture, stored uncompressed (random bytes do not compress anyway).
  if (options.padBytes) files['word/media/image1.png'] = [randomBytes(options.padBytes), { level: 0 }];
  return Buffer.from(zipSync(files));
}

/** A page that draws nothing as text: a scan as far as a reader can tell. */
export const pdfWithoutText = () => pdfWith('');

/** A PDF whose trailer says it is encrypted with a password we do not know. */
export function passwordProtectedPdf(): Buffer {
  const pdf = pdfWith('Curriculum vitae').toString('latin1');
  const encrypt = `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> >>`;
  return Buffer.from(pdf.replace('/Root 1 0 R >>', `/Root 1 0 R /Encrypt ${encrypt} /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] >>`), 'latin1');
}

export function damagedPdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4000)]);
}
