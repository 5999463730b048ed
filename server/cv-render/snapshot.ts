import { createHash } from 'node:crypto';
import { canonicalJson } from '../domains/audit/chain.ts';
import type { Draft, DraftItem } from '../ai/cv-draft/schema.ts';
import { fillRegistrationNumbers } from '../ai/cv-draft/placeholders.ts';
import type { EvidenceMark } from '../domains/record/evidence-words.ts';
import type { LayoutId } from './layouts.ts';

/**
 * A CV snapshot: everything the PDF shows, frozen. Placeholders are filled here from the record
 * (registration numbers never went to the model), and the content hash identifies the render:
 * the same snapshot is never rendered twice, and a share link points at exactly this content.
 * Each item carries its evidence (docs/ARCHITECTURE.md, Evidence), so every template, the signed
 * manifest and the recruiter's page print the same marks from the same data.
 */
export const TEMPLATE_VERSION = 3;

export type CvItem = DraftItem & { evidence: EvidenceMark };
export interface CvSection {
  kind: Draft['sections'][number]['kind'];
  title: string;
  items: CvItem[];
}

export interface CvSnapshot {
  /** The layout it was made for (server/cv-render/layouts.ts): order, headings, paper, page budget. */
  template: LayoutId;
  format: 'A4' | 'Letter';
  name: string;
  label: string | null;
  contact: string[];
  sections: CvSection[];
  jobTitle: string | null;
  /** Whether referees' names appear in "Confirmed by" marks (their role and organisation always do). */
  showRefereeNames: boolean;
}

export function fillPlaceholders(draft: Draft, registrationNumbers: Map<string, string>): Draft {
  const fill = (text: string) => fillRegistrationNumbers(text, registrationNumbers);
  return {
    sections: draft.sections.map((s) => ({
      ...s,
      items: s.items.map((i) => ({
        ...i,
        title: fill(i.title),
        subtitle: i.subtitle && fill(i.subtitle),
        dates: i.dates && fill(i.dates),
        bullets: i.bullets.map(fill).filter((b) => b.trim() && !/^Number:\s*$/.test(b)),
      })),
    })),
  };
}

export const snapshotHash = (snapshot: CvSnapshot) =>
  createHash('sha256')
    .update(`v${TEMPLATE_VERSION}\n${canonicalJson(snapshot)}`)
    .digest('hex');

/**
 * A line that summarises the items a template had no room for ("and 12 earlier posts,
 * 2009–2015", written by fitToLayout): every format prints it as a note, not as an entry.
 * Record titles begin with a capital, so the lower-case "and " marks it.
 */
export const isSummaryLine = (i: Pick<CvItem, 'title' | 'subtitle' | 'bullets'>) => i.title.startsWith('and ') && !i.subtitle && !i.bullets.length;
