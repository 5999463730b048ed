import type { Draft } from '../../ai/cv-draft/schema.ts';
import type { AssessedRequirement, RequirementStatus } from '../../ai/jd-analysis/schema.ts';
import { REQUIREMENT_STATUS_WORDS } from '../../platform/words/enum-words.ts';
import type { CvComparison, CvComparisonItem, CvComparisonRequirement } from './schema.ts';

/**
 * Two CVs of one clinician side by side (issue 15, "CV versions"), for the same job or another.
 * Items are matched by the records they cite, then (an item without citations, or one whose
 * citations changed) by section and title;
 * requirements by kind, key and wording (case and spacing aside). Pure: no database, no clock.
 */
export interface ComparedCv {
  id: string;
  jobTitle: string | null;
  createdAt: string;
  draft: Draft;
  requirements: Array<Pick<AssessedRequirement, 'kind' | 'key' | 'text' | 'importance' | 'status'>>;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

type Entry = CvComparisonItem & { match: string; byTitle: string };

function itemsOf(draft: Draft): Entry[] {
  return draft.sections.flatMap((section) =>
    section.items.map((item) => {
      const cites = (item.cites ?? []).map((c) => `${c.type}:${c.id}`).sort();
      return {
        section: section.title,
        title: item.title,
        subtitle: item.subtitle,
        match: cites.length ? `cites|${section.kind}|${cites.join(',')}` : `title|${section.kind}|${norm(item.title)}`,
        byTitle: `title|${section.kind}|${norm(item.title)}`,
      };
    }),
  );
}

/** Pairs entries with equal keys in order (a key may repeat); returns what is left on either side and the pairs. */
function pair<T>(first: T[], second: T[], key: (t: T) => string) {
  const pool = new Map<string, T[]>();
  for (const t of second) pool.set(key(t), [...(pool.get(key(t)) ?? []), t]);
  const onlyFirst: T[] = [];
  const pairs: Array<[T, T]> = [];
  for (const t of first) {
    const match = pool.get(key(t))?.shift();
    if (match) pairs.push([t, match]);
    else onlyFirst.push(t);
  }
  const onlySecond = second.filter((t) => !pairs.some(([, m]) => m === t));
  return { onlyFirst, onlySecond, pairs };
}

const requirementWords = (r: ComparedCv['requirements'][number], status: RequirementStatus): CvComparisonRequirement => ({
  text: r.text,
  kind: r.kind,
  key: r.key,
  importance: r.importance,
  status,
  statusWords: REQUIREMENT_STATUS_WORDS[status],
});

export function compareCvs(first: ComparedCv, second: ComparedCv): CvComparison {
  // By the records cited; then what is left by section and title (a profile that now cites one more record is the same profile).
  const cited = pair(itemsOf(first.draft), itemsOf(second.draft), (e) => e.match);
  const titled = pair(cited.onlyFirst, cited.onlySecond, (e) => e.byTitle);
  const items = { onlyFirst: titled.onlyFirst, onlySecond: titled.onlySecond, pairs: [...cited.pairs, ...titled.pairs] };
  const strip = ({ match: _match, byTitle: _byTitle, ...item }: Entry): CvComparisonItem => item;
  const reqs = pair(first.requirements, second.requirements, (r) => `${r.kind}|${r.key}|${norm(r.text)}`);
  const changed = reqs.pairs.filter(([a, b]) => a.status !== b.status);
  return {
    first: { id: first.id, jobTitle: first.jobTitle, createdAt: first.createdAt },
    second: { id: second.id, jobTitle: second.jobTitle, createdAt: second.createdAt },
    sameJob: first.jobTitle !== null && second.jobTitle !== null && norm(first.jobTitle) === norm(second.jobTitle),
    items: { added: items.onlySecond.map(strip), removed: items.onlyFirst.map(strip), unchanged: items.pairs.length },
    requirements: {
      changed: changed.map(([a, b]) => ({
        text: b.text,
        kind: b.kind,
        key: b.key,
        importance: b.importance,
        from: a.status,
        to: b.status,
        fromWords: REQUIREMENT_STATUS_WORDS[a.status],
        toWords: REQUIREMENT_STATUS_WORDS[b.status],
      })),
      onlyInFirst: reqs.onlyFirst.map((r) => requirementWords(r, r.status)),
      onlyInSecond: reqs.onlySecond.map((r) => requirementWords(r, r.status)),
      unchanged: reqs.pairs.length - changed.length,
    },
  };
}
