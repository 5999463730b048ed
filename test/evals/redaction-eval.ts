import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findEntities } from '../../server/ai/redaction/index.ts';
import type { Entity } from '../../server/ai/redaction/index.ts';

/**
 * The redaction eval's corpus and scoring. test/fixtures/redaction/*.txt hold invented lines,
 * one chat message, CV highlight or shift note each; every identifier is marked in place as
 * [[KIND:value]] (KIND as in ENTITY_TYPES, or a kind we do not recognise yet, which then shows
 * up as missed). Lines starting with "#" are comments.
 * - An identifier counts as removed only if redaction covers every character of it, whatever
 *   type the redactor gave it: a half-redacted phone still leaks.
 * - Ordinary text is scored by word (a run of letters or digits outside the markers): it is kept
 *   if no redacted span touches it. Titles before names ("Dr") are ordinary text.
 */
export const CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/redaction');

const MARKER = /\[\[([A-Z_]+):([^\]]+)\]\]/g;
const WORD = /[\p{L}\p{N}]+/gu;

export interface Labelled {
  kind: string;
  start: number;
  end: number;
  text: string;
}

export interface LabelledLine {
  file: string;
  line: number;
  text: string;
  identifiers: Labelled[];
}

export function parseLine(marked: string): { text: string; identifiers: Labelled[] } {
  let text = '';
  let cursor = 0;
  const identifiers: Labelled[] = [];
  for (const match of marked.matchAll(MARKER)) {
    text += marked.slice(cursor, match.index);
    const value = match[2] ?? '';
    identifiers.push({ kind: match[1] ?? '', start: text.length, end: text.length + value.length, text: value });
    text += value;
    cursor = match.index + match[0].length;
  }
  return { text: text + marked.slice(cursor), identifiers };
}

export function labelledLines(dir = CORPUS_DIR): LabelledLine[] {
  const lines: LabelledLine[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    fs.readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .forEach((raw, index) => {
        if (raw.trim() === '' || raw.startsWith('#')) return;
        lines.push({ file, line: index + 1, ...parseLine(raw) });
      });
  }
  return lines;
}

export interface Miss {
  where: string;
  kind: string;
  text: string;
  /** What the redactor did cover of it, if anything. */
  partial: string[];
}

export interface Overreach {
  where: string;
  word: string;
  /** The redacted span that took it, with its type. */
  span: string;
}

export interface EvalResult {
  byKind: Map<string, { total: number; removed: number }>;
  identifiers: number;
  removed: number;
  words: number;
  kept: number;
  misses: Miss[];
  overreach: Overreach[];
}

const covered = (spans: readonly Entity[], start: number, end: number) => {
  let at = start;
  for (const span of spans) if (span.start <= at && span.end > at) at = span.end;
  return at >= end;
};

export function evaluate(lines: readonly LabelledLine[] = labelledLines()): EvalResult {
  const result: EvalResult = { byKind: new Map(), identifiers: 0, removed: 0, words: 0, kept: 0, misses: [], overreach: [] };
  for (const { file, line, text, identifiers } of lines) {
    const where = `${file}:${line}`;
    const spans = findEntities(text);
    for (const id of identifiers) {
      const tally = result.byKind.get(id.kind) ?? { total: 0, removed: 0 };
      tally.total++;
      result.identifiers++;
      if (covered(spans, id.start, id.end)) {
        tally.removed++;
        result.removed++;
      } else {
        const partial = spans.filter((s) => s.start < id.end && s.end > id.start).map((s) => `${s.type}:${s.text}`);
        result.misses.push({ where, kind: id.kind, text: id.text, partial });
      }
      result.byKind.set(id.kind, tally);
    }
    for (const word of text.matchAll(WORD)) {
      const start = word.index;
      const end = start + word[0].length;
      if (identifiers.some((id) => id.start < end && id.end > start)) continue;
      result.words++;
      const taker = spans.find((s) => s.start < end && s.end > start);
      if (taker) result.overreach.push({ where, word: word[0], span: `${taker.type}:${taker.text}` });
      else result.kept++;
    }
  }
  return result;
}
