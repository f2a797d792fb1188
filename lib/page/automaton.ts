/**
 * A compact Aho–Corasick automaton over UTF-16 code units, stored in typed
 * arrays so 10,000 names compile in milliseconds and take little memory in
 * every tab. Transitions live in one open-addressing hash table keyed by
 * (node, unit), with a dense table for the root's ASCII edges (most scan steps
 * start there). Knows nothing about case or words: the matcher feeds it
 * lower-cased keys and checks each candidate itself.
 *
 * Building is a generator that yields every few hundred steps, so a caller can
 * spread a large compile over several short tasks (see `compileMatcherIdle`).
 */
import { foldUnit, lowerUnit } from './normalize';

const SPACE = 0x20;

/** The compiled automaton; pattern ids are the key indexes given to {@link buildAutomatonSteps}. */
export interface Automaton {
  /**
   * Runs over `text` folded and lower-cased on the fly (`foldUnit`, then
   * `lowerUnit`: dropped units are passed over, a whitespace run is one space),
   * and calls `onMatch(last, node)` for every node whose key ends with the
   * unit at `text[last]`, longest key first.
   */
  scan(text: string, onMatch: (last: number, node: number) => void): void;
  /** First pattern id whose key ends at `node`. */
  patternAt(node: number): number;
  /** Next pattern id with the same key as `p`, or -1. */
  nextSame(p: number): number;
  /** Number of trie nodes (root included). */
  readonly nodeCount: number;
}

/** Keys as slices of one pool: key `p` is `pool[start[p] .. start[p] + len[p])`. */
export interface KeyPool {
  pool: Uint16Array;
  start: Int32Array;
  len: Int32Array;
  count: number;
  /**
   * `wordEnd[p]` non-zero: key `p` is of no use when an ASCII letter or digit
   * follows it (the matcher's whole-word rule), so the scan does not report
   * it there. Most keys found inside longer words ("us" in "just") are
   * dropped this way before any callback. Default: every key is reported.
   */
  wordEnd?: Uint8Array;
}

/**
 * Keys inserted, and nodes linked, between two yields. Cold (before the engine optimises these loops) a step
 * of 128 keys or 2,048 links could take several ms and push a slice to 11–15 ms of CPU with 10,000 names
 * (tests/bench/page/long-tasks.ts); these keep a step well under a millisecond, so a slice ends near its budget.
 */
const INSERT_STEP = 32;
const ORDER_STEP = 8192;
const LINK_STEP = 512;

/**
 * Yielded before a step that allocates megabytes (10,000 names: ≈ 5 MB of
 * typed arrays, 4–6 ms on a cold engine): a caller cutting the work into
 * slices should start a fresh slice for it rather than add it to a full one.
 */
export const FRESH_SLICE = 'fresh-slice';

/** What the build steps yield: nothing, or {@link FRESH_SLICE}. */
export type StepHint = void | typeof FRESH_SLICE;

/**
 * Builds the automaton for `keys` (folded, lower-cased, none empty), yielding
 * between steps of {@link INSERT_STEP} keys or {@link LINK_STEP} nodes; returns the automaton.
 * Hot loops live in {@link TrieBuilder} methods rather than in this generator
 * so the engine can optimise them (long loops inside generators stay slow).
 */
export function* buildAutomatonSteps(keys: KeyPool): Generator<StepHint, Automaton> {
  yield FRESH_SLICE;
  const b = new TrieBuilder(keys);
  yield;
  for (let p = 0; p < keys.count; p += INSERT_STEP) {
    b.insert(p, Math.min(keys.count, p + INSERT_STEP));
    yield;
  }
  yield FRESH_SLICE;
  b.allocateLinks();
  yield;
  for (let v = 1; v < b.nodes; v += ORDER_STEP) {
    b.orderByDepth(v, Math.min(b.nodes, v + ORDER_STEP));
    yield;
  }
  for (let k = 0; k < b.nodes - 1; k += LINK_STEP) {
    b.link(k, Math.min(b.nodes - 1, k + LINK_STEP));
    yield;
  }
  return b.automaton();
}

class TrieBuilder {
  private readonly mask: number;
  // Zero means "none" everywhere (fresh typed arrays need no fill): the hash
  // stores node + 1, `term` and `sameNext` store pattern + 1, and node 0 (the
  // root) is never anyone's child.
  /**
   * The transitions' hash table, one slot = three ints side by side: node + 1, unit, child. One probe reads
   * one cache line rather than three arrays' (10,000 names: a 3 MB table, far beyond the CPU's caches).
   */
  private readonly hash: Int32Array;
  private readonly rootAscii = new Int32Array(128);
  private readonly parent: Int32Array;
  private readonly unitIn: Uint16Array; // unit on the edge into the node
  private readonly depth: Int32Array;
  private depthCount = new Int32Array(64); // nodes per depth, then next slot per depth
  private readonly term: Int32Array;
  private readonly sameNext: Int32Array;
  private readonly sameLast: Int32Array;
  private byDepth: Int32Array = new Int32Array(0);
  private fail = new Int32Array(0);
  private dict = new Int32Array(0); // nearest proper suffix node that ends a key, 0 if none
  /** Per node: 1 when every key ending there (itself or by dict links) wants a word end. */
  private wordEnd = new Uint8Array(0);
  nodes = 1;

  constructor(private readonly keys: KeyPool) {
    let total = 0;
    for (let p = 0; p < keys.count; p++) total += keys.len[p]!;
    const maxNodes = total + 1;
    let cap = 16;
    while (cap < maxNodes * 1.5) cap <<= 1; // load factor ≤ 2/3 even if no prefix is shared
    this.mask = cap - 1;
    this.hash = new Int32Array(cap * 3);
    this.parent = new Int32Array(maxNodes);
    this.unitIn = new Uint16Array(maxNodes);
    this.depth = new Int32Array(maxNodes);
    this.term = new Int32Array(maxNodes);
    this.sameNext = new Int32Array(keys.count);
    this.sameLast = new Int32Array(maxNodes);
  }

  /** Child of `node` along `unit`, or 0 (the root is nobody's child). */
  get(node: number, unit: number): number {
    if (node === 0 && unit < 128) return this.rootAscii[unit]!;
    const { hash, mask } = this;
    const key = node + 1;
    let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & mask;
    for (;;) {
      const n = hash[h * 3]!;
      if (n === 0) return 0;
      if (n === key && hash[h * 3 + 1] === unit) return hash[h * 3 + 2]!;
      h = (h + 1) & mask;
    }
  }

  private put(node: number, unit: number, child: number): void {
    if (node === 0 && unit < 128) {
      this.rootAscii[unit] = child;
      return;
    }
    const { hash, mask } = this;
    let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & mask;
    while (hash[h * 3] !== 0) h = (h + 1) & mask;
    hash[h * 3] = node + 1;
    hash[h * 3 + 1] = unit;
    hash[h * 3 + 2] = child;
  }

  /** Adds keys `from..to` to the trie. */
  insert(from: number, to: number): void {
    const { pool, start, len } = this.keys;
    const { term, sameLast } = this;
    for (let p = from; p < to; p++) {
      let node = 0;
      for (let i = start[p]!, end = i + len[p]!; i < end; i++) {
        const u = pool[i]!;
        let child = this.get(node, u);
        if (child === 0) {
          child = this.nodes++;
          this.parent[child] = node;
          this.unitIn[child] = u;
          const d = this.depth[node]! + 1;
          this.depth[child] = d;
          if (d >= this.depthCount.length) {
            const grown = new Int32Array(d * 2);
            grown.set(this.depthCount);
            this.depthCount = grown;
          }
          this.depthCount[d] = this.depthCount[d]! + 1;
          this.put(node, u, child);
        }
        node = child;
      }
      if (term[node] === 0) term[node] = p + 1;
      else this.sameNext[sameLast[node]!] = p + 1;
      sameLast[node] = p;
    }
  }

  /** Allocates what failure links need, once every key is inserted. */
  allocateLinks(): void {
    const slot = this.depthCount; // becomes: first free index per depth
    for (let d = 0, sum = 0; d < slot.length; d++) {
      const c = slot[d]!;
      slot[d] = sum;
      sum += c;
    }
    this.byDepth = new Int32Array(this.nodes - 1);
    this.fail = new Int32Array(this.nodes);
    this.dict = new Int32Array(this.nodes);
    this.wordEnd = new Uint8Array(this.nodes);
  }

  /**
   * Failure links need every shallower node done first: places nodes
   * `from..to` in `byDepth` (a counting sort, depths counted during insert).
   */
  orderByDepth(from: number, to: number): void {
    const { byDepth, depth, depthCount } = this;
    for (let v = from; v < to; v++) {
      const d = depth[v]!;
      byDepth[depthCount[d]!] = v;
      depthCount[d] = depthCount[d]! + 1;
    }
  }

  /** Computes failure and dictionary links for nodes `byDepth[from..to)`. */
  link(from: number, to: number): void {
    const { byDepth, parent, unitIn, fail, dict, term, wordEnd } = this;
    const keyWordEnd = this.keys.wordEnd;
    for (let k = from; k < to; k++) {
      const v = byDepth[k]!;
      const u = parent[v]!;
      const unit = unitIn[v]!;
      let f = 0;
      if (u !== 0) {
        for (let s = fail[u]!; ; s = fail[s]!) {
          const n = this.get(s, unit);
          if (n !== 0) {
            f = n;
            break;
          }
          if (s === 0) break;
        }
      }
      fail[v] = f;
      const d = term[f] !== 0 ? f : dict[f]!;
      dict[v] = d;
      // Shallower nodes are done (byDepth order), so `d`'s flag is final.
      const own = term[v] === 0 || (keyWordEnd !== undefined && keyWordEnd[term[v]! - 1] !== 0);
      wordEnd[v] = own && (d === 0 || wordEnd[d] !== 0) ? 1 : 0;
    }
  }

  automaton(): Automaton {
    const { term, sameNext, fail, dict, wordEnd } = this;
    return {
      nodeCount: this.nodes,
      patternAt: (node) => term[node]! - 1,
      nextSame: (p) => sameNext[p]! - 1,
      scan: (text, onMatch) => {
        const { rootAscii, hash, mask } = this;
        let state = 0;
        let space = false; // the last unit fed was a space: a run is one space
        for (let i = 0, n = text.length; i < n; i++) {
          // Folding, lower-casing and the transition are inline: this loop runs
          // once per character of the page, mostly before the engine has
          // optimised it, where every call costs.
          const c = text.charCodeAt(i);
          let unit: number;
          if (c > SPACE && c < 0x80) {
            unit = c >= 0x41 && c <= 0x5a ? c + 32 : c;
            space = false;
          } else {
            const f = foldUnit(c);
            if (f < 0) continue; // combining mark, soft hyphen, zero-width
            if (f === SPACE) {
              if (space) continue;
              space = true;
            } else space = false;
            unit = lowerUnit(f);
          }
          for (;;) {
            let next = 0;
            if (state === 0 && unit < 128) next = rootAscii[unit]!;
            else {
              const key = state + 1;
              let h = (Math.imul(state, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & mask;
              for (let k = hash[h * 3]!; k !== 0; k = hash[h * 3]!) {
                if (k === key && hash[h * 3 + 1] === unit) {
                  next = hash[h * 3 + 2]!;
                  break;
                }
                h = (h + 1) & mask;
              }
            }
            if (next !== 0) {
              state = next;
              break;
            }
            if (state === 0) break;
            state = fail[state]!;
          }
          if (state === 0) continue;
          let out = term[state] !== 0 ? state : dict[state]!;
          if (out === 0) continue;
          if (wordEnd[state] !== 0) {
            const after = i + 1 < n ? text.charCodeAt(i + 1) : 0;
            if (
              (after >= 0x61 && after <= 0x7a) ||
              (after >= 0x41 && after <= 0x5a) ||
              (after >= 0x30 && after <= 0x39)
            ) {
              continue;
            }
          }
          for (; out !== 0; out = dict[out]!) onMatch(i, out);
        }
      },
    };
  }
}
