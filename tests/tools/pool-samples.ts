/**
 * Pools the popup samples that `tests/tools/options-scale.ts --popup N --samples FILE` appended, run by run,
 * grouped by the profile (default) or the extension directory each run used, and prints the median and
 * p95 of each step per group, with the load averages of the runs. Alternate the builds' runs (A, B, A, B…)
 * so that both see the same load.
 *
 *   npx tsx tests/tools/pool-samples.ts FILE [--by build|profile]
 */
import { readFileSync } from 'node:fs';
import { summarize } from '../bench/lib/measure';

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('pool-samples: give the samples file');
const by = rest[rest.indexOf('--by') + 1] === 'build' ? 'build' : 'profile';
const runs = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map(
    (line) => JSON.parse(line) as { build: string; profile: string; load: number[]; samples: Record<string, number[]> },
  );
const groups = new Map<string, { loads: number[]; samples: Record<string, number[]> }>();
for (const run of runs) {
  const key = run[by];
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { loads: [], samples: {} }));
  group.loads.push(run.load[0]!);
  for (const [step, v] of Object.entries(run.samples)) (group.samples[step] ??= []).push(...v);
}
for (const [key, group] of groups) {
  console.log(
    `\n${key}: ${group.loads.length} runs, load average (1 min) ${group.loads.map((l) => l.toFixed(1)).join(', ')}`,
  );
  console.log('step | n | median ms | p95 ms');
  for (const [step, v] of Object.entries(group.samples)) {
    const s = summarize(v);
    console.log(`${step} | ${v.length} | ${s.median.toFixed(0)} | ${s.p95.toFixed(0)}`);
  }
}
