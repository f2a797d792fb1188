/**
 * Reading a corpus made of segments (lib/pack/segment.ts): 10,000 White House
 * briefings (1,000 with --quick) split into 1, 10 and 50 segments.
 * - join: `joinSegments` of the generation's segments into one read model and
 *   a segmented text index (what the service worker does after loading them),
 *   and join + the first search (which merges the segments' vocabularies);
 * - queries: the search bench's mix of 400 queries through CorpusQuery,
 *   median and p95, beside the same mix on one segment (one TextIndex over
 *   the whole corpus, exactly as today's store keeps it) in the same run;
 * - merge: `mergeSegments` of the 50 into 10 and into 1 (no text read).
 * The 50 segments are built once (`buildSegment`, contiguous runs of
 * documents); 10 and 1 are their merges, whose search equals a single build's
 * (lib/search/segmented-text-index.test.ts).
 */
import { loadavg } from 'node:os';
import {
  buildSegment,
  joinSegments,
  mergeSegments,
  segmentFromJoined,
  type LoadedSegment,
  type SegmentModel,
  type SegmentShell,
} from '../../lib/pack/segment';
import type { Pack } from '../../lib/pack/types';
import { CorpusQuery } from '../../lib/query/corpus-query';
import { buildNamesIndex, loadNamesIndex } from '../../lib/search/records';
import { defineBench } from './lib/contract';
import { summarize } from './lib/measure';
import { segmentsOf } from './lib/split-pack';
import { briefingsPack } from './search/pack-cache';
import { queryMix } from './search/queries';

/**
 * A fixed amount of plain CPU work (a 10M-element typed-array loop, ~10–20 ms on an idle core): its time in
 * this run says how slow the shared machine was, so figures from loaded runs can be compared.
 */
function calibration(): number {
  const values = new Uint32Array(10_000_000);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum = (sum + values[i]! + i) | 0;
  return sum;
}

/** One document of `pack` again under a new id, as a one-document segment (an added article). */
function addedSegment(pack: Pack): LoadedSegment {
  const doc = pack.documents[0]!;
  const id = `${doc.id}-added`;
  const mine = <T extends { docId: string }>(rows: T[]) => rows.filter((r) => r.docId === doc.id);
  const built = buildSegment({
    id: 's-added',
    createdAt: pack.createdAt,
    generator: pack.generator,
    documents: [{ ...doc, id }],
    passages: mine(pack.passages).map((p, i) => ({ ...p, id: `${id}#${i}`, docId: id })),
    mentions: mine(pack.mentions).map((m) => ({ ...m, docId: id })),
    quotes: mine(pack.quotes).map((q, i) => ({ ...q, id: `${id}:q${i}`, docId: id })),
  });
  return { model: built.model, indexes: built.indexes };
}

/** What the service worker's segment cache keeps of a segment copied whole (lib/store/segment-cache.ts). */
function shellOf(model: SegmentModel): SegmentShell {
  const { passages, mentions, quotes, ...rest } = model;
  return { ...rest, rows: { passages: passages.doc.length, mentions: mentions.doc.length, quotes: quotes.doc.length } };
}

export default defineBench({
  name: 'segments',
  description: 'joinSegments and search over 1, 10 and 50 segments of 10,000 briefings',
  needsShared: true,
  async run(ctx) {
    const count = Number(process.env.DOSSIER_SEARCH_DOCS) || (ctx.quick ? 1000 : 10_000);
    const { pack } = await briefingsPack(ctx.root, ctx.sharedDir!, count, (line) => ctx.log(line));
    const loadBefore = loadavg();
    const calibrate = await ctx.measure(calibration, { runs: 5, warmup: 1 });

    ctx.log('segments: building 50 segments');
    const fifty = segmentsOf(pack, 50);
    const allTexts = fifty.texts.flat();
    ctx.log('segments: merging 50 → 10 and 50 → 1');
    const ten: LoadedSegment[] = [];
    const mergeTen = await ctx.timed(() => {
      for (let g = 0; g < 10; g++) ten.push(mergeSegments(`m-${g}`, fifty.segments.slice(g * 5, (g + 1) * 5)));
    });
    let one: LoadedSegment[] = [];
    const mergeOne = await ctx.timed(() => (one = [mergeSegments('m-all', fifty.segments)]));
    // Merges keep documents in segment order, so global document d is allTexts[d] in every split.
    const splits: [string, LoadedSegment[]][] = [
      ['1 segment (one TextIndex, as today)', one],
      ['10 segments', ten],
      ['50 segments', fifty.segments],
    ];

    const namesJson = buildNamesIndex(pack.entities);
    const names = loadNamesIndex(namesJson);
    const queries = queryMix(pack, ctx.quick ? 100 : 400);
    const runs = ctx.quick ? 3 : 9;
    const results: {
      label: string;
      join: ReturnType<typeof summarize>;
      first: ReturnType<typeof summarize>;
      query: ReturnType<typeof summarize>;
      reloadFull: ReturnType<typeof summarize>;
      reloadCached: ReturnType<typeof summarize>;
      tables: ReturnType<typeof summarize>;
    }[] = [];
    const added = addedSegment(pack);
    const firstSearch = { prefix: 'last', fuzzy: false, combineWith: 'AND', limit: 30 } as const;
    const namesLoad = await ctx.measure(() => loadNamesIndex(namesJson), { runs, warmup: 1 });
    for (const [label, segments] of splits) {
      ctx.log(`segments: ${label}`);
      const join = await ctx.measure(() => joinSegments(pack.entities, segments), { runs, warmup: 1 });
      const first = await ctx.measure(
        () =>
          joinSegments(pack.entities, segments).text.search('president', {
            prefix: 'last',
            fuzzy: false,
            combineWith: 'AND',
            limit: 30,
          }),
        { runs: ctx.quick ? 3 : 5, warmup: 1 },
      );
      // A reload after one added article: every segment again + the new one, the worker's way before the
      // segment cache (join all, word list over all) and with it (segments given back from the previous join,
      // word list extended). Both end with the first search.
      const previous = joinSegments(pack.entities, segments);
      previous.text.search('president', firstSearch);
      const shells = segments.map(({ model }) => shellOf(model));
      const reloadFull = await ctx.measure(
        () => joinSegments(pack.entities, [...segments, added]).text.search('president', firstSearch),
        { runs: ctx.quick ? 3 : 5, warmup: 1 },
      );
      const reloadCached = await ctx.measure(
        () => {
          const scratch = new Int32Array(pack.entities.length).fill(-1);
          const back = segments.map(({ indexes }, s) => ({
            model: segmentFromJoined(previous.model, previous.placements[s]!, shells[s]!, scratch),
            indexes,
          }));
          return joinSegments(pack.entities, [...back, added], { previous: previous.text }).text.search(
            'president',
            firstSearch,
          );
        },
        { runs: ctx.quick ? 3 : 5, warmup: 1 },
      );
      const joined = joinSegments(pack.entities, segments);
      const tables = await ctx.measure(
        () =>
          new CorpusQuery({
            model: joined.model,
            indexes: { names: namesJson, text: joined.text },
            names,
            texts: () => Promise.resolve([]),
          }).warm(),
        { runs: ctx.quick ? 3 : 5, warmup: 1 },
      );
      const corpus = new CorpusQuery({
        model: joined.model,
        indexes: { names: namesJson, text: joined.text },
        names,
        texts: (docs) => Promise.resolve(docs.map((d) => allTexts[d]!)),
      });
      corpus.warm();
      for (const q of queries.slice(0, 20)) await corpus.search(q, 30);
      const samples: number[] = [];
      const cpuSamples: number[] = [];
      for (const q of queries) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        await corpus.search(q, 30);
        samples.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        cpuSamples.push((used.user + used.system) / 1000);
      }
      results.push({
        label,
        join,
        first,
        query: summarize(samples, cpuSamples),
        reloadFull,
        reloadCached,
        tables,
      });
    }
    const base = results[0]!;
    const loadAfter = loadavg();
    const row = (step: string, m: ReturnType<typeof summarize> & { cpuMedian?: number }, base: number) => ({
      step,
      'median ms': m.median,
      'p95 ms': m.p95,
      'cpu median ms': m.cpuMedian ?? Number.NaN,
      '× 1 segment': m.median / base,
    });
    const rows = results.flatMap(({ label, join, first, query, reloadFull, reloadCached, tables }) => [
      row(`${label}: joinSegments`, join, base.join.median),
      row(`${label}: join + first search`, first, base.first.median),
      row(`${label}: query (${queries.length} mixed, 30 hits)`, query, base.query.median),
      row(`${label} + 1 added: reload, join all + first search`, reloadFull, base.reloadFull.median),
      row(`${label} + 1 added: reload from cache + first search`, reloadCached, base.reloadFull.median),
      row(`${label}: CorpusQuery tables (warm)`, tables, base.tables.median),
    ]);
    rows.push(row('names index load (loadNamesIndex)', namesLoad, namesLoad.median));
    const once = (step: string, t: { ms: number; cpuMs: number }) => ({
      step,
      'median ms': t.ms,
      'p95 ms': Number.NaN,
      'cpu median ms': t.cpuMs,
      '× 1 segment': Number.NaN,
    });
    rows.push(once('mergeSegments 50 → 10 (5 at a time)', mergeTen), once('mergeSegments 50 → 1', mergeOne));
    rows.push(row('calibration: 10M-element typed-array loop', calibrate, calibrate.median));
    const metrics: Record<string, number> = {};
    for (const [i, r] of results.entries()) {
      const k = [1, 10, 50][i]!;
      metrics[`segments.${k}.joinMs`] = r.join.median;
      metrics[`segments.${k}.firstSearchMs`] = r.first.median;
      metrics[`segments.${k}.queryP50Ms`] = r.query.median;
      metrics[`segments.${k}.queryP95Ms`] = r.query.p95;
      metrics[`segments.${k}.reloadFullMs`] = r.reloadFull.median;
      metrics[`segments.${k}.reloadCachedMs`] = r.reloadCached.median;
    }
    metrics['segments.merge50to1Ms'] = mergeOne.ms;
    metrics['segments.calibrationMs'] = calibrate.median;
    return {
      rows,
      notes: [
        `${count} documents, ${pack.entities.length} entities, ${pack.passages.length} passages, ${pack.quotes.length} quotes, ${pack.mentions.length} mentions`,
        '"× 1 segment" compares with the 1-segment row of the same kind, measured in this run',
        'join + first search: the first search merges the segments’ vocabularies (once per loaded generation)',
        '+ 1 added: a reload after one added article; "from cache" gives the segments back from the previous join (segmentFromJoined) and extends its word list; its × compares with "join all"',
        'calibration: plain CPU work, ~10–20 ms on an idle core; divide by it to compare runs on a loaded machine',
        `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
      ],
      metrics,
    };
  },
});
