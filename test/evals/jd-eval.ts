import fs from 'node:fs';
import path from 'node:path';
import type { Requirement } from '../../server/ai/jd-analysis/schema.ts';

/**
 * Scoring of job analysis against the team's labelled adverts (test/fixtures/jobs, rules in its
 * README). Shared by the vitest eval (which asserts the targets) and `npm run eval:jd` (which
 * prints every figure and every miss).
 */
export interface Label {
  kind: string;
  key: string;
  text: string;
  years?: number;
  specialty?: string;
  level?: string;
  alternatives?: string[];
}
export interface AdvertLabels {
  format: string;
  country: 'UK' | 'US';
  profession: string;
  title: string;
  employer: string | null;
  essential: Label[];
  desirable: Label[];
}

export const JOBS_DIR = path.resolve(import.meta.dirname, '../fixtures/jobs');

export function labelledAdverts(): Array<{ slug: string; text: string; labels: AdvertLabels }> {
  return fs
    .readdirSync(JOBS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const slug = f.replace(/\.txt$/, '');
      return { slug, text: fs.readFileSync(path.join(JOBS_DIR, f), 'utf8'), labels: JSON.parse(fs.readFileSync(path.join(JOBS_DIR, `${slug}.json`), 'utf8')) as AdvertLabels };
    });
}

const STOP = new Set('the and for with from that this have has are was were been will your you our their within into able ability evidence experience knowledge understanding including such other good sound strong excellent proven demonstrable demonstrated relevant appropriate current recent previous working work skills skill'.split(' '));
export const contentWords = (t: string) =>
  new Set(
    (t.toLowerCase().match(/[a-z0-9]+/g) ?? [])
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => w.replace(/(?:ing|ies|ed|es|s)$/, '')),
  );

/** Does an extracted requirement match a label? (the README's matching rules) */
export function matchesLabel(label: Label, r: Pick<Requirement, 'kind' | 'key' | 'text' | 'years' | 'alternatives'>): boolean {
  if (label.kind !== r.kind) return false;
  const labelKeys = [label.key, ...(label.alternatives ?? [])];
  if (r.kind === 'experience' && label.key === 'years') return r.key === 'years' && r.years === label.years;
  if (r.kind === 'experience' && label.key === 'specialty') return r.key === 'specialty' ? overlaps(label.text, r.text) : false;
  if (r.kind === 'skill') return (r.key !== 'free' && r.key === label.key) || overlaps(label.text, r.text);
  return labelKeys.includes(r.key) || r.alternatives.some((a) => a === label.key);
}

function overlaps(labelText: string, text: string): boolean {
  const wanted = contentWords(labelText);
  const have = contentWords(text);
  if (!wanted.size) return false;
  const shared = [...wanted].filter((w) => have.has(w)).length;
  return shared / wanted.size >= 0.5;
}

export interface AdvertScore {
  slug: string;
  format: string;
  essentialLabels: number;
  essentialFound: number;
  recalled: number;
  precise: number;
  missed: Label[];
  noise: Requirement[];
  titleOk: boolean;
  foundNothing: boolean;
}

export function scoreAdvert(slug: string, labels: AdvertLabels, requirements: Requirement[], title: string): AdvertScore {
  const essential = requirements.filter((r) => r.importance === 'essential');
  const missed = labels.essential.filter((l) => !essential.some((r) => matchesLabel(l, r)));
  const noise = essential.filter((r) => !labels.essential.some((l) => matchesLabel(l, r)));
  const titleWords = contentWords(labels.title);
  const gotWords = contentWords(title);
  const titleOk = [...titleWords].filter((w) => gotWords.has(w)).length >= Math.ceil(titleWords.size * 0.7);
  return {
    slug,
    format: labels.format,
    essentialLabels: labels.essential.length,
    essentialFound: essential.length,
    recalled: labels.essential.length - missed.length,
    precise: essential.length - noise.length,
    missed,
    noise,
    titleOk,
    foundNothing: requirements.length === 0,
  };
}

export function summarise(scores: AdvertScore[]) {
  const sum = (f: (s: AdvertScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  return {
    adverts: scores.length,
    recall: sum((s) => s.recalled) / Math.max(1, sum((s) => s.essentialLabels)),
    precision: sum((s) => s.precise) / Math.max(1, sum((s) => s.essentialFound)),
    empty: scores.filter((s) => s.foundNothing).length,
    titles: scores.filter((s) => s.titleOk).length / Math.max(1, scores.length),
  };
}
