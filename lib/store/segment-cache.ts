/**
 * The service worker's cache of segment heads (model and text index) by
 * segment id, used by `CorpusStore.openActive`. Segments are immutable (see
 * ./README.md), so a reload after an append reads the new manifest and the new
 * segment only; the segments the new manifest no longer lists (merged away)
 * drop out.
 *
 * Memory: nothing is held twice. A segment that was copied whole into the
 * joined corpus keeps no columns of its own: its documents, entity ids and text
 * index are the objects the joined corpus uses, and its columns are given back
 * from the joined model when the next join needs them (`segmentFromJoined`).
 * Only a segment the join did not copy whole (a tombstoned document, an entity
 * the table no longer has) keeps its own model until a merge rewrites it.
 * The cache refers to the last joined corpus, which is the one answering.
 */
import type { CorpusModel } from '../pack/model';
import {
  segmentFromJoined,
  type JoinedCorpus,
  type LoadedSegment,
  type SegmentIndexes,
  type SegmentModel,
  type SegmentPlacement,
  type SegmentShell,
} from '../pack/segment';
import type { TextSearcher } from '../search/text-index';

/** One cached segment: what is needed to give its {@link LoadedSegment} back. */
type Entry =
  | { indexes: SegmentIndexes; model: SegmentModel }
  | { indexes: SegmentIndexes; shell: SegmentShell; joined: CorpusModel; at: SegmentPlacement };

/** A consistent view of the cache taken before reading (a concurrent load may replace the entries meanwhile). */
export interface CacheView {
  /** Ids of the segments asked for that are cached. */
  readonly cached: ReadonlySet<string>;
  /** The text searcher of the join the entries come from, for reusing its word list. */
  readonly previous: TextSearcher | undefined;
  /** The model of that join (what the next corpus's name vocabulary may be derived from). */
  readonly previousModel: CorpusModel | undefined;
  /** The segments in order: cached ones given back, the others from `read` (segment id → freshly read head). */
  segments(ids: readonly string[], read: ReadonlyMap<string, LoadedSegment>): LoadedSegment[];
  /**
   * The last join, when `ids` list its segments first (same order) and it was made with the same `key`
   * (tombstones and redirects): a load that only added segments extends it (`extendJoin`) instead of
   * joining again. `count` is how many of `ids` it covers.
   */
  extendable(key: string): { joined: JoinedCorpus; count: number } | undefined;
  /** The text indexes of `ids`, cached ones and the others from `read`. */
  indexes(ids: readonly string[], read: ReadonlyMap<string, LoadedSegment>): SegmentIndexes[];
}

/** Segment heads by id; see the module comment. */
export class SegmentCache {
  private entries = new Map<string, Entry>();
  private text: TextSearcher | undefined;
  /** The last join, its segment ids and the key of its tombstones and redirects. */
  private last: { ids: readonly string[]; key: string; joined: JoinedCorpus } | undefined;

  /** Number of cached segments. */
  get size(): number {
    return this.entries.size;
  }

  /** What is cached of `ids`, to read the rest and put the segments together. */
  view(ids: readonly string[]): CacheView {
    const entries = this.entries;
    const last = this.last;
    const cached = new Set(ids.filter((id) => entries.has(id)));
    return {
      cached,
      previous: this.text,
      previousModel: last?.joined.model,
      extendable(key) {
        if (!last || last.key !== key || last.ids.length > ids.length) return undefined;
        if (!last.ids.every((id, i) => ids[i] === id)) return undefined;
        return { joined: last.joined, count: last.ids.length };
      },
      indexes(wanted, read) {
        return wanted.map((id) => {
          const indexes = read.get(id)?.indexes ?? entries.get(id)?.indexes;
          if (!indexes) throw new Error(`Dossier store: segment ${id} was neither cached nor read`);
          return indexes;
        });
      },
      segments(wanted, read) {
        let scratch: Int32Array | undefined;
        return wanted.map((id) => {
          const fresh = read.get(id);
          if (fresh) return fresh;
          const entry = entries.get(id);
          if (!entry) throw new Error(`Dossier store: segment ${id} was neither cached nor read`);
          if ('model' in entry) return { model: entry.model, indexes: entry.indexes };
          scratch ??= new Int32Array(entry.joined.entities.length).fill(-1);
          if (scratch.length < entry.joined.entities.length)
            scratch = new Int32Array(entry.joined.entities.length).fill(-1);
          return { model: segmentFromJoined(entry.joined, entry.at, entry.shell, scratch), indexes: entry.indexes };
        });
      },
    };
  }

  /**
   * After a successful join of `segments` (ids `ids`, same order): the entries become exactly these segments,
   * referring to `joined`; every other segment drops out.
   */
  keep(ids: readonly string[], segments: readonly LoadedSegment[], joined: JoinedCorpus, key: string): void {
    const next = new Map<string, Entry>();
    ids.forEach((id, s) => next.set(id, entryOf(segments[s]!, joined, s)));
    this.entries = next;
    this.text = joined.text;
    this.last = { ids: [...ids], key, joined };
  }

  /**
   * After `extendJoin` made `joined` from the last join and the segments `added` (ids `ids`: the last
   * join's, then the added ones'): the cached segments now refer to `joined` (their rows sit at the same
   * places in it), so the previous joined model is not held for them.
   */
  keepExtended(ids: readonly string[], added: readonly LoadedSegment[], joined: JoinedCorpus, key: string): void {
    const next = new Map<string, Entry>();
    const from = ids.length - added.length;
    ids.forEach((id, s) => {
      if (s >= from) {
        next.set(id, entryOf(added[s - from]!, joined, s));
        return;
      }
      const entry = this.entries.get(id);
      if (!entry || 'model' in entry) throw new Error(`Dossier store: segment ${id} was not copied whole`);
      next.set(id, { ...entry, joined: joined.model, at: joined.placements[s]! });
    });
    this.entries = next;
    this.text = joined.text;
    this.last = { ids: [...ids], key, joined };
  }

  /** Forgets everything (e.g. when the store is cleared). */
  clear(): void {
    this.entries = new Map();
    this.text = undefined;
    this.last = undefined;
  }
}

/** The cache entry of segment number `s` of `joined`: a shell when the join copied it whole, else itself. */
function entryOf({ model, indexes }: LoadedSegment, joined: JoinedCorpus, s: number): Entry {
  const at = joined.placements[s];
  if (!at) return { model, indexes };
  const { passages, mentions, quotes, ...rest } = model;
  return {
    indexes,
    shell: {
      ...rest,
      rows: { passages: passages.doc.length, mentions: mentions.doc.length, quotes: quotes.doc.length },
    },
    joined: joined.model,
    at,
  };
}
