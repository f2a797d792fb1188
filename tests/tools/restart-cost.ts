/**
 * The CPU parts of a service-worker restart at 10,000 briefings, in Node: what
 * the worker does between reading its records and answering the first search.
 * Structured clone (what IndexedDB does) is measured with `v8.deserialize`, V8's
 * same serializer, for the entity table as objects (earlier builds) and as
 * columns (lib/store/entity-columns.ts, decoded); then the names index load, the
 * join, CorpusData and a first search. Medians of 5, with the load average:
 * read them as ratios within one run, never as absolutes on a shared machine.
 *
 *   npx tsx tests/tools/restart-cost.ts [--pack FILE]
 *
 * The pack (default `.cache/bench/briefings-10000.v2.pack.json`) is made into one segment
 * and its names index once, cached in .cache/restart/ (v8 serialized).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { parseArgs } from 'node:util';
import { validatePack } from '../../lib/import/validate';
import type { Entity } from '../../lib/pack/types';
import { buildSegment, joinSegments, type LoadedSegment } from '../../lib/pack/segment';
import { CorpusData } from '../../lib/query/corpus-data';
import { CorpusQuery } from '../../lib/query/corpus-query';
import { buildNamesIndex, loadNamesIndex } from '../../lib/search/records';
import { decodeEntities, encodeEntities } from '../../lib/store/entity-columns';
import { PROJECT_ROOT } from '../support/static-server';

const { values } = parseArgs({
  options: { pack: { type: 'string', default: path.join(PROJECT_ROOT, '.cache/bench/briefings-10000.v2.pack.json') } },
});
const cacheDir = path.join(PROJECT_ROOT, '.cache', 'restart');
const cacheFile = path.join(cacheDir, `${path.basename(values.pack)}.v8`);

interface Prepared {
  entities: Entity[];
  names: string;
  segment: LoadedSegment;
}

function prepare(): Prepared {
  if (existsSync(cacheFile)) return v8.deserialize(readFileSync(cacheFile)) as Prepared;
  const check = validatePack(JSON.parse(readFileSync(values.pack, 'utf8')), values.pack);
  if (!check.ok) throw new Error(check.error);
  const pack = check.pack;
  const built = buildSegment({ id: 's-1', ...pack });
  const prepared: Prepared = {
    entities: pack.entities,
    names: buildNamesIndex(pack.entities),
    segment: { model: built.model, indexes: built.indexes },
  };
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cacheFile, v8.serialize(prepared));
  return prepared;
}

function median(label: string, fn: () => unknown, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(runs / 2)]!;
  console.log(`${label.padEnd(58)} ${m.toFixed(1).padStart(8)} ms`);
  return m;
}

const data = prepare();
console.log(`load ${loadavg()[0]!.toFixed(1)}; ${data.entities.length} entities`);
const asObjects = v8.serialize(data.entities);
const asColumns = v8.serialize(encodeEntities(data.entities));
const objects = median('entity table as objects: structured clone', () => v8.deserialize(asObjects));
const columns = median('entity table as columns: structured clone + decode', () =>
  decodeEntities(v8.deserialize(asColumns) as never),
);
console.log(`  columns / objects: ${(columns / objects).toFixed(2)}`);
median('names index load (loadNamesIndex)', () => loadNamesIndex(data.names));
const joined = joinSegments(data.entities, [data.segment]);
median('joinSegments (one segment)', () => joinSegments(data.entities, [data.segment]));
median('CorpusData, entity index made again', () => new CorpusData(joined.model));
median('CorpusData, entity index from the join', () => new CorpusData(joined.model, joined.entityIndex));
const names = loadNamesIndex(data.names);
const text = 'x'.repeat(200_000);
median('first search "president" (tables built)', () => {
  const query = new CorpusQuery({
    model: joined.model,
    indexes: { names: data.names, text: joined.text },
    names,
    entityIndex: joined.entityIndex,
    texts: (docs) => Promise.resolve(docs.map(() => text)),
  });
  return query.search('president');
});
console.log(`load ${loadavg()[0]!.toFixed(1)}`);
