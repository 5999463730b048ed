import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFHexString, PDFName, beginText, endText, moveText, setFontAndSize, showText } from 'pdf-lib';
import { extractText } from 'unpdf';
import { checkPdfText, checkText, extractPdfText, findLigatures } from './text-check.ts';
import { createPdfRenderer, type PdfRenderer } from './renderer.ts';
import { sampleCv } from '../../../test/support/sample-cv.ts';
import { hasService } from '../../../test/support/env.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = hasService(fs.existsSync(CHROMIUM), `Chromium at ${CHROMIUM}`);
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const hasDejaVu = hasService(fs.existsSync(DEJAVU), `the DejaVu Sans font at ${DEJAVU}`);

const expectations = {
  name: 'Dr Jane Example',
  headings: ['Qualifications', 'Posts', 'Courses'],
  itemTitles: ['MBChB, University of Leeds', 'Core Trainee in Anaesthetics', 'Advanced Life Support'],
};

/**
 * A PDF whose text layer holds the given lines, written with pdf-lib. Bytes 0x80 and 0x81 are
 * mapped (through /Differences on standard Helvetica) to the glyphs /fi and /fl, which PDF
 * readers turn into U+FB01 and U+FB02: a deterministic stand-in for what Chromium writes when a
 * font forms ligatures.
 */
async function pdfWithLines(pages: string[][]): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const font = document.context.register(
    document.context.obj({
      Type: 'Font',
      Subtype: 'Type1',
      BaseFont: 'Helvetica',
      Encoding: document.context.obj({ Type: 'Encoding', BaseEncoding: 'WinAnsiEncoding', Differences: [128, 'fi', 'fl'] }),
    }),
  );
  for (const lines of pages) {
    const page = document.addPage([595.28, 841.89]);
    page.node.setFontDictionary(PDFName.of('F1'), font);
    lines.forEach((line, index) => {
      const bytes = Buffer.from(line.replace(/\uFB01/g, '\x80').replace(/\uFB02/g, '\x81'), 'latin1');
      page.pushOperators(beginText(), setFontAndSize('F1', 14), moveText(60, 780 - index * 24), showText(PDFHexString.of(bytes.toString('hex'))), endText());
    });
  }
  return await document.save();
}

describe('findLigatures', () => {
  it('finds U+FB00..U+FB06 and counts them', () => {
    expect(findLigatures('Certi\uFB01cate of o\uFB03ce e\uFB01ciency, \uFB02uency')).toEqual([
      { char: '\uFB01', codePoint: 'U+FB01', count: 2 },
      { char: '\uFB02', codePoint: 'U+FB02', count: 1 },
      { char: '\uFB03', codePoint: 'U+FB03', count: 1 },
    ]);
    expect(findLigatures('\uFB00\uFB04\uFB05\uFB06').map((finding) => finding.codePoint)).toEqual(['U+FB00', 'U+FB04', 'U+FB05', 'U+FB06']);
  });

  it('ignores plain letters and neighbouring code points', () => {
    expect(findLigatures('Certificate office fluency \uFAFF \uFB07 \uFB13')).toEqual([]);
  });
});

describe('checkText', () => {
  const text = ['DR JANE EXAMPLE', 'QUALIFICATIONS', 'MBChB, University of', 'Leeds', 'POSTS', 'Core Trainee in', 'Anaesthetics', 'COURSES', 'Advanced Life Support'].join('\n');

  it('passes when the name, headings and titles are present in order (case and line wraps ignored)', () => {
    expect(checkText(text, expectations)).toEqual({ ok: true, problems: [] });
  });

  it('accepts a title wrapped after a hyphen and a soft hyphen', () => {
    const wrapped = 'Dr Jane Example\nPosts\nFoundation Year-\n2 doctor\nSpecialty regis\u00ADtrar';
    expect(checkText(wrapped, { name: 'Dr Jane Example', headings: ['Posts'], itemTitles: ['Foundation Year-2 doctor', 'Specialty registrar'] }).ok).toBe(true);
  });

  it('reports a missing heading', () => {
    const result = checkText(text, { ...expectations, headings: ['Qualifications', 'Registration', 'Posts', 'Courses'] });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['Heading 2 "Registration" is missing from the PDF text']);
  });

  it('reports out-of-order item titles', () => {
    const result = checkText(text, { ...expectations, itemTitles: ['Core Trainee in Anaesthetics', 'MBChB, University of Leeds', 'Advanced Life Support'] });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.stringMatching(/^Item title 2 "MBChB, University of Leeds" is out of order/)]);
  });

  it('needs a repeated title to appear twice', () => {
    const repeated = checkText('Dr Jane Example\nClinical Fellow\nClinical Fellow', { name: 'Dr Jane Example', headings: [], itemTitles: ['Clinical Fellow', 'Clinical Fellow'] });
    expect(repeated.ok).toBe(true);
    const once = checkText('Dr Jane Example\nClinical Fellow', { name: 'Dr Jane Example', headings: [], itemTitles: ['Clinical Fellow', 'Clinical Fellow'] });
    expect(once.problems).toEqual([expect.stringMatching(/^Item title 2 "Clinical Fellow" is out of order/)]);
  });

  it('reports a missing name without quoting it', () => {
    const result = checkText(text.replace('DR JANE EXAMPLE', 'Dr J. Example'), expectations);
    expect(result.problems).toEqual(["The clinician's name is missing from the PDF text"]);
    expect(result.problems.join(' ')).not.toContain('Jane');
  });

  it('reports ligature code points, while still matching the words they spell', () => {
    const result = checkText(text.replace('QUALIFICATIONS', 'Quali\uFB01cations'), expectations);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/1 ligature code point \(U\+FB01 x1\)/);
  });
});

describe('extractPdfText and checkPdfText on PDFs made with pdf-lib', () => {
  it('merges pages in order and counts them', async () => {
    const pdf = await pdfWithLines([['Page one', 'first line'], ['Page two'], ['Page three']]);
    const { text, pages } = await extractPdfText(pdf);
    expect(pages).toBe(3);
    expect(text.replace(/\s+/g, ' ').trim()).toBe('Page one first line Page two Page three');
  });

  it("leaves the caller's bytes intact (pdf.js detaches the buffer it is given)", async () => {
    const pdf = Buffer.from(await pdfWithLines([['Dr Jane Example']]));
    const length = pdf.byteLength;
    await checkPdfText(pdf, { name: 'Dr Jane Example', headings: [], itemTitles: [] });
    expect(pdf.byteLength).toBe(length);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("finds a literal U+FB01 in the text layer (which unpdf's extractText would normalise away)", async () => {
    const pdf = await pdfWithLines([
      ['Dr Jane Example', 'Quali\uFB01cations', 'MBChB, University of Leeds', 'Posts', 'Core Trainee in Anaesthetics', 'Courses', 'Advanced Life Support', 'Work\uFB02ow'],
    ]);
    const { text } = await extractPdfText(pdf);
    expect(text).toContain('Quali\uFB01cations');
    expect(findLigatures(text).map((finding) => finding.codePoint)).toEqual(['U+FB01', 'U+FB02']);

    const result = await checkPdfText(pdf, expectations);
    expect(result.ok).toBe(false);
    expect(result.pages).toBe(1);
    expect(result.problems).toEqual([expect.stringMatching(/2 ligature code points \(U\+FB01 x1, U\+FB02 x1\).*font-variant-ligatures: none/)]);

    // Why extractPdfText reads with disableNormalization: the default extraction hides the problem.
    const normalised = await extractText(new Uint8Array(pdf), { mergePages: true });
    expect(normalised.text).toContain('Qualifications');
    expect(findLigatures(normalised.text)).toEqual([]);
  });

  it('reports an unreadable PDF', async () => {
    const result = await checkPdfText(Buffer.from('not a pdf'), expectations);
    expect(result).toEqual({ ok: false, problems: ['The PDF could not be read'], pages: 0 });
  });
});

describe.skipIf(!hasChromium)(hasChromium ? 'checkPdfText on PDFs rendered by Chromium' : `checkPdfText on PDFs rendered by Chromium (SKIPPED: no Chromium at ${CHROMIUM})`, () => {
  let renderer: PdfRenderer;
  beforeAll(() => {
    renderer = createPdfRenderer({ executablePath: CHROMIUM, pagePoolSize: 1 });
  });
  afterAll(async () => {
    await renderer.close();
  });

  it('reports a missing heading and out-of-order titles in a rendered CV', async () => {
    const cv = sampleCv();
    const { pdf } = await renderer.render(cv.html, { format: 'A4' });
    expect((await checkPdfText(pdf, cv.expectations)).ok).toBe(true);

    const titles = [...cv.expectations.itemTitles];
    [titles[1], titles[2]] = [titles[2]!, titles[1]!];
    const result = await checkPdfText(pdf, {
      ...cv.expectations,
      headings: [...cv.expectations.headings.slice(0, 2), 'Research', ...cv.expectations.headings.slice(2)],
      itemTitles: titles,
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(['Heading 3 "Research" is missing from the PDF text', expect.stringMatching(/^Item title 3 ".+" is out of order/)]);
  });

  it.skipIf(!hasDejaVu)(
    hasDejaVu ? 'catches the ligatures Chromium writes with DejaVu Sans, and none with font-variant-ligatures: none' : `DejaVu ligatures (SKIPPED: ${DEJAVU} not installed)`,
    async () => {
      const page = (ligatures: string) =>
        `<html><body style="font-family: 'DejaVu Sans'; font-variant-ligatures: ${ligatures}"><h1>Dr Jane Example</h1><h2>Qualifications</h2><p>Certificate of office efficiency; workflow fluency</p></body></html>`;
      const expected = { name: 'Dr Jane Example', headings: ['Qualifications'], itemTitles: ['Certificate of office efficiency'] };

      const withLigatures = await checkPdfText((await renderer.render(page('normal'), { format: 'A4' })).pdf, expected);
      expect(withLigatures.ok).toBe(false);
      expect(withLigatures.problems).toEqual([expect.stringMatching(/ligature code points \(.*U\+FB01/)]);

      const without = await checkPdfText((await renderer.render(page('none'), { format: 'A4' })).pdf, expected);
      expect(without).toEqual({ ok: true, problems: [], pages: 1 });
    },
  );
});
