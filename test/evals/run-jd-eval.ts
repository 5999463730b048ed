import { analyseJobOffline } from '../../server/ai/jd-analysis/offline.ts';
import { labelledAdverts, scoreAdvert, summarise } from './jd-eval.ts';

/**
 * `npm run eval:jd`: job analysis on every labelled advert in test/fixtures/jobs. Prints each
 * advert's figures (and, with --misses, what was missed and what was noise), then the totals.
 */
const showMisses = process.argv.includes('--misses');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const scores = [];
for (const { slug, text, labels } of labelledAdverts()) {
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
console.log(`\njd-analysis offline: ${total.adverts} adverts, essential recall ${total.recall.toFixed(3)}, precision ${total.precision.toFixed(3)}, adverts with nothing found ${total.empty}, titles ${total.titles.toFixed(2)}`);
