/**
 * Answers the protocol's questions from a corpus model: entity cards, search,
 * document lists and documents. Pure (no browser API), so it is tested in Node
 * and runs unchanged in the service worker. Document texts come from a
 * {@link TextSource}: the store reads only the documents an answer shows.
 */
import type MiniSearch from 'minisearch';
import type {
  CardContext,
  CardList,
  CardListPage,
  DocumentSummary,
  DocumentView,
  EntityCard,
  EntityRef,
  NameEntry,
  NameTable,
  SearchFilters,
  SearchResults,
} from '../messages/protocol';
import { compactPack, type CorpusModel } from '../pack/model';
import type { Pack } from '../pack/types';
import type { SearchRecord } from '../search/index-options';
import { fromIndexFile, type LoadedIndexFile } from '../search/index-file';
import { buildSearchIndexes, loadNamesIndex } from '../search/records';
import { asTextSearcher, type TextIndexData, type TextSearcher } from '../search/text-index';
import type { TextNeed } from '../store/posting-blocks';
import { buildCard, CARD_PAGE, takeItems, type CardState } from './card';
import { contextTerms } from './card-rank';
import { CorpusData, documentSummary, meta, ref } from './corpus-data';
import { markNames } from './mark-names';
import { searchCorpus } from './search';

export { NotFoundError } from './corpus-data';

/**
 * Most names sent to pages. Every frame compiles them into its matcher (1–4 s
 * and 40–60 MB a frame for 80,000 names; 10,000 briefings have 74,366; see
 * lib/subscriptions/pack-cost.ts); past this, the least mentioned entities are
 * left unmarked rather than every page paying for them.
 */
export const MAX_PAGE_NAMES = 120_000;

/** The texts of documents by number, in the order asked. */
export type TextSource = (docs: readonly number[]) => Promise<readonly string[]>;

/**
 * What a corpus query is made of: the model, its indexes and where texts come from. The text index is
 * either its data (one index over the model's quotes then passages, loaded on first use) or a searcher
 * already made, e.g. the segmented index of a joined corpus (lib/pack/segment.ts); {@link SearchIndexes}
 * fits as it is.
 */
export interface CorpusParts {
  model: CorpusModel;
  indexes: { names: string; text: TextIndexData | TextSearcher };
  texts: TextSource;
  /** Entity id → number in `model.entities`, when already made (a joined corpus); else built on first use. */
  entityIndex?: Map<string, number>;
  /** Document id → number in `model.documents`, when already made (a joined corpus); else built on first use. */
  docIndex?: Map<string, number>;
  /** The names index already loaded from `indexes.names` (the bundled corpus checks it as it loads). */
  names?: MiniSearch<SearchRecord>;
  /**
   * How to load the names index when no `names` is given (default: MiniSearch's load of `indexes.names`).
   * Called on every use, not kept by the query: the store hands one index from a generation to the next
   * (lib/store/table-cache.ts), so only the loader knows whether it is still this corpus's.
   */
  loadNames?: () => MiniSearch<SearchRecord>;
  /**
   * When the text index is read on demand (lib/store/posting-blocks.ts): resolves once it holds what
   * `need` touches (a search's query, a card's context terms). Absent: the index is whole in memory.
   */
  textReady?: (need: TextNeed) => Promise<void>;
}

/** The search side of a corpus: both indexes, loaded. */
export interface LoadedIndexes {
  names: MiniSearch<SearchRecord>;
  text: TextSearcher;
}

/** Texts of the documents `docs` mentions, by number. */
export type TextMap = ReadonlyMap<number, string>;

/** The parts of a pack held in memory: its model, freshly built indexes and its texts. */
export function partsOfPack(pack: Pack): CorpusParts {
  const model = compactPack(pack);
  const texts = pack.documents.map((d) => d.text);
  return {
    model,
    indexes: buildSearchIndexes(model, (doc) => texts[doc]!),
    texts: (docs) => Promise.resolve(docs.map((d) => texts[d]!)),
  };
}

/**
 * The parts of the bundled pack with the indexes the build made for it
 * (lib/search/index-file.ts): nothing is indexed here. When the file does not
 * fit (other options, another corpus, damaged) or could not be read (an
 * Error), the indexes are built as for any pack, `onMismatch` is told why,
 * and the answers stay right.
 */
export function partsOfBundledPack(pack: Pack, indexFile: unknown, onMismatch: (why: string) => void): CorpusParts {
  const model = compactPack(pack);
  const texts = pack.documents.map((d) => d.text);
  let loaded: LoadedIndexFile;
  try {
    if (indexFile instanceof Error) throw indexFile;
    loaded = fromIndexFile(indexFile, model);
  } catch (error) {
    onMismatch(error instanceof Error ? error.message : String(error));
    return partsOfPack(pack);
  }
  return {
    model,
    indexes: loaded.indexes,
    names: loaded.names,
    texts: (docs) => Promise.resolve(docs.map((d) => texts[d]!)),
  };
}

/**
 * Read-only views over one corpus. The lookup tables and the names index are
 * built on first use, not up front: after the browser restarts the service
 * worker, the first question is usually a page's `names.get`, which needs
 * neither. {@link warm} builds them ahead of the first card or search.
 */
export class CorpusQuery {
  readonly model: CorpusModel;
  private readonly parts: CorpusParts;
  private dataCache: CorpusData | undefined;
  private namesIndexCache: MiniSearch<SearchRecord> | undefined;
  private textCache: TextSearcher | undefined;
  private namesCache: NameTable | undefined;

  constructor(parts: CorpusParts) {
    this.parts = parts;
    this.model = parts.model;
  }

  /** A query over a pack held in memory (the bundled corpus, tests): compacts and indexes it. */
  static fromPack(pack: Pack): CorpusQuery {
    return new CorpusQuery(partsOfPack(pack));
  }

  /** The lookup tables. */
  get data(): CorpusData {
    this.dataCache ??= new CorpusData(this.model, this.parts.entityIndex, this.parts.docIndex);
    return this.dataCache;
  }

  /** @throws Error when the names index was built with other options (lib/search/index-options.ts). */
  private get indexes(): LoadedIndexes {
    return { names: this.namesIndex, text: this.textSearcher };
  }

  /**
   * The names index, loaded on first use: only a search needs it (a page's names and an entity card do
   * not), and at 10,000 briefings loading it is the largest CPU cost of a service-worker start.
   * @throws Error when the names index was built with other options (lib/search/index-options.ts).
   */
  private get namesIndex(): MiniSearch<SearchRecord> {
    if (this.parts.loadNames && !this.parts.names) return this.parts.loadNames();
    this.namesIndexCache ??= this.parts.names ?? loadNamesIndex(this.parts.indexes.names);
    return this.namesIndexCache;
  }

  private get textSearcher(): TextSearcher {
    this.textCache ??= asTextSearcher(this.parts.indexes.text);
    return this.textCache;
  }

  /**
   * Builds the tables and the text searcher now (call when the worker is idle); the names index is left
   * to {@link warmNames}.
   * @throws Error when the text index's arrays do not fit together.
   */
  warm(): void {
    void this.data;
    void this.textSearcher;
  }

  /**
   * Loads the names index now (call when the worker has been idle a while: a search that comes first
   * loads it itself).
   * @throws Error when the names index was built with other options.
   */
  warmNames(): void {
    void this.namesIndex;
  }

  /** The texts of documents by number (each read once). */
  async texts(docs: Iterable<number>): Promise<TextMap> {
    const wanted = [...new Set(docs)];
    const texts = await this.parts.texts(wanted);
    return new Map(wanted.map((d, i) => [d, texts[i]!]));
  }

  /**
   * What the corpus says about one entity, ranked by `context` (the words around the name on the page
   * being read) when given, else newest first; see lib/query/card.ts.
   * @throws NotFoundError for an unknown id.
   */
  async card(entityId: string, context?: CardContext): Promise<EntityCard> {
    return (await this.openCard(entityId, context)).card;
  }

  /**
   * A card and the state its further pages ({@link cardPage}) need.
   * @throws NotFoundError for an unknown id.
   */
  async openCard(entityId: string, context?: CardContext): Promise<{ card: EntityCard; state: CardState }> {
    const n = this.data.entityNumber(entityId);
    if (context && this.parts.textReady) {
      const entity = this.data.entity(n);
      await this.parts.textReady({ context: contextTerms(context, [entity.name, ...entity.aliases]) });
    }
    return buildCard(this, n, context);
  }

  /** The next page of one list of a card opened with {@link openCard}, from position `from` of its order. */
  cardPage(state: CardState, list: CardList, from: number): Promise<CardListPage> {
    return takeItems(this, state, list, from, CARD_PAGE.more);
  }

  /** The quotes-and-passages index (loaded on first use). */
  get textIndex(): TextSearcher {
    return this.textSearcher;
  }

  /** Full-text search: names, then quotes, then passages, filtered; see lib/query/search.ts. */
  async search(query: string, limit = 30, filters: SearchFilters = {}): Promise<SearchResults> {
    // The text index's reads are asked for first: IndexedDB serves them while the names index loads (the
    // largest CPU cost of a first search after a start), instead of one after the other.
    const ready = this.parts.textReady?.({ query });
    let indexes: LoadedIndexes;
    try {
      indexes = this.indexes;
    } catch (error) {
      ready?.catch(() => undefined); // the names index's error is the one to report
      throw error;
    }
    await ready;
    return searchCorpus(this, indexes, query, limit, filters);
  }

  /** Every document with its counts, newest first. */
  documents(): DocumentSummary[] {
    const data = this.data;
    return this.model.documents
      .map((_, doc) => documentSummary(data, doc))
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title));
  }

  /**
   * One document with everything found in it.
   * @throws NotFoundError for an unknown id.
   */
  async document(docId: string): Promise<DocumentView> {
    const data = this.data;
    const doc = data.docNumber(docId);
    const text = (await this.texts([doc])).get(doc)!;
    const { passages: p, mentions: m } = this.model;
    const passages = [];
    for (let i = data.passageStart[doc]!; i < data.passageStart[doc + 1]!; i++)
      passages.push({ id: data.passageId(i), start: p.start[i]!, end: p.end[i]! });
    const mentions = [];
    const entityNumbers = new Set<number>();
    for (let i = data.mentionStart[doc]!; i < data.mentionStart[doc + 1]!; i++) {
      mentions.push({ entityId: data.entity(m.entity[i]!).id, start: m.start[i]!, end: m.end[i]! });
      entityNumbers.add(m.entity[i]!);
    }
    const quotes = [];
    for (let i = data.quoteStart[doc]!; i < data.quoteStart[doc + 1]!; i++) quotes.push(data.quoteView(i, text));
    return {
      document: { ...meta(this.model.documents[doc]!), text },
      passages,
      mentions,
      quotes,
      entities: [...entityNumbers].map((e) => ref(data.entity(e))),
    };
  }

  /** References for the known ids among `ids`, in the same order. */
  refs(ids: readonly string[]): EntityRef[] {
    return ids.flatMap((id) => {
      const n = this.data.entityIndex.get(id);
      return n === undefined ? [] : [ref(this.data.entity(n))];
    });
  }

  /**
   * The names to spot on pages (lib/query/mark-names.ts): at most {@link MAX_PAGE_NAMES},
   * whole entities, the most mentioned first.
   */
  names(): NameTable {
    if (!this.namesCache) {
      const entities = this.model.entities;
      const counts = this.mentionCounts();
      let names = markNames(entities, (i) => counts[i]!);
      if (names.length > MAX_PAGE_NAMES) names = this.mostMentioned(names, counts);
      this.namesCache = { version: `${this.model.createdAt}/${entities.length}/${names.length}`, names };
    }
    return this.namesCache;
  }

  /** How many mentions each entity has, by its index in the model's entity list. */
  private mentionCounts(): Uint32Array {
    const counts = new Uint32Array(this.model.entities.length);
    for (const e of this.model.mentions.entity) counts[e]!++;
    return counts;
  }

  /** The names of the most mentioned entities, whole entities only, within {@link MAX_PAGE_NAMES}. */
  private mostMentioned(names: NameEntry[], counts: Uint32Array): NameEntry[] {
    const { entities } = this.model;
    const index = new Map(entities.map((e, i) => [e.id, i]));
    const byEntity = new Map<string, NameEntry[]>();
    for (const n of names) {
      const group = byEntity.get(n.entityId);
      if (group) group.push(n);
      else byEntity.set(n.entityId, [n]);
    }
    const ranked = [...byEntity].sort(([a], [b]) => counts[index.get(b)!]! - counts[index.get(a)!]!);
    const kept = new Set<string>();
    let total = 0;
    for (const [id, group] of ranked) {
      if (total + group.length > MAX_PAGE_NAMES) continue;
      kept.add(id);
      total += group.length;
    }
    return names.filter((n) => kept.has(n.entityId));
  }
}
