/**
 * Adding articles to a stored corpus of 1,000 and 10,000 White House briefings
 * (issue #14), in Node with fake-indexeddb: today's path before the segments
 * (every article extracted again with the new ones, both indexes rebuilt, the
 * whole generation written) beside `runImport` appending one segment (only the
 * new articles extracted, one segment + a new manifest written, idle merge
 * included as the import worker runs it). Time (median, p95) and bytes handed
 * to IndexedDB per import.
 */
import 'fake-indexeddb/auto';
import os from 'node:os';
import path from 'node:path';
import { defaultLexicon } from '../../lib/corpus/lexicon';
import { applyEdits } from '../../lib/edits/apply-edits';
import { carryOver, planMerge } from '../../lib/import/merge';
import { mergeWhenIdle, runImport } from '../../lib/import/run-import';
import { readJsonlFile } from '../../lib/node/jsonl-input';
import { buildPack } from '../../lib/pack/build';
import type { Pack } from '../../lib/pack/types';
import type { SourceDocument } from '../../lib/corpus/types';
import { CorpusStore } from '../../lib/store/corpus-store';
import { localLock } from '../../lib/store/lock';
import { defineBench } from './lib/contract';
import type { Row } from './lib/table';
import { briefingsPack } from './search/pack-cache';

/** Bytes a value takes when IndexedDB clones it (typed arrays by their bytes, strings at 2 bytes a character). */
function sizeOf(value: unknown, seen = new Set<object>()): number {
  if (typeof value === 'string') return value.length * 2;
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  let n = 0;
  for (const [k, v] of Object.entries(value)) n += k.length * 2 + sizeOf(v, seen);
  return n;
}

/** Counts what is `put`/`add`ed to IndexedDB while installed. */
function countWrites(): { bytes: () => number; stop: () => void } {
  const proto = globalThis.IDBObjectStore.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored as it was
  const [put, add] = [proto.put, proto.add];
  let bytes = 0;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    bytes += sizeOf(args[0]);
    return put.apply(this, args);
  };
  proto.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
    bytes += sizeOf(args[0]);
    return add.apply(this, args);
  };
  return {
    bytes: () => bytes,
    stop: () => {
      proto.put = put;
      proto.add = add;
    },
  };
}

/** The first `n` documents of `pack` with their knowledge (entities nobody mentions left out). */
function firstDocs(pack: Pack, n: number): Pack {
  const docs = pack.documents.slice(0, n);
  const ids = new Set(docs.map((d) => d.id));
  const keep = <T extends { docId: string }>(x: T) => ids.has(x.docId);
  const mentions = pack.mentions.filter(keep);
  const quotes = pack.quotes.filter(keep);
  const used = new Set([...mentions.map((m) => m.entityId), ...quotes.flatMap((q) => q.speakerId ?? [])]);
  return {
    ...pack,
    documents: docs,
    passages: pack.passages.filter(keep),
    mentions,
    quotes,
    entities: pack.entities.filter((e) => used.has(e.id)),
  };
}

/** What `runImport` did before the segments: merge, extract everything again, apply the log, write it all. */
async function fullRebuild(store: CorpusStore, docs: SourceDocument[]): Promise<void> {
  await store.withWriteLock(async () => {
    const existing = (await store.readActive())!.pack;
    const plan = planMerge(existing, { docs, packs: [] });
    const built = buildPack(plan.docs, { lexicon: defaultLexicon, generator: 'bench' });
    carryOver(built.entities, existing.entities);
    await store.write(applyEdits(built, await store.readEdits()));
  });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const mb = (bytes: number) => Math.round(bytes / 1e4) / 100;

export default defineBench({
  name: 'append',
  description: 'add 1 and 10 briefings to stored corpora of 1,000 and 10,000: full rebuild (old) vs segment append',
  needsShared: true,
  async run(ctx) {
    const sizes = ctx.quick ? [1000] : [1000, 10000];
    const runs = ctx.quick ? 3 : 7;
    const { pack: all } = await briefingsPack(ctx.root, ctx.sharedDir!, 10000, (line) => ctx.log(line));
    // New articles: briefings after the first 10,000 (none of them is in either corpus).
    const { docs: read } = await readJsonlFile(
      path.join(ctx.sharedDir!, 'data/whitehouse-briefings.jsonl.gz'),
      10000 + 200,
    );
    const fresh: SourceDocument[] = read.slice(10000).map(({ origin: _o, keepId: _k, ...d }) => d);
    let next = 0;
    const take = (k: number) => fresh.slice(next, (next += k));
    const rows: Row[] = [];
    const metrics: Record<string, number> = {};
    const load0 = os.loadavg();
    for (const size of sizes) {
      const base = firstDocs(all, size);
      for (const [label, old] of [
        ['full rebuild (before)', true],
        ['append (segments)', false],
      ] as const) {
        const store = await CorpusStore.open({ name: `append-bench-${size}-${old}-${Date.now()}`, lock: localLock() });
        ctx.log(`append: ${size} briefings, ${label}: storing the corpus`);
        const writes = countWrites();
        const first = await ctx.timed(() => store.commit(base));
        const firstBytes = writes.bytes();
        writes.stop();
        if (!old) {
          rows.push({
            corpus: size,
            path: label,
            step: 'store the corpus as one segment (once; a layout-2 corpus pays this on its first append)',
            'median ms': Math.round(first.ms),
            'p95 ms': '',
            'MB written': mb(firstBytes),
          });
        }
        // The old path costs many minutes at 10,000 on a shared machine: there, only 10 articles, once
        // (it does the same work for 1 or 10: at 1,000 the two differ by ~15%).
        for (const added of old && size >= 10000 ? [10] : [1, 10]) {
          const n = old ? (size >= 10000 ? 1 : 2) : size >= 10000 ? Math.min(runs, 5) : runs;
          const times: number[] = [];
          const bytes: number[] = [];
          for (let r = 0; r < n; r++) {
            const docs = take(added);
            if (docs.length < added) throw new Error('append bench: ran out of new briefings');
            const w = countWrites();
            const t = await ctx.timed(async () => {
              if (old) await fullRebuild(store, docs);
              else {
                await runImport(
                  { docs, packs: [] },
                  {
                    store,
                    loadBundled: () => Promise.reject(new Error('not empty')),
                    lexicon: defaultLexicon,
                    generator: 'bench',
                  },
                );
                await mergeWhenIdle(store);
              }
            });
            w.stop();
            times.push(t.ms);
            bytes.push(w.bytes());
            ctx.log(`  +${added}: ${Math.round(t.ms)} ms, ${mb(w.bytes())} MB`);
          }
          rows.push({
            corpus: size,
            path: label,
            step: `add ${added} article${added > 1 ? 's' : ''} (${n} runs)`,
            'median ms': Math.round(percentile(times, 50)),
            'p95 ms': Math.round(percentile(times, 95)),
            'MB written': mb(percentile(bytes, 50)),
          });
          const key = `append.${size}.${old ? 'rebuild' : 'segment'}.add${added}`;
          metrics[`${key}.medianMs`] = Math.round(percentile(times, 50));
          metrics[`${key}.p95Ms`] = Math.round(percentile(times, 95));
          metrics[`${key}.bytes`] = percentile(bytes, 50);
        }
        if (!old) {
          const m = await store.readManifest();
          const manifestBytes = sizeOf(m?.manifest);
          rows.push({
            corpus: size,
            path: label,
            step: `manifest now (${m?.manifest.segments.length} segments, ${m?.manifest.entities.length} entities): entity table + names index`,
            'median ms': '',
            'p95 ms': '',
            'MB written': mb(manifestBytes),
          });
          metrics[`append.${size}.manifest.bytes`] = manifestBytes;
        }
        store.close();
      }
    }
    const load1 = os.loadavg();
    return {
      rows,
      metrics,
      notes: [
        'IndexedDB is fake-indexeddb (in memory): times leave out disk writes; "MB written" is the structured size of every put/add (typed arrays by bytes, strings at 2 bytes a character).',
        'Append times include runImport (dedupe, extractIncrement, applyEdits, buildSegment, write + verify + swap) and the idle merge the import worker runs before it says done.',
        `Load average (1 min) ${load0[0]!.toFixed(2)} at start, ${load1[0]!.toFixed(2)} at end, on ${os.cpus().length} cores.`,
      ],
    };
  },
});
