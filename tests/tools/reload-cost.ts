/**
 * The service worker's reload after an append and its first search (issue #14), in Node with
 * fake-indexeddb: the store's own code on a 10,000-briefing pack, no browser. What it measures is the
 * CPU of the read side (fold the table, join the segments, build the tables, load the names index,
 * first search), not IndexedDB's speed, which Chromium's figures (tests/tools/paste-time.ts) give.
 *
 *   npx tsx tests/tools/reload-cost.ts [--docs 10000] [--appends 5] [--query president]
 *
 * Steps: the pack is written as one segment (with an empty extraction state), a "service worker" store
 * opens it (a start) and answers a search; then, `--appends` times, a second store (the import worker)
 * appends one article (a new entity and an existing entity with a new alias, as an increment does) and
 * the first store reloads (`openActive` with its phases), builds its CorpusQuery, warms it and answers
 * the first search and the same search again. Prints ms per step and the load average. Never asserts.
 */
import 'fake-indexeddb/auto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { emptyExtractionState } from '../../lib/corpus/increment';
import type { Entity } from '../../lib/pack/types';
import { CorpusQuery } from '../../lib/query/corpus-query';
import { CorpusStore } from '../../lib/store/corpus-store';
import { localLock } from '../../lib/store/lock';
import { PhaseTimes } from '../../lib/store/phase-times';
import { briefingsPack } from '../bench/search/pack-cache';
import { PROJECT_ROOT } from '../support/static-server';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const docs = Number(option('docs', '10000'));
const appends = Number(option('appends', '5'));
const query = option('query', 'president');
const load = () => loadavg()[0]!.toFixed(1);
const log = (line: string) => console.error(`[load ${load()}] ${line}`);

async function timed<T>(what: string, fn: () => T | Promise<T>, out: Record<string, number>): Promise<T> {
  const t0 = performance.now();
  const h0 = process.hrtime.bigint() / 1000n;
  const value = await fn();
  out[what] = Math.round(performance.now() - t0);
  if (process.env.RELOAD_COST_US) {
    // Monotonic µs, as a --cpu-prof profile's timestamps: to cut a profile to one step.
    out[`${what}@us`] = Number(h0);
    out[`${what}@end`] = Number(process.hrtime.bigint() / 1000n);
  }
  return value;
}

async function main(): Promise<void> {
  const shared = path.resolve(PROJECT_ROOT, '..', 'shared');
  const { pack } = await briefingsPack(PROJECT_ROOT, shared, docs, log);
  log(`pack: ${pack.documents.length} documents, ${pack.entities.length} entities`);
  const name = `reload-cost-${Date.now()}`;
  const writer = await CorpusStore.open({ name, lock: localLock() });
  await writer.withWriteLock(() => writer.write(pack, { extraction: emptyExtractionState() }));
  log('written');
  const worker = await CorpusStore.open({ name, lock: localLock() });
  const start: Record<string, number> = {};
  const opened = await timed('open', () => worker.openActive(), start);
  let query0 = await timed('query', () => new CorpusQuery(opened!.parts), start);
  await timed('warm', () => query0.warm(), start);
  await timed('warmNames', () => query0.warmNames(), start);
  await timed('search', () => query0.search(query), start);
  await timed('search again', () => query0.search(query), start);
  console.log(`start (load ${load()}): ${JSON.stringify(start)}`);
  let entities: Entity[] = pack.entities;
  const donor = pack.documents[0]!;
  for (let i = 0; i < appends; i++) {
    const id = `added-${i}`;
    const word = `zqx${i}word`;
    const text = `${donor.text}\n\nA ${word} for ${id}.`;
    const known = entities[i % entities.length]!;
    const fresh: Entity = {
      id: `new-entity-${i}`,
      name: `Newname ${word}`,
      type: 'person',
      aliases: [],
      description: '',
    };
    entities = [
      ...entities.slice(0, i),
      { ...known, aliases: [...known.aliases, `Alias${i}`] },
      ...entities.slice(i + 1),
      fresh,
    ];
    const at = text.lastIndexOf('A ');
    await writer.withWriteLock(() =>
      writer.append(
        {
          documents: [{ ...donor, id, title: `${donor.title} ${i}`, text }],
          passages: [{ id: `${id}#0`, docId: id, start: at, end: text.length }],
          mentions: [
            { entityId: fresh.id, docId: id, start: at + 2, end: at + 2 + word.length },
            { entityId: known.id, docId: id, start: 0, end: 4 },
          ],
          quotes: [],
          generator: 'reload-cost',
        },
        { entities, extraction: emptyExtractionState() },
      ),
    );
    const step: Record<string, number> = {};
    const phases = new PhaseTimes();
    const reopened = await timed('open', () => worker.openActive({ phases }), step);
    query0 = await timed('query', () => new CorpusQuery(reopened!.parts), step);
    await timed('warm', () => query0.warm(), step);
    await timed('first search', () => query0.search(word), step);
    await timed('search again', () => query0.search(word), step);
    await timed('other search', () => query0.search(query), step);
    const found = (await query0.search(word)).hits.length;
    console.log(
      `append ${i + 1} (load ${load()}): ${JSON.stringify(step)} open phases ${JSON.stringify(phases.snapshot())} hits ${found}`,
    );
  }
  writer.close();
  worker.close();
}

await main();
