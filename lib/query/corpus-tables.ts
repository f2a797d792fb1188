/**
 * The options page's document and entity tables, served a page at a time from
 * the loaded corpus: filter, sort, offset and limit in, `{ total, rows }` out,
 * and search-as-you-type over every entity (the merge target). Pure; the rows'
 * counts, the folded filter text and every sort order are computed once per
 * loaded corpus (on the first request), so a request costs one pass over the
 * precomputed order (a substring test per row when filtering) plus the page.
 */
import type { DocumentSummary } from '../messages/protocol';
import type { EntityType } from '../pack/types';
import { foldTerm } from '../search/index-options';
import { documentSummary, type CorpusData } from './corpus-data';

/** One row of the entity table. */
export interface EntitySummary {
  id: string;
  name: string;
  type: EntityType;
  /** Other names it is known by (the name itself left out). */
  aliases: string[];
  description?: string;
  hidden: boolean;
  mentionCount: number;
  documentCount: number;
  /** Direct quotes and reported statements it is the speaker of. */
  quoteCount: number;
}

/** Columns the document table sorts by. */
export const DOCUMENT_SORTS = ['date', 'title', 'entities', 'quotes', 'statements'] as const;
export type DocumentSortKey = (typeof DOCUMENT_SORTS)[number];

/** Columns the entity table sorts by. */
export const ENTITY_SORTS = ['name', 'type', 'mentions', 'documents', 'quotes'] as const;
export type EntitySortKey = (typeof ENTITY_SORTS)[number];

/** A column and a direction. */
export interface TableSort<K extends string> {
  by: K;
  descending: boolean;
}

/** What a table request asks for; every field is optional. */
export interface TableQuery<K extends string> {
  /** Words every shown row contains (case and accents ignored), in any order. */
  filter?: string;
  sort?: TableSort<K>;
  /** First row of the page, in the filtered and sorted order (default 0). */
  offset?: number;
  /** Rows per page (default {@link DEFAULT_PAGE_SIZE}). */
  limit?: number;
}

/** One page of a table. */
export interface TablePage<T> {
  /** Rows matching the filter. */
  total: number;
  /** Rows in the table, filter aside. */
  all: number;
  /** Position of `rows[0]` among the `total` (the asked offset, clamped to the last page). */
  offset: number;
  rows: T[];
}

/** Rows per page when the request does not say. */
export const DEFAULT_PAGE_SIZE = 50;
/** Most rows one request returns. */
export const MAX_PAGE_SIZE = 500;

/** The document table's default order: newest first. */
export const DEFAULT_DOCUMENT_SORT: TableSort<DocumentSortKey> = { by: 'date', descending: true };
/** The entity table's default order: most mentioned first. */
export const DEFAULT_ENTITY_SORT: TableSort<EntitySortKey> = { by: 'mentions', descending: true };

/**
 * Rows with their folded filter text and sort orders. An order is computed the
 * first time it is asked for and kept (there are at most ten per table).
 */
class SortedRows<T, K extends string> {
  private readonly orders = new Map<string, Uint32Array>();

  constructor(
    readonly rows: readonly T[],
    /** Folded text each row is filtered on. */
    private readonly text: readonly string[],
    /** Ascending comparison of two row numbers for each column; ties are broken by `rank`. */
    private readonly compare: Record<K, (a: number, b: number) => number>,
    /** The rows' rank in the table's natural order (name or title): every order's tie-break. */
    private readonly rank: Uint32Array,
  ) {}

  /** Row numbers in the order `sort` asks for; equal rows keep the natural order in both directions. */
  order(sort: TableSort<K>): Uint32Array {
    const key = `${sort.by}:${sort.descending ? 'd' : 'a'}`;
    let order = this.orders.get(key);
    if (!order) {
      const compare = this.compare[sort.by];
      const rank = this.rank;
      const sign = sort.descending ? -1 : 1;
      const numbers = Array.from(this.rows.keys()).sort((a, b) => sign * compare(a, b) || rank[a]! - rank[b]!);
      order = Uint32Array.from(numbers);
      this.orders.set(key, order);
    }
    return order;
  }

  /** One page of the rows matching `filter`, in `sort`'s order. */
  page(query: TableQuery<K>, defaultSort: TableSort<K>): TablePage<T> {
    const order = this.order(query.sort ?? defaultSort);
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    const words = filterWords(query.filter);
    if (!words.length) {
      const offset = clampOffset(query.offset ?? 0, order.length, limit);
      const rows = Array.from(order.subarray(offset, offset + limit), (i) => this.rows[i]!);
      return { total: order.length, all: this.rows.length, offset, rows };
    }
    const matches: number[] = [];
    for (const i of order) if (matchesAll(this.text[i]!, words)) matches.push(i);
    const offset = clampOffset(query.offset ?? 0, matches.length, limit);
    const rows = matches.slice(offset, offset + limit).map((i) => this.rows[i]!);
    return { total: matches.length, all: this.rows.length, offset, rows };
  }
}

/** The folded words of a filter, longest first (the rarest usually fails first). */
function filterWords(filter: string | undefined): string[] {
  if (!filter) return [];
  return foldTerm(filter)
    .split(/\s+/)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
}

function matchesAll(text: string, words: readonly string[]): boolean {
  for (const w of words) if (!text.includes(w)) return false;
  return true;
}

/** `offset` rounded down to a page start and moved back onto the last page when past the end. */
function clampOffset(offset: number, total: number, limit: number): number {
  const lastPage = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  return Math.min(Math.max(0, Math.floor(offset / limit) * limit), lastPage);
}

/**
 * Ranks of already folded values (`foldTerm`) in alphabetical order, compared by code unit (case and
 * accents are gone; Intl.Collator over 65,000 entity names took seconds in a busy worker). Equal values keep
 * their order.
 */
function alphabeticalRanks(folded: readonly string[]): Uint32Array {
  const order = Array.from(folded.keys()).sort((a, b) =>
    folded[a]! < folded[b]! ? -1 : folded[a]! > folded[b]! ? 1 : a - b,
  );
  const rank = new Uint32Array(folded.length);
  order.forEach((row, r) => (rank[row] = r));
  return rank;
}

// Documents -------------------------------------------------------------------

const documentTables = new WeakMap<CorpusData, SortedRows<DocumentSummary, DocumentSortKey>>();

function documentTable(data: CorpusData): SortedRows<DocumentSummary, DocumentSortKey> {
  let table = documentTables.get(data);
  if (table) return table;
  const rows: DocumentSummary[] = data.model.documents.map((_, doc) => documentSummary(data, doc));
  const text = rows.map((r) => foldTerm(`${r.title}\n${r.source ?? ''}`));
  const rank = alphabeticalRanks(rows.map((r) => foldTerm(r.title)));
  const dates = rows.map((r) => r.date ?? '');
  table = new SortedRows<DocumentSummary, DocumentSortKey>(
    rows,
    text,
    {
      // ISO dates compare as text; an undated article sorts before every dated one.
      date: (a, b) => (dates[a]! < dates[b]! ? -1 : dates[a]! > dates[b]! ? 1 : 0),
      title: (a, b) => rank[a]! - rank[b]!,
      entities: (a, b) => rows[a]!.entityCount - rows[b]!.entityCount,
      quotes: (a, b) => rows[a]!.quoteCount - rows[b]!.quoteCount,
      statements: (a, b) => rows[a]!.statementCount - rows[b]!.statementCount,
    },
    rank,
  );
  documentTables.set(data, table);
  return table;
}

/**
 * A page of the corpus's documents with their counts, filtered by title and
 * source, sorted by `query.sort` (default newest first; ties by title).
 */
export function queryDocuments(data: CorpusData, query: TableQuery<DocumentSortKey> = {}): TablePage<DocumentSummary> {
  return documentTable(data).page(query, DEFAULT_DOCUMENT_SORT);
}

// Entities --------------------------------------------------------------------

/** The entity rows, each one's folded name and aliases (one a line), and rows by id. */
interface EntityTable {
  table: SortedRows<EntitySummary, EntitySortKey>;
  text: string[];
  byId: Map<string, number>;
}

const entityTables = new WeakMap<CorpusData, EntityTable>();

function entityTable(data: CorpusData): EntityTable {
  let cached = entityTables.get(data);
  if (cached) return cached;
  const { mentions } = data.model;
  const seen = new Uint32Array(data.model.documents.length);
  let stamp = 0;
  const rows: EntitySummary[] = data.model.entities.map((e, n) => {
    const mentionRows = data.mentionsByEntity.of(n);
    // Distinct documents without a Set per entity: stamp each document once per entity.
    stamp++;
    let documentCount = 0;
    for (const i of mentionRows) {
      const doc = mentions.doc[i]!;
      if (seen[doc] !== stamp) {
        seen[doc] = stamp;
        documentCount++;
      }
    }
    return {
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: e.aliases.filter((a) => a !== e.name),
      ...(e.description ? { description: e.description } : {}),
      hidden: e.hidden === true,
      mentionCount: mentionRows.length,
      documentCount,
      quoteCount: data.quotesOf(n).length,
    };
  });
  const names = rows.map((r) => foldTerm(r.name));
  const text = rows.map((r, i) => (r.aliases.length ? `${names[i]}\n${foldTerm(r.aliases.join('\n'))}` : names[i]!));
  const rank = alphabeticalRanks(names);
  const table = new SortedRows<EntitySummary, EntitySortKey>(
    rows,
    text,
    {
      name: (a, b) => rank[a]! - rank[b]!,
      type: (a, b) => (rows[a]!.type < rows[b]!.type ? -1 : rows[a]!.type > rows[b]!.type ? 1 : 0),
      mentions: (a, b) => rows[a]!.mentionCount - rows[b]!.mentionCount,
      documents: (a, b) => rows[a]!.documentCount - rows[b]!.documentCount,
      quotes: (a, b) => rows[a]!.quoteCount - rows[b]!.quoteCount,
    },
    rank,
  );
  cached = { table, text, byId: new Map(rows.map((r, i) => [r.id, i])) };
  entityTables.set(data, cached);
  return cached;
}

/**
 * A page of the corpus's entities with their counts, filtered by name and
 * alias, sorted by `query.sort` (default most mentioned first; ties by name).
 */
export function queryEntities(data: CorpusData, query: TableQuery<EntitySortKey> = {}): TablePage<EntitySummary> {
  return entityTable(data).table.page(query, DEFAULT_ENTITY_SORT);
}

/** One entity's row, or null when the corpus has no such id. */
export function entitySummary(data: CorpusData, entityId: string): EntitySummary | null {
  const { table, byId } = entityTable(data);
  const row = byId.get(entityId);
  return row === undefined ? null : table.rows[row]!;
}

/** Most entities {@link findEntities} returns. */
export const MAX_FOUND = 50;

/**
 * Entities for search-as-you-type (the merge target), over every entity of the
 * corpus: each word of `query` must start a word of the name or an alias, or
 * appear inside one (case and accents ignored). Best first: the name or an
 * alias is the query, one starts with it, every word starts a word, any other match;
 * within each, the most mentioned first. `exclude` (the entity being merged)
 * is left out.
 */
export function findEntities(data: CorpusData, query: string, limit = 10, exclude?: string): EntitySummary[] {
  const words = filterWords(query);
  if (!words.length) return [];
  const whole = foldTerm(query.trim()).replace(/\s+/g, ' ');
  const { table, text } = entityTable(data);
  const max = Math.min(Math.max(1, limit), MAX_FOUND);
  const tiers: number[][] = [[], [], [], []];
  // Walking the most mentioned first fills each tier in the order it is shown; stop once the best tiers are full.
  for (const i of table.order(DEFAULT_ENTITY_SORT)) {
    const hay = text[i]!;
    if (!matchesAll(hay, words)) continue;
    if (table.rows[i]!.id === exclude) continue;
    const forms = hay.split('\n');
    const tier = forms.includes(whole)
      ? 0
      : forms.some((f) => f.startsWith(whole))
        ? 1
        : words.every((w) => startsWord(hay, w))
          ? 2
          : 3;
    if (tiers[tier]!.length < max) tiers[tier]!.push(i);
    if (tiers[0]!.length + tiers[1]!.length + tiers[2]!.length >= max) break;
  }
  return tiers
    .flat()
    .slice(0, max)
    .map((i) => table.rows[i]!);
}

/** Whether `word` starts a word of `text` (after a space, newline, hyphen, dot or at the start). */
function startsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1]!)) return true;
  }
  return false;
}
