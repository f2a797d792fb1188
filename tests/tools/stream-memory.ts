/**
 * Memory of the streamed import in Node, on the worker's code path
 * (lib/import/stream.ts, lib/import/stream-run.ts; IndexedDB from
 * fake-indexeddb). Peak RSS is the process's own (`resourceUsage().maxRSS`,
 * a true peak); heap figures are sampled at every batch and progress message.
 *
 *   npx tsx --expose-gc tests/tools/stream-memory.ts reader [file]        # read the whole file, keep nothing
 *   npx tsx --expose-gc tests/tools/stream-memory.ts import N [file]      # runStreamImport of its first N articles
 *   npx tsx --expose-gc tests/tools/stream-memory.ts extract CHARS [file] # one batch of CHARS characters: extraction ms, heap
 *   npx tsx --expose-gc tests/tools/stream-memory.ts whole [file]         # for comparison: the file read whole, as parseFile must
 *   npx tsx --expose-gc tests/tools/stream-memory.ts idle                 # for comparison: this script doing nothing
 *
 * Default file: ../shared/data/whitehouse-briefings.jsonl.gz.
 */
import 'fake-indexeddb/auto';
import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultLexicon } from '../../lib/corpus/lexicon';
import { runStreamImport } from '../../lib/import/stream-run';
import { streamJsonl } from '../../lib/import/stream';
import { buildBundledPack } from '../../lib/node/bundled-corpus';
import { buildPack } from '../../lib/pack/build';
import { CorpusStore } from '../../lib/store/corpus-store';
import { localLock } from '../../lib/store/lock';

const MB = 1024 * 1024;
const [
  mode = 'reader',
  arg,
  file = path.resolve(import.meta.dirname, '../../../shared/data/whitehouse-briefings.jsonl.gz'),
] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
let peakHeap = 0;
const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
const report = (extra: Record<string, unknown>) => {
  gc?.();
  const m = process.memoryUsage();
  console.log(
    JSON.stringify({
      mode,
      arg,
      file: path.basename(file),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      peakHeapSampledMB: Math.round(peakHeap / MB),
      heapAfterGcMB: Math.round(m.heapUsed / MB),
      ...extra,
    }),
  );
};

async function reader(): Promise<void> {
  const blob = await openAsBlob(file);
  const t0 = performance.now();
  let docs = 0;
  let chars = 0;
  let batches = 0;
  for await (const b of streamJsonl(blob, path.basename(file))) {
    batches++;
    docs += b.docs.length;
    chars += b.docs.reduce((n, d) => n + d.text.length, 0);
    sample();
  }
  report({
    fileMB: +(blob.size / MB).toFixed(1),
    docs,
    textMB: +((chars * 2) / MB).toFixed(0),
    batches,
    ms: Math.round(performance.now() - t0),
  });
}

/** The first `n` lines of the file, gzipped again, as a Blob. */
async function firstLines(n: number): Promise<Blob> {
  const lines: string[] = [];
  for await (const b of streamJsonl(await openAsBlob(file), path.basename(file), { batchDocuments: 100 })) {
    for (const d of b.docs) if (lines.length < n) lines.push(JSON.stringify(d));
    if (lines.length >= n) break;
  }
  return new Blob([gzipSync(new TextEncoder().encode(lines.join('\n')))]);
}

async function importFirst(n: number): Promise<void> {
  const blob = await firstLines(n);
  gc?.();
  const name = `stream-memory-${Date.now()}`;
  const store = await CorpusStore.open({ name, lock: localLock() });
  const held = await CorpusStore.open({ name, lock: (fn) => fn(true) });
  const bundled = await buildBundledPack(path.resolve(import.meta.dirname, '../..'));
  const t0 = performance.now();
  const result = await runStreamImport(
    { files: [{ name: 'first.jsonl.gz', blob }] },
    {
      store,
      held,
      loadBundled: () => Promise.resolve(bundled),
      lexicon: defaultLexicon,
      generator: 'stream-memory',
      onProgress: sample,
    },
  );
  report({ added: result.added, total: result.total, ms: Math.round(performance.now() - t0) });
}

async function extract(chars: number): Promise<void> {
  for await (const b of streamJsonl(await openAsBlob(file), path.basename(file), { batchChars: chars })) {
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const pack = buildPack(b.docs, { lexicon: defaultLexicon, generator: 'stream-memory' });
    const ms = performance.now() - t0;
    sample();
    const textChars = b.docs.reduce((n, d) => n + d.text.length, 0);
    report({
      docs: b.docs.length,
      textChars,
      ms: Math.round(ms),
      charsPerMs: Math.round(textChars / ms),
      heapBeforeMB: Math.round(before / MB),
      entities: pack.entities.length,
    });
    return;
  }
}

/** What reading the file whole costs (gunzip, decode, parse every line): what a 64 MB limit protected. */
async function whole(): Promise<void> {
  const { gunzipSync } = await import('node:zlib');
  const { readFile } = await import('node:fs/promises');
  const { parseJsonlLine } = await import('../../lib/import/parse-file');
  const t0 = performance.now();
  let bytes: Uint8Array = await readFile(file);
  if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
  sample();
  // What parseFile does past its size check: decode everything, split, check every line.
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  sample();
  const docs = text.split(/\r?\n/).map((line, i) => parseJsonlLine('whole.jsonl', 'whole', i + 1, line));
  sample();
  report({
    docs: docs.filter((d) => d && typeof d !== 'string').length,
    ms: Math.round(performance.now() - t0),
    bytesMB: Math.round(bytes.length / MB),
  });
}

if (mode === 'reader') await reader();
else if (mode === 'whole') await whole();
else if (mode === 'idle') report({});
else if (mode === 'import') await importFirst(Number(arg ?? 300));
else if (mode === 'extract') await extract(Number(arg ?? 4_000_000));
else throw new Error(`stream-memory: unknown mode ${mode} (reader, import N, extract CHARS)`);
