import { evaluate } from './redaction-eval.ts';

/**
 * `npm run eval:redact`: redaction on every labelled line in test/fixtures/redaction. Prints the
 * share of identifiers removed (overall and by kind) and of ordinary words kept; --misses also
 * lists each identifier left (fully or partly) in place and each ordinary word redacted.
 */
const showMisses = process.argv.slice(2).includes('--misses');
const result = evaluate();
const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

for (const [kind, { total, removed }] of [...result.byKind].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`  ${kind.padEnd(14)} ${String(removed).padStart(4)}/${String(total).padEnd(4)} removed ${percent(removed, total)}`);
}
if (showMisses) {
  for (const m of result.misses) console.log(`  missed ${m.where.padEnd(22)} ${m.kind}:${m.text}${m.partial.length ? `  (partly: ${m.partial.join(', ')})` : ''}`);
  for (const o of result.overreach) console.log(`  overreach ${o.where.padEnd(19)} "${o.word}" in ${o.span}`);
}
console.log(
  `redaction eval: identifiers removed ${percent(result.removed, result.identifiers)} (${result.removed}/${result.identifiers}), ordinary text kept ${percent(result.kept, result.words)} (${result.kept}/${result.words} words)`,
);
