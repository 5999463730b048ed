import type { DbOrTx } from '../platform/db/transaction.ts';
import { findUserById } from '../domains/accounts/repo.ts';
import { RECORD_KINDS, type KindFields } from '../domains/record/kinds.ts';
import { listRecordsOfKinds } from '../domains/record/service.ts';
import type { RecordKindType } from '../domains/record/schema.ts';
import { findProfile } from '../domains/resume/repo.ts';
import { rollup } from '../domains/timecards/service.ts';

/**
 * The clinician's record as the AI pipeline sees it: every item with a typed reference
 * (`{type, id}`) that drafts must cite. Loaded once per CV request.
 */
type WithMeta<T> = T & { id: string; evidence: string };
export type AiItem<T extends RecordKindType> = WithMeta<KindFields<T>>;
/** Every kind's items, by type: what grounding, the prompt context and retrieval loop over. */
export type AiItems = { [T in RecordKindType]: Array<AiItem<T>> };

export interface ExtraItem {
  id: string;
  section: 'volunteer';
  title: string;
  text: string;
}

export interface AiRecord {
  userId: string;
  name: string;
  profile: { label: string | null; summary: string | null };
  items: AiItems;
  /** The same items under the names the matching and wording rules read. */
  posts: AiItems['post'];
  training: AiItems['training'];
  registrations: AiItems['registration'];
  dbs: AiItems['dbs'];
  education: AiItems['education'];
  extras: ExtraItem[];
  /** How many referees the record names: matching uses the count; their details never reach a model. */
  refereeCount: number;
  shifts: Awaited<ReturnType<typeof rollup>>;
}

/** JSON Resume's free sections, flattened into citable items ("volunteer:0"...). */
export function extrasOf(sections: Record<string, unknown>): ExtraItem[] {
  const out: ExtraItem[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  // Awards, publications, projects, skills, languages and references are record kinds of their own.
  for (const section of ['volunteer'] as const) {
    const items = Array.isArray(sections[section]) ? (sections[section] as Array<Record<string, unknown>>) : [];
    items.forEach((item, i) => {
      const title = str(item.title) || str(item.name) || str(item.language) || str(item.organization);
      const parts = [
        str(item.awarder),
        str(item.publisher),
        str(item.summary),
        str(item.fluency),
        str(item.date),
        str(item.releaseDate),
        ...(Array.isArray(item.keywords) ? item.keywords.map(str) : []),
        ...(Array.isArray(item.highlights) ? item.highlights.map(str) : []),
      ];
      if (title) out.push({ id: `${section}:${i}`, section, title, text: [title, ...parts.filter(Boolean)].join('. ') });
    });
  }
  return out;
}

/** The citable id of a roll-up of approved shifts (employer and role, each URI-encoded). */
/**
 * The profile's evidence ref. A constant, not the account id: the model needs a handle to cite,
 * not an identifier that links the request to a person.
 */
export const PROFILE_REF = { type: 'profile', id: 'profile' } as const;

export const shiftsRef = (employer: string, role: string) => `${encodeURIComponent(employer)}|${encodeURIComponent(role)}`;

/** The named views of `items` (AiRecord's own fields), so both are made in one place. */
export const namedViews = (items: AiItems) => ({
  items,
  posts: items.post,
  training: items.training,
  registrations: items.registration,
  dbs: items.dbs,
  education: items.education,
  refereeCount: items.referee.length,
});

export async function loadAiRecord(db: DbOrTx, userId: string, now: Date): Promise<AiRecord> {
  const [user, profile, lists, shifts] = await Promise.all([
    findUserById(db, userId),
    findProfile(db, userId),
    listRecordsOfKinds({ db }, RECORD_KINDS, userId).then((lists) => RECORD_KINDS.map((kind, i) => [kind.type, lists[i]!] as const)),
    rollup({ db }, userId, now),
  ]);
  return {
    userId,
    name: user?.name ?? '',
    profile: { label: profile?.label ?? null, summary: profile?.summary ?? null },
    ...namedViews(Object.fromEntries(lists) as unknown as AiItems),
    extras: extrasOf((profile?.extra_sections ?? {}) as Record<string, unknown>),

    shifts,
  };
}
