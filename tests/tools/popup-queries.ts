/**
 * Where a popup query's time goes in the background, at 10,000 briefings, in Node (the same `searchCorpus`
 * the service worker runs): every keystroke of a set of queries typed as a user types them ("p", "pr",
 * "pre", …), each searched as the popup asks (`limit` 60, no filter), split into the names index
 * (MiniSearch), the text index (each call: strict, typo retry, speaker + words), reading texts, and the rest
 * (resolving, grouping, facets, result rows with snippets). Rows by query class (1 letter, 2 letters,
 * 3–4 letters, whole words, several words, typos), then the slowest queries.
 *
 *   npx tsx tests/tools/popup-queries.ts [--docs 10000] [--segments 1] [--rounds 3] [--golden FILE] [--check FILE]
 *
 * `--segments N` cuts the corpus into N segments of consecutive documents (a profile written from the pack
 * holds one: a plain TextIndex; an imported corpus several: the segmented index). `--golden FILE` writes what
 * every query of the mix (the keystrokes above and the search bench's 400-query mix) answers — hit ids in
 * order, total, suggestions, facets — and `--check FILE` compares this code's answers with such a file and
 * lists every query that differs (exit code 1), so a change to the query path can show it kept the results.
 * `--cpu-profile` also samples the keystroke rounds with V8's profiler and prints the functions with the
 * most self time. Prints the load average; never asserts a timing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { joinSegments } from '../../lib/pack/segment';
import type { Pack } from '../../lib/pack/types';
import { CorpusQuery } from '../../lib/query/corpus-query';
import { buildNamesIndex, loadNamesIndex } from '../../lib/search/records';
import type { TextSearcher } from '../../lib/search/text-index';
import type { SearchResults } from '../../lib/messages/protocol';
import { summarize } from '../bench/lib/measure';
import { segmentsOf } from '../bench/lib/split-pack';
import { briefingsPack } from '../bench/search/pack-cache';
import { queryMix } from '../bench/search/queries';
import { PROJECT_ROOT } from '../support/static-server';
import { TYPED } from './popup-query-set';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const docs = Number(option('docs', '10000'));
const segmentCount = Number(option('segments', '1'));
const rounds = Number(option('rounds', '3'));
const goldenOut = option('golden', '');
const goldenIn = option('check', '');
const cpuProfile = args.includes('--cpu-profile');
const LIMIT = 60;

/** The class of a query, for the table. */
function classOf(query: string, typos: ReadonlySet<string>): string {
  const q = query.trim();
  if (typos.has(q)) return 'typo (whole word)';
  if (/\s/.test(q)) return 'several words';
  if (q.length === 1) return '1 letter';
  if (q.length === 2) return '2 letters';
  if (q.length <= 4) return '3–4 letters';
  return '5+ letters';
}

/** `pack` cut into `count` segments of consecutive documents, as the store keeps a corpus imported in batches. */
function corpusOf(pack: Pack, count: number): CorpusQuery {
  const { segments, texts: perSegment } = segmentsOf(pack, count);
  const texts = perSegment.flat();
  const joined = joinSegments(pack.entities, segments, { createdAt: pack.createdAt });
  const namesJson = buildNamesIndex(pack.entities);
  return new CorpusQuery({
    model: joined.model,
    indexes: { names: namesJson, text: joined.text },
    names: loadNamesIndex(namesJson),
    entityIndex: joined.entityIndex,
    texts: (wanted) => Promise.resolve(wanted.map((d) => texts[d]!)),
  });
}

/** Time spent in each part of the query path, summed over one search: wraps the parts it calls. */
class Phases {
  private acc: Record<string, number> = {};
  private calls: Record<string, number> = {};

  /** Wraps `object[method]` so its time adds to `phase`. */
  wrap<T extends object>(object: T, method: keyof T & string, phase: (...a: never[]) => string): void {
    const original = (object[method] as (...a: unknown[]) => unknown).bind(object);
    (object as Record<string, unknown>)[method] = (...a: unknown[]) => {
      const t = performance.now();
      const name = (phase as (...x: unknown[]) => string)(...a);
      const out = original(...a);
      if (out instanceof Promise) {
        return out.finally(() => this.add(name, performance.now() - t));
      }
      this.add(name, performance.now() - t);
      return out;
    };
  }

  private add(name: string, ms: number): void {
    this.acc[name] = (this.acc[name] ?? 0) + ms;
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  take(): { ms: Record<string, number>; calls: Record<string, number> } {
    const out = { ms: this.acc, calls: this.calls };
    this.acc = {};
    this.calls = {};
    return out;
  }
}

/** What a query answers, for comparing two versions of the code. */
function digest(r: SearchResults): unknown {
  return {
    hits: r.hits.map((h) => h.id),
    total: r.total,
    suggestions: r.suggestions,
    facets: {
      types: r.facets.types.map((t) => `${t.type}:${t.count}`),
      speakers: r.facets.speakers.map((s) => `${s.id}:${s.count}`),
      documents: r.facets.documents.map((d) => `${d.id}:${d.count}`),
    },
  };
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

/** The functions with the most self time in a V8 CPU profile, by name and place. */
function printSelfTime(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const frame = byId.get(samples[i]!)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber + 1}`;
    const ms = (deltas[i] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  }
  console.log(`\nself time over the keystroke rounds (${fmt(total)} ms sampled) | ms | share`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${key} | ${fmt(ms)} | ${((100 * ms) / total).toFixed(1)}%`);
}

async function main(): Promise<void> {
  const shared = path.resolve(PROJECT_ROOT, '..', 'shared');
  const { pack } = await briefingsPack(PROJECT_ROOT, shared, docs, (line) => console.error(line));
  console.error(`popup-queries: ${pack.documents.length} documents, ${segmentCount} segment(s); building`);
  const corpus = corpusOf(pack, segmentCount);
  corpus.warm();

  const typos = new Set(['presidnet', 'tarifs', 'ukrane', 'secretery of state']);
  const keystrokes: string[] = [];
  for (const q of TYPED) for (let i = 1; i <= q.length; i++) if (q[i - 1] !== ' ') keystrokes.push(q.slice(0, i));
  const mix = queryMix(pack, 400);

  if (goldenOut || goldenIn) {
    const answers: Record<string, unknown> = {};
    for (const q of [...new Set([...keystrokes, ...mix])]) answers[q] = digest(await corpus.search(q, LIMIT));
    if (goldenOut) {
      writeFileSync(goldenOut, JSON.stringify({ docs, segments: segmentCount, limit: LIMIT, answers }));
      console.error(`popup-queries: wrote ${Object.keys(answers).length} answers to ${goldenOut}`);
    }
    if (goldenIn) {
      const old = JSON.parse(readFileSync(goldenIn, 'utf8')) as { answers: Record<string, unknown> };
      const differ = Object.keys(answers).filter((q) => JSON.stringify(answers[q]) !== JSON.stringify(old.answers[q]));
      console.log(`golden: ${Object.keys(answers).length - differ.length} of ${Object.keys(answers).length} same`);
      for (const q of differ.slice(0, 40)) {
        console.log(`  differs: ${JSON.stringify(q)}`);
        console.log(`    before ${JSON.stringify(old.answers[q]).slice(0, 600)}`);
        console.log(`    after  ${JSON.stringify(answers[q]).slice(0, 600)}`);
      }
      if (differ.length) process.exitCode = 1;
    }
    return;
  }

  // Instrument the parts of the query path (the instances the search reads).
  const phases = new Phases();
  const loaded = (corpus as unknown as { indexes: { names: object; text: TextSearcher } }).indexes;
  phases.wrap(loaded.names as { search: () => unknown }, 'search', () => 'names index');
  phases.wrap(loaded.text, 'search', (_q: string, o: { fuzzy: boolean; boost?: unknown }) =>
    o.boost ? 'text: speaker + words' : o.fuzzy ? 'text: typo retry' : 'text: strict',
  );
  phases.wrap(corpus, 'texts', () => 'texts read');

  for (const q of keystrokes.slice(0, 30)) await corpus.search(q, LIMIT);
  phases.take();
  const byClass = new Map<string, number[]>();
  const byPhase = new Map<string, number[]>();
  /** Per keystroke, its slowest round. */
  const slowest = new Map<string, { ms: number; parts: Record<string, number> }>();
  const load = loadavg();
  const session = cpuProfile ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  for (let round = 0; round < rounds; round++) {
    for (const q of keystrokes) {
      const t = performance.now();
      await corpus.search(q, LIMIT);
      const ms = performance.now() - t;
      const { ms: parts } = phases.take();
      const named = Object.values(parts).reduce((a, b) => a + b, 0);
      parts['rest (resolve, group, facets, rows)'] = ms - named;
      const cls = classOf(q, typos);
      (byClass.get(cls) ?? byClass.set(cls, []).get(cls)!).push(ms);
      (byClass.get('all keystrokes') ?? byClass.set('all keystrokes', []).get('all keystrokes')!).push(ms);
      for (const [k, v] of Object.entries(parts)) (byPhase.get(k) ?? byPhase.set(k, []).get(k)!).push(v);
      if (!(ms <= (slowest.get(q)?.ms ?? -1))) slowest.set(q, { ms, parts });
    }
  }
  const profile = session ? (await session.post('Profiler.stop')).profile : null;
  const mixSamples: number[] = [];
  for (const q of mix) {
    const t = performance.now();
    await corpus.search(q, LIMIT);
    mixSamples.push(performance.now() - t);
  }
  phases.take();

  console.log(
    `popup-queries: ${pack.documents.length} documents, ${segmentCount} segment(s), limit ${LIMIT}, ${rounds} rounds of ${keystrokes.length} keystrokes; load average ${load.map((l) => l.toFixed(2)).join(' ')} → ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('\nclass | n | median ms | p95 ms | max ms');
  for (const [cls, v] of [...byClass].sort()) {
    const s = summarize(v);
    console.log(`${cls} | ${v.length} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(s.max)}`);
  }
  const m = summarize(mixSamples);
  console.log(`search bench mix (400) | ${mixSamples.length} | ${fmt(m.median)} | ${fmt(m.p95)} | ${fmt(m.max)}`);
  console.log('\npart (per keystroke, summed over its calls) | median ms | p95 ms | max ms');
  for (const [k, v] of byPhase) {
    while (v.length < rounds * keystrokes.length) v.push(0);
    const s = summarize(v);
    console.log(`${k} | ${fmt(s.median)} | ${fmt(s.p95)} | ${fmt(s.max)}`);
  }
  console.log('\nslowest keystrokes (the largest of the rounds) | ms | parts');
  for (const [q, a] of [...slowest].sort((x, y) => y[1].ms - x[1].ms).slice(0, 15)) {
    const parts = Object.entries(a.parts)
      .filter(([, v]) => v >= 0.5)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ');
    console.log(`${JSON.stringify(q)} | ${fmt(a.ms)} | ${parts}`);
  }
  console.log('\nwhole queries (the last keystroke; its slowest round) | ms | parts');
  for (const q of TYPED) {
    const a = slowest.get(q);
    if (!a) continue;
    const parts = Object.entries(a.parts)
      .filter(([, v]) => v >= 0.5)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ');
    console.log(`${JSON.stringify(q)} | ${fmt(a.ms)} | ${parts}`);
  }
  if (profile) printSelfTime(profile);
}

await main();
