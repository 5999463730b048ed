import type { ParsedCv } from '../domains/cv-import/parse-cv.ts';

/** `medfolio parse-cv FILE` without --json: what would be imported, one line per item. */
export function describeDraft({ resume, warnings }: ParsedCv): string {
  const span = (start?: string, end?: string) => `${start ?? '?'} to ${end ?? 'present'}`;
  const out: string[] = [];
  const section = (title: string, rows: string[]) => {
    if (rows.length) out.push(`${title} (${rows.length}):`, ...rows.map((r) => `  ${r}`), '');
  };
  section(
    'Work',
    (resume.work ?? []).map((w) => `${span(w.startDate, w.endDate).padEnd(26)} ${w.position}${w.grade ? ` [${w.grade}]` : ''}, ${w.name}`),
  );
  section(
    'Education',
    (resume.education ?? []).map((e) => `${span(e.startDate, e.endDate).padEnd(26)} ${[e.studyType, e.area].filter(Boolean).join(' ')}, ${e.institution}`),
  );
  section(
    'Courses',
    (resume.certificates ?? []).map((c) => `${(c.date ?? 'no date').padEnd(26)} ${c.name}`),
  );
  section(
    'Registrations',
    (resume.clinical?.registrations ?? []).map((r) => `${r.body} ${r.number}`),
  );
  section('Could not use', warnings);
  return `${out.join('\n').trimEnd()}\n`;
}
