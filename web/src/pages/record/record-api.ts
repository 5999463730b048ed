import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DbsFields, EducationFields, PostFields, RegistrationFields, TrainingFields, ZRecordMeta } from '../../../../server/domains/record/schema.ts';
import type { Verification } from '../../../../server/domains/verifications/schema.ts';
import { api } from '../../lib/api.ts';
import { capitalise, enumWord, registrationBodyWords } from '../../../../server/platform/words/enum-words.ts';
import { formatDate } from '../../lib/record-format.ts';

/** The record's API paths (server/domains/record/kinds.ts `path`): GET/POST /api/<path>, PATCH/DELETE /api/<path>/:id. */
export type RecordPath = 'posts' | 'registrations' | 'training' | 'dbs' | 'education';

type Meta = z.infer<typeof ZRecordMeta>;
export type PostItem = PostFields & Meta;
export type RegistrationItem = RegistrationFields & Meta;
export type TrainingItem = TrainingFields & Meta;
export type DbsItem = DbsFields & Meta;
export type EducationItem = EducationFields & Meta;

export interface ItemOf {
  posts: PostItem;
  registrations: RegistrationItem;
  training: TrainingItem;
  dbs: DbsItem;
  education: EducationItem;
}

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
export const PATH_OF_TYPE: Record<string, RecordPath> = { post: 'posts', registration: 'registrations', training: 'training', dbs: 'dbs', education: 'education' };
export const TYPE_OF_PATH: Record<RecordPath, 'post' | 'registration' | 'training' | 'dbs' | 'education'> = {
  posts: 'post',
  registrations: 'registration',
  training: 'training',
  dbs: 'dbs',
  education: 'education',
};

export const dbsLevelLabel = (level: string) => capitalise(enumWord(level));

/** A short name for one record, for lists, link pickers and confirmations. */
export function describeRecord<P extends RecordPath>(path: P, item: ItemOf[P]): string {
  switch (path) {
    case 'posts': {
      const p = item as PostItem;
      return `${p.title}, ${p.employer}`;
    }
    case 'registrations': {
      const r = item as RegistrationItem;
      return `${registrationBodyWords(r.body)} registration ${r.number}`;
    }
    case 'training':
      return (item as TrainingItem).name;
    case 'dbs': {
      const d = item as DbsItem;
      return `${dbsLevelLabel(d.level)} DBS check, issued ${formatDate(d.issueDate)}`;
    }
    default: {
      const e = item as EducationItem;
      return [e.studyType, e.institution].filter(Boolean).join(', ');
    }
  }
}
