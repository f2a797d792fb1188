/**
 * The browser import, end to end in Node: 1,000 articles as a `.jsonl` file go
 * through the options page's parser (`parseFile`) and the worker's code path
 * (`runImport`: merge, extract, index, write a generation to IndexedDB —
 * fake-indexeddb here — re-read, verify, swap). Then 10 more articles into
 * that 1,000-article corpus, the cost of re-extracting everything.
 * Target: 1,000 Wikinews-sized articles in ≤ 60 s on a 2-core machine.
 */
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultLexicon } from '../../lib/corpus/lexicon';
import { parseFile } from '../../lib/import/parse-file';
import { runImport } from '../../lib/import/run-import';
import { buildBundledPack } from '../../lib/node/bundled-corpus';
import { CorpusStore } from '../../lib/store/corpus-store';
import { localLock } from '../../lib/store/lock';
import { defineBench } from './lib/contract';
import type { Row } from './lib/table';

const TARGET_MS = 60_000;

/** The Wikinews articles repeated to `n`, each copy with its own id and a line that makes its text distinct. */
async function wikinewsJsonl(sharedDir: string, n: number): Promise<Uint8Array> {
  const lines = (await readFile(path.join(sharedDir, 'data/wikinews-2019-2020.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean);
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const a = JSON.parse(lines[i % lines.length]!) as { id: string; text: string };
    out.push(JSON.stringify({ ...a, id: `${a.id}~${i}`, text: `${a.text}\n\nCopy ${i}.` }));
  }
  return new TextEncoder().encode(out.join('\n'));
}

export default defineBench({
  name: 'import',
  description: 'options-page import of 1,000 Wikinews articles (.jsonl) through parseFile + runImport into IndexedDB',
  needsShared: true,
  async run(ctx) {
    const n = ctx.quick ? 100 : 1000;
    const bundled = await buildBundledPack(ctx.root);
    const bytes = await wikinewsJsonl(ctx.sharedDir!, n + 10);
    const rows: Row[] = [];
    const metrics: Record<string, number> = {};
    const store = await CorpusStore.open({ name: `bench-${Date.now()}`, lock: localLock() });
    const deps = { store, loadBundled: () => Promise.resolve(bundled), lexicon: defaultLexicon, generator: 'bench' };
    let parsed = parseFile('wikinews.jsonl', bytes);
    const parse = await ctx.timed(() => (parsed = parseFile('wikinews.jsonl', bytes)));
    const first = { docs: parsed.docs.slice(0, n), packs: [] };
    const more = { docs: parsed.docs.slice(n), packs: [] };
    const phases: Record<string, number> = {};
    let phaseStart = performance.now();
    let phase = '';
    const onProgress = (p: { phase: string }) => {
      if (p.phase === phase) return;
      if (phase) phases[phase] = (phases[phase] ?? 0) + performance.now() - phaseStart;
      phase = p.phase;
      phaseStart = performance.now();
    };
    ctx.log(`import ${n} articles into the bundled corpus`);
    const mem = ctx.peakMemory();
    const t1 = await ctx.timed(() => runImport(first, { ...deps, onProgress }));
    const peak = await mem.stop();
    phases[phase] = (phases[phase] ?? 0) + performance.now() - phaseStart;
    ctx.log(`import 10 more into ${n}`);
    const t2 = await ctx.timed(() => runImport(more, deps));
    const total = parse.ms + t1.ms;
    rows.push({ step: `parse ${n + 10} lines (.jsonl)`, ms: Math.round(parse.ms), 'CPU ms': Math.round(parse.cpuMs) });
    for (const [k, ms] of Object.entries(phases)) rows.push({ step: `  runImport: ${k}`, ms: Math.round(ms) });
    rows.push({
      step: `runImport ${n} → empty store`,
      ms: Math.round(t1.ms),
      'CPU ms': Math.round(t1.cpuMs),
      'peak RSS MB': Math.round(peak.rssMB),
    });
    rows.push({ step: `runImport 10 → ${n}-article store`, ms: Math.round(t2.ms), 'CPU ms': Math.round(t2.cpuMs) });
    metrics['import.parse.ms'] = Math.round(parse.ms);
    metrics['import.first.ms'] = Math.round(t1.ms);
    metrics['import.incremental10.ms'] = Math.round(t2.ms);
    store.close();
    return {
      rows,
      metrics,
      notes: [
        'Same code as the options page and its worker; IndexedDB is fake-indexeddb (in memory), so "saving" is a lower bound of Chromium\'s disk-backed store.',
        `Target ≤ ${TARGET_MS / 1000} s for ${n} articles (parse + import): ${total <= TARGET_MS ? 'met' : 'NOT met'} (${(total / 1000).toFixed(1)} s).${ctx.quick ? ' (--quick: do not quote.)' : ''}`,
      ],
    };
  },
});
