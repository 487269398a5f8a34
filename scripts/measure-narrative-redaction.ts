/**
 * The `redacted` mode of free text measured on the demo generator's case narratives: how many
 * identifiers of the linked persons were replaced, how many survive (must be none), and what share
 * of the other words and numbers is kept. Figures for BENCHMARKS.md.
 *
 *   npx tsx scripts/measure-narrative-redaction.ts [--seed S] [--persons N] [--cases N]
 */
import { parseArgs } from 'node:util';
import { measureNarrativeRedaction } from './lib/narrative-redaction.js';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: 'need2know-demo' }, persons: { type: 'string', default: '10000' }, cases: { type: 'string', default: '5000' } },
});
const options = { seed: values.seed, persons: Number(values.persons), cases: Number(values.cases) };
const started = performance.now();
const f = measureNarrativeRedaction(options);
const seconds = (performance.now() - started) / 1000;
const names = f.replaced.victim + f.replaced.suspect + f.replaced.witness + f.replaced.person;
const identifiers = names + f.replaced.phone + f.replaced.id + f.replaced.date_of_birth;
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(2)} %`;

console.log(
  `seed ${options.seed}, ${options.persons} persons, ${options.cases} cases: ${f.narratives} narratives, ${f.linkedPersons} linked persons (${seconds.toFixed(1)} s)`,
);
console.log('');
console.log('| measure | value |');
console.log('| --- | ---: |');
console.log(`| names and nicknames replaced by role labels | ${names} |`);
console.log(`| phones → [phone] | ${f.replaced.phone} |`);
console.log(`| ID numbers → [id] | ${f.replaced.id} |`);
console.log(`| birth dates → [date of birth] | ${f.replaced.date_of_birth} |`);
console.log(`| linked identifiers surviving | ${f.surviving.length} (${pct(identifiers, identifiers + f.surviving.length)} removed) |`);
console.log(`| other phone- or ID-shaped numbers → [number] | ${f.replaced.number} |`);
console.log(`| other words and numbers kept | ${f.keptTokens} of ${f.otherTokens} (${pct(f.keptTokens, f.otherTokens)}) |`);
console.log(`| time in redactNarrative per narrative (mean) | ${(f.redactMs / f.narratives).toFixed(2)} ms |`);
console.log('');
console.log(`most often lost other tokens: ${f.lost.map(([t, n]) => `${t} (${n})`).join(', ')}`);
if (f.surviving.length > 0) {
  console.error(`surviving identifiers, first 10: ${JSON.stringify(f.surviving.slice(0, 10))}`);
  process.exitCode = 1;
}
