import { describe, expect, it } from 'vitest';
import { analyseRecord, type RecordView } from './analyse.ts';

const post = (id: string, title: string, startDate: string, endDate: string | null): RecordView['posts'][number] => ({
  id,
  evidence: 'self-declared',
  employer: 'Marshgate NHS Trust',
  employerOdsCode: null,
  site: null,
  title,
  grade: null,
  specialty: null,
  contract: 'bank',
  startDate,
  endDate,
  wte: null,
  supervisor: null,
  summary: null,
  achievements: [],
  description: null,
  location: null,
  url: null,
});

describe('overlapping posts', () => {
  it('notes each post that starts inside an earlier one once, naming the post that covers it', () => {
    const record: RecordView = {
      posts: [
        post('main', 'Staff Nurse', '2020-01-01', '2024-12-31'),
        post('shift-a', 'Bank Staff Nurse', '2021-01-01', '2021-01-10'),
        post('shift-b', 'Bank Staff Nurse', '2021-01-05', '2021-01-12'),
        post('after', 'Charge Nurse', '2025-01-01', null),
      ],
      training: [],
      registrations: [],
      dbs: [],
    };
    const overlaps = analyseRecord(record, '2026-11-22', undefined).filter((f) => f.kind === 'overlap');
    // Shift B overlaps both the main post and shift A: one note, about the main post.
    expect(overlaps.map((f) => f.subject?.id)).toEqual(['shift-a', 'shift-b']);
    expect(overlaps[1]!.message).toMatch(/overlaps Staff Nurse at Marshgate NHS Trust from 5 January 2021 to 12 January 2021/);
  });
});
