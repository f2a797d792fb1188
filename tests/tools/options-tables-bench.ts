/**
 * The options tables' requests (lib/query/corpus-tables.ts) in Node on the 10,000-briefing pack: the first
 * request (rows and default order built), then filtered, sorted and search-as-you-type requests.
 *
 *   npx tsx tests/tools/options-tables-bench.ts [PACK]   (default .cache/bench/briefings-10000.v2.pack.json)
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fromPackFile } from '../../lib/pack/file';
import type { PackFile } from '../../lib/pack/types';
import { compactPack } from '../../lib/pack/model';
import { CorpusData } from '../../lib/query/corpus-data';
import { findEntities, queryDocuments, queryEntities } from '../../lib/query/corpus-tables';
const pack = fromPackFile(
  JSON.parse(readFileSync(process.argv[2] ?? '.cache/bench/briefings-10000.v2.pack.json', 'utf8')) as PackFile,
);
const data = new CorpusData(compactPack(pack));
/** Last call's process CPU ms (on a shared machine, wall time also counts waiting for a core). */
let cpu = 0;
const t = (f: () => unknown) => {
  const c = process.cpuUsage();
  const s = performance.now();
  f();
  const used = process.cpuUsage(c);
  cpu = (used.user + used.system) / 1000;
  return performance.now() - s;
};
const firstDocs = t(() => queryDocuments(data, {}));
console.log(
  `first documents page (builds rows + default order): ${firstDocs.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`,
);
const firstEntities = t(() => queryEntities(data, {}));
console.log(
  `first entities page (builds rows + default order): ${firstEntities.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`,
);
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
const p95 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!.toFixed(1);
for (const [name, f] of [
  ['documents filter "white house"', () => queryDocuments(data, { filter: 'white house', offset: 0, limit: 50 })],
  [
    'documents filter "press briefing by"',
    () => queryDocuments(data, { filter: 'press briefing by', offset: 0, limit: 50 }),
  ],
  [
    'documents sort title page 100',
    () => queryDocuments(data, { sort: { by: 'title', descending: false }, offset: 5000, limit: 50 }),
  ],
  ['entities filter "rubio"', () => queryEntities(data, { filter: 'rubio' })],
  ['entities filter "a"', () => queryEntities(data, { filter: 'a' })],
  ['entities sort name desc', () => queryEntities(data, { sort: { by: 'name', descending: true } })],
  ['findEntity "marco rubio"', () => findEntities(data, 'marco rubio', 12)],
  ['findEntity "ru"', () => findEntities(data, 'ru', 12)],
  ['findEntity "zzq"', () => findEntities(data, 'zzq', 12)],
] as const) {
  const xs: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 21; i++) {
    xs.push(t(f));
    cpus.push(cpu);
  }
  console.log(
    `${name}: first ${xs[0]!.toFixed(1)} ms, median ${med(xs.slice(1))} ms, p95 ${p95(xs.slice(1))} ms wall;` +
      ` median ${med(cpus.slice(1))} ms, p95 ${p95(cpus.slice(1))} ms CPU`,
  );
}
console.log(
  'entities',
  data.model.entities.length,
  'documents',
  data.model.documents.length,
  'load',
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' '),
);
