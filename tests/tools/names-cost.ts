/**
 * What a name table costs one frame: the time to compile it into the page
 * matcher and the memory the matcher and the table keep, for tables of growing
 * size (synthetic names shaped like real ones: one to four words, 4–30
 * characters). Used to pick the cap on names sent to pages and the limits a
 * published pack must keep (lib/subscriptions/pack-cost.ts).
 *
 *   node --expose-gc --import tsx tests/tools/names-cost.ts [counts…]
 *   node --expose-gc --import tsx tests/tools/names-cost.ts --pack my-pack.json
 *
 * With `--pack`, the names of that pack (every name and alias of every entity not hidden).
 */
import { readFileSync } from 'node:fs';
import { compileMatcher } from '../../lib/page/matcher';
import type { NameEntry } from '../../lib/messages/protocol';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const syllables = ['al', 'be', 'ka', 'dor', 'mi', 'sto', 'ren', 'vi', 'lo', 'ra', 'zan', 'qu', 'el', 'tor', 'is', 'an'];
function word(): string {
  const n = 1 + Math.floor(rand() * 3);
  const w = Array.from({ length: n }, () => syllables[Math.floor(rand() * syllables.length)]).join('');
  return w[0]!.toUpperCase() + w.slice(1);
}
function names(count: number): NameEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    text: Array.from({ length: 1 + Math.floor(rand() * 3) }, word).join(' '),
    entityId: `e${i}`,
    type: 'person' as const,
  }));
}

function packNames(path: string): NameEntry[] {
  const pack = JSON.parse(readFileSync(path, 'utf8')) as {
    entities: { id: string; name: string; aliases: string[]; hidden?: boolean }[];
  };
  return pack.entities
    .filter((e) => !e.hidden)
    .flatMap((e) =>
      [...new Set([e.name, ...e.aliases])].map((text) => ({ text, entityId: e.id, type: 'person' as const })),
    );
}

const args = process.argv.slice(2);
const packPath = args[0] === '--pack' ? args[1] : undefined;
const counts = packPath ? [0] : args.map(Number);
console.log('names\ttable MB\tcompile ms\tmatcher MB');
for (const count of counts.length ? counts : [20_000, 80_000, 120_000, 200_000, 600_000]) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const table = packPath ? packNames(packPath) : names(count);
  gc();
  const withTable = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const matcher = compileMatcher(table);
  const ms = performance.now() - t0;
  gc();
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  console.log(`${table.length}\t${mb(withTable - before)}\t${ms.toFixed(0)}\t${mb(after - withTable)}`);
  void matcher;
}
