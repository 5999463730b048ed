import { checkGrounding } from '../../ai/grounding.ts';
import type { AssessedRequirement, EvidenceRef } from '../../ai/jd-analysis/schema.ts';
import type { AiRecord } from '../../ai/record-view.ts';
import { yearsCovered } from '../../ai/jd-analysis/assess.ts';
import { specialtiesIn } from '../../ai/jd-analysis/vocabulary.ts';
import { readableDate } from '../record/dates.ts';

/**
 * What the assistant can answer from the record alone, with no model: what a job needs that
 * the record lacks, what expires before a date, a summary of experience for a post, and a
 * supporting-information statement. Whatever it writes about the clinician goes through the
 * same grounding check as a CV, so every sentence rests on records it cites.
 */
export type Intent = 'lack' | 'expires-before' | 'summary' | 'statement';

export function intentOf(text: string): Intent | undefined {
  if (/\bsupporting (?:information|statement)\b|\bpersonal statement\b|\bcover(?:ing)? letter\b|\bstatement for (?:this|the) (?:job|post|role|application)\b/i.test(text)) return 'statement';
  if (/\bsummar(?:ise|ize|y)\b[^.?]{0,40}\b(?:experience|career|record|background)\b/i.test(text)) return 'summary';
  if (/\bexpir\w*|\brenew\w*|\blaps\w*|\bout of date\b|\bruns? out\b|\bfalls? due\b/i.test(text) && parseDate(text, new Date(0)) !== undefined) return 'expires-before';
  if (/\b(?:what|which)\b[^.?]{0,60}\b(?:lack|missing|don'?t (?:have|meet)|not (?:have|meet)|need)\b|\bwhat am i missing\b|\bdo i (?:meet|qualify)\b|\bam i eligible\b/i.test(text)) return 'lack';
  return undefined;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A date a person writes: "2027-03-01", "1 March 2027", "March 2027", "1st March" (the next one). */
export function parseDate(text: string, now: Date): string | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return iso[0];
  const pad = (n: number) => String(n).padStart(2, '0');
  const month = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;
  const full = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\s*(\d{4})?\b/i.exec(text);
  if (full) {
    const m = month(full[2]!);
    let year = full[3] ? Number(full[3]) : now.getUTCFullYear();
    if (!full[3] && `${year}-${pad(m)}-${pad(Number(full[1]))}` < now.toISOString().slice(0, 10)) year += 1;
    return `${year}-${pad(m)}-${pad(Number(full[1]))}`;
  }
  const monthYear = /\b(jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\s+(\d{4})\b/i.exec(text);
  if (monthYear) return `${monthYear[2]}-${pad(month(monthYear[1]!))}-01`;
  return undefined;
}

const monthYear = (iso: string) => readableDate(iso).replace(/^\d+ /, '');

/** What the job asks that the record does not show, or shows expired, most important first. */
export function describeLack(title: string, assessed: AssessedRequirement[]): string {
  const essential = assessed.filter((r) => r.importance === 'essential');
  const gaps = essential.filter((r) => r.status === 'unmet' || r.status === 'expired');
  const soon = assessed.filter((r) => r.status === 'expiring');
  const check = essential.filter((r) => r.status === 'probably-met');
  const desirable = assessed.filter((r) => r.importance === 'desirable' && (r.status === 'unmet' || r.status === 'expired'));
  const lines = [`For ${title}, you meet ${essential.length - gaps.length} of ${essential.length} essential requirements.`];
  if (gaps.length) lines.push('', 'Essential, not shown by your record:', ...gaps.map((r) => `- ${r.text}: ${r.note}`));
  if (soon.length) lines.push('', 'Expiring soon:', ...soon.map((r) => `- ${r.text}: ${r.note}`));
  if (check.length) lines.push('', 'Probably met, but check the wording:', ...check.map((r) => `- ${r.text}: ${r.note}`));
  if (desirable.length) lines.push('', 'Desirable, not shown:', ...desirable.map((r) => `- ${r.text}`));
  if (!gaps.length && !soon.length) lines.push('', 'Your record shows every essential requirement.');
  return lines.join('\n');
}

/** Registrations, training and DBS checks that lapse before `date`. */
export function describeExpiries(record: AiRecord, date: string, asOf: string): string {
  const items = [
    ...record.training.filter((t) => t.expiresOn).map((t) => ({ name: t.name, on: t.expiresOn! })),
    ...record.registrations
      .flatMap((r) => [
        r.renewalDate && { name: `${r.body === 'US-STATE-BOARD' ? `${r.jurisdiction ?? 'State'} licence` : `${r.body} registration`} renewal`, on: r.renewalDate },
        r.revalidationDate && { name: `${r.body} revalidation`, on: r.revalidationDate },
      ])
      .filter((x): x is { name: string; on: string } => Boolean(x)),
    ...record.dbs.filter((d) => d.updateServiceRenewalDate).map((d) => ({ name: 'DBS Update Service subscription', on: d.updateServiceRenewalDate! })),
  ].filter((x) => x.on <= date);
  if (!items.length) return `Nothing in your record expires before ${readableDate(date)}.`;
  const sorted = items.sort((a, b) => a.on.localeCompare(b.on));
  return [`Before ${readableDate(date)}:`, ...sorted.map((x) => `- ${x.name} ${x.on < asOf ? 'expired' : 'expires'} on ${readableDate(x.on)}.`)].join('\n');
}

interface Paragraph {
  title: string;
  sentences: string[];
  cites: EvidenceRef[];
}

/** Only what the grounding check lets through; the rest is reported, never written. */
function grounded(paragraphs: Paragraph[], record: AiRecord): { text: string; removed: number } {
  const draft = { sections: [{ kind: 'profile' as const, title: 'Statement', items: paragraphs.map((p) => ({ title: p.title, subtitle: null, dates: null, bullets: p.sentences, cites: p.cites })) }] };
  const checked = checkGrounding(draft, record);
  const text = checked.draft.sections
    .flatMap((s) => s.items.map((i) => i.bullets.join(' ')))
    .filter(Boolean)
    .join('\n\n');
  return { text, removed: checked.removed.length };
}

/** "Led the resuscitation room" -> "I led the resuscitation room"; other points keep their words. */
function firstPerson(point: string): string {
  const trimmed = point.trim().replace(/[.;]$/, '');
  return /^[A-Z][a-z]+ed\b|^(?:Ran|Led|Taught|Built|Wrote|Set|Won|Gave|Made|Took|Held|Kept|Began|Became|Developed|Delivered|Designed|Introduced|Managed|Mentored|Supervised|Trained|Organised|Chaired|Coordinated|Completed|Passed|Supported)\b/.test(
    trimmed,
  )
    ? `I ${trimmed[0]!.toLowerCase()}${trimmed.slice(1)}.`
    : `${trimmed}.`;
}

const span = (p: AiRecord['posts'][number]) => `${monthYear(p.startDate)} to ${p.endDate ? monthYear(p.endDate) : 'the present'}`;

/** Posts most relevant to the advert first (same specialty), then the most recent. */
function relevantPosts(record: AiRecord, advert: string | undefined) {
  const wanted = advert ? specialtiesIn(advert) : [];
  const score = (p: AiRecord['posts'][number]) => (specialtiesIn(`${p.specialty ?? ''} ${p.title}`).some((s) => wanted.includes(s)) ? 1 : 0);
  return [...record.posts].sort((a, b) => score(b) - score(a) || b.startDate.localeCompare(a.startDate));
}

/** A short account of the clinician's experience, for a post if one is in the conversation. */
export function summariseExperience(record: AiRecord, asOf: string, advert?: { title: string; text: string }): string {
  if (!record.posts.length) return 'Your record has no posts yet: add your current post and I can summarise your experience.';
  const posts = relevantPosts(record, advert?.text);
  const first = [...record.posts].sort((a, b) => a.startDate.localeCompare(b.startDate))[0]!;
  const paragraphs: Paragraph[] = [
    { title: first.title, sentences: [`My first post in my record began in ${monthYear(first.startDate)}, as ${first.title} at ${first.employer}.`], cites: [{ type: 'post', id: first.id }] },
    ...posts.slice(0, 3).map((p) => ({
      title: p.title,
      sentences: [`From ${span(p)} I worked as ${p.title} at ${p.employer}.`, ...p.achievements.slice(0, 2).map(firstPerson)],
      cites: [{ type: 'post', id: p.id }],
    })),
  ];
  const { text, removed } = grounded(paragraphs, record);
  const total = yearsCovered(record.posts, asOf);
  const heading = `${advert ? `For ${advert.title}: ` : ''}your record covers ${total} years of posts.`;
  return [
    heading,
    '',
    text,
    ...(removed ? ['', `(${removed} sentence${removed === 1 ? ' was' : 's were'} left out because your record does not back ${removed === 1 ? 'it' : 'them'} up.)`] : []),
  ].join('\n');
}

/**
 * A draft of the "supporting information" an NHS Jobs application asks for: one paragraph per
 * essential requirement the record meets, in the advert's order, each sentence citing the
 * records it rests on; then the requirements the record does not show, to address by hand.
 */
export function draftSupportingStatement(record: AiRecord, advert: { title: string }, assessed: AssessedRequirement[]): string {
  const met = assessed.filter((r) => r.status === 'met' || r.status === 'probably-met' || r.status === 'expiring');
  const paragraphs: Paragraph[] = [];
  for (const req of met) {
    const ref = req.evidence[0];
    if (!ref) continue;
    const sentence = statementFor(req, ref, record);
    if (sentence) paragraphs.push({ title: sentence.title, sentences: sentence.sentences, cites: [{ type: ref.type, id: ref.id }] });
  }
  const { text, removed } = grounded(paragraphs, record);
  const missing = assessed.filter((r) => r.importance === 'essential' && (r.status === 'unmet' || r.status === 'expired'));
  return [
    `Supporting information for ${advert.title} (a draft from your record: every sentence rests on your record; put it in your own voice before you send it).`,
    '',
    text || 'Your record does not yet show any of the essential requirements in a way I can write about.',
    ...(missing.length ? ['', 'Not covered, because your record does not show them yet:', ...missing.map((r) => `- ${r.text}`)] : []),
    ...(removed ? ['', `(${removed} sentence${removed === 1 ? ' was' : 's were'} left out because your record does not back ${removed === 1 ? 'it' : 'them'} up.)`] : []),
  ].join('\n');
}

function statementFor(req: AssessedRequirement, ref: EvidenceRef, record: AiRecord): { title: string; sentences: string[] } | undefined {
  switch (ref.type) {
    case 'registration': {
      const r = record.registrations.find((x) => x.id === ref.id);
      if (!r) return undefined;
      return { title: `${r.body} registration`, sentences: [`I hold ${r.body} registration${r.status ? ` (${r.status.replace(/[.]$/, '')})` : ''}.`] };
    }
    case 'training': {
      const t = record.training.find((x) => x.id === ref.id);
      if (!t) return undefined;
      return { title: t.name, sentences: [`I completed ${t.name} in ${monthYear(t.completedOn)}${t.expiresOn ? `; it is valid until ${monthYear(t.expiresOn)}` : ''}.`] };
    }
    case 'education': {
      const e = record.education.find((x) => x.id === ref.id);
      if (!e) return undefined;
      return { title: e.institution, sentences: [`I hold ${[e.studyType, e.area].filter(Boolean).join(' in ')} from ${e.institution}.`] };
    }
    case 'dbs': {
      const d = record.dbs.find((x) => x.id === ref.id);
      if (!d) return undefined;
      return {
        title: d.level === 'enhanced-barred' ? 'Enhanced DBS check with barred lists' : `${d.level} DBS check`,
        sentences: [
          `I have ${d.level === 'enhanced-barred' ? 'an enhanced DBS check with barred lists' : `a ${d.level} DBS check`}, issued in ${monthYear(d.issueDate)}${d.updateService ? ' and on the DBS Update Service' : ''}.`,
        ],
      };
    }
    case 'post': {
      const p = record.posts.find((x) => x.id === ref.id);
      if (!p) return undefined;
      // The point that shows this requirement, if one does; else the post itself.
      const words = new Set((req.text.toLowerCase().match(/[a-z]{5,}/g) ?? []).map((w) => w.slice(0, 5)));
      const point = p.achievements.find((a) => (a.toLowerCase().match(/[a-z]{5,}/g) ?? []).some((w) => words.has(w.slice(0, 5)))) ?? p.achievements[0];
      return { title: p.title, sentences: [`As ${p.title} at ${p.employer} (${span(p)}):`, ...(point ? [firstPerson(point)] : [])] };
    }
    case 'extra': {
      const x = record.extras.find((e) => e.id === ref.id);
      if (!x) return undefined;
      return { title: x.title, sentences: [`${x.title}.`] };
    }
    default:
      return undefined;
  }
}
