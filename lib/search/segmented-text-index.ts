/**
 * Full-text search over a corpus made of segments (lib/pack/segment.ts), as
 * search engines do it: every segment keeps its own {@link TextIndexData},
 * written once, and a query runs over all of them with corpus-wide
 * statistics, so that it ranks exactly as one {@link TextIndex} built over the
 * whole corpus would (a property test checks hits, order and scores).
 *
 * - Record numbers are global, as in the joined corpus model: all quotes of
 *   all segments in segment order, then all passages of all segments.
 * - BM25+ uses the corpus's record count, average length and, per term, the
 *   number of records holding it, summed over segments. Records of deleted
 *   documents (`dropped`) are left out of the hits and of the statistics, so a
 *   deleted document ranks nothing, before and after a merge alike.
 * - Prefix completions (the 64 with the most postings) and typo matches are
 *   picked from the union of the segments' vocabularies with global counts.
 *
 * The union vocabulary is built on the first search (a k-way merge of the
 * segments' sorted terms); afterwards a search allocates per query term, not
 * per posting. {@link mergeTextIndexes} merges segment indexes into one
 * without reading any text (background merges).
 */
import { lowerBound } from './sorted';
import {
  SCORED_TERMS,
  B,
  boundedDistance,
  checkShape,
  D,
  dropUnmarked,
  findRecord,
  FUZZY_WEIGHT,
  K1,
  MAX_PREFIX_EXPANSION,
  maxTypos,
  newScratch,
  partitionPoint,
  PREFIX_WEIGHT,
  prefixAllowed,
  queryTerms,
  TextIndex,
  TopK,
  type QueryTerm,
  type Scratch,
  type TextIndexData,
  type TextSearcher,
  type TextSearchOptions,
  type TextSearchResult,
} from './text-index';

/** One segment's text index as the segmented index reads it. */
export interface TextSegment {
  data: TextIndexData;
  /** Records 0..quotes-1 are the segment's quotes, the rest its passages. */
  quotes: number;
  /** 1 for each record to leave out (a deleted document's), one entry per record; absent: none. */
  dropped?: Uint8Array;
}

const ERROR = 'Dossier segmented text index';

/**
 * The sorted union of sorted string lists, and for each list, each entry's position in the union. One hash
 * lookup per entry and one sort of the distinct strings: cheaper than a k-way merge of string comparisons.
 */
export function mergeVocabularies(lists: readonly (readonly string[])[]): { terms: string[]; maps: Uint32Array[] } {
  if (lists.length === 1) {
    const map = new Uint32Array(lists[0]!.length);
    for (let i = 0; i < map.length; i++) map[i] = i;
    return { terms: lists[0]!.slice(), maps: [map] };
  }
  const ids = new Map<string, number>();
  const union: string[] = [];
  const maps = lists.map((list) => {
    const map = new Uint32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const term = list[i]!;
      let id = ids.get(term);
      if (id === undefined) {
        id = union.push(term) - 1;
        ids.set(term, id);
      }
      map[i] = id;
    }
    return map;
  });
  // The default sort compares UTF-16 code units, as `<` does and as the terms of an index are ordered.
  const terms = union.slice().sort();
  const rank = new Uint32Array(union.length);
  for (let r = 0; r < terms.length; r++) rank[ids.get(terms[r]!)!] = r;
  for (const map of maps) for (let i = 0; i < map.length; i++) map[i] = rank[map[i]!]!;
  return { terms, maps };
}

/**
 * The union of sorted list `a` with sorted list `b`, by one linear merge (no hashing, no sort): each entry's
 * position in the union; `toUnion` null when `b` brought no new string (the union is `a`).
 */
function mergeSorted(
  a: readonly string[],
  b: readonly string[],
): { terms: readonly string[]; aMap: Uint32Array | null; bMap: Uint32Array } {
  const bMap = new Uint32Array(b.length);
  let added = 0;
  for (let i = 0, j = 0; j < b.length; j++) {
    const term = b[j]!;
    while (i < a.length && a[i]! < term) i++;
    if (i < a.length && a[i] === term) bMap[j] = i;
    else added++;
  }
  if (added === 0) return { terms: a, aMap: null, bMap };
  const terms: string[] = new Array<string>(a.length + added);
  const aMap = new Uint32Array(a.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
      aMap[i] = n;
      terms[n++] = a[i++]!;
    } else if (i < a.length && a[i] === b[j]) {
      aMap[i++] = n;
      bMap[j++] = n;
      terms[n++] = b[j - 1]!;
    } else {
      bMap[j++] = n;
      terms[n++] = b[j - 1]!;
    }
  }
  return { terms, aMap, bMap };
}

/**
 * A word list an index can start from: the union vocabulary of an earlier index over some of the same
 * segments (the same {@link TextIndexData} objects), with each of those segments' term → union term map.
 */
interface Basis {
  terms: readonly string[];
  /** Per segment data of the earlier index: its map into `terms` (null: the identity, a single index). */
  maps: Map<TextIndexData, Uint32Array | null>;
  /** Terms of `terms` no live record held (stale words of segments since merged away or deleted). */
  unused: number;
}

/** More new segments than this, or a basis more than this share unused: build the word list afresh. */
const MAX_NEW_SEGMENTS = 8;
const MAX_UNUSED_SHARE = 0.25;

/** Global record numbers: quotes of every segment in order, then passages; dropped records -1. */
interface RecordMap {
  /** Per segment: local record → global record, or -1. */
  globalOf: Int32Array[];
  /** Global record → its segment and its local record. */
  segmentOf: Uint32Array;
  localOf: Uint32Array;
  size: number;
}

function mapRecords(segments: readonly TextSegment[]): RecordMap {
  let size = 0;
  for (const s of segments) {
    const n = s.data.lengths.length;
    if (!s.dropped) size += n;
    else for (let r = 0; r < n; r++) if (s.dropped[r] === 0) size++;
  }
  const globalOf = segments.map((s) => new Int32Array(s.data.lengths.length));
  const segmentOf = new Uint32Array(size);
  const localOf = new Uint32Array(size);
  let next = 0;
  const zone = (passages: boolean): void => {
    segments.forEach((s, i) => {
      const map = globalOf[i]!;
      const from = passages ? s.quotes : 0;
      const to = passages ? s.data.lengths.length : s.quotes;
      for (let r = from; r < to; r++) {
        if (s.dropped && s.dropped[r] !== 0) {
          map[r] = -1;
          continue;
        }
        map[r] = next;
        segmentOf[next] = i;
        localOf[next++] = r;
      }
    });
  };
  zone(false);
  zone(true);
  return { globalOf, segmentOf, localOf, size };
}

/** @throws Error naming the segment when its index does not fit together. */
function checkSegments(segments: readonly TextSegment[]): void {
  segments.forEach((s, i) => {
    try {
      checkShape(s.data);
    } catch (error) {
      throw new Error(`${ERROR}: segment ${i}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const n = s.data.lengths.length;
    if (!(s.quotes >= 0 && s.quotes <= n))
      throw new Error(`${ERROR}: segment ${i} has ${n} records but says ${s.quotes} of them are quotes`);
    if (s.dropped && s.dropped.length !== n)
      throw new Error(`${ERROR}: segment ${i} has ${n} records but ${s.dropped.length} deletion marks`);
  });
}

/** Postings of local term `t` of a segment whose records are live (all of them when nothing is dropped). */
function livePostings(data: TextIndexData, t: number, globalOf: Int32Array, dropped: boolean): number {
  const start = data.termStart[t]!;
  const end = data.termStart[t + 1]!;
  if (!dropped) return end - start;
  let count = 0;
  for (let p = start; p < end; p++) if (globalOf[data.records[p]!]! >= 0) count++;
  return count;
}

/** The union vocabulary with global live posting counts. */
interface Dictionary {
  terms: readonly string[];
  /** Live postings (records holding the term) over all segments; 0 for a term only deleted records hold. */
  df: Uint32Array;
  /** Per segment: local term → global term (ascending). */
  maps: Uint32Array[];
  /** Terms with df 0. */
  unused: number;
}

/** What an index may start its word list from: an earlier segmented index's, or a single index's terms. */
function basisOf(previous: TextSearcher | undefined): Basis | null {
  if (previous instanceof SegmentedTextIndex) return previous.basisForNext();
  if (previous instanceof TextIndex)
    return { terms: previous.data.terms, maps: new Map([[previous.data, null]]), unused: 0 };
  return null;
}

/**
 * Searches several segments' text indexes as one; see the module comment.
 * Construction checks the arrays and numbers the records (O(records)); the
 * first search merges the vocabularies. Not reentrant, like {@link TextIndex}.
 */
export class SegmentedTextIndex implements TextSearcher {
  /** Live records: the global record numbers are 0..size-1. */
  readonly size: number;
  private readonly perLength: number;
  private readonly records: RecordMap;
  private dict: Dictionary | null = null;
  private scratch: Scratch | null = null;
  /** Per search: global term → its local term in each segment (-1: absent). */
  private locals = new Map<number, Int32Array>();
  /** An earlier index's word list to extend on first use (dropped once the own one is built). */
  private basis: Basis | null;

  /**
   * @param previous an earlier index over some of the same segments (a reload after an append or a merge):
   *   the first search extends its word list with the new segments' words instead of building it over all.
   * @throws Error when a segment's arrays do not fit together.
   */
  constructor(
    private readonly segments: readonly TextSegment[],
    previous?: TextSearcher,
  ) {
    checkSegments(segments);
    this.basis = basisOf(previous);
    this.records = mapRecords(segments);
    this.size = this.records.size;
    let sum = 0;
    segments.forEach((s, i) => {
      const { lengths } = s.data;
      const map = this.records.globalOf[i]!;
      if (!s.dropped) for (let r = 0; r < lengths.length; r++) sum += lengths[r]!;
      else for (let r = 0; r < lengths.length; r++) if (map[r]! >= 0) sum += lengths[r]!;
    });
    const average = sum / this.size || 1;
    this.perLength = (K1 * B) / average;
  }

  /** The union vocabulary (built on first use, from the basis when there is a good one). */
  private get dictionary(): Dictionary {
    if (!this.dict) {
      const { terms, maps } = this.extendBasis() ?? mergeVocabularies(this.segments.map((s) => s.data.terms));
      this.basis = null;
      const df = new Uint32Array(terms.length);
      this.segments.forEach((s, i) => {
        const map = maps[i]!;
        const globalOf = this.records.globalOf[i]!;
        for (let t = 0; t < map.length; t++) df[map[t]!]! += livePostings(s.data, t, globalOf, !!s.dropped);
      });
      let unused = 0;
      for (let t = 0; t < df.length; t++) if (df[t] === 0) unused++;
      this.dict = { terms, df, maps, unused };
    }
    return this.dict;
  }

  /**
   * The union vocabulary from the basis: its terms merged with the words of the segments it does not cover
   * (one linear merge each), its maps carried over. Null when there is no basis or it is not worth it.
   */
  private extendBasis(): { terms: readonly string[]; maps: Uint32Array[] } | null {
    const basis = this.basis;
    if (!basis || basis.unused > MAX_UNUSED_SHARE * basis.terms.length) return null;
    const fresh = this.segments.filter((s) => !basis.maps.has(s.data));
    if (fresh.length > MAX_NEW_SEGMENTS || fresh.length === this.segments.length) return null;
    let terms = basis.terms;
    /** Basis term → union term (null: the same). */
    let fromBasis: Uint32Array | null = null;
    const freshMaps = new Map<TextIndexData, Uint32Array>();
    for (const s of fresh) {
      const { terms: union, aMap, bMap } = mergeSorted(terms, s.data.terms);
      if (aMap) {
        if (fromBasis) for (let t = 0; t < fromBasis.length; t++) fromBasis[t] = aMap[fromBasis[t]!]!;
        else fromBasis = aMap;
        for (const map of freshMaps.values()) for (let t = 0; t < map.length; t++) map[t] = aMap[map[t]!]!;
      }
      freshMaps.set(s.data, bMap);
      terms = union;
    }
    const maps = this.segments.map(({ data }) => {
      const made = freshMaps.get(data);
      if (made) return made;
      const old = basis.maps.get(data);
      const map = new Uint32Array(data.terms.length);
      for (let t = 0; t < map.length; t++) {
        const b = old ? old[t]! : t;
        map[t] = fromBasis ? fromBasis[b]! : b;
      }
      return map;
    });
    return { terms, maps };
  }

  /** This index's word list as a basis for a later one (its own when built, else the one it was given). */
  basisForNext(): Basis | null {
    if (!this.dict) return this.basis;
    const maps = new Map<TextIndexData, Uint32Array | null>();
    this.segments.forEach((s, i) => maps.set(s.data, this.dict!.maps[i]!));
    return { terms: this.dict.terms, maps, unused: this.dict.unused };
  }

  /** Records matching `query`, best first; see {@link TextSearchOptions}. */
  search(query: string, options: TextSearchOptions): TextSearchResult {
    const words = queryTerms(query);
    const specs = words.map((word, i) => this.expand(word, prefixAllowed(options.prefix, i, words.length), options));
    const and = options.combineWith === 'AND';
    if (specs.length === 0 || (and && specs.some((s) => s.expansions.size === 0))) return { total: 0, hits: [] };
    const scratch = (this.scratch ??= newScratch(this.size));
    try {
      if (and) this.intersectAll(specs, scratch);
      else specs.forEach((spec) => this.scoreAll(spec, scratch, 1));
      return this.collect(specs, scratch, options);
    } finally {
      for (let i = 0; i < scratch.count; i++) {
        scratch.scores[scratch.touched[i]!] = 0;
        scratch.marks[scratch.touched[i]!] = 0;
      }
      scratch.count = 0;
      this.locals.clear();
    }
  }

  /** The global terms `word` stands for, each with its weight (as TextIndex picks them, with global counts). */
  private expand(word: string, prefix: boolean, options: TextSearchOptions): QueryTerm {
    const { terms, df } = this.dictionary;
    const expansions = new Map<number, number>();
    const exact = this.findTerm(word);
    if (exact >= 0) expansions.set(exact, 1);
    if (prefix && word.length >= 2) {
      const [from, to] = this.prefixRange(word);
      const top = new TopK(Math.min(MAX_PREFIX_EXPANSION, to - from));
      for (let t = from; t < to; t++) if (df[t]! > 0 && terms[t] !== word) top.offer(t, df[t]!);
      for (const { id } of top.sorted()) {
        const length = terms[id]!.length;
        expansions.set(id, (PREFIX_WEIGHT * length) / (length + 0.3 * (length - word.length)));
      }
    }
    const max = options.fuzzy ? maxTypos(word.length) : 0;
    if (max > 0) {
      const [from, to] = this.prefixRange(word[0]!);
      const prev = new Uint16Array(word.length + 1);
      const row = new Uint16Array(word.length + 1);
      for (let t = from; t < to; t++) {
        const term = terms[t]!;
        if (df[t] === 0 || expansions.has(t) || Math.abs(term.length - word.length) > max) continue;
        const distance = boundedDistance(term, word, max, prev, row);
        if (distance > 0 && distance <= max) expansions.set(t, (FUZZY_WEIGHT * term.length) / (term.length + distance));
      }
    }
    let postings = 0;
    for (const t of expansions.keys()) postings += df[t]!;
    return { expansions, postings };
  }

  /** The global term `word`, or -1 (also when only deleted records hold it). */
  private findTerm(word: string): number {
    const { terms, df } = this.dictionary;
    const at = partitionPoint(0, terms.length, (i) => terms[i]! < word);
    return terms[at] === word && df[at]! > 0 ? at : -1;
  }

  private prefixRange(prefix: string): [number, number] {
    const { terms } = this.dictionary;
    const from = partitionPoint(0, terms.length, (i) => terms[i]! < prefix);
    return [from, partitionPoint(from, terms.length, (i) => terms[i]!.startsWith(prefix))];
  }

  /** Global term `g`'s local term in each segment, -1 where absent (cached for the current search). */
  private localTerms(g: number): Int32Array {
    let out = this.locals.get(g);
    if (!out) {
      const { maps } = this.dictionary;
      out = new Int32Array(maps.length);
      for (let s = 0; s < maps.length; s++) {
        const map = maps[s]!;
        const at = lowerBound(map, g, 0, map.length);
        out[s] = at < map.length && map[at] === g ? at : -1;
      }
      this.locals.set(g, out);
    }
    return out;
  }

  /** AND: the cheapest term picks the candidates, each further one keeps those it matches. */
  private intersectAll(specs: QueryTerm[], scratch: Scratch): void {
    const cheapestFirst = [...specs].sort((a, b) => a.postings - b.postings);
    this.scoreAll(cheapestFirst[0]!, scratch, 1);
    for (let i = 1; i < cheapestFirst.length && scratch.count > 0; i++) {
      for (const [term, weight] of cheapestFirst[i]!.expansions) this.scoreCandidates(term, weight, scratch, i + 1);
      dropUnmarked(scratch, i + 1);
    }
  }

  /** Adds every live posting of every expansion of `spec` in every segment, touching new records with `mark`. */
  private scoreAll(spec: QueryTerm, scratch: Scratch, mark: number): void {
    const { scores, marks, touched } = scratch;
    let count = scratch.count;
    for (const [term, weight] of spec.expansions) {
      const w = weight * this.idf(term);
      const locals = this.localTerms(term);
      for (let s = 0; s < locals.length; s++) {
        const t = locals[s]!;
        if (t < 0) continue;
        const { records, termStart, freqs, lengths } = this.segments[s]!.data;
        const globalOf = this.records.globalOf[s]!;
        for (let p = termStart[t]!, end = termStart[t + 1]!; p < end; p++) {
          const local = records[p]!;
          const r = globalOf[local]!;
          if (r < 0) continue;
          if (marks[r] === 0) {
            marks[r] = mark;
            touched[count++] = r;
          }
          scores[r]! += w * this.bm25(freqs[p]!, lengths[local]!);
        }
      }
    }
    scratch.count = count;
  }

  /**
   * Scores global term `term` on the live candidates only (nonzero mark) and marks them `mark`: by binary
   * search per candidate in its segment's postings when they are few, else by one scan of the postings.
   */
  private scoreCandidates(term: number, weight: number, scratch: Scratch, mark: number): void {
    const w = weight * this.idf(term);
    const locals = this.localTerms(term);
    const { scores, marks, touched, count } = scratch;
    const postings = this.dictionary.df[term]!;
    if (count * Math.log2(postings + 1) < postings) {
      const { segmentOf, localOf } = this.records;
      for (let i = 0; i < count; i++) {
        const r = touched[i]!;
        const s = segmentOf[r]!;
        const t = locals[s]!;
        if (t < 0) continue;
        const { records, termStart, freqs, lengths } = this.segments[s]!.data;
        const local = localOf[r]!;
        const p = findRecord(records, termStart[t]!, termStart[t + 1]!, local);
        if (p < 0) continue;
        scores[r]! += w * this.bm25(freqs[p]!, lengths[local]!);
        marks[r] = mark;
      }
      return;
    }
    for (let s = 0; s < locals.length; s++) {
      const t = locals[s]!;
      if (t < 0) continue;
      const { records, termStart, freqs, lengths } = this.segments[s]!.data;
      const globalOf = this.records.globalOf[s]!;
      for (let p = termStart[t]!, end = termStart[t + 1]!; p < end; p++) {
        const local = records[p]!;
        const r = globalOf[local]!;
        if (r < 0 || marks[r] === 0) continue;
        scores[r]! += w * this.bm25(freqs[p]!, lengths[local]!);
        marks[r] = mark;
      }
    }
  }

  private idf(term: number): number {
    const df = this.dictionary.df[term]!;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** BM25+ of a posting with frequency `tf` in a record of `length` tokens, before idf and weight. */
  private bm25(tf: number, length: number): number {
    return D + (tf * (K1 + 1)) / (tf + K1 * (1 - B) + this.perLength * length);
  }

  /** Boosts, counts and keeps the best `limit` of the touched records. */
  private collect(specs: QueryTerm[], scratch: Scratch, options: TextSearchOptions): TextSearchResult {
    const top = new TopK(Math.max(0, Math.floor(Math.min(options.limit, scratch.count))));
    let total = 0;
    for (let i = 0; i < scratch.count; i++) {
      const r = scratch.touched[i]!;
      const score = scratch.scores[r]! * (options.boost ? options.boost(r) : 1);
      if (!(score > 0)) continue;
      total++;
      top.offer(r, score);
    }
    const hits = top.sorted().map(({ id, key }) => ({ record: id, score: key, terms: this.matchedTerms(specs, id) }));
    return { total, hits };
  }

  /** The index terms of `specs` that global record `record` contains. */
  private matchedTerms(specs: QueryTerm[], record: number): string[] {
    const s = this.records.segmentOf[record]!;
    const local = this.records.localOf[record]!;
    const { termStart, records } = this.segments[s]!.data;
    const { terms } = this.dictionary;
    const found = new Set<string>();
    for (const spec of specs) {
      for (const g of spec.expansions.keys()) {
        const t = this.localTerms(g)[s]!;
        if (t >= 0 && findRecord(records, termStart[t]!, termStart[t + 1]!, local) >= 0) found.add(terms[g]!);
      }
    }
    return [...found];
  }

  /**
   * BM25+ of each of `records` (global, ascending) against the index terms among `terms`, exact matches,
   * summed over the `maxTerms` rarest distinct terms: as {@link TextIndex.scoreRecords}, segment by segment.
   */
  scoreRecords(terms: readonly string[], records: Uint32Array, maxTerms = SCORED_TERMS): Float64Array {
    const n = records.length;
    const scores = new Float64Array(n);
    const { df } = this.dictionary;
    const ids = [...new Set(terms.map((t) => this.findTerm(t)).filter((t) => t >= 0))]
      .sort((a, b) => df[a]! - df[b]! || a - b)
      .slice(0, maxTerms);
    if (ids.length === 0 || n === 0) return scores;
    // Runs of consecutive records in one segment: their local records ascend too.
    const { segmentOf, localOf } = this.records;
    const local = new Uint32Array(n);
    const runs: number[] = [];
    for (let i = 0; i < n; i++) {
      local[i] = localOf[records[i]!]!;
      if (i === 0 || segmentOf[records[i]!] !== segmentOf[records[i - 1]!]) runs.push(i);
    }
    runs.push(n);
    for (const g of ids) {
      const idf = this.idf(g);
      const locals = this.localTerms(g);
      for (let k = 0; k + 1 < runs.length; k++) {
        const s = segmentOf[records[runs[k]!]!]!;
        const t = locals[s]!;
        if (t >= 0) this.scoreRun(this.segments[s]!.data, t, idf, local, runs[k]!, runs[k + 1]!, scores);
      }
    }
    this.locals.clear();
    return scores;
  }

  /** Adds idf · BM25+ of local term `t` to scores[a..b) of the ascending local records local[a..b). */
  private scoreRun(
    data: TextIndexData,
    t: number,
    idf: number,
    local: Uint32Array,
    a: number,
    b: number,
    scores: Float64Array,
  ): void {
    const { records: postings, termStart, freqs, lengths } = data;
    const start = termStart[t]!;
    const end = termStart[t + 1]!;
    const n = b - a;
    const count = end - start;
    const merge = n + count;
    const perPosting = count * Math.log2(n + 1);
    const perRecord = n * Math.log2(count + 1);
    if (perPosting <= merge && perPosting <= perRecord) {
      for (let p = start, lo = a; p < end && lo < b; p++) {
        lo = lowerBound(local, postings[p]!, lo, b);
        if (lo < b && local[lo] === postings[p]) scores[lo]! += idf * this.bm25(freqs[p]!, lengths[postings[p]!]!);
      }
    } else if (perRecord <= merge) {
      for (let i = a, lo = start; i < b && lo < end; i++) {
        lo = lowerBound(postings, local[i]!, lo, end);
        if (lo < end && postings[lo] === local[i]) scores[i]! += idf * this.bm25(freqs[lo]!, lengths[local[i]!]!);
      }
    } else {
      for (let i = a, p = start; i < b && p < end;) {
        const r = local[i]!;
        const q = postings[p]!;
        if (r < q) i++;
        else if (q < r) p++;
        else {
          scores[i]! += idf * this.bm25(freqs[p]!, lengths[r]!);
          i++;
          p++;
        }
      }
    }
  }

  /** Indexed tokens of global record `record`. */
  lengthOf(record: number): number {
    return this.segments[this.records.segmentOf[record]!]!.data.lengths[this.records.localOf[record]!]!;
  }
}

/**
 * One index over the live records of `segments`, numbered as {@link SegmentedTextIndex} numbers them (quotes of
 * every segment, then passages), without reading any text: vocabularies merged, postings renumbered, terms
 * that only dropped records held left out. Equal to the index built from the texts of the same records.
 * @throws Error when a segment's arrays do not fit together.
 */
export function mergeTextIndexes(segments: readonly TextSegment[]): TextIndexData {
  checkSegments(segments);
  const { globalOf, size } = mapRecords(segments);
  const { terms: union, maps } = mergeVocabularies(segments.map((s) => s.data.terms));
  const count = new Uint32Array(union.length);
  segments.forEach((s, i) => {
    const map = maps[i]!;
    for (let t = 0; t < map.length; t++) count[map[t]!]! += livePostings(s.data, t, globalOf[i]!, !!s.dropped);
  });
  // Keep the terms some live record holds; renumber them.
  const kept = new Int32Array(union.length);
  const terms: string[] = [];
  for (let g = 0; g < union.length; g++) kept[g] = count[g]! > 0 ? terms.push(union[g]!) - 1 : -1;
  const termStart = new Uint32Array(terms.length + 1);
  for (let g = 0; g < union.length; g++) if (kept[g]! >= 0) termStart[kept[g]! + 1] = count[g]!;
  for (let t = 0; t < terms.length; t++) termStart[t + 1]! += termStart[t]!;
  const postings = termStart[terms.length]!;
  const records = new Uint32Array(postings);
  const freqs = new Uint8Array(postings);
  const cursor = termStart.slice(0, terms.length);
  // Quotes of every segment, then passages: each term's records come out ascending.
  for (const passages of [false, true]) {
    segments.forEach((s, i) => {
      const { termStart: from, records: local, freqs: localFreqs } = s.data;
      const map = maps[i]!;
      const global = globalOf[i]!;
      for (let t = 0; t < map.length; t++) {
        const g = kept[map[t]!]!;
        if (g < 0) continue;
        const split = lowerBound(local, s.quotes, from[t]!, from[t + 1]!);
        const [a, b] = passages ? [split, from[t + 1]!] : [from[t]!, split];
        for (let p = a; p < b; p++) {
          const r = global[local[p]!]!;
          if (r < 0) continue;
          const at = cursor[g]!++;
          records[at] = r;
          freqs[at] = localFreqs[p]!;
        }
      }
    });
  }
  const lengths = new Uint16Array(size);
  segments.forEach((s, i) => {
    const global = globalOf[i]!;
    for (let r = 0; r < global.length; r++) if (global[r]! >= 0) lengths[global[r]!] = s.data.lengths[r]!;
  });
  return { terms, termStart, records, freqs, lengths };
}
