/**
 * A segment's text index stored split (issue #14, first search after a service-worker restart): its
 * dictionary (terms, where each term's postings start, record lengths) in the segment's index record, and
 * its postings (record numbers and frequencies, ~5 bytes each: 59 MB for 10,000 briefings) in block
 * records of {@link BLOCK_POSTINGS} postings after the segment's texts, read when a question needs them.
 *
 * The reader's index is a {@link TextIndexData} of full length whose `records`/`freqs` are filled block
 * by block ({@link LazyPostings}): the search code (lib/search) runs unchanged over it, provided every block
 * it will touch was loaded first. {@link LazyPostings.ensure} loads, for a search, the postings of the terms
 * any search of the query can touch ({@link searchedTerms}: each word, its most frequent prefix completions
 * and its typo matches, picked from the dictionaries in memory as TextIndex.expand picks them), and for an
 * entity card the postings of the context terms card ranking scores (the {@link CARD_TERMS} rarest). Until
 * session 11 a search read every term sharing a first letter with a query word: 5–15 % of all postings for
 * a common letter, which the first questions after a start waited on. A property test (posting-blocks.test.ts) checks that a search and a card
 * score over the split index, after `ensure`, equal those over the whole index.
 *
 * Small indexes (an appended article or ten) stay whole in their record: splitting pays only where reading
 * the whole index costs. A record written whole (every segment before this form) reads as before.
 */
import {
  boundedDistance,
  MAX_PREFIX_EXPANSION,
  maxTypos,
  partitionPoint,
  SCORED_TERMS,
  searchTerms,
  type TextIndexData,
} from '../search/text-index';

/** Postings per block record: 40 KB a block, small enough that a rare term costs one small read. */
export const BLOCK_POSTINGS = 8192;
/** An index with at most this many postings is stored whole (one record, as before). */
export const SPLIT_ABOVE = 1 << 17;
/** How many context terms card ranking scores: TextSearcher.scoreRecords' default `maxTerms`, the same constant. */
export const CARD_TERMS = SCORED_TERMS;

/** The dictionary of a split index, as its index record holds it. */
export interface SplitTextHead {
  terms: string[];
  termStart: Uint32Array;
  lengths: Uint16Array;
  /** Its postings: `count` block records of `size` postings (the last may hold fewer). */
  blocks: { size: number; count: number };
}

/** One block record's data: postings `k · size …` of the index. */
export interface PostingBlock {
  records: Uint32Array;
  freqs: Uint8Array;
}

/** A segment's index record data: its text index whole, or its dictionary (postings in blocks). */
export type StoredTextIndex = TextIndexData | SplitTextHead;

/** Whether an index record holds a split index's dictionary (not the whole index). */
export function isSplit(text: StoredTextIndex): text is SplitTextHead {
  return 'blocks' in text && !('records' in text);
}

/** The sequence number of block `k` of a segment of `documents` documents: right after its texts. */
export function blockSeq(documents: number, k: number): number {
  return 2 + documents + k; // textSeq(documents) + k (./chunks.ts)
}

/** How writers split indexes: {@link BLOCK_POSTINGS} and {@link SPLIT_ABOVE}; tests lower them to split small corpora. */
export const postingSplit = { size: BLOCK_POSTINGS, above: SPLIT_ABOVE };

/** The index as stored: whole when small, else its dictionary and its posting blocks. */
export function splitTextIndex(
  text: TextIndexData,
  size = postingSplit.size,
  above = postingSplit.above,
): { head: StoredTextIndex; blocks: PostingBlock[] } {
  const postings = text.records.length;
  if (postings <= above) return { head: text, blocks: [] };
  const blocks: PostingBlock[] = [];
  for (let from = 0; from < postings; from += size) {
    const to = Math.min(postings, from + size);
    blocks.push({ records: text.records.slice(from, to), freqs: text.freqs.slice(from, to) });
  }
  const head: SplitTextHead = {
    terms: text.terms,
    termStart: text.termStart,
    lengths: text.lengths,
    blocks: { size, count: blocks.length },
  };
  return { head, blocks };
}

/** Postings in block `k` of `head`. */
function blockLength(head: SplitTextHead, k: number): number {
  const postings = head.termStart[head.terms.length]!;
  return Math.min(head.blocks.size, postings - k * head.blocks.size);
}

/**
 * Checks the dictionary's block layout against its postings count.
 * @throws Error naming `where` when they do not fit.
 */
export function checkSplitHead(head: SplitTextHead, where: string): void {
  const postings = head.termStart?.[head.terms?.length ?? -1];
  const size = Number(head.blocks?.size);
  const count = Number(head.blocks?.count);
  if (postings === undefined || !(Number.isInteger(size) && size > 0) || count !== Math.ceil(postings / size))
    throw new Error(`${where}: its text index's posting blocks (${count} of ${size}) do not fit ${postings} postings`);
}

/**
 * Checks block `k` of `head` as read back.
 * @throws Error naming `where` and the block when it is missing or not the right length.
 */
export function checkBlock(head: SplitTextHead, k: number, data: unknown, where: string): PostingBlock {
  const block = data as Partial<PostingBlock> | undefined;
  const length = blockLength(head, k);
  if (
    !(block?.records instanceof Uint32Array) ||
    !(block.freqs instanceof Uint8Array) ||
    block.records.length !== length ||
    block.freqs.length !== length
  )
    throw new Error(`${where}: posting block ${k} of ${head.blocks.count} is missing or damaged`);
  return block as PostingBlock;
}

/**
 * The whole index from its dictionary and every block, in order.
 * @throws Error naming `where` when a block is missing or damaged.
 */
export function joinTextIndex(head: StoredTextIndex, blocks: readonly unknown[], where: string): TextIndexData {
  if (!isSplit(head)) return head;
  checkSplitHead(head, where);
  if (blocks.length !== head.blocks.count)
    throw new Error(`${where}: ${blocks.length} of ${head.blocks.count} posting blocks`);
  const data = emptyData(head);
  blocks.forEach((b, k) => {
    const block = checkBlock(head, k, b, where);
    data.records.set(block.records, k * head.blocks.size);
    data.freqs.set(block.freqs, k * head.blocks.size);
  });
  return data;
}

function emptyData(head: SplitTextHead): TextIndexData {
  const postings = head.termStart[head.terms.length]!;
  return {
    terms: head.terms,
    termStart: head.termStart,
    lengths: head.lengths,
    records: new Uint32Array(postings),
    freqs: new Uint8Array(postings),
  };
}

/** What a question needs of the text index: a search's query, or the context words an entity card ranks by. */
export type TextNeed = { query: string } | { context: readonly string[] };

/**
 * A posting block was asked of a segment that no longer exists: a merge (or a full write) replaced the
 * generation this corpus was loaded from and deleted the segment. Not damage: the same question asked of
 * the active generation can be answered (the service worker reloads and asks again, lib/background/router.ts).
 */
export class SegmentGoneError extends Error {
  override readonly name = 'SegmentGoneError';
  constructor(readonly segment: string) {
    super(
      `Dossier store: segment ${segment} was replaced (merged or rewritten) after this corpus was loaded; ask again once the corpus has reloaded`,
    );
  }
}

/** Reads blocks `from … to - 1` of a segment's postings, in order. */
export type BlockReader = (from: number, to: number) => Promise<unknown[]>;

/**
 * Blocks read per step of {@link LazyPostings.loadRest} (about 330 KB): a question's reads wait at most one
 * step, since the next step waits for the questions being read (see {@link textReadiness}).
 */
const REST_STEP = 8;

/**
 * A split index being loaded: {@link data} is a full {@link TextIndexData} whose postings are filled as
 * blocks are read. Search over it only after {@link ensure} (or {@link loadAll}) resolved for the question.
 */
export class LazyPostings {
  /** The index the searchers use (its arrays are shared and filled in place). */
  readonly data: TextIndexData;
  private readonly loaded: Uint8Array;
  private missing: number;
  /** The read in progress per block. */
  private readonly reading = new Map<number, Promise<void>>();

  /** @throws Error naming `where` when the dictionary's block layout does not fit its postings. */
  constructor(
    private readonly head: SplitTextHead,
    private readonly read: BlockReader,
    private readonly where: string,
  ) {
    checkSplitHead(head, where);
    this.data = emptyData(head);
    this.loaded = new Uint8Array(head.blocks.count);
    this.missing = head.blocks.count;
  }

  /** Whether every block is in memory. */
  get complete(): boolean {
    return this.missing === 0;
  }

  /**
   * The blocks holding the postings of the terms a search of the query can touch ({@link searchedTerms} over
   * this index alone), or of context terms (card: with `rarest`, only the terms card ranking scores; see
   * {@link cardTerms}), or of the given terms, in ascending order.
   */
  blocksFor(need: TextNeed | { terms: ReadonlySet<string> }, rarest?: ReadonlySet<string>): number[] {
    const { terms, termStart } = this.head;
    const size = this.head.blocks.size;
    const wanted = new Set<number>();
    const addTerm = (word: string) => {
      const at = termBound(terms, word);
      if (terms[at] !== word) return;
      const start = termStart[at]!;
      const end = termStart[at + 1]!;
      if (end <= start) return;
      for (let k = Math.floor(start / size); k <= Math.floor((end - 1) / size); k++) wanted.add(k);
    };
    if ('query' in need) for (const word of searchedTerms(need.query, [this.head])) addTerm(word);
    else if ('terms' in need) for (const word of need.terms) addTerm(word);
    else for (const word of need.context) if (!rarest || rarest.has(word)) addTerm(word);
    return [...wanted].sort((a, b) => a - b);
  }

  /** Posting count of `word` here (0 when absent): what card ranking orders context terms by. */
  count(word: string): number {
    const { terms, termStart } = this.head;
    const at = termBound(terms, word);
    return terms[at] === word ? termStart[at + 1]! - termStart[at]! : 0;
  }

  /**
   * Reads the blocks `need` touches that are not in memory yet.
   * @throws Error when a block is missing or damaged (nothing half-filled is marked loaded).
   */
  ensure(need: TextNeed | { terms: ReadonlySet<string> }, rarest?: ReadonlySet<string>): Promise<void> {
    return this.load(this.blocksFor(need, rarest));
  }

  /** Reads every block not in memory yet. */
  loadAll(): Promise<void> {
    return this.load(Array.from({ length: this.head.blocks.count }, (_, k) => k));
  }

  /**
   * Reads the blocks not in memory yet, {@link REST_STEP} at a time, so that questions can run between steps.
   * @param yieldTo awaited before each step: resolves once no question is waiting for its own blocks, so a
   *   question's reads never queue behind more than one step of this.
   */
  async loadRest(yieldTo?: () => Promise<void>): Promise<void> {
    for (let k = 0; k < this.loaded.length && this.missing > 0; k += REST_STEP) {
      await yieldTo?.();
      await this.load(Array.from({ length: Math.min(REST_STEP, this.loaded.length - k) }, (_, i) => k + i));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** Reads `blocks` (ascending) that are neither loaded nor being read, as runs of consecutive blocks. */
  private async load(blocks: readonly number[]): Promise<void> {
    const waits: Promise<void>[] = [];
    let run: number[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const [from, to] = [run[0]!, run.at(-1)! + 1];
      const done = this.readRun(from, to);
      for (let k = from; k < to; k++) this.reading.set(k, done);
      const settle = () => {
        for (let k = from; k < to; k++) if (this.reading.get(k) === done) this.reading.delete(k);
      };
      done.then(settle, settle); // the failure itself reaches whoever waits for `done`
      waits.push(done);
      run = [];
    };
    for (const k of blocks) {
      if (this.loaded[k]) continue;
      const pending = this.reading.get(k);
      if (pending) {
        waits.push(pending);
        continue;
      }
      if (run.length > 0 && run.at(-1)! + 1 !== k) flush();
      run.push(k);
    }
    flush();
    await Promise.all(waits);
  }

  private async readRun(from: number, to: number): Promise<void> {
    const read = await this.read(from, to);
    if (read.length !== to - from)
      throw new Error(`${this.where}: ${read.length} of posting blocks ${from}–${to - 1} could be read`);
    const checked = read.map((data, i) => checkBlock(this.head, from + i, data, this.where));
    const size = this.head.blocks.size;
    checked.forEach((block, i) => {
      const k = from + i;
      if (this.loaded[k]) return;
      this.data.records.set(block.records, k * size);
      this.data.freqs.set(block.freqs, k * size);
      this.loaded[k] = 1;
      this.missing--;
    });
  }
}

/** What {@link searchedTerms} reads of an index: its sorted terms and where each one's postings start. */
export type TermDictionary = Pick<TextIndexData, 'terms' | 'termStart'>;

/**
 * Every term a search of `query` can touch over the indexes with these dictionaries, whatever its options
 * (lib/search/text-index.ts `expand`, and SegmentedTextIndex's, which picks over all segments): for each word
 * of the query (all of them, not only the 32 a search keeps, and re-tokenized: lib/query/search.ts searches
 * subsets of the words), the word itself; its prefix completions with the most postings over all the
 * indexes (the {@link MAX_PREFIX_EXPANSION} best, and every term tied with the last of them, so any order of
 * ties is covered; every completion with `allCompletions`, for when an index's counts are not the ones the
 * search ranks by); and its typo matches ({@link maxTypos} edits, same first character).
 */
export function searchedTerms(query: string, dicts: readonly TermDictionary[], allCompletions = false): Set<string> {
  const words = searchTerms(query);
  const out = new Set<string>();
  for (const word of new Set([...words, ...searchTerms(words.join(' '))])) {
    out.add(word);
    if (word.length >= 2) {
      const counts = new Map<string, number>();
      for (const { terms, termStart } of dicts) {
        const [from, to] = prefixRange(terms, word);
        for (let t = from; t < to; t++) {
          const term = terms[t]!;
          if (term !== word) counts.set(term, (counts.get(term) ?? 0) + termStart[t + 1]! - termStart[t]!);
        }
      }
      if (allCompletions || counts.size <= MAX_PREFIX_EXPANSION) for (const term of counts.keys()) out.add(term);
      else {
        const last = [...counts.values()].sort((a, b) => b - a)[MAX_PREFIX_EXPANSION - 1]!;
        for (const [term, count] of counts) if (count >= last) out.add(term);
      }
    }
    const max = maxTypos(word.length);
    if (max === 0) continue;
    const prev = new Uint16Array(word.length + 1);
    const row = new Uint16Array(word.length + 1);
    for (const { terms } of dicts) {
      const [from, to] = prefixRange(terms, word[0]!);
      for (let t = from; t < to; t++) {
        const term = terms[t]!;
        if (Math.abs(term.length - word.length) <= max && boundedDistance(term, word, max, prev, row) <= max)
          out.add(term);
      }
    }
  }
  return out;
}

/** [from, to) of the ascending `terms` that start with `prefix`. */
function prefixRange(terms: readonly string[], prefix: string): [number, number] {
  const from = termBound(terms, prefix);
  return [from, partitionPoint(from, terms.length, (i) => terms[i]!.startsWith(prefix))];
}

/**
 * The context terms card ranking scores: the distinct terms the index holds, the {@link CARD_TERMS} with
 * the fewest postings over all `indexes` (ties in term order), as TextIndex/SegmentedTextIndex.scoreRecords
 * picks them when no record is dropped. `counts` gives each index's posting count of a term.
 */
export function cardTerms(context: readonly string[], counts: readonly ((word: string) => number)[]): Set<string> {
  const found: { word: string; count: number }[] = [];
  for (const word of new Set(context)) {
    let count = 0;
    for (const c of counts) count += c(word);
    if (count > 0) found.push({ word, count });
  }
  found.sort((a, b) => a.count - b.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return new Set(found.slice(0, CARD_TERMS).map((f) => f.word));
}

/** Counts a whole (in memory) index's postings of a term, as {@link LazyPostings.count} does. */
export function wholeCount(data: TextIndexData): (word: string) => number {
  return (word) => {
    const at = termBound(data.terms, word);
    return data.terms[at] === word ? data.termStart[at + 1]! - data.termStart[at]! : 0;
  };
}

/** First position in the ascending `terms` whose term is not below `word`. */
function termBound(terms: readonly string[], word: string, from = 0): number {
  return partitionPoint(from, terms.length, (i) => terms[i]! < word);
}

/** The loader of each split index the store handed out, by the index data searchers use. */
const loaders = new WeakMap<TextIndexData, LazyPostings>();

/** A split index's data, loaded by `loader` (the store calls this as it reads an index record). */
export function lazyTextIndex(loader: LazyPostings): TextIndexData {
  loaders.set(loader.data, loader);
  return loader.data;
}

/** After the first question, the rest of the postings are read this much later, step by step. */
const REST_DELAY_MS = 1000;

/**
 * What a corpus query awaits before a question touches the text index of a joined corpus: for each of the
 * segments' indexes (in join order) that is split and not yet in memory, the blocks the question needs.
 * A segment the join did not copy whole (`partial`: a deleted document's records are left out, and the
 * segmented index then counts every one of its postings) is read whole. After the first question, the
 * rest is read in the background ({@link LazyPostings.loadRest}), so later questions do not wait and a
 * segment merged away later has already been read.
 */
export function textReadiness(
  indexes: readonly TextIndexData[],
  partial: readonly boolean[],
): ((need: TextNeed) => Promise<void>) | undefined {
  const lazy = indexes.map((data) => loaders.get(data));
  if (lazy.every((l) => !l || l.complete)) return undefined;
  let restScheduled = false;
  const anyPartial = partial.some(Boolean);
  // Questions waiting for their blocks: the read-ahead steps aside for them (a question never waits behind it).
  let asking = 0;
  let idle: { promise: Promise<void>; resolve: () => void } | undefined;
  const questionsDone = () => idle?.promise ?? Promise.resolve();
  return async (need) => {
    if (lazy.every((l) => !l || l.complete)) return;
    if (asking++ === 0) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      idle = { promise, resolve };
    }
    try {
      await readFor(need);
    } finally {
      if (--asking === 0) {
        idle!.resolve();
        idle = undefined;
      }
    }
    if (!restScheduled) {
      restScheduled = true;
      setTimeout(() => {
        void (async () => {
          for (const l of lazy) await l?.loadRest(questionsDone);
        })().catch((error: unknown) =>
          console.warn('Dossier: reading the text index ahead failed:', error instanceof Error ? error.message : error),
        );
      }, REST_DELAY_MS);
    }
  };

  async function readFor(need: TextNeed): Promise<void> {
    const rarest =
      'context' in need && !anyPartial
        ? cardTerms(
            need.context,
            indexes.map((data, i) => {
              const l = lazy[i];
              return l ? (word: string) => l.count(word) : wholeCount(data);
            }),
          )
        : undefined;
    // A search's terms are picked over every index, as the segmented index picks its prefix completions;
    // with a partial segment its counts are not the live ones the search ranks by, so every completion.
    const wanted = 'query' in need ? { terms: searchedTerms(need.query, indexes, anyPartial) } : need;
    await Promise.all(
      lazy.map((l, i) => (!l ? Promise.resolve() : partial[i] ? l.loadAll() : l.ensure(wanted, rarest))),
    );
  }
}

/** Key range of blocks `from … to - 1` of segment `id` (of `documents` documents) in the `chunks` store. */
export function blockRange(id: string, documents: number, from: number, to: number): IDBKeyRange {
  return IDBKeyRange.bound([id, blockSeq(documents, from)], [id, blockSeq(documents, to - 1)]);
}
