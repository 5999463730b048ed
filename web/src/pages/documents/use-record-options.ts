import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import { RECORD_KIND_NAMES } from '../../../../server/domains/record/schema.ts';
import { api } from '../../lib/api.ts';
import { describeRecord, recordKey, type ItemOf } from '../record/record-api.ts';

const KIND_LABEL: Record<string, string> = { ...Object.fromEntries(RECORD_KIND_NAMES.map((k) => [k.type, k.label])), timecard: 'Time card' };
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
  // One query per kind, under the same keys as the record page's lists (so they share a cache).
  const all = useQueries({
    queries: RECORD_KIND_NAMES.map(({ path }) => ({
      queryKey: recordKey(path),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<{ items: Array<ItemOf[typeof path]> }>(`/api/${path}`, { signal }).then((r) => r.items),
    })),
  });
  const pending = all.some((l) => l.isPending);
  const dataKey = all.map((l) => l.dataUpdatedAt).join(',');
  const options = useMemo(() => {
    const out: RecordOption[] = [];
    RECORD_KIND_NAMES.forEach(({ type, path }, i) => {
      for (const item of all[i]!.data ?? []) {
        out.push({ value: `${type}:${item.id}`, label: `${recordKindLabel(type)}: ${describeRecord(path, item as never)}`, recordType: type, recordId: item.id });
      }
    });
    return out;
  }, [dataKey]);
  const labelOf = (recordType: string, recordId: string) => options.find((o) => o.recordType === recordType && o.recordId === recordId)?.label ?? recordKindLabel(recordType);
  return { options, pending, labelOf };
}
