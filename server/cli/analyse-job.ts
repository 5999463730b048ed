import { analyseJobOffline } from '../ai/jd-analysis/offline.ts';
import { assessRequirements } from '../ai/jd-analysis/assess.ts';
import { aiRecordFromResume } from '../ai/record-from-resume.ts';
import type { JsonResume } from '../domains/resume/schema.ts';
import { ZJobDescription } from '../ai/jd-analysis/schema.ts';
import { explainEmpty } from '../domains/job-analysis/service.ts';

/**
 * `medfolio analyse-job`: the offline analyser on an advert, and with `--resume` the same
 * matching the app does, against that file's record (read, not stored).
 */
const STATUS_WORDS: Record<string, string> = { met: 'met', 'probably-met': 'probably met', unmet: 'not met', expired: 'expired', expiring: 'expiring' };

export function analyseJobCommand(text: string, options: { resume: JsonResume | undefined; asOf: string }) {
  const checked = ZJobDescription.safeParse(text);
  if (!checked.success) throw new Error(`the advert ${checked.error.issues[0]!.message}`);
  const analysis = analyseJobOffline(checked.data);
  const assessed = options.resume ? assessRequirements(analysis, aiRecordFromResume(options.resume, options.asOf), options.asOf) : undefined;
  const requirements = analysis.requirements.map((r, i) => ({
    text: r.text,
    kind: r.kind,
    key: r.key,
    importance: r.importance,
    ...(r.alternatives.length ? { alternatives: r.alternatives } : {}),
    ...(r.years !== null ? { years: r.years } : {}),
    ...(r.specialty ? { specialty: r.specialty } : {}),
    ...(r.level ? { level: r.level } : {}),
    ...(assessed ? { status: assessed[i]!.status, note: assessed[i]!.note, evidence: assessed[i]!.evidence.map((e) => e.label) } : {}),
  }));
  const notice = requirements.length ? null : explainEmpty(checked.data);
  const json = { title: analysis.title, employer: analysis.employer, country: analysis.country, ...(assessed ? { asOf: options.asOf } : {}), requirements, ...(notice ? { notice } : {}) };

  const lines = [`${analysis.title}${analysis.employer ? `, ${analysis.employer}` : ''}`, ''];
  if (notice) lines.push(notice);
  for (const importance of ['essential', 'desirable'] as const) {
    const rows = requirements.filter((r) => r.importance === importance);
    if (!rows.length) continue;
    lines.push(importance === 'essential' ? 'Essential' : 'Desirable');
    for (const r of rows) lines.push(`  - ${r.text}${'status' in r ? `\n      ${STATUS_WORDS[r.status!]}: ${r.note}` : ''}`);
    lines.push('');
  }
  return { json, text: `${lines.join('\n').trimEnd()}\n` };
}
