import { fileTypeFromBuffer } from 'file-type';
import { unzipSync } from 'fflate';
import { AppError, validationError } from '../../platform/errors.ts';
import { parseCvLines, type ParsedCv } from './parse-cv.ts';
import { looksEnglish } from './vocabulary.ts';

/**
 * An uploaded CV (PDF or DOCX) read into a draft: the type is sniffed from the bytes, never the
 * name; whatever cannot be read is a 4xx saying what (415 another type, 413 too large, 422
 * unreadable), never a 500. Nothing is stored here.
 */
export const MAX_CV_UPLOAD_BYTES = 10 * 1024 * 1024;
/** A DOCX is a zip: its text may not unpack to more than this (a zip bomb would exhaust memory). */
const MAX_DOCX_UNPACKED_BYTES = 60 * 1024 * 1024;
const MAX_PAGES = 30;
/** Fewer letters than this on every page: a scan without a text layer. */
const MIN_LETTERS = 40;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const unreadable = (message: string) => validationError([{ path: 'body.file', message }], message);

async function pdfLines(data: Buffer): Promise<string[]> {
  const { readPdfLines } = await import('./pdf-lines.ts');
  try {
    const { lines, pages } = await readPdfLines(data, { maxPages: MAX_PAGES });
    if (pages > MAX_PAGES) throw unreadable(`This PDF has ${pages} pages; a CV Medfolio can read has at most ${MAX_PAGES}.`);
    return lines;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') throw unreadable('This PDF is protected by a password. Save a copy without the password and upload that.');
    throw unreadable('This PDF is damaged and could not be read. Export the CV again from the program it was written in.');
  }
}

function unpackedSize(data: Buffer): number {
  let total = 0;
  // The filter sees each entry's declared size without inflating anything.
  unzipSync(data, {
    filter: (file) => {
      total += file.originalSize;
      return false;
    },
  });
  return total;
}

async function docxLines(data: Buffer): Promise<string[]> {
  let size: number;
  try {
    size = unpackedSize(data);
  } catch {
    throw unreadable('This Word document is damaged and could not be read.');
  }
  if (size > MAX_DOCX_UNPACKED_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', 'This Word document unpacks to more than Medfolio reads; save a copy without large images.', { limitBytes: MAX_DOCX_UNPACKED_BYTES });
  const mammoth = (await import('mammoth')).default;
  try {
    const { value } = await mammoth.extractRawText({ buffer: data });
    return value.split(/\n/);
  } catch {
    throw unreadable('This Word document is damaged or password-protected and could not be read.');
  }
}

/** The CV's lines of text, in reading order. */
export async function readCvLines(data: Buffer): Promise<string[]> {
  const type = await fileTypeFromBuffer(data);
  const lines = type?.ext === 'pdf' ? await pdfLines(data) : type?.mime === DOCX_TYPE ? await docxLines(data) : null;
  if (!lines) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'A CV must be a PDF or a Word document (.docx). Older .doc files: save as .docx first.');
  const text = lines.join('\n');
  if ((text.match(/\p{L}/gu) ?? []).length < MIN_LETTERS) {
    throw unreadable('This file has no text Medfolio can read: it looks like a scanned image. Upload the PDF or Word file the CV was written in.');
  }
  return lines;
}

export async function readCvFile(data: Buffer): Promise<ParsedCv> {
  const lines = await readCvLines(data);
  const text = lines.join('\n');
  if (!looksEnglish(text)) throw unreadable('This CV does not look like it is written in English, the only language Medfolio reads CVs in so far.');
  const parsed = parseCvLines(lines);
  const r = parsed.resume;
  if (!r.work?.length && !r.education?.length && !r.certificates?.length && !r.clinical?.registrations?.length) {
    throw unreadable('Medfolio could not find any posts, qualifications, courses or registrations in this CV. Add them to your record by hand, or import a JSON Resume.');
  }
  return parsed;
}
