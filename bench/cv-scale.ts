/**
 * How the CV's cost grows with the record: the in-process stages of the pipeline (read the
 * advert, assess every requirement against the record, compose offline, check grounding,
 * pre-screen) on generated records of 1,000 and 5,000 items (posts with highlights, courses).
 * The database, retrieval and rendering are left out: they are measured by bench:db and
 * bench:pdf. Goal (issue 16): the 5,000-item record costs at most 6x the 1,000-item one.
 *   npm run bench:cv-scale [-- --runs 3]
 */
import { parseArgs } from 'node:util';
import { createHashingEmbedder } from '../server/adapters/embedder.ts';
import { assessRequirements } from '../server/ai/jd-analysis/assess.ts';
import { analyseJobOffline } from '../server/ai/jd-analysis/offline.ts';
import { composeOffline } from '../server/ai/cv-draft/offline-composer.ts';
import { checkGrounding } from '../server/ai/grounding.ts';
import { aiRecordFromResume } from '../server/ai/record-from-resume.ts';
import { analyseRecord } from '../server/domains/prescreen/analyse.ts';
import { addMonths } from '../server/domains/record/dates.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(values.runs));
const AS_OF = '2026-11-22';

const ADVERT = `Staff Nurse - Critical Care
Marshgate NHS Trust

Essential criteria:
- Registered Nurse (Adult) on the NMC register
- At least 2 years' critical care experience, including shifts as nurse in charge
- Current ILS
- Experience of teaching and supporting junior staff
- Experience with continuous renal replacement therapy
- An enhanced DBS check

Desirable criteria:
- ALS
- Involvement in audit or quality improvement
`;

const WARDS = ['Intensive Care', 'Acute Medical Unit', 'Emergency Department', 'Respiratory Ward', 'Cardiology', 'Surgical Assessment Unit', 'Renal Unit', 'Stroke Unit'];
const HIGHLIGHTS = [
  'Nurse in charge on night shifts',
  'Mentored newly qualified nurses',
  'Ward lead for haemofiltration training',
  'Audit of sepsis screening times',
  'Cared for ventilated patients',
  'Ran simulation sessions for the team',
];
const COURSES = ['Immediate Life Support (ILS)', 'Safeguarding Adults Level 2', 'Manual Handling', 'Infection Prevention and Control', 'Information Governance', 'Fire Safety'];

/** A nurse's record of about `items` items: two thirds posts (bank shifts, overlapping a main post), one third courses. */
function generatedResume(items: number) {
  const posts = Math.round((items * 2) / 3);
  const work = Array.from({ length: posts }, (_, i) => {
    const start = addMonths('1990-01-01', Math.floor((i * 420) / posts));
    return {
      name: `${['Marshgate', 'Kestrel Vale', 'Northgate', 'Harrowdene'][i % 4]} NHS Trust`,
      position: `Staff Nurse, ${WARDS[i % WARDS.length]}`,
      startDate: start,
      endDate: addMonths(start, 3 + (i % 7)),
      highlights: [HIGHLIGHTS[i % HIGHLIGHTS.length]!, HIGHLIGHTS[(i + 2) % HIGHLIGHTS.length]!],
    };
  });
  const certificates = Array.from({ length: items - posts }, (_, i) => ({
    name: COURSES[i % COURSES.length]!,
    issuer: 'Marshgate NHS Trust',
    date: addMonths('2000-01-01', Math.floor((i * 320) / (items - posts))),
  }));
  return { basics: { name: 'Alex Example' }, work, certificates, clinical: { registrations: [{ body: 'NMC', number: '21A1234E', status: 'Registered nurse: adult' }] } };
}

const embedder = createHashingEmbedder(256);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(items: number) {
  const record = aiRecordFromResume(generatedResume(items) as never, AS_OF);
  const stages: Record<string, number[]> = { analyse: [], assess: [], compose: [], grounding: [], prescreen: [], total: [] };
  for (let run = 0; run < RUNS; run++) {
    const time = async <T>(stage: string, fn: () => T | Promise<T>): Promise<T> => {
      const started = performance.now();
      const value = await fn();
      stages[stage]!.push(performance.now() - started);
      return value;
    };
    const started = performance.now();
    const analysis = await time('analyse', () => analyseJobOffline(ADVERT));
    const assessed = await time('assess', () => assessRequirements(analysis, record, AS_OF));
    const draft = await time('compose', () => composeOffline(record, ADVERT, assessed, AS_OF, embedder));
    await time('grounding', () => checkGrounding(draft, record));
    await time('prescreen', () => analyseRecord(record, AS_OF, undefined));
    stages.total!.push(performance.now() - started);
  }
  const figures = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, median(v)]));
  console.log(
    `${String(items).padStart(5)} items: ${Object.entries(figures)
      .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
      .join(', ')}`,
  );
  return figures.total!;
}

await measure(200); // warm-up: the first run pays for compiling the code paths
const small = await measure(1000);
const large = await measure(5000);
console.log(`cv-scale: 1000 items ${small.toFixed(0)} ms, 5000 items ${large.toFixed(0)} ms, ratio ${(large / small).toFixed(2)}`);
