/**
 * State deltas (issue #14): the deltas of a sequence of real increments, applied to the first
 * base, give the final state exactly; and the generic keyed / positional columns on random
 * tables (insertions, changes, removals, shrinking and growing).
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../pack/types';
import { emptyExtractionState, extractIncrement, isUsableState, type ExtractionState } from './increment';
import { defaultLexicon } from './lexicon';
import {
  applyKeyed,
  applyPositional,
  applyStateDeltas,
  deltaCells,
  diffKeyed,
  diffPositional,
  diffState,
  stateCells,
} from './state-delta';
import type { SourceDocument } from './types';

const shared = path.resolve(__dirname, '../../../shared');
const hasShared = fs.existsSync(path.join(shared, 'data/wikinews-2019-2020.jsonl'));

function wikinews(n: number): SourceDocument[] {
  return fs
    .readFileSync(path.join(shared, 'data/wikinews-2019-2020.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, n)
    .map((l, i) => {
      const d = JSON.parse(l) as { title?: string; text: string };
      return { id: `wn-${i}`, title: d.title ?? '', text: d.text };
    });
}

/** Every state of a corpus built from `docs` in increments cut at `cuts`. */
function states(docs: SourceDocument[], cuts: number[]): ExtractionState[] {
  let table: Entity[] = [];
  let state = emptyExtractionState();
  const out = [state];
  const bounds = [0, ...cuts, docs.length];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const r = extractIncrement(docs.slice(bounds[i], bounds[i + 1]), defaultLexicon, table, state);
    table = r.knowledge.entities;
    state = r.state;
    out.push(state);
  }
  return out;
}

describe.skipIf(!hasShared)('diffState / applyStateDeltas over real increments', () => {
  const docs = hasShared ? wikinews(24) : [];

  it('applying the deltas of every increment to the first base gives the final state exactly', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: docs.length - 1 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 2 }),
        (cuts, from) => {
          const all = states(
            docs,
            cuts.sort((a, b) => a - b),
          );
          const start = Math.min(from, all.length - 2);
          const deltas = all.slice(start + 1).map((s, i) => diffState(all[start + i]!, s));
          const folded = applyStateDeltas(all[start]!, deltas);
          expect(folded).toEqual(all.at(-1));
          expect(isUsableState(folded)).toBe(true);
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);

  it('a delta of one article is a small part of the state it changes', () => {
    const all = states(docs, [docs.length - 1]);
    const delta = diffState(all[1]!, all[2]!);
    expect(deltaCells(delta)).toBeLessThan(stateCells(all[2]!) / 4);
    // Survives structured cloning (IndexedDB), typed arrays included.
    expect(applyStateDeltas(all[1]!, [structuredClone(delta)])).toEqual(all[2]);
  }, 60_000);
});

describe('keyed and positional deltas', () => {
  const table = fc
    .uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 12 })
    .map((keys) => keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    .chain((keys) =>
      fc.record({
        keys: fc.constant(keys),
        counts: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: keys.length, maxLength: keys.length }),
        words: fc.array(fc.constantFrom('a', 'b', ''), { minLength: keys.length * 2, maxLength: keys.length * 2 }),
      }),
    )
    .map((t) => ({ keys: t.keys, columns: [Int32Array.from(t.counts), t.words] }));

  it('keyed: any sequence of tables folds back from the first', () => {
    fc.assert(
      fc.property(fc.array(table, { minLength: 1, maxLength: 5 }), (tables) => {
        const deltas = tables.slice(1).map((t, i) => diffKeyed(tables[i]!, t, [1, 2]));
        expect(applyKeyed(tables[0]!, deltas, [1, 2])).toEqual(tables.at(-1));
      }),
    );
  });

  it('positional: any sequence of columns (shrinking, growing) folds back from the first', () => {
    const column = fc.array(fc.double({ noNaN: false }), { maxLength: 16 }).map((a) => {
      const n = a.length - (a.length % 2);
      return Float64Array.from(a.slice(0, n));
    });
    fc.assert(
      fc.property(fc.array(column, { minLength: 1, maxLength: 5 }), (columns) => {
        const deltas = columns.slice(1).map((c, i) => diffPositional(columns[i]!, c, 2));
        const folded = applyPositional(columns[0]!, deltas, 2);
        expect([...folded].map((x) => (Object.is(x, -0) ? '-0' : x))).toEqual(
          [...columns.at(-1)!].map((x) => (Object.is(x, -0) ? '-0' : x)),
        );
      }),
    );
  });
});
