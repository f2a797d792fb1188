/**
 * The full-text index over quote and passage texts: a compact inverted index
 * whose whole state is five typed arrays and one string array. A MV3 service
 * worker is killed and restarted all the time; MiniSearch's `loadJSON` of
 * ~375,000 long records takes seconds and hundreds of MB, whereas this index
 * comes back from IndexedDB by structured clone (close to a memcpy) and
 * builds nothing when it is loaded. MiniSearch keeps the small names index.
 *
 * Terms are made as MiniSearch makes them (its default tokenizer, then
 * {@link processTerm}), and scores follow its BM25+ and its prefix and fuzzy
 * weights, so the two indexes rank alike.
 */
import MiniSearch from 'minisearch';
import { processTerm } from './index-options';
import { lowerBound } from './sorted';

/** Plain data: structured-clonable, stored in IndexedDB as is. Records are numbered 0..n-1 by the caller. */
export interface TextIndexData {
  /** Distinct index terms in ascending code-unit order (processed with processTerm from ./index-options). */
  terms: string[];
  /** Postings of terms[i] are positions termStart[i] .. termStart[i+1]-1 of `records`/`freqs`; length terms.length + 1. */
  termStart: Uint32Array;
  /** Record numbers, ascending within one term. */
  records: Uint32Array;
  /** Occurrences of the term in that record, capped at 255. */
  freqs: Uint8Array;
  /** Indexed tokens per record, capped at 65535 (BM25 length normalisation). */
  lengths: Uint16Array;
}

/** How {@link TextIndex.search} matches and ranks. */
export interface TextSearchOptions {
  /** Which query terms may match as prefixes: the last (the word being typed), all, or none. Only terms of ≥ 2 chars. */
  prefix: 'last' | 'all' | 'none';
  /** Allow typos: edit distance ≤ 1 for terms of 5–8 chars, ≤ 2 for longer; shorter terms exact. */
  fuzzy: boolean;
  /** AND: a record must match every query term (via any of its expansions); OR: any. */
  combineWith: 'AND' | 'OR';
  /** Keep at most this many best hits (all matches are still counted in `total`). */
  limit: number;
  /** Optional per-record multiplier of the score (e.g. quotes weigh more than passages); 0 leaves the record out, as in MiniSearch. */
  boost?: (record: number) => number;
}

/** One matching record. */
export interface TextHit {
  record: number;
  score: number;
  /** Index terms this record matched (for highlighting). */
  terms: string[];
}

/** What a search found: how many records matched, and the best of them. */
export interface TextSearchResult {
  total: number;
  /** Best first; ties by record number. */
  hits: TextHit[];
}

/**
 * What readers (CorpusQuery, search, card ranking) use of a text index: {@link TextIndex} over one
 * {@link TextIndexData}, or a segmented index over several (./segmented-text-index.ts) that ranks alike.
 * Record numbers are the corpus model's: its quotes, then its passages.
 */
export interface TextSearcher {
  /** Records matching `query`, best first; see {@link TextSearchOptions}. */
  search(query: string, options: TextSearchOptions): TextSearchResult;
  /** BM25+ of each of `records` (ascending) against `terms`, exact matches, the `maxTerms` rarest terms. */
  scoreRecords(terms: readonly string[], records: Uint32Array, maxTerms?: number): Float64Array;
  /** Indexed tokens of `record`. */
  lengthOf(record: number): number;
}

const ERROR = 'Dossier text index';

/** MiniSearch's own tokenizer (split on spaces, line breaks and punctuation), so both indexes cut words alike. */
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

const MAX_FREQ = 255;
const MAX_LENGTH = 65535;
/** BM25+ parameters, MiniSearch's defaults. */
export const K1 = 1.2;
export const B = 0.7;
export const D = 0.5;
/** MiniSearch's weights of a prefix and of a fuzzy match (an exact match weighs 1). */
export const PREFIX_WEIGHT = 0.375;
export const FUZZY_WEIGHT = 0.45;
/**
 * A short prefix ("pr") can complete to thousands of terms and millions of
 * postings; every completion costs a pass over its postings. Keeping the 64
 * completions with the most postings bounds a keystroke's work to a few ms
 * while keeping the words the user most likely means; rarer completions come
 * back as soon as one more letter is typed.
 */
export const MAX_PREFIX_EXPANSION = 64;
/** How many of a context's terms `scoreRecords` scores by default: the rarest (lib/store/posting-blocks.ts reads only theirs). */
export const SCORED_TERMS = 48;
/** Query terms past this many are ignored: a pasted paragraph is not a query, and AND counts fit a byte. */
const MAX_QUERY_TERMS = 32;

/** The terms of a text as both indexes hold them: tokenized, folded, stop words dropped. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

/** The query terms of a text, at most {@link MAX_QUERY_TERMS}. */
export function queryTerms(text: string): string[] {
  return searchTerms(text).slice(0, MAX_QUERY_TERMS);
}

/** `array`, or a copy at least `size` long (doubling), so appends stay amortised O(1). */
function grown<A extends Uint8Array | Uint32Array>(array: A, size: number): A {
  if (size <= array.length) return array;
  const next = new (array.constructor as new (length: number) => A)(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** Collects postings record by record into flat typed arrays, then sorts them by term in one counting pass. */
class TextIndexBuilder {
  /** Raw token → term id, or -1 for a stop word: processTerm (NFD + regex) runs once per distinct spelling. */
  private readonly tokenIds = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  /** Per term id: 1 + the last record that had it, and that posting's position (to count repeats). */
  private lastRecord = new Uint32Array(1024);
  private lastPosting = new Uint32Array(1024);
  private postingTerm = new Uint32Array(1 << 16);
  private postingRecord = new Uint32Array(1 << 16);
  private postingFreq = new Uint8Array(1 << 16);
  private postings = 0;
  readonly lengths: Uint16Array;

  constructor(count: number) {
    this.lengths = new Uint16Array(count);
  }

  /** Indexes the text of `record`; records must come in ascending order. */
  add(record: number, text: string): void {
    let length = 0;
    for (const token of tokenize(text)) {
      const id = this.termId(token);
      if (id < 0) continue;
      length++;
      if (this.lastRecord[id] === record + 1) {
        const p = this.lastPosting[id]!;
        if (this.postingFreq[p]! < MAX_FREQ) this.postingFreq[p]!++;
      } else {
        this.addPosting(id, record);
      }
    }
    this.lengths[record] = Math.min(length, MAX_LENGTH);
  }

  private termId(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      const term = processTerm(token);
      id = term ? this.internTerm(term) : -1;
      this.tokenIds.set(token, id);
    }
    return id;
  }

  private internTerm(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
      this.lastRecord = grown(this.lastRecord, id + 1);
      this.lastPosting = grown(this.lastPosting, id + 1);
    }
    return id;
  }

  private addPosting(id: number, record: number): void {
    const p = this.postings++;
    this.postingTerm = grown(this.postingTerm, p + 1);
    this.postingRecord = grown(this.postingRecord, p + 1);
    this.postingFreq = grown(this.postingFreq, p + 1);
    this.postingTerm[p] = id;
    this.postingRecord[p] = record;
    this.postingFreq[p] = 1;
    this.lastRecord[id] = record + 1;
    this.lastPosting[id] = p;
  }

  /** The index: terms sorted, postings grouped by term (a stable counting sort keeps records ascending). */
  finish(): TextIndexData {
    const names = this.termNames;
    const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
    const rank = new Uint32Array(names.length);
    order.forEach((id, r) => (rank[id] = r));
    const termStart = new Uint32Array(names.length + 1);
    for (let p = 0; p < this.postings; p++) termStart[rank[this.postingTerm[p]!]! + 1]!++;
    for (let t = 0; t < names.length; t++) termStart[t + 1]! += termStart[t]!;
    const cursor = termStart.slice(0, names.length);
    const records = new Uint32Array(this.postings);
    const freqs = new Uint8Array(this.postings);
    for (let p = 0; p < this.postings; p++) {
      const at = cursor[rank[this.postingTerm[p]!]!]!++;
      records[at] = this.postingRecord[p]!;
      freqs[at] = this.postingFreq[p]!;
    }
    return { terms: order.map((id) => names[id]!), termStart, records, freqs, lengths: this.lengths };
  }
}

/**
 * Builds the index of records 0..count-1 in one pass over their texts.
 * Memory beyond the result: ~9 bytes a posting and the vocabulary.
 */
export function buildTextIndex(count: number, textOf: (record: number) => string): TextIndexData {
  const builder = new TextIndexBuilder(count);
  for (let record = 0; record < count; record++) builder.add(record, textOf(record));
  return builder.finish();
}

/** The first index in [lo, hi) where `test` turns false (it must be true, then false). */
export function partitionPoint(lo: number, hi: number, test: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Position of `record` among the ascending records[lo..hi), or -1. */
export function findRecord(records: Uint32Array, lo: number, hi: number, record: number): number {
  const at = lowerBound(records, record, lo, hi);
  return at < hi && records[at] === record ? at : -1;
}

/**
 * Levenshtein distance of a and b if ≤ max, else max + 1; stops as soon as a row exceeds max.
 * `prev` and `row` are scratch rows of at least b.length + 1, reused across calls.
 */
export function boundedDistance(a: string, b: string, max: number, prev: Uint16Array, row: Uint16Array): number {
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    const done = prev;
    prev = row;
    row = done;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** Edit distance allowed for a fuzzy query term of this length. */
export function maxTypos(length: number): number {
  return length > 8 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * The k largest keys offered, with their ids: a min-heap on two typed arrays.
 * Equal keys prefer the smaller id, so results do not depend on offer order.
 */
export class TopK {
  private readonly ids: Uint32Array;
  private readonly keys: Float64Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.ids = new Uint32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  offer(id: number, key: number): void {
    if (this.size < this.capacity) {
      this.ids[this.size] = id;
      this.keys[this.size] = key;
      this.siftUp(this.size++);
    } else if (this.capacity > 0 && this.worse(this.ids[0]!, this.keys[0]!, id, key)) {
      this.ids[0] = id;
      this.keys[0] = key;
      this.siftDown(0);
    }
  }

  /** The kept entries, best first. */
  sorted(): { id: number; key: number }[] {
    const out = Array.from({ length: this.size }, (_, i) => ({ id: this.ids[i]!, key: this.keys[i]! }));
    return out.sort((a, b) => b.key - a.key || a.id - b.id);
  }

  private worse(idA: number, keyA: number, idB: number, keyB: number): boolean {
    return keyA < keyB || (keyA === keyB && idA > idB);
  }

  private lessAt(i: number, j: number): boolean {
    return this.worse(this.ids[i]!, this.keys[i]!, this.ids[j]!, this.keys[j]!);
  }

  private swap(i: number, j: number): void {
    [this.ids[i], this.ids[j]] = [this.ids[j]!, this.ids[i]!];
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.lessAt(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < this.size && this.lessAt(l, least)) least = l;
      if (r < this.size && this.lessAt(r, least)) least = r;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }
}

/** One query term and the index terms it matches (exact, completions, typos) with their weights. */
export interface QueryTerm {
  expansions: Map<number, number>;
  /** Postings over all expansions: the cost of this term, and AND's processing order. */
  postings: number;
}

/** Per-search scratch, sized to the record count and reused: no allocation per posting. */
export interface Scratch {
  scores: Float64Array;
  /** 0: untouched. AND: how many query terms (in processing order) the record matched; OR: 1. */
  marks: Uint8Array;
  /** The records with a nonzero mark, so that resetting costs what the search cost. */
  touched: Uint32Array;
  count: number;
}

/**
 * Searches a {@link TextIndexData}. Construction only checks the arrays' lengths;
 * the first search allocates 13 bytes per record of scratch, reused afterwards.
 * Not reentrant (one search at a time, which is all a worker does).
 */
export class TextIndex implements TextSearcher {
  /** BM25's k1 · b / average length: the per-token part of the length normalisation. */
  private readonly perLength: number;
  private scratch: Scratch | null = null;

  /** @throws Error when the arrays' lengths do not fit together. */
  constructor(
    /** The index's arrays (shared, not copied). */
    readonly data: TextIndexData,
  ) {
    checkShape(data);
    let sum = 0;
    for (const length of data.lengths) sum += length;
    const average = sum / data.lengths.length || 1;
    this.perLength = (K1 * B) / average;
  }

  /** The number of records. */
  get size(): number {
    return this.data.lengths.length;
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
    }
  }

  /** The index terms `word` stands for, each with its weight. */
  private expand(word: string, prefix: boolean, options: TextSearchOptions): QueryTerm {
    const expansions = new Map<number, number>();
    const exact = this.findTerm(word);
    if (exact >= 0) expansions.set(exact, 1);
    if (prefix && word.length >= 2) this.addCompletions(word, expansions);
    if (options.fuzzy) this.addTypos(word, expansions);
    let postings = 0;
    for (const t of expansions.keys()) postings += this.postingCount(t);
    return { expansions, postings };
  }

  private findTerm(word: string): number {
    const { terms } = this.data;
    const at = partitionPoint(0, terms.length, (i) => terms[i]! < word);
    return terms[at] === word ? at : -1;
  }

  /** [from, to) of the terms starting with `prefix`. */
  private prefixRange(prefix: string): [number, number] {
    const { terms } = this.data;
    const from = partitionPoint(0, terms.length, (i) => terms[i]! < prefix);
    return [from, partitionPoint(from, terms.length, (i) => terms[i]!.startsWith(prefix))];
  }

  private postingCount(term: number): number {
    return this.data.termStart[term + 1]! - this.data.termStart[term]!;
  }

  /** The completions of `word` with the most postings (see MAX_PREFIX_EXPANSION), weighted as MiniSearch does. */
  private addCompletions(word: string, expansions: Map<number, number>): void {
    const [from, to] = this.prefixRange(word);
    const top = new TopK(Math.min(MAX_PREFIX_EXPANSION, to - from));
    for (let t = from; t < to; t++) if (this.data.terms[t] !== word) top.offer(t, this.postingCount(t));
    for (const { id } of top.sorted()) {
      const length = this.data.terms[id]!.length;
      expansions.set(id, (PREFIX_WEIGHT * length) / (length + 0.3 * (length - word.length)));
    }
  }

  /** Terms within {@link maxTypos} edits of `word` that share its first character (a prefix match wins). */
  private addTypos(word: string, expansions: Map<number, number>): void {
    const max = maxTypos(word.length);
    if (max === 0) return;
    const [from, to] = this.prefixRange(word[0]!);
    const prev = new Uint16Array(word.length + 1);
    const row = new Uint16Array(word.length + 1);
    for (let t = from; t < to; t++) {
      const term = this.data.terms[t]!;
      if (expansions.has(t) || Math.abs(term.length - word.length) > max) continue;
      const distance = boundedDistance(term, word, max, prev, row);
      if (distance > 0 && distance <= max) expansions.set(t, (FUZZY_WEIGHT * term.length) / (term.length + distance));
    }
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

  /** Adds every posting of every expansion of `spec`, touching new records with `mark`. */
  private scoreAll(spec: QueryTerm, scratch: Scratch, mark: number): void {
    const { records, termStart } = this.data;
    const { scores, marks, touched } = scratch;
    let count = scratch.count;
    for (const [term, weight] of spec.expansions) {
      const w = weight * this.idf(term);
      for (let p = termStart[term]!, end = termStart[term + 1]!; p < end; p++) {
        const r = records[p]!;
        if (marks[r] === 0) {
          marks[r] = mark;
          touched[count++] = r;
        }
        scores[r]! += w * this.bm25(p, r);
      }
    }
    scratch.count = count;
  }

  /**
   * Scores `term` on the live candidates only (nonzero mark) and marks them `mark`:
   * by binary search per candidate when they are few, else by one scan of the postings.
   */
  private scoreCandidates(term: number, weight: number, scratch: Scratch, mark: number): void {
    const { records, termStart } = this.data;
    const start = termStart[term]!;
    const end = termStart[term + 1]!;
    const w = weight * this.idf(term);
    const { scores, marks, touched, count } = scratch;
    if (count * Math.log2(end - start + 1) < end - start) {
      for (let i = 0; i < count; i++) {
        const r = touched[i]!;
        const p = findRecord(records, start, end, r);
        if (p < 0) continue;
        scores[r]! += w * this.bm25(p, r);
        marks[r] = mark;
      }
    } else {
      for (let p = start; p < end; p++) {
        const r = records[p]!;
        if (marks[r] === 0) continue;
        scores[r]! += w * this.bm25(p, r);
        marks[r] = mark;
      }
    }
  }

  private idf(term: number): number {
    const df = this.postingCount(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** BM25+ of the posting at `p` (record `r`), before idf and weight. */
  private bm25(p: number, r: number): number {
    const tf = this.data.freqs[p]!;
    return D + (tf * (K1 + 1)) / (tf + K1 * (1 - B) + this.perLength * this.data.lengths[r]!);
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

  /**
   * BM25+ of each of `records` (ascending) against the index terms among `terms`, exact matches only,
   * summed over the distinct terms: ranks a known set of records (an entity card's quotes and passages) by
   * the words of a page, with the corpus's own term statistics. Only the `maxTerms` rarest terms count (the
   * most telling, and the cheapest: a term costs the smaller of a merge with its postings and a binary
   * search per posting or per record), so the cost does not grow with a long context.
   */
  scoreRecords(terms: readonly string[], records: Uint32Array, maxTerms = SCORED_TERMS): Float64Array {
    const scores = new Float64Array(records.length);
    const ids = [...new Set(terms.map((t) => this.findTerm(t)).filter((t) => t >= 0))]
      .sort((a, b) => this.postingCount(a) - this.postingCount(b) || a - b)
      .slice(0, maxTerms);
    const n = records.length;
    const { records: postings, termStart } = this.data;
    for (const term of ids) {
      const start = termStart[term]!;
      const end = termStart[term + 1]!;
      const count = end - start;
      const idf = this.idf(term);
      const merge = n + count;
      const perPosting = count * Math.log2(n + 1);
      const perRecord = n * Math.log2(count + 1);
      if (perPosting <= merge && perPosting <= perRecord) {
        // Both lists ascend: each search starts where the last one ended.
        for (let p = start, lo = 0; p < end && lo < n; p++) {
          lo = lowerBound(records, postings[p]!, lo, n);
          if (lo < n && records[lo] === postings[p]) scores[lo]! += idf * this.bm25(p, postings[p]!);
        }
      } else if (perRecord <= merge) {
        for (let i = 0, lo = start; i < n && lo < end; i++) {
          lo = lowerBound(postings, records[i]!, lo, end);
          if (lo < end && postings[lo] === records[i]) scores[i]! += idf * this.bm25(lo, records[i]!);
        }
      } else {
        for (let i = 0, p = start; i < n && p < end;) {
          const r = records[i]!;
          const q = postings[p]!;
          if (r < q) i++;
          else if (q < r) p++;
          else {
            scores[i]! += idf * this.bm25(p, r);
            i++;
            p++;
          }
        }
      }
    }
    return scores;
  }

  /** Indexed tokens of `record` (stop words left out), for telling a fragment from a sentence. */
  lengthOf(record: number): number {
    return this.data.lengths[record]!;
  }

  /** The index terms of `specs` that `record` contains. */
  private matchedTerms(specs: QueryTerm[], record: number): string[] {
    const { termStart, records, terms } = this.data;
    const found = new Set<string>();
    for (const spec of specs) {
      for (const t of spec.expansions.keys()) {
        if (findRecord(records, termStart[t]!, termStart[t + 1]!, record) >= 0) found.add(terms[t]!);
      }
    }
    return [...found];
  }
}

/**
 * A searcher as it is, or a {@link TextIndex} over index data.
 * @throws Error when the data's arrays do not fit together.
 */
export function asTextSearcher(text: TextIndexData | TextSearcher): TextSearcher {
  return 'search' in text && typeof text.search === 'function' ? text : new TextIndex(text as TextIndexData);
}

/** Whether query term `index` of `count` may match as a prefix. */
export function prefixAllowed(prefix: TextSearchOptions['prefix'], index: number, count: number): boolean {
  return prefix === 'all' || (prefix === 'last' && index === count - 1);
}

/** Search scratch for `size` records, zeroed. */
export function newScratch(size: number): Scratch {
  return { scores: new Float64Array(size), marks: new Uint8Array(size), touched: new Uint32Array(size), count: 0 };
}

/** Keeps the touched records marked `mark` (those that matched every term so far) and resets the others. */
export function dropUnmarked(scratch: Scratch, mark: number): void {
  let kept = 0;
  for (let i = 0; i < scratch.count; i++) {
    const r = scratch.touched[i]!;
    if (scratch.marks[r] === mark) {
      scratch.touched[kept++] = r;
    } else {
      scratch.marks[r] = 0;
      scratch.scores[r] = 0;
    }
  }
  scratch.count = kept;
}

/** @throws Error when the arrays' lengths do not fit together (O(1)). */
export function checkShape(data: TextIndexData): void {
  const { terms, termStart, records, freqs } = data;
  if (termStart.length !== terms.length + 1) {
    throw new Error(
      `${ERROR}: termStart has ${termStart.length} entries for ${terms.length} terms (expected terms + 1)`,
    );
  }
  if (freqs.length !== records.length) {
    throw new Error(`${ERROR}: ${records.length} records but ${freqs.length} freqs`);
  }
  if (termStart[0] !== 0 || termStart[terms.length] !== records.length) {
    throw new Error(
      `${ERROR}: termStart must run from 0 to ${records.length} (the postings), not ${termStart[0]}…${termStart[terms.length]}`,
    );
  }
}
