/**
 * The one message protocol between the extension's parts. Every request the
 * background service worker answers is listed here: its name, payload, reply
 * and what it is for. Requests are validated against {@link requestSchema}
 * before use; anything else (stray messages from other extensions, pages or
 * stale content scripts) is dropped with an error reply.
 */
import * as v from 'valibot';
import type { EntityType, PackDocument, QuoteKind } from '../pack/types';

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

export interface SearchResults {
  query: string;
  hits: SearchHit[];
  /** Number of hits before `limit` was applied. */
  total: number;
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

/**
 * Every request: name → payload and reply. The doc comment is the contract.
 */
export interface Protocol {
  /** What the corpus says about one entity (popover, reader). */
  'entity.card': { payload: { entityId: string }; reply: EntityCard };
  /** Full-text search over entities, quotes and passages (popup). */
  search: { payload: { query: string; limit?: number }; reply: SearchResults };
  /** The corpus documents with their counts (options page). */
  'documents.list': { payload: Record<string, never>; reply: DocumentSummary[] };
  /** One document with its passages, mentions and quotes (reader page). */
  'document.get': { payload: { docId: string }; reply: DocumentView };
  /** Names to spot on pages; `knownVersion` lets the caller skip an unchanged table. */
  'names.get': { payload: { knownVersion?: string }; reply: NameTable | { unchanged: true; version: string } };
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
  code: 'invalid-request' | 'not-found' | 'not-ready' | 'internal';
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(512));

function request<N extends RequestName, S extends v.GenericSchema<unknown, Payload<N>>>(name: N, payload: S) {
  return v.strictObject({ dossier: v.literal(1), name: v.literal(name), payload });
}

/** Schema of any valid request; the variant is picked by `name`. */
export const requestSchema = v.variant('name', [
  request('entity.card', v.strictObject({ entityId: id })),
  request(
    'search',
    v.strictObject({
      query: v.pipe(v.string(), v.maxLength(1000)),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500))),
    }),
  ),
  request('documents.list', v.strictObject({})),
  request('document.get', v.strictObject({ docId: id })),
  request('names.get', v.strictObject({ knownVersion: v.optional(v.pipe(v.string(), v.maxLength(200))) })),
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
