import { findDateRange } from './date-ranges.ts';

/**
 * Rejoins text that a PDF wrapped over two or more lines ("Advanced Clinical Practitioner,
 * Emergency" + "Medicine"; "Deputy Medical Director at Northgate University" + "Hospitals NHS
 * Foundation Trust"), from where the text sits rather than what it says. A word goes to the next
 * line only when it would not fit on this one, so a line is a wrapped continuation of the one above
 * when:
 * - it starts at the same left edge, in the same font and size, one line-height below; and
 * - its first word would not have fitted at the end of the line above, before the column's right
 *   edge or before the text the line above has beside it (a right-aligned date).
 * A short line followed by another in the same style (one post per line, a list of names) fails the
 * second test and stays apart; a title above an employer in another font fails the first.
 */
export interface Piece {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** The PDF's name for the font: the same name, the same face (bold and regular differ). */
  font?: string;
}

const SAME_LINE = 0.5; // of the font size
const CELL_GAP = 1.2; // of the font size: wider than a word space, narrower than a column gap
const SAME_EDGE = 1.5; // points
const SAME_SIZE = 0.25; // points
const MAX_LEADING = 1.75; // of the font size: the baseline distance of one line to the next
const SPACE = 0.25; // of the font size: a word space
const BULLET_GLYPH = /^[•●▪◦‣∙·*–-]$/;

/** Pieces at the same height, left to right. */
export function groupLines(pieces: Piece[]): Piece[][] {
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Piece[][] = [];
  for (const piece of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - piece.y) <= SAME_LINE * Math.max(piece.size, line[0]!.size)) line.push(piece);
    else lines.push([piece]);
  }
  for (const line of lines) line.sort((a, b) => a.x - b.x);
  return lines;
}

// A date drawn close after the text it belongs beside is still a cell of its own, unless it ends a range ("Sep 2019 –" "Aug 2022").
const startsWithDate = (text: string, before: string) => {
  const range = findDateRange(text);
  return !!range && text.trimStart().startsWith(range.matched.trimStart()) && !/(?:[–—-]|\bto)\s*$/.test(before);
};

/** A line's pieces in cells: a gap wider than a word space (a right-aligned date, a table column) starts a new one. */
function cellsOf(line: Piece[]): Piece[][] {
  const cells: Piece[][] = [];
  let end = -Infinity;
  for (const p of line) {
    if (!cells.length || p.x - end > CELL_GAP * p.size || startsWithDate(p.text, cells.at(-1)!.at(-1)!.text)) cells.push([p]);
    else cells.at(-1)!.push(p);
    end = p.x + p.width;
  }
  return cells;
}

function cellText(cell: Piece[]): string {
  let text = '';
  let end = -Infinity;
  for (const p of cell) {
    if (text && p.x - end > 0.15 * p.size && !text.endsWith(' ') && !p.text.startsWith(' ')) text += ' ';
    text += p.text;
    end = p.x + p.width;
  }
  return text.replace(/[ \u00a0]+/g, ' ').trim();
}

/** Width of the first word of a piece, in proportion to its characters. */
const firstWordWidth = (p: Piece) => {
  const word = p.text.trimStart().split(/\s+/)[0] ?? '';
  return p.text.length ? (p.width * word.length) / p.text.length : 0;
};

interface Cell {
  text: string;
  /** Where the cell starts, where its text ends and where it had to stop (the next cell or the column's edge). */
  x: number;
  right: number;
  limit: number;
  /** Its last piece's baseline, size and font. */
  y: number;
  size: number;
  font?: string;
}

function cellsWithGeometry(line: Piece[], columnRight: number): Cell[] {
  const cells = cellsOf(line);
  return cells.map((cell, i) => {
    const last = cell.at(-1)!;
    return { text: cellText(cell), x: cell[0]!.x, right: last.x + last.width, limit: cells[i + 1]?.[0]?.x ?? columnRight, y: last.y, size: last.size, font: last.font };
  });
}

/** The cell of the line above that `line` carries on, if it does (see the comment at the top). */
export function continuedCell(above: Cell[], line: Piece[]): number {
  const first = line[0]!;
  // A bullet starts an item; a line with its own dates starts an entry.
  if (BULLET_GLYPH.test(first.text.trim()) || findDateRange(line.map((p) => p.text).join(' '))) return -1;
  return above.findIndex((cell) => {
    const sameEdge = Math.abs(first.x - cell.x) <= SAME_EDGE;
    const sameStyle = Math.abs(first.size - cell.size) <= SAME_SIZE && (first.font === undefined || cell.font === undefined || first.font === cell.font);
    const drop = cell.y - first.y;
    const nextLine = drop > 0 && drop <= MAX_LEADING * first.size;
    const wouldNotFit = cell.right + SPACE * first.size + firstWordWidth(first) > cell.limit;
    // Dates wrap too ("Sep 2019 –" above "Aug 2022"), but what follows a date is never more of it.
    return sameEdge && sameStyle && nextLine && wouldNotFit && !findDateRange(cell.text) && !startsAfresh(cell.text, first.text);
  });
}

/**
 * An organisation's name that is already complete ("... NHS Trust", "... Staffing Ltd"): a
 * capitalised line under it is the site or team, not more of the name, however long the line
 * above ("Harrowdene General Hospital NHS Trust Staff Bank" above "Harrowdene General Hospital").
 * Only a bank or a department of the same body carries such a name on ("Trust" + "Staff Bank").
 */
const COMPLETE_NAME = /\b(Trust|Ltd|Limited|Network|Board|Inc|LLC|plc|Partnership|Infirmary|Practice|Surgery|Bank)$/;
const NAME_GOES_ON = /^(Staff|Medical|Nurse|Bank|NHS|Foundation|Trust)\b/;
const startsAfresh = (above: string, line: string) => COMPLETE_NAME.test(above.trim()) && /^\p{Lu}/u.test(line.trim()) && !NAME_GOES_ON.test(line.trim());

/** Running text: several words, mostly in lower case (a sentence, a bullet point), not a name, a title or an entry's dated heading. */
const isRunningText = (text: string) => {
  const words = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  return words.length >= 6 && words.filter((w) => /^\p{Ll}/u.test(w)).length > 0.6 * words.length && !findDateRange(text);
};

/**
 * Where a column's text has to stop: where its running text does, as paragraphs fill their lines.
 * A column of names and titles alone does not show it (the caller then gives the page's edge).
 */
export function textEdge(lines: Piece[][]): number | undefined {
  const running = lines.filter((line) => isRunningText(line.map((p) => p.text).join(' ')));
  if (!running.length) return undefined;
  // Even the longest line stops short of the edge by up to a word: allow one em more.
  return Math.max(...running.map((line) => Math.max(...line.map((p) => p.x + p.width)) + line[0]!.size));
}

/**
 * The lines of one column as text (`edges`: where the page's text stops, and where the running text
 * of the document's one-column pages does), cells separated by tabs, wrapped continuations joined to the
 * first cell of the line they continue (before any date beside it).
 */
export function columnText(pieces: Piece[], edges: { page: number; document?: number }): string[] {
  if (!pieces.length) return [];
  const lines = groupLines(pieces);
  // A page with little running text shows its edge short: the other pages of a one-column CV show it better.
  const running = Math.max(textEdge(lines) ?? -Infinity, edges.document ?? -Infinity);
  const columnRight = running > 0 ? running : Math.max(edges.page, ...pieces.map((p) => p.x + p.width));
  const out: Cell[][] = [];
  for (const line of lines) {
    const above = out.at(-1);
    const at = above ? continuedCell(above, line) : -1;
    const cells = cellsWithGeometry(line, columnRight);
    if (above && at >= 0) {
      // The continuation's first cell joins the cell it continues, which now ends where it ends; its other cells follow.
      const [first, ...rest] = cells;
      above[at] = { ...first!, x: above[at]!.x, text: `${above[at]!.text} ${first!.text}` };
      above.push(...rest);
    } else out.push(cells);
  }
  return out
    .map((cells) =>
      cells
        .map((c) => c.text)
        .filter(Boolean)
        .join('\t'),
    )
    .filter(Boolean);
}
