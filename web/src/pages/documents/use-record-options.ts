import { useMemo } from 'react';
import { describeRecord, useRecordList, TYPE_OF_PATH, type RecordPath } from '../record/record-api.ts';

const KIND_LABEL: Record<string, string> = {
  post: 'Post',
  registration: 'Registration',
  training: 'Training',
  dbs: 'DBS check',
  education: 'Qualification',
  timecard: 'Time card',
};
export const recordKindLabel = (type: string) => KIND_LABEL[type] ?? type;

export interface RecordOption {
  /** `<recordType>:<recordId>` */
  value: string;
  label: string;
  recordType: string;
  recordId: string;
}

/** Every record a document can back, as select options, plus a lookup for link labels. */
export function useRecordOptions() {
  const lists = {
    posts: useRecordList('posts'),
    registrations: useRecordList('registrations'),
    training: useRecordList('training'),
    dbs: useRecordList('dbs'),
    education: useRecordList('education'),
  };
  const all = Object.values(lists);
  const pending = all.some((l) => l.isPending);
  const dataKey = all.map((l) => l.dataUpdatedAt).join(',');
  const options = useMemo(() => {
    const out: RecordOption[] = [];
    for (const path of Object.keys(lists) as RecordPath[]) {
      const type = TYPE_OF_PATH[path];
      for (const item of lists[path].data ?? []) {
        out.push({ value: `${type}:${item.id}`, label: `${recordKindLabel(type)}: ${describeRecord(path, item as never)}`, recordType: type, recordId: item.id });
      }
    }
    return out;
  }, [dataKey]);
  const labelOf = (recordType: string, recordId: string) => options.find((o) => o.recordType === recordType && o.recordId === recordId)?.label ?? recordKindLabel(recordType);
  return { options, pending, labelOf };
}
