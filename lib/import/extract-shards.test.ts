import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CapitalizationStats } from '../corpus/capitalization';
import { extractIncrement, extractWithState } from '../corpus/increment';
import { defaultLexicon } from '../corpus/lexicon';
import type { SourceDocument } from '../corpus/types';
import {
  addCapitalizationCounts,
  extractInShards,
  ShardPasses,
  sliceByText,
  type ExtractShard,
} from './extract-shards';

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../corpus/fixtures/wikinews-sample.json'), 'utf8'),
) as { documents: { id?: string; title?: string; text: string }[] };
const shared = path.resolve(__dirname, '../../../shared');
const hasShared = fs.existsSync(path.join(shared, 'data/wikinews-2019-2020.jsonl'));

function docs(): SourceDocument[] {
  const own = fixture.documents.map((d, i) => ({ id: `fx-${i}`, title: d.title ?? '', text: d.text }));
  if (!hasShared) return own;
  const wiki = fs
    .readFileSync(path.join(shared, 'data/wikinews-2019-2020.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 60)
    .map((l, i) => {
      const d = JSON.parse(l) as { title?: string; text: string };
      return { id: `wn-${i}`, title: d.title ?? '', text: d.text };
    });
  return [...own, ...wiki];
}

/** A shard in this thread that, like a Worker, sees only structured clones of what it is sent and sends back. */
function clonedShard(): ExtractShard & { calls: string[] } {
  const passes = new ShardPasses(defaultLexicon);
  const calls: string[] = [];
  return {
    calls,
    analyse: (d, offset, collect) => {
      calls.push('analyse');
      return Promise.resolve(structuredClone(passes.analyse(structuredClone(d), offset, collect)));
    },
    names: (counts) => {
      calls.push('names');
      return Promise.resolve(structuredClone(passes.names(structuredClone(counts))));
    },
    link: (request) => {
      calls.push('link');
      return Promise.resolve(structuredClone(passes.link(structuredClone(request))));
    },
    release: () => passes.release(),
  };
}

/**
 * What IndexedDB would store, as canonical JSON: typed arrays with their type. (`v8.serialize`
 * is not canonical: equal numbers serialise differently once V8 holds an array's elements as
 * doubles, which depends on what ran before in the process.)
 */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? { [v.constructor.name]: Array.from(v as unknown as ArrayLike<number>) } : v,
  );
const print = (r: { knowledge: unknown; state: unknown }) => ({
  knowledge: canonical(r.knowledge),
  state: canonical(r.state),
});

describe('extraction in shards', () => {
  it(
    'gives exactly the single-thread result, from an empty corpus and as an increment',
    { timeout: 240_000 },
    async () => {
      const all = docs();
      const cut = Math.floor(all.length / 2);
      const first = all.slice(0, cut);
      const later = all.slice(cut);
      for (const n of [1, 2, 3, 7]) {
        const shards = Array.from({ length: n }, clonedShard);
        const base = extractWithState(first, defaultLexicon);
        const sharded = await extractInShards(
          first,
          defaultLexicon,
          [],
          extractWithState([], defaultLexicon).state,
          shards,
        );
        expect(print(sharded)).toEqual(print(base));
        const inc = extractIncrement(later, defaultLexicon, base.knowledge.entities, base.state);
        const incSharded = await extractInShards(later, defaultLexicon, base.knowledge.entities, base.state, shards);
        expect(print(incSharded)).toEqual(print(inc));
        for (const s of shards.slice(0, Math.min(n, later.length)))
          expect(s.calls.slice(-3)).toEqual(['analyse', 'names', 'link']);
      }
    },
  );

  it('sums capitalisation counts like one count over all the text', () => {
    const all = docs().slice(0, 6);
    const one = new ShardPasses(defaultLexicon).analyse(all, 0, false).counts;
    const a = new ShardPasses(defaultLexicon).analyse(all.slice(0, 2), 0, false).counts;
    const b = new ShardPasses(defaultLexicon).analyse(all.slice(2), 2, false).counts;
    const empty = new CapitalizationStats().counts();
    expect(addCapitalizationCounts(addCapitalizationCounts(empty, a), b)).toEqual(one);
  });

  it('slices by text length, in order, never empty', () => {
    const d = (n: number): SourceDocument => ({ id: String(n), title: '', text: 'x'.repeat(n) });
    expect(sliceByText([d(10), d(10), d(10), d(10)], 2)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(sliceByText([d(100), d(1), d(1)], 2)).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(sliceByText([d(1), d(1)], 4)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(sliceByText([], 3)).toEqual([]);
    expect(sliceByText([d(1), d(1), d(100)], 2)).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });

  it('releases every shard and rethrows when one fails', async () => {
    const good = clonedShard();
    let released = 0;
    const bad: ExtractShard = {
      analyse: () => Promise.reject(new Error('worker died')),
      names: () => Promise.reject(new Error('unreachable')),
      link: () => Promise.reject(new Error('unreachable')),
      release: () => released++,
    };
    await expect(
      extractInShards(docs().slice(0, 4), defaultLexicon, [], extractWithState([], defaultLexicon).state, [good, bad]),
    ).rejects.toThrow('worker died');
    expect(released).toBe(1);
  });
});
