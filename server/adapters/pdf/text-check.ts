import { getDocumentProxy } from 'unpdf';

/**
 * What an applicant tracking system will read: the PDF's text layer, checked against what the
 * CV should say. See README.md beside this file.
 */

export interface TextExpectations {
  /** The clinician's name; problems never quote it. */
  name: string;
  /** Section headings, in document order. */
  headings: string[];
  /** Item titles (posts, qualifications, courses...), in document order. */
  itemTitles: string[];
  /** Evidence marks ("Confirmed by ...", "Document on file"...), in document order. */
  marks?: string[];
}

export interface TextCheckResult {
  ok: boolean;
  problems: string[];
}

export interface LigatureFinding {
  char: string;
  /** e.g. "U+FB01" */
  codePoint: string;
  count: number;
}

/** U+FB00..U+FB06: ff, fi, fl, ffi, ffl, long s t, st. */
const LIGATURES: Readonly<Record<string, string>> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};
const LIGATURE_PATTERN = /[\uFB00-\uFB06]/g;

/**
 * The PDF's text, pages in order, one "\n" between pages.
 *
 * Two unpdf/pdf.js quirks are handled here: pdf.js takes ownership of (detaches) the bytes it is
 * given, so it gets a copy; and its `extractText` applies Unicode normalisation, which silently
 * turns U+FB01 into "fi" - exactly what this check must see - so text is read with
 * `disableNormalization: true`.
 */
export async function extractPdfText(pdf: Uint8Array, options: { lastPages?: number } = {}): Promise<{ text: string; pages: number }> {
  // verbosity 0: pdf.js would otherwise print warnings about damaged files straight to the console.
  const document = await getDocumentProxy(new Uint8Array(pdf), { verbosity: 0 });
  try {
    const texts: string[] = [];
    // A stranger's upload may be long: `lastPages` reads only the end, where a CV's check code is.
    const first = options.lastPages ? Math.max(1, document.numPages - options.lastPages + 1) : 1;
    for (let number = first; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent({ disableNormalization: true });
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      texts.push(text);
      page.cleanup();
    }
    return { text: texts.join('\n'), pages: document.numPages };
  } finally {
    await document.destroy();
  }
}

/** Every ligature code point (U+FB00..U+FB06) in the text, with how often it occurs. */
export function findLigatures(text: string): LigatureFinding[] {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(LIGATURE_PATTERN)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.codePointAt(0)! - b.codePointAt(0)!)
    .map(([char, count]) => ({
      char,
      codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
      count,
    }));
}

/**
 * A form of the text for matching that ignores what layout may change: ligatures are expanded,
 * soft hyphens dropped, case folded (headings may be `text-transform: uppercase`), and all
 * whitespace removed, so a title that wraps across lines (also after a hyphen) still matches.
 */
function comparable(text: string): string {
  return text
    .replace(LIGATURE_PATTERN, (char) => LIGATURES[char] ?? char)
    .replace(/\u00AD/g, '')
    .toLocaleLowerCase('en-GB')
    .replace(/\s+/gu, '');
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > 80 ? `${flat.slice(0, 77)}...` : flat}"`;
}

/** Each expected string must appear, in the given order (a repeated title must appear again). */
function checkSequence(haystack: string, expected: string[], label: string, problems: string[]) {
  let cursor = 0;
  expected.forEach((raw, index) => {
    const needle = comparable(raw);
    if (!needle) return;
    const at = haystack.indexOf(needle, cursor);
    if (at >= 0) {
      cursor = at + needle.length;
      return;
    }
    const anywhere = haystack.indexOf(needle);
    problems.push(
      anywhere >= 0
        ? `${label} ${index + 1} ${quote(raw)} is out of order (it appears before the ${label.toLowerCase()} expected ahead of it)`
        : `${label} ${index + 1} ${quote(raw)} is missing from the PDF text`,
    );
  });
}

/** The check on text already extracted (pure). */
export function checkText(text: string, expectations: TextExpectations): TextCheckResult {
  const problems: string[] = [];
  const haystack = comparable(text);
  const name = comparable(expectations.name);
  if (!name) problems.push('No name was given to check');
  else if (!haystack.includes(name)) problems.push("The clinician's name is missing from the PDF text");
  checkSequence(haystack, expectations.headings, 'Heading', problems);
  checkSequence(haystack, expectations.itemTitles, 'Item title', problems);
  checkSequence(haystack, expectations.marks ?? [], 'Evidence mark', problems);
  const ligatures = findLigatures(text);
  if (ligatures.length > 0) {
    const total = ligatures.reduce((sum, finding) => sum + finding.count, 0);
    const list = ligatures.map((finding) => `${finding.codePoint} x${finding.count}`).join(', ');
    problems.push(`The PDF text contains ${total} ligature code point${total === 1 ? '' : 's'} (${list}); applicant tracking systems misread such words. Use font-variant-ligatures: none`);
  }
  return { ok: problems.length === 0, problems };
}

/** Extracts the PDF's text and checks it: name, headings and item titles in order, no ligatures. */
export async function checkPdfText(pdf: Uint8Array, expectations: TextExpectations): Promise<TextCheckResult & { pages: number }> {
  let extracted: { text: string; pages: number };
  try {
    extracted = await extractPdfText(pdf);
  } catch {
    return { ok: false, problems: ['The PDF could not be read'], pages: 0 };
  }
  return { ...checkText(extracted.text, expectations), pages: extracted.pages };
}
