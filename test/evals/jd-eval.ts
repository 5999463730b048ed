import fs from 'node:fs';
import path from 'node:path';
import type { Requirement } from '../../server/ai/jd-analysis/schema.ts';
import { analyseJobOffline } from '../../server/ai/jd-analysis/offline.ts';
import { assessRequirements } from '../../server/ai/jd-analysis/assess.ts';
import { aiRecordFromResume } from '../../server/ai/record-from-resume.ts';

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
/** Adverts written by someone who never saw the analyser, kept apart to measure how it generalises. */
export const HOLDOUT_DIR = path.resolve(import.meta.dirname, '../fixtures/jobs-holdout');

export function labelledAdverts(dir = JOBS_DIR): Array<{ slug: string; text: string; labels: AdvertLabels }> {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const slug = f.replace(/\.txt$/, '');
      return { slug, text: fs.readFileSync(path.join(dir, f), 'utf8'), labels: JSON.parse(fs.readFileSync(path.join(dir, `${slug}.json`), 'utf8')) as AdvertLabels };
    });
}

const STOP = new Set(
  'the and for with from that this have has are was were been will your you our their within into able ability evidence experience knowledge understanding including such other good sound strong excellent proven demonstrable demonstrated relevant appropriate current recent previous working work skills skill'.split(
    ' ',
  ),
);
export const contentWords = (t: string) => new Set((t.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 2 && !STOP.has(w)).map((w) => w.replace(/(?:ing|ies|ed|es|s)$/, '')));

/** Does an extracted requirement match a label? (the README's matching rules) */
export function matchesLabel(label: Label, r: Pick<Requirement, 'kind' | 'key' | 'text' | 'years' | 'alternatives'>): boolean {
  // Something to have done is a skill to one reader and experience in a setting to another (and a
  // named specialist course a skill to a third): across those, the words decide.
  const loose = (k: string, key: string) => k === 'skill' || (k === 'experience' && key === 'specialty') || (k === 'qualification' && key === 'specialist-course');
  if (label.kind !== r.kind) return loose(label.kind, label.key) && loose(r.kind, r.key) && overlaps(label.text, r.text);
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
    recall:
      sum((s) => s.recalled) /
      Math.max(
        1,
        sum((s) => s.essentialLabels),
      ),
    precision:
      sum((s) => s.precise) /
      Math.max(
        1,
        sum((s) => s.essentialFound),
      ),
    empty: scores.filter((s) => s.foundNothing).length,
    titles: scores.filter((s) => s.titleOk).length / Math.max(1, scores.length),
  };
}

// ---------------------------------------------------------------------------------------------
// Matching agreement: persona x advert pairs labelled by status (test/fixtures/matching)

export interface PairLabel {
  persona: string;
  advert: string;
  asOf: string;
  expect: Array<Label & { status: 'met' | 'unmet' | 'expired' | 'expiring' }>;
}
export const PAIRS_FILE = path.resolve(import.meta.dirname, '../fixtures/matching/pairs.json');
/** Pairs over the held-out adverts, labelled before the matcher was tuned on the pairs above. */
export const HOLDOUT_PAIRS_FILE = path.resolve(import.meta.dirname, '../fixtures/matching/pairs-holdout.json');
export const pairs = (file = PAIRS_FILE): PairLabel[] => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PairLabel[]) : []);

/** "probably met" agrees with a label of met: it is met, with a note to check the wording. */
const agrees = (label: string, got: string) => label === got || (label === 'met' && got === 'probably-met');

/**
 * For each labelled requirement, the assessment of the extracted requirement that matches it
 * (as the advert eval matches them). A requirement the analyser did not extract is counted as a
 * disagreement, so extraction misses cost matching too.
 */
export function scorePair(pair: PairLabel, assessed: Array<Requirement & { status: string }>, advert: AdvertLabels) {
  // A pair names each label by kind, key and text; the advert's own label carries the years and the rest.
  const full = [...advert.essential, ...advert.desirable];
  const rows = pair.expect.map((named) => {
    const label = { ...(full.find((l) => l.kind === named.kind && l.key === named.key && l.text === named.text) ?? named), status: named.status };
    const got = assessed.find((r) => matchesLabel(label, r));
    return { label, got: got?.status ?? 'not found', note: (got as { note?: string } | undefined)?.note, agree: got ? agrees(label.status, got.status) : false };
  });
  return { agreed: rows.filter((r) => r.agree).length, total: rows.length, disagreements: rows.filter((r) => !r.agree) };
}

/** Every pair of `file` over the adverts in `dir`: each pair's disagreements, and the totals. */
export function matchingAgreement(dir: string, file: string) {
  const results = pairs(file).map((pair) => {
    const record = aiRecordFromResume(JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/personas', pair.persona), 'utf8')), pair.asOf);
    const assessed = assessRequirements(analyseJobOffline(fs.readFileSync(path.join(dir, `${pair.advert}.txt`), 'utf8')), record, pair.asOf);
    return { pair, ...scorePair(pair, assessed, JSON.parse(fs.readFileSync(path.join(dir, `${pair.advert}.json`), 'utf8'))) };
  });
  const agreed = results.reduce((n, r) => n + r.agreed, 0);
  const total = results.reduce((n, r) => n + r.total, 0);
  return { results, agreed, total, agreement: agreed / Math.max(1, total) };
}
