import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { RECORD_KIND_NAMES, type RECORD_FIELDS, type RecordKindType, type RecordPath, type ZRecordMeta } from '../../../../server/domains/record/schema.ts';
import type { Verification } from '../../../../server/domains/verifications/schema.ts';
import { api } from '../../lib/api.ts';
import { capitalise, enumWord, registrationBodyWords } from '../../../../server/platform/words/enum-words.ts';
import { formatDate } from '../../lib/record-format.ts';

/** The record's API paths (`RECORD_KIND_NAMES` in the record schema): GET/POST /api/<path>, PATCH/DELETE /api/<path>/:id. */
export type { RecordPath };

type Meta = z.infer<typeof ZRecordMeta>;
/** Each path's items, as the API returns them. */
export type ItemOf = { [P in RecordPath]: z.infer<(typeof RECORD_FIELDS)[P]> & Meta };
export type PostItem = ItemOf['posts'];
export type RegistrationItem = ItemOf['registrations'];
export type TrainingItem = ItemOf['training'];
export type DbsItem = ItemOf['dbs'];
export type EducationItem = ItemOf['education'];
export type ActivityItem = ItemOf['activities'];
export type PublicationItem = ItemOf['publications'];
export type AwardItem = ItemOf['awards'];
export type CourseItem = ItemOf['courses'];
export type SkillItem = ItemOf['skills'];
export type LanguageItem = ItemOf['languages'];
export type MembershipItem = ItemOf['memberships'];
export type RefereeItem = ItemOf['referees'];

export const recordKey = (path: RecordPath) => ['record', path] as const;
export const verificationsKey = ['verifications'] as const;
export const documentsKey = ['documents'] as const;
export const prescreenKey = ['prescreen'] as const;

export function useRecordList<P extends RecordPath>(path: P) {
  return useQuery({
    queryKey: recordKey(path),
    queryFn: ({ signal }) => api.get<{ items: Array<ItemOf[P]> }>(`/api/${path}`, { signal }).then((r) => r.items),
  });
}

export function useVerifications() {
  return useQuery({
    queryKey: verificationsKey,
    queryFn: ({ signal }) => api.get<{ verifications: Verification[] }>('/api/verifications', { signal }).then((r) => r.verifications),
  });
}

/** Record type (documents, verifications, findings) -> API path. */
export const PATH_OF_TYPE: Record<string, RecordPath> = Object.fromEntries(RECORD_KIND_NAMES.map((k) => [k.type, k.path]));
export const TYPE_OF_PATH = Object.fromEntries(RECORD_KIND_NAMES.map((k) => [k.path, k.type])) as Record<RecordPath, RecordKindType>;

export const dbsLevelLabel = (level: string) => capitalise(enumWord(level));

/**
 * A short name for one record, for lists, link pickers and confirmations. A kind without its own
 * wording here shows the server's label for the item (its `describe`).
 */
export function describeRecord<P extends RecordPath>(path: P, item: ItemOf[P]): string {
  switch (path) {
    case 'posts': {
      const p = item as PostItem;
      return `${p.title}, ${p.employer}`;
    }
    case 'training':
      return (item as TrainingItem).name;
    case 'education': {
      const e = item as EducationItem;
      return [e.studyType, e.institution].filter(Boolean).join(', ');
    }
    case 'registrations': {
      const r = item as RegistrationItem;
      return `${registrationBodyWords(r.body)} registration ${r.number}`;
    }
    case 'dbs': {
      const d = item as DbsItem;
      return `${dbsLevelLabel(d.level)} DBS check, issued ${formatDate(d.issueDate)}`;
    }
    default:
      return item.label;
  }
}
