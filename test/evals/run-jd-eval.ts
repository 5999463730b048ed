import { analyseJobOffline } from '../../server/ai/jd-analysis/offline.ts';
import { HOLDOUT_DIR, HOLDOUT_PAIRS_FILE, JOBS_DIR, labelledAdverts, matchingAgreement, PAIRS_FILE, scoreAdvert, summarise } from './jd-eval.ts';

/**
 * `npm run eval:jd`: job analysis on every labelled advert (test/fixtures/jobs, or --holdout for
 * the adverts kept apart), then matching on the persona x advert pairs. Prints each advert's and
 * pair's figures (--misses: what was missed, what was noise, which statuses disagreed), then the
 * totals. --only=TEXT limits it to slugs containing TEXT.
 */
const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const dir = args.includes('--holdout') ? HOLDOUT_DIR : JOBS_DIR;

const scores = [];
for (const { slug, text, labels } of labelledAdverts(dir)) {
  if (only && !slug.includes(only)) continue;
  const analysis = analyseJobOffline(text);
  const s = scoreAdvert(slug, labels, analysis.requirements, analysis.title);
  scores.push(s);
  const r = s.essentialLabels ? s.recalled / s.essentialLabels : 1;
  const p = s.essentialFound ? s.precise / s.essentialFound : 1;
  console.log(`${slug.padEnd(58)} ${s.format.padEnd(22)} recall ${r.toFixed(2)} precision ${p.toFixed(2)}${s.titleOk ? '' : `  title "${analysis.title}" (want "${labels.title}")`}`);
  if (showMisses) {
    for (const m of s.missed) console.log(`    missed ${m.kind}:${m.key}${m.years ? ` ${m.years}y` : ''}  "${m.text}"`);
    for (const n of s.noise) console.log(`    noise  ${n.kind}:${n.key}${n.years ? ` ${n.years}y` : ''}  "${n.text}"`);
  }
}
const total = summarise(scores);

const pairFile = dir === JOBS_DIR ? PAIRS_FILE : HOLDOUT_PAIRS_FILE;
const matching = matchingAgreement(dir, pairFile);
for (const { pair, agreed, total, disagreements } of matching.results) {
  if (only && !pair.advert.includes(only) && !pair.persona.includes(only)) continue;
  console.log(`${`${pair.persona.replace(/\.json$/, '')} x ${pair.advert}`.padEnd(90)} agreement ${(agreed / Math.max(1, total)).toFixed(2)}`);
  if (showMisses)
    for (const d of disagreements)
      console.log(`    want ${d.label.status.padEnd(9)} got ${d.got.padEnd(12)} ${d.label.kind}:${d.label.key}  "${d.label.text}"${d.note ? `\n        (${d.note})` : ''}`);
}
const labelled = matching.total;
const agreed = matching.agreed;

console.log(
  `\njd-analysis offline: ${total.adverts} adverts, essential recall ${total.recall.toFixed(3)}, precision ${total.precision.toFixed(3)}, adverts with nothing found ${total.empty}, titles ${total.titles.toFixed(2)}` +
    (labelled ? `; matching agreement ${(agreed / labelled).toFixed(3)} on ${labelled} labelled requirements` : ''),
);
