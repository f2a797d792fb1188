/**
 * The one message protocol between the extension's parts. Every request the
 * background service worker answers is listed here: its name, payload, reply
 * and what it is for. Requests are validated against {@link requestSchema}
 * before use; anything else (stray messages from other extensions, pages or
 * stale content scripts) is dropped with an error reply.
 */
import * as v from 'valibot';
import { ENTITY_TYPES, type EntityType, type PackDocument, type QuoteKind } from '../pack/types';
import type { CorpusCounts, ImportStatus } from '../store/types';
import type { EntityListPage } from '../edits/entity-list';
import {
  DOCUMENT_SORTS,
  ENTITY_SORTS,
  MAX_FOUND,
  MAX_PAGE_SIZE,
  type DocumentSortKey,
  type EntitySortKey,
  type EntitySummary,
  type TablePage,
  type TableQuery,
} from '../query/corpus-tables';
import { docMetaChangeSchema, editSchema, type DocMetaChange, type Edit } from '../edits/types';
import type { Subscription } from '../subscriptions/types';
import type { PageToOpen } from './pages';
import type { ClipDuplicate } from '../clip/duplicate';

/** A short reference to an entity, enough to show and link it. */
export interface EntityRef {
  id: string;
  name: string;
  type: EntityType;
}

/** A document's metadata, without its text. */
export type DocumentMeta = Omit<PackDocument, 'text'>;

/** A direct quote or reported statement, ready to show. */
export interface QuoteView {
  id: string;
  text: string;
  kind: QuoteKind;
  speaker: EntityRef | null;
  doc: DocumentMeta;
  /** Character offset of the quote in the document, for "open in reader". */
  start: number;
  /**
   * Statements only: the start of the sentence before a statement that begins mid-sentence ("Kerry said that "),
   * so it reads from the sentence's start; absent when the statement starts its sentence or the lead is long.
   */
  lead?: string;
}

/** A passage (paragraph) mentioning something, with the mention ranges inside it. */
export interface PassageView {
  id: string;
  text: string;
  doc: DocumentMeta;
  /** Ranges in `text` to highlight. */
  highlights: [start: number, end: number][];
  /** Character offset of the passage in the document. */
  start: number;
}

/**
 * The words around a hovered name on the page being read, which a card is ranked by. It travels from the
 * content script to the background inside `popover.grant` only, and stays there (lib/background/popover-grants.ts).
 */
export interface CardContext {
  /** The text of the name's paragraph or block, at most {@link CARD_CONTEXT_LIMITS}.text characters. */
  text: string;
  /** The page's title. */
  title?: string;
}

/** Longest context accepted, in characters; the content script cuts to these. */
export const CARD_CONTEXT_LIMITS = { text: 2000, title: 300 } as const;

/** The three lists of a card that page ("more"). */
export type CardList = 'quotes' | 'statements' | 'passages';

/** One further page of a card's list (`card.more`); `next` is where the page after starts, null at the end. */
export type CardListPage =
  | { list: 'quotes' | 'statements'; items: QuoteView[]; next: number | null }
  | { list: 'passages'; items: PassageView[]; next: number | null };

/** Everything the popover shows about one entity. */
export interface EntityCard {
  entity: EntityRef & { aliases: string[]; description?: string };
  quotes: QuoteView[];
  statements: QuoteView[];
  passages: PassageView[];
  /** Entities most often mentioned in the same passages. */
  related: (EntityRef & { count: number })[];
  /** Totals before the lists were cut to their display limits. */
  totals: { quotes: number; statements: number; passages: number; documents: number };
  /**
   * Where each list's next page starts (positions in its ranked order, repeats skipped included), or null
   * when everything is shown; pages come from `card.more` with {@link EntityCard.more}.
   */
  next: Record<CardList, number | null>;
  /** Token for `card.more`, bound to whoever asked for this card; absent when nothing more can be asked. */
  more?: string;
  /** Whether the lists are ranked by the words of the page being read (else newest first). */
  ranked: boolean;
  /** Articles mentioning the entity per year, oldest first; undated articles are not counted. */
  years: { year: number; documents: number }[];
}

/** One name the content script looks for on pages. */
export interface NameEntry {
  /** The surface form, e.g. "Lavrov" or "U.S.". */
  text: string;
  entityId: string;
  type: EntityType;
}

/** The names of the whole corpus, versioned so content scripts can cache them. */
export interface NameTable {
  /** Changes whenever the corpus changes. */
  version: string;
  names: NameEntry[];
}

/** Names per `names.get` reply: a page's content script parses each reply in one task, so it stays short. */
export const NAMES_PAGE = 4000;

/** One page of the name table: names `from` … `from + NAMES_PAGE - 1`, and where the next page starts. */
export interface NamePage extends NameTable {
  from: number;
  /** Start of the next page; null on the last. */
  next: number | null;
}

export type SearchHit =
  | {
      kind: 'entity';
      id: string;
      score: number;
      terms: string[];
      entity: EntityRef & { description?: string; quoteCount: number };
    }
  | { kind: 'quote'; id: string; score: number; terms: string[]; quote: QuoteView }
  | { kind: 'passage'; id: string; score: number; terms: string[]; passage: PassageView };

/** Narrows a search; every field is optional and they combine with AND. */
export interface SearchFilters {
  /** Entity types: names of these types, quotes of speakers of these types, passages mentioning one. */
  types?: EntityType[];
  /** Only this speaker's quotes and statements. */
  speakerId?: string;
  /** Only quotes and passages of this article. */
  docId?: string;
}

/** How many of the (unfiltered) matches fall in each filter value, to offer them. */
export interface SearchFacets {
  types: { type: EntityType; count: number }[];
  speakers: (EntityRef & { count: number })[];
  documents: { id: string; title: string; count: number }[];
}

export interface SearchResults {
  query: string;
  /** Names first, then quotes, then passages; by score within each group. */
  hits: SearchHit[];
  /** Number of hits before `limit` was applied. */
  total: number;
  facets: SearchFacets;
  /** Completions of the query from entity names, best first (at most 5). */
  suggestions: string[];
}

export interface DocumentSummary extends DocumentMeta {
  entityCount: number;
  /** Direct quotes. */
  quoteCount: number;
  /** Reported statements. */
  statementCount: number;
  passageCount: number;
}

export interface DocumentView {
  document: PackDocument;
  passages: { id: string; start: number; end: number }[];
  mentions: { entityId: string; start: number; end: number }[];
  quotes: QuoteView[];
  entities: EntityRef[];
}

/** What answers lookups now, and what happened to the last import (options page). */
export interface CorpusStatus {
  /** `store`: an imported generation; `bundled`: the pack that ships with Dossier. */
  source: 'store' | 'bundled';
  /** Active generation id, null for the bundled pack. */
  generation: string | null;
  counts: CorpusCounts;
  lastImport: ImportStatus | null;
  /** Set when the stored corpus could not be read and the bundled pack answers instead. */
  loadError?: string;
  /** `navigator.storage` of the extension's origin, in bytes, when the browser tells. */
  storage?: { usage: number; quota: number; persisted: boolean };
  /**
   * The last load of the corpus (start or `corpus.reload`): ms per phase — `open` (the store's read and
   * join), `query`, `announce` (telling tabs), `warm` (tables and search index, once done).
   */
  loadPhases?: Record<string, number>;
}

/**
 * Every request: name → payload and reply. The doc comment is the contract.
 */
export interface Protocol {
  /** What the corpus says about one entity (popup, reader; extension pages only). */
  'entity.card': { payload: { entityId: string }; reply: EntityCard };
  /**
   * Content scripts only, after the user's own hover, key or menu lookup: a one-time token for the card of
   * `entityId`, bound to the sender's tab, which the content script hands to its popover frame.
   */
  'popover.grant': { payload: { entityId: string; context?: CardContext }; reply: { token: string } };
  /**
   * The popover frame only: the card a `popover.grant` token of the same tab names, once. An unknown, used,
   * expired or foreign token and an entity no longer in the corpus get the same `not-found` reply.
   */
  'popover.card': { payload: { token: string }; reply: EntityCard };
  /**
   * The next page of one list of a card (its "N more in the corpus"), in the card's order, repeats of what
   * was shown skipped. `token` is the card's {@link EntityCard.more}; it is bound to the caller that got the
   * card (the popover frame's tab, or the extension's pages) and lasts while the card is in use.
   */
  'card.more': { payload: { token: string; list: CardList; from: number }; reply: CardListPage };
  /** Full-text search over entities, quotes and passages (popup). */
  search: { payload: { query: string; limit?: number } & SearchFilters; reply: SearchResults };
  /** The corpus documents with their counts (options page). */
  'documents.list': { payload: Record<string, never>; reply: DocumentSummary[] };
  /** One document with its passages, mentions and quotes (reader page). */
  'document.get': { payload: { docId: string }; reply: DocumentView };
  /** Short references for some entity ids (unknown ids are left out); for the popup's "On this page". */
  'entities.get': { payload: { ids: string[] }; reply: EntityRef[] };
  /**
   * Names to spot on pages, a page of {@link NAMES_PAGE} at a time from `from` (default 0): the 80,000
   * names of 10,000 briefings are 6.4 MB of JSON, 35 ms to parse in one task, 1.4 ms a page.
   * `knownVersion` lets the caller skip an unchanged table.
   */
  'names.get': {
    payload: { knownVersion?: string; from?: number };
    reply: NamePage | { unchanged: true; version: string };
  };
  /** Active corpus, counts, last import and storage use (options page). */
  'corpus.status': { payload: Record<string, never>; reply: CorpusStatus };
  /** The store's active generation changed (import, edit, restore): load it and tell open tabs. */
  'corpus.reload': { payload: Record<string, never>; reply: CorpusStatus };
  // Managing the corpus (options page). Changes go through the store's atomic swap.
  /** Entities whose name or alias contains `query`, most mentioned first (entity editor). */
  'entities.list': { payload: { query?: string; limit?: number }; reply: EntityListPage };
  /** Applies entity edits in order and keeps them in the edit log; replies with their log ids. */
  'entity.edit': { payload: { edits: Edit[] }; reply: { editIds: string[] } };
  /** Changes a document's title, source, date or URL (kept in the edit log). */
  'documents.edit': { payload: { docId: string; change: DocMetaChange }; reply: { editIds: string[] } };
  /** Deletes documents at once; the token undoes it for a minute. */
  'documents.delete': { payload: { docIds: string[] }; reply: { undoToken: string } };
  /** Puts back documents deleted with `documents.delete`. */
  'documents.undoDelete': { payload: { undoToken: string }; reply: Record<string, never> };
  /** Replaces the corpus with the bundled one: the user's documents and edits go; subscriptions are fetched again. */
  'corpus.restoreBundled': { payload: Record<string, never>; reply: Record<string, never> };
  /** Every subscription with its version, last check and last error. */
  'subscriptions.list': { payload: Record<string, never>; reply: Subscription[] };
  /** Subscribes to a pack URL (`#sha256=<hex>` pins its hash) and checks it at once. */
  'subscriptions.add': { payload: { url: string }; reply: Subscription };
  /** Unsubscribes and removes the subscription's documents. */
  'subscriptions.remove': { payload: { id: string }; reply: Record<string, never> };
  /** Checks one subscription now ("check now"); the reply carries any error. */
  'subscriptions.check': { payload: { id: string }; reply: Subscription };
  /**
   * Opens one of the extension's pages (reader, search) in a new tab. The background does it: an
   * extension frame inside a web page (the popover) has no `tabs` API in Firefox (w3c/webextensions#787).
   * Only the page's name and its fields travel; the background makes the address, never from a sender's URL.
   */
  'tabs.open': { payload: PageToOpen; reply: Record<string, never> };
  /**
   * A page of the corpus's documents with their counts (options page): filtered by title and source, sorted
   * by a column (default newest first), `limit` rows from `offset` (lib/query/corpus-tables.ts).
   */
  'corpus.documents': { payload: TableQuery<DocumentSortKey>; reply: TablePage<DocumentSummary> };
  /** A page of the corpus's entities with their counts (options page; default most mentioned first). */
  'corpus.entities': { payload: TableQuery<EntitySortKey>; reply: TablePage<EntitySummary> };
  /** One entity's row of the entity table (the editor's entity, wherever it is in the table). */
  'corpus.entity': { payload: { entityId: string }; reply: EntitySummary };
  /** Search-as-you-type over every entity (the merge target), best first; `exclude` is left out. */
  'corpus.findEntity': { payload: { query: string; limit?: number; exclude?: string }; reply: EntitySummary[] };
  /**
   * Whether a clipped page is already in the corpus (popup, clip window): the same canonical address, or the
   * same title and text (`textKey` as lib/import/merge.ts makes it). Null when it is not.
   */
  'clip.check': { payload: { url?: string; title: string; textKey: string }; reply: ClipDuplicate | null };
}

export type RequestName = keyof Protocol;
export type Payload<N extends RequestName> = Protocol[N]['payload'];
export type Reply<N extends RequestName> = Protocol[N]['reply'];

/** A request as it travels. */
export interface Request<N extends RequestName = RequestName> {
  /** Distinguishes our messages from anything else on the runtime channel. */
  dossier: 1;
  name: N;
  payload: Payload<N>;
}

/** Errors cross the boundary as plain data. */
export interface SerializedError {
  message: string;
  /** `forbidden`: this part of the extension may not send this request (lib/background/sender.ts). */
  code: 'invalid-request' | 'forbidden' | 'not-found' | 'not-ready' | 'internal';
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(512));

/** A table request's payload: filter, sort by one of `columns`, offset and limit. */
function tableQuerySchema<K extends string>(columns: readonly K[]) {
  return v.strictObject({
    filter: v.optional(v.pipe(v.string(), v.maxLength(300))),
    sort: v.optional(v.strictObject({ by: v.picklist(columns), descending: v.boolean() })),
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PAGE_SIZE))),
  });
}

function request<N extends RequestName, S extends v.GenericSchema<unknown, Payload<N>>>(name: N, payload: S) {
  return v.strictObject({ dossier: v.literal(1), name: v.literal(name), payload });
}

/** Schema of any valid request; the variant is picked by `name`. */
export const requestSchema = v.variant('name', [
  request('entity.card', v.strictObject({ entityId: id })),
  request(
    'popover.grant',
    v.strictObject({
      entityId: id,
      context: v.optional(
        v.strictObject({
          text: v.pipe(v.string(), v.maxLength(CARD_CONTEXT_LIMITS.text)),
          title: v.optional(v.pipe(v.string(), v.maxLength(CARD_CONTEXT_LIMITS.title))),
        }),
      ),
    }),
  ),
  request('popover.card', v.strictObject({ token: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)) })),
  request(
    'card.more',
    v.strictObject({
      token: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
      list: v.picklist(['quotes', 'statements', 'passages']),
      from: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31)),
    }),
  ),
  request(
    'search',
    v.strictObject({
      query: v.pipe(v.string(), v.maxLength(1000)),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
      types: v.optional(v.pipe(v.array(v.picklist(ENTITY_TYPES)), v.maxLength(4))),
      speakerId: v.optional(id),
      docId: v.optional(id),
    }),
  ),
  request('documents.list', v.strictObject({})),
  request('document.get', v.strictObject({ docId: id })),
  request('entities.get', v.strictObject({ ids: v.pipe(v.array(id), v.maxLength(1000)) })),
  request(
    'names.get',
    v.strictObject({
      knownVersion: v.optional(v.pipe(v.string(), v.maxLength(200))),
      from: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    }),
  ),
  request('corpus.status', v.strictObject({})),
  request('corpus.reload', v.strictObject({})),
  request(
    'entities.list',
    v.strictObject({
      query: v.optional(v.pipe(v.string(), v.maxLength(300))),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
    }),
  ),
  request('entity.edit', v.strictObject({ edits: v.pipe(v.array(editSchema), v.minLength(1), v.maxLength(100)) })),
  request('documents.edit', v.strictObject({ docId: id, change: docMetaChangeSchema })),
  request('documents.delete', v.strictObject({ docIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(1000)) })),
  request('documents.undoDelete', v.strictObject({ undoToken: id })),
  request('corpus.restoreBundled', v.strictObject({})),
  request('subscriptions.list', v.strictObject({})),
  request('subscriptions.add', v.strictObject({ url: v.pipe(v.string(), v.minLength(1), v.maxLength(2000)) })),
  request('subscriptions.remove', v.strictObject({ id })),
  request('subscriptions.check', v.strictObject({ id })),
  request(
    'tabs.open',
    v.variant('page', [
      v.strictObject({
        page: v.literal('reader'),
        docId: id,
        at: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31))),
      }),
      v.strictObject({ page: v.literal('search'), query: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)) }),
    ]),
  ),
  request(
    'clip.check',
    v.strictObject({
      url: v.optional(v.pipe(v.string(), v.maxLength(4000))),
      title: v.pipe(v.string(), v.maxLength(2000)),
      textKey: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    }),
  ),
  request('corpus.documents', tableQuerySchema(DOCUMENT_SORTS)),
  request('corpus.entities', tableQuerySchema(ENTITY_SORTS)),
  request('corpus.entity', v.strictObject({ entityId: id })),
  request(
    'corpus.findEntity',
    v.strictObject({
      query: v.pipe(v.string(), v.maxLength(300)),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_FOUND))),
      exclude: v.optional(id),
    }),
  ),
]);

// Compile-time check that the schema covers exactly the protocol's requests.
type SchemaNames = v.InferOutput<typeof requestSchema>['name'];
const _allCovered: [SchemaNames] extends [RequestName] ? ([RequestName] extends [SchemaNames] ? true : never) : never =
  true;
void _allCovered;

/** True for anything that claims to be a Dossier request (valid or not). */
export function isDossierMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { dossier?: unknown }).dossier === 1;
}

/**
 * Checks an incoming message. Returns the typed request, or null for anything
 * that is not a well-formed Dossier request.
 */
export function parseRequest(message: unknown): Request | null {
  const result = v.safeParse(requestSchema, message);
  return result.success ? result.output : null;
}

// ---------------------------------------------------------------------------
// Messages to a tab's content script (popup, background → page). The content
// script answers only these, checked by `parseTabMessage`; it has no valibot
// to keep its bundle small, so the check is written out.

/** One entity marked on the page, for the popup's "On this page". */
export interface EntityOnPageView {
  entityId: string;
  type: EntityType;
  count: number;
}

/** What the popup learns about the page in a tab. */
export interface PageStatus {
  /** The page's hostname, for the per-site switch. */
  host: string;
  /** Whether Dossier marks names here (global switch on, site not skipped). */
  active: boolean;
  /** Entities marked on the page, most marked first. */
  entities: EntityOnPageView[];
}

export interface TabProtocol {
  /** The page's host, whether Dossier is on there, and the entities marked (top frame). */
  'page.entities': { payload: Record<string, never>; reply: PageStatus };
  /** Scrolls to the first mark of an entity and opens its popover. */
  'page.reveal': { payload: { entityId: string }; reply: boolean };
  /** Looks up the selected text (keyboard shortcut, context menu) and opens the popover on it. */
  'page.lookupSelection': { payload: Record<string, never>; reply: boolean };
  /**
   * Sent to every frame of a tab at once: each child frame answers with a
   * {@link FrameReport} of its marks through runtime messaging, because a
   * message sent to all frames returns only one reply.
   */
  'page.report': { payload: { requestId: string }; reply: boolean };
}

/** A child frame's marked entities, for the popup that sent `page.report` with this request id. */
export interface FrameReport {
  dossierFrameReport: string;
  entities: EntityOnPageView[];
}

/** The entities of a {@link FrameReport} answering `requestId`, or null for any other message. */
export function parseFrameReport(message: unknown, requestId: string): EntityOnPageView[] | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Partial<FrameReport>;
  if (m.dossierFrameReport !== requestId || !Array.isArray(m.entities)) return null;
  return m.entities.filter(
    (e): e is EntityOnPageView =>
      typeof e?.entityId === 'string' && typeof e.type === 'string' && Number.isInteger(e.count) && e.count > 0,
  );
}

export type TabMessageName = keyof TabProtocol;

/** A message to a content script as it travels. */
export interface TabMessage<N extends TabMessageName = TabMessageName> {
  dossierTab: 1;
  name: N;
  payload: TabProtocol[N]['payload'];
}

/** Checks a message a content script received; null unless it is one of {@link TabProtocol}. */
export function parseTabMessage(message: unknown): TabMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.dossierTab !== 1 || typeof m.payload !== 'object' || m.payload === null) return null;
  const payload = m.payload as Record<string, unknown>;
  switch (m.name) {
    case 'page.entities':
    case 'page.lookupSelection':
      return { dossierTab: 1, name: m.name, payload: {} };
    case 'page.reveal':
      return typeof payload.entityId === 'string' && payload.entityId.length > 0 && payload.entityId.length <= 512
        ? { dossierTab: 1, name: 'page.reveal', payload: { entityId: payload.entityId } }
        : null;
    case 'page.report':
      return typeof payload.requestId === 'string' && payload.requestId.length > 0 && payload.requestId.length <= 64
        ? { dossierTab: 1, name: 'page.report', payload: { requestId: payload.requestId } }
        : null;
    default:
      return null;
  }
}
