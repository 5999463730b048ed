import type { Draft, DraftItem } from '../ai/cv-draft/schema.ts';
import { humaniseDates } from '../ai/cv-draft/wording.ts';
import type { Layout } from './layouts.ts';

/**
 * Lays a checked draft out for one template, within its page budget: sections merged, left out,
 * ordered and headed as the layout says; dates written as people write them; the first items of
 * a section in full (the draft puts the newest and most relevant first) and the rest summarised
 * in one line that cites every record it counts ("and 12 earlier posts, 2009–2015"), so a record
 * of any size makes a CV of bounded length. The summary line states only a count and the years
 * the summarised (already checked) items print, never anything new.
 *
 * `squeeze` (0, 1, 2...) tightens the caps when a render still came out over budget.
 */
type Section = Draft['sections'][number];

const SUMMARY_NOUNS: Partial<Record<Section['kind'], [string, string]>> = {
  experience: ['earlier post', 'earlier posts'],
  shifts: ['further shift record', 'further shift records'],
  training: ['further course', 'further courses'],
  education: ['further qualification', 'further qualifications'],
  achievements: ['further award or membership', 'further awards and memberships'],
  publications: ['further publication or project', 'further publications and projects'],
  procedures: ['further skill or procedure', 'further skills and procedures'],
  skills: ['further skill', 'further skills'],
  registration: ['further registration or certification', 'further registrations and certifications'],
};

/** A point longer than this is cut at its last full sentence (or word) within it. */
const MAX_POINT_CHARS = 320;

function shorten(text: string): string {
  if (text.length <= MAX_POINT_CHARS) return text;
  const head = text.slice(0, MAX_POINT_CHARS);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('; '));
  // A cut at a word boundary never splits a number, so what remains is still the record's words.
  return sentenceEnd > MAX_POINT_CHARS / 2 ? head.slice(0, sentenceEnd + 1) : `${head.slice(0, head.lastIndexOf(' '))}…`;
}

const years = (items: DraftItem[]) => items.flatMap((i) => `${i.dates ?? ''} ${i.title}`.match(/\b(?:19|20)\d{2}\b/g) ?? []).map(Number);

/** "and 12 earlier posts, 2009–2015": a count and the span of years the summarised items print. */
function summaryLine(kind: Section['kind'], rest: DraftItem[]): DraftItem {
  const [one, many] = SUMMARY_NOUNS[kind] ?? ['further entry', 'further entries'];
  const ys = years(rest);
  const span = ys.length ? (Math.min(...ys) === Math.max(...ys) ? `, ${Math.min(...ys)}` : `, ${Math.min(...ys)}–${Math.max(...ys)}`) : '';
  return { title: `and ${rest.length} ${rest.length === 1 ? one : many}${span}`, subtitle: null, dates: null, bullets: [], cites: rest.flatMap((i) => i.cites) };
}

const humanise = (item: DraftItem): DraftItem => ({
  ...item,
  title: humaniseDates(item.title),
  subtitle: item.subtitle && humaniseDates(item.subtitle),
  dates: item.dates && humaniseDates(item.dates),
  bullets: item.bullets.map(humaniseDates),
});

export function fitToLayout(sections: Section[], layout: Layout, squeeze = 0): Section[] {
  const byKind = new Map<Section['kind'], Section>();
  for (const section of sections) {
    const kind = layout.mergeInto[section.kind] ?? section.kind;
    const items = section.items.filter((i) => !i.cites.some((c) => layout.leaveOut.includes(c.type)));
    const into = byKind.get(kind);
    if (into) into.items.push(...items);
    else byKind.set(kind, { kind, title: section.title, items: [...items] });
  }
  // Each squeeze takes a quarter of the caps away, so a CV just over budget loses little.
  const scale = (n: number) => Math.max(1, Math.floor(n * (1 - squeeze / (MAX_SQUEEZE + 1))));
  return layout.order
    .map((kind) => byKind.get(kind))
    .filter((s): s is Section => Boolean(s?.items.length))
    .map((section) => {
      const items = section.items.map(humanise);
      // The statement and the few availability lines are printed whole, never folded.
      const cap = section.kind === 'profile' || section.kind === 'availability' ? items.length : scale(layout.caps[section.kind] ?? items.length);
      const points = (i: number) => (section.kind === 'profile' ? Infinity : scale(i < layout.points.firstItems ? layout.points.first : layout.points.older));
      const kept = items.slice(0, cap).map((item, i) => ({ ...item, bullets: item.bullets.slice(0, points(i)).map(shorten) }));
      const rest = items.slice(cap);
      return { kind: section.kind, title: layout.headings[section.kind] ?? section.title, items: rest.length ? [...kept, summaryLine(section.kind, rest)] : kept };
    });
}

/** How many times a render over its page budget is laid out again with tighter caps. */
export const MAX_SQUEEZE = 3;

/**
 * Renders with the layout's caps and, while the result is over the template's page budget (long
 * points, many short entries), again with tighter ones. The last try is kept either way and says
 * whether it is still over, so the caller can warn rather than fail.
 */
export async function renderWithinBudget<T extends { pages: number; budget: number }>(attempt: (squeeze: number) => Promise<T>): Promise<T & { overBudget: boolean }> {
  for (let squeeze = 0; ; squeeze++) {
    const result = await attempt(squeeze);
    if (result.pages <= result.budget || squeeze >= MAX_SQUEEZE) return { ...result, overBudget: result.pages > result.budget };
  }
}
