/**
 * Throughput of the knowledge extraction (`extractKnowledge`) and of the whole pack build
 * (`buildPack`: extraction and the pack), in MB of UTF-8 text per second, on the Wikinews
 * file and the first 1,000 White House briefings, with peak memory. The baseline, measured in
 * the same run, is the pipeline's own tokenizer alone over the same text.
 *
 * Then incremental extraction (issue #14): `extractIncrement` of 1 and 10 new briefings against
 * the state and table of the first 1,000 and 10,000 briefings, beside the same articles
 * extracted alone (`extractKnowledge`, what they cost without a corpus), and the state's size
 * (structured-clone bytes, as IndexedDB stores it).
 */
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { compileLexicon } from '../../lib/corpus/compiled-lexicon';
import { extractKnowledge } from '../../lib/corpus/extract';
import { extractIncrement, extractWithState } from '../../lib/corpus/increment';
import { defaultLexicon } from '../../lib/corpus/lexicon';
import { splitParagraphs, tokenize } from '../../lib/corpus/segment';
import type { SourceDocument } from '../../lib/corpus/types';
import { formatIssue } from '../../lib/node/inputs';
import { readJsonlFile } from '../../lib/node/jsonl-input';
import { buildPack } from '../../lib/pack/build';
import { defineBench, type BenchContext } from './lib/contract';
import type { MemoryPeak } from './lib/measure';
import type { Row } from './lib/table';

/** The throughput the issue asks for, on this machine. */
const TARGET_MB_PER_SEC = 1;

interface DataSet {
  key: string;
  file: string;
  limit?: number;
  quickLimit: number;
}

const DATA_SETS: DataSet[] = [
  { key: 'wikinews', file: 'data/wikinews-2019-2020.jsonl', quickLimit: 60 },
  { key: 'whitehouse-1k', file: 'data/whitehouse-briefings.jsonl.gz', limit: 1000, quickLimit: 100 },
];

/** Only the tokenizer of the pipeline: paragraphs and tokens, nothing kept. */
function tokenizeOnly(docs: SourceDocument[], abbreviations: ReadonlySet<string>): number {
  let n = 0;
  for (const d of docs) for (const p of splitParagraphs(d.text)) n += tokenize(d.text, p, abbreviations).length;
  return n;
}

async function load(ctx: BenchContext, set: DataSet): Promise<SourceDocument[]> {
  const limit = ctx.quick ? set.quickLimit : set.limit;
  const { docs, issues } = await readJsonlFile(path.join(ctx.sharedDir!, set.file), limit);
  for (const i of issues) ctx.log(formatIssue(i));
  // The same reader as `npm run corpus -- build`, so this measures what a user's pack goes through.
  return docs.map(({ origin: _o, keepId: _k, ...d }) => d);
}

interface Timing {
  ms: number;
  cpuMs: number;
  p95?: number;
}

async function benchDataSet(ctx: BenchContext, set: DataSet, rows: Row[], metrics: Record<string, number>) {
  const docs = await load(ctx, set);
  const mb = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / 1e6;
  const warm = { runs: ctx.quick ? 1 : 3, warmup: 0 };
  let baseMs = 0;
  const row = (step: string, pass: string, t: Timing, memory?: MemoryPeak): void => {
    const mbPerSec = mb / (t.ms / 1000);
    rows.push({
      'data set': set.key,
      step,
      pass,
      docs: docs.length,
      MB: mb,
      'median ms': Math.round(t.ms),
      'p95 ms': t.p95 === undefined ? null : Math.round(t.p95),
      'MB/s': mbPerSec,
      'MB/CPU-s': mb / (t.cpuMs / 1000),
      '× tokenizer': t.ms / baseMs,
      'peak RSS MB': memory ? Math.round(memory.rssMB) : null,
      'peak heap MB': memory ? Math.round(memory.heapMB) : null,
    });
    const key = `${set.key}.${step}.${pass}`;
    metrics[`${key}.mbPerSec`] = Math.round(mbPerSec * 100) / 100;
    metrics[`${key}.mbPerCpuSec`] = Math.round((mb / (t.cpuMs / 1000)) * 100) / 100;
    metrics[`${key}.medianMs`] = Math.round(t.ms);
    if (memory) metrics[`${key}.peakRssMB`] = Math.round(memory.rssMB);
    if (memory) metrics[`${key}.peakHeapMB`] = Math.round(memory.heapMB);
  };
  const withMemory = async (fn: () => Promise<Timing>): Promise<[Timing, MemoryPeak]> => {
    ctx.collectGarbage();
    const mem = ctx.peakMemory();
    const t = await fn();
    return [t, await mem.stop()];
  };
  const extract = (): unknown => extractKnowledge(docs, defaultLexicon);
  const build = (): unknown => buildPack(docs, { lexicon: defaultLexicon, generator: 'bench' });

  // Cold: the first extraction of this data set in the process (the JIT is cold for the
  // first data set; later ones profit from the JIT work done on earlier ones).
  ctx.log(`${set.key}: ${docs.length} documents, ${mb.toFixed(2)} MB — extraction, cold`);
  const [cold, coldMem] = await withMemory(() => ctx.timed(extract));
  ctx.log(`${set.key}: tokenizer baseline`);
  const abbreviations = compileLexicon(defaultLexicon).abbreviations;
  const base = await ctx.measure(() => tokenizeOnly(docs, abbreviations), { runs: ctx.quick ? 2 : 5, warmup: 1 });
  baseMs = base.median;
  row('tokenize only', 'baseline', { ms: base.median, cpuMs: base.cpuMedian, p95: base.p95 });
  row('extract', 'cold', cold, coldMem);
  ctx.log(`${set.key}: extraction, warm ×${warm.runs}`);
  const [w, wMem] = await withMemory(async () => {
    const m = await ctx.measure(extract, warm);
    return { ms: m.median, cpuMs: m.cpuMedian, p95: m.p95 };
  });
  row('extract', 'warm', w, wMem);
  ctx.log(`${set.key}: buildPack ×${warm.runs}`);
  const [p, pMem] = await withMemory(async () => {
    const m = await ctx.measure(build, warm);
    return { ms: m.median, cpuMs: m.cpuMedian, p95: m.p95 };
  });
  row('buildPack', 'warm', p, pMem);
}

/** Corpus sizes the increments are measured against, and the articles added (after the largest corpus). */
const INCREMENT_CORPORA = [1000, 10000];
const INCREMENT_QUICK_CORPORA = [100, 300];
const INCREMENT_SIZES = [1, 10];

async function benchIncrements(ctx: BenchContext, rows: Row[], metrics: Record<string, number>): Promise<void> {
  const corpora = ctx.quick ? INCREMENT_QUICK_CORPORA : INCREMENT_CORPORA;
  const runs = ctx.quick ? 3 : 20;
  const largest = Math.max(...corpora);
  const addedCount = runs * Math.max(...INCREMENT_SIZES);
  const { docs: read, issues } = await readJsonlFile(
    path.join(ctx.sharedDir!, 'data/whitehouse-briefings.jsonl.gz'),
    largest + addedCount,
  );
  for (const i of issues) ctx.log(formatIssue(i));
  const docs = read.map(({ origin: _o, keepId: _k, ...d }) => d);
  const added = docs.slice(largest);
  for (const size of corpora) {
    ctx.log(`increments: full build of the first ${size} briefings, with its state`);
    const t0 = performance.now();
    const base = extractWithState(docs.slice(0, size), defaultLexicon);
    const buildMs = performance.now() - t0;
    const stateBytes = v8.serialize(base.state).length;
    const tableBytes = v8.serialize(base.knowledge.entities).length;
    const s0 = performance.now();
    v8.deserialize(v8.serialize(base.state));
    const cloneMs = performance.now() - s0;
    ctx.log(
      `  ${Math.round(buildMs)} ms; state ${(stateBytes / 1e6).toFixed(2)} MB, table ${(tableBytes / 1e6).toFixed(2)} MB`,
    );
    metrics[`increment.${size}.stateBytes`] = stateBytes;
    metrics[`increment.${size}.tableBytes`] = tableBytes;
    for (const n of INCREMENT_SIZES) {
      let next = 0;
      const pick = (): typeof docs => {
        const from = (next++ * n) % Math.max(1, added.length - n + 1);
        return added.slice(from, from + n);
      };
      const inc = await ctx.measure(
        () => extractIncrement(pick(), defaultLexicon, base.knowledge.entities, base.state),
        { runs, warmup: 1 },
      );
      next = 0;
      const alone = await ctx.measure(() => extractKnowledge(pick(), defaultLexicon), { runs, warmup: 1 });
      const mb = added.slice(0, runs * n).reduce((a, d) => a + Buffer.byteLength(d.text), 0) / 1e6 / runs;
      rows.push({
        'data set': `whitehouse-${size}`,
        step: `increment +${n}`,
        pass: 'warm',
        docs: n,
        MB: mb,
        'median ms': Math.round(inc.median),
        'p95 ms': Math.round(inc.p95),
        'MB/s': mb / (inc.median / 1000),
        'MB/CPU-s': mb / (inc.cpuMedian / 1000),
        '× tokenizer': null,
        'peak RSS MB': null,
        'peak heap MB': null,
        'alone median ms': Math.round(alone.median),
        'alone CPU ms': Math.round(alone.cpuMedian),
        'increment CPU ms': Math.round(inc.cpuMedian),
        'state MB': stateBytes / 1e6,
        'state clone ms': Math.round(cloneMs),
      });
      const key = `increment.${size}.plus${n}`;
      metrics[`${key}.medianMs`] = Math.round(inc.median);
      metrics[`${key}.p95Ms`] = Math.round(inc.p95);
      metrics[`${key}.cpuMedianMs`] = Math.round(inc.cpuMedian);
      metrics[`${key}.aloneMedianMs`] = Math.round(alone.median);
      metrics[`${key}.aloneCpuMedianMs`] = Math.round(alone.cpuMedian);
    }
  }
}

export default defineBench({
  name: 'extraction',
  description: 'extractKnowledge and buildPack throughput (MB/s) and peak memory on Wikinews and White House briefings',
  needsShared: true,
  async run(ctx) {
    const rows: Row[] = [];
    const metrics: Record<string, number> = {};
    for (const set of DATA_SETS) await benchDataSet(ctx, set, rows, metrics);
    await benchIncrements(ctx, rows, metrics);
    const slowest = (unit: 'mbPerSec' | 'mbPerCpuSec'): number =>
      Math.min(...DATA_SETS.flatMap((d) => ['cold', 'warm'].map((p) => metrics[`${d.key}.extract.${p}.${unit}`] ?? 0)));
    const [wall, cpu] = [slowest('mbPerSec'), slowest('mbPerCpuSec')];
    const verdict = (x: number): string => `${x.toFixed(2)} MB/s (${x >= TARGET_MB_PER_SEC ? 'met' : 'NOT met'})`;
    return {
      rows,
      metrics,
      notes: [
        'MB = 10^6 bytes of UTF-8 document text (after the CLI reader joins hard-wrapped lines). "× tokenizer" = time / time of the pipeline\'s tokenizer alone on the same text, same run.',
        "cold = first extraction of the data set in this process; warm = median of the next runs (buildPack runs after them, so warm too). MB/CPU-s uses CPU time, steadier than wall time on a shared machine. Peak RSS is process-wide (includes the loaded documents and tsx); peak heap is the main thread's V8 heap.",
        `Increments: "increment +N" = extractIncrement of N new briefings (after the first ${Math.max(...(ctx.quick ? INCREMENT_QUICK_CORPORA : INCREMENT_CORPORA)).toLocaleString('en')}) against the state and table of the corpus named in "data set", ${ctx.quick ? 3 : 20} runs on different articles; "alone" = extractKnowledge of the same articles without a corpus (what the articles cost); state MB = v8.serialize(state).length (IndexedDB's structured clone), "state clone ms" = serialize + deserialize once.`,
        `Target ≥ ${TARGET_MB_PER_SEC} MB/s for the extraction, slowest pass: wall ${verdict(wall)}, per CPU-second ${verdict(cpu)}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs.${ctx.quick ? ' (--quick: small inputs, do not quote these figures.)' : ''}`,
      ],
    };
  },
});
