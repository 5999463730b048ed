import { getDocumentProxy } from 'unpdf';
import { columnText, groupLines, textEdge, type Piece } from './wrapped-lines.ts';

/**
 * A PDF's text as lines in reading order, from where each piece of text sits on the page rather
 * than the order it was drawn in: CV templates draw dates, sidebars and headings out of order
 * (a date right-aligned beside a job title may be drawn last on the page). Pieces at the same
 * height form a line; a wide gap between them (a right-aligned date) becomes a tab; a page split
 * by an empty vertical gutter (a sidebar) is read column by column; a line wrapped in a narrow
 * column is joined back up (wrapped-lines.ts).
 */
const MIN_GUTTER = 6; // points
const MAX_GUTTER_CROSSINGS = 0.04; // share of pieces allowed across a gutter (a full-width header)
const MIN_COLUMN_SHARE = 0.15; // of the page's characters, on each side of a gutter
const MAX_ALIGNED_SHARE = 0.5; // of the right side's pieces on a left-side baseline

/** The x of an empty vertical band splitting the page into two columns, if there is one. */
function findGutter(pieces: Piece[], pageWidth: number): number | null {
  if (pieces.length < 20) return null;
  const width = Math.ceil(pageWidth);
  const cover = new Array<number>(width + 1).fill(0);
  for (const p of pieces) for (let x = Math.max(0, Math.floor(p.x)); x <= Math.min(width, Math.ceil(p.x + p.width)); x++) cover[x]!++;
  const allowed = Math.floor(pieces.length * MAX_GUTTER_CROSSINGS);
  let best: { from: number; to: number } | null = null;
  let from = -1;
  for (let x = Math.floor(width * 0.15); x <= Math.ceil(width * 0.85); x++) {
    if (cover[x]! <= allowed) {
      if (from < 0) from = x;
      if (x - from + 1 >= MIN_GUTTER && (!best || x - from > best.to - best.from)) best = { from, to: x };
    } else from = -1;
  }
  if (!best) return null;
  const mid = (best.from + best.to) / 2;
  const left = pieces.filter((p) => p.x + p.width <= mid);
  const right = pieces.filter((p) => p.x >= mid);
  const chars = (ps: Piece[]) => ps.reduce((n, p) => n + p.text.length, 0);
  const total = chars(pieces);
  // Both sides must hold real text: a column of right-aligned dates is not a sidebar.
  if (chars(left) < total * MIN_COLUMN_SHARE || chars(right) < total * MIN_COLUMN_SHARE) return null;
  // Text running across the gutter between the columns' first and last lines means one column after all.
  const columns = [...left, ...right];
  const top = Math.max(...columns.map((p) => p.y));
  const bottom = Math.min(...columns.map((p) => p.y));
  const crossesInside = pieces.some((p) => p.x < mid && p.x + p.width > mid && p.y < top && p.y > bottom);
  if (crossesInside) return null;
  // Columns flow on their own; text on the same baselines as the left side (dates beside titles) is a table.
  const leftBaselines = left.map((p) => p.y);
  const aligned = right.filter((p) => leftBaselines.some((y) => Math.abs(y - p.y) < 1)).length;
  return aligned > right.length * MAX_ALIGNED_SHARE ? null : mid;
}

function pageLines(pieces: Piece[], pageWidth: number, documentEdge: number | undefined): string[] {
  if (!pieces.length) return [];
  // Where text on this page must stop: pages have even margins, so as far from the right as the
  // leftmost text is from the left (the longest line found may stop well short of it).
  const rightEdge = Math.max(pageWidth - Math.min(...pieces.map((p) => p.x)), ...pieces.map((p) => p.x + p.width));
  const gutter = findGutter(pieces, pageWidth);
  if (gutter === null) return columnText(pieces, { page: rightEdge, document: documentEdge });
  const toLines = (ps: Piece[], edge = rightEdge) => columnText(ps, { page: edge });
  const crossing = pieces.filter((p) => p.x < gutter && p.x + p.width > gutter);
  const columns = pieces.filter((p) => !crossing.includes(p));
  const top = Math.max(...columns.map((p) => p.y));
  // Full-width text above the columns (a header) first, then each column, then anything below.
  return [
    ...toLines(crossing.filter((p) => p.y > top)),
    ...toLines(
      columns.filter((p) => p.x + p.width <= gutter),
      gutter,
    ),
    ...toLines(columns.filter((p) => p.x + p.width > gutter)),
    ...toLines(crossing.filter((p) => p.y <= top)),
  ];
}

/** Lines of the first `maxPages` pages (a CV is short; a long upload is refused by the caller). */
export async function readPdfLines(data: Uint8Array, options: { maxPages?: number } = {}): Promise<{ lines: string[]; pages: number }> {
  // pdf.js takes ownership of the bytes it is given, so it gets a copy; verbosity 0 keeps damaged files quiet.
  const document = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 });
  try {
    const pages: Array<{ pieces: Piece[]; width: number }> = [];
    for (let number = 1; number <= Math.min(document.numPages, options.maxPages ?? Infinity); number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, b, , , x, y] = item.transform as number[];
        pieces.push({ text: item.str, x: x!, y: y!, width: item.width, size: Math.hypot(a!, b!) || item.height || 10, font: item.fontName });
      }
      pages.push({ pieces, width: page.view[2]! - page.view[0]! });
      page.cleanup();
    }
    // Where running text stops on the pages read as one column, for pages that have too little of it to tell.
    const edges = pages.filter((p) => findGutter(p.pieces, p.width) === null).map((p) => textEdge(groupLines(p.pieces)) ?? -Infinity);
    const documentEdge = edges.length && Math.max(...edges) > 0 ? Math.max(...edges) : undefined;
    const lines = pages.flatMap((p) => pageLines(p.pieces, p.width, documentEdge));
    return { lines, pages: document.numPages };
  } finally {
    await document.destroy();
  }
}
