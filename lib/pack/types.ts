/**
 * The Dossier pack: everything the extension knows, in one JSON document.
 *
 * The build script, the command-line tool and (later) the importer all write this
 * shape; the background service worker reads it. `docs/pack-format.md` is the
 * human-readable description of the same format — keep the two in step and bump
 * {@link PACK_VERSION} on any change a reader of the previous version would
 * misread.
 */

/** Marks a JSON document as a Dossier pack. */
export const PACK_FORMAT = 'dossier-pack';
/** Version of the pack layout described in docs/pack-format.md. */
export const PACK_VERSION = 1;

export type EntityType = 'person' | 'organization' | 'place' | 'other';
export const ENTITY_TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'other'];

/** An article of the corpus. Offsets elsewhere in the pack index into `text`. */
export interface PackDocument {
  id: string;
  title: string;
  /** Publisher or site name, e.g. "Russia Direct". */
  source?: string;
  /** ISO 8601 date (YYYY-MM-DD) when known. */
  date?: string;
  url?: string;
  text: string;
}

/** A paragraph of a document, as a character range of the document's text. */
export interface Passage {
  /** `${docId}#${index}`, stable for a given text. */
  id: string;
  docId: string;
  start: number;
  end: number;
}

export interface Entity {
  /** Slug of the canonical name, unique in the pack, e.g. "sergey-lavrov". */
  id: string;
  /** Canonical (usually the longest full) name. */
  name: string;
  type: EntityType;
  /** Every surface form that refers to the entity, the name included. */
  aliases: string[];
  /** Role or title from the text, e.g. "Russian Foreign Minister". */
  description?: string;
  /** Set by the user: keep the entity in search but never mark it on pages. */
  hidden?: boolean;
}

/** One occurrence of an entity's alias in a document. */
export interface Mention {
  entityId: string;
  docId: string;
  start: number;
  end: number;
}

export type QuoteKind = 'direct' | 'reported';

/** A direct quotation or a reported statement, with its speaker if known. */
export interface Quote {
  /** `${docId}:q${index}`. */
  id: string;
  docId: string;
  /** The words said: for direct quotes without the quotation marks. */
  text: string;
  speakerId: string | null;
  kind: QuoteKind;
  /** Character range of `text` in the document. */
  start: number;
  end: number;
}

export interface Pack {
  format: typeof PACK_FORMAT;
  version: typeof PACK_VERSION;
  /** ISO 8601 timestamp of the build. */
  createdAt: string;
  /** What wrote the pack, e.g. "dossier-cli 0.1.0". */
  generator: string;
  documents: PackDocument[];
  passages: Passage[];
  entities: Entity[];
  mentions: Mention[];
  quotes: Quote[];
  /** MiniSearch's `toJSON()` of the search index; see lib/search/index-options.ts. */
  index: unknown;
}

/** What the knowledge extraction produces for a set of documents (a pack minus index). */
export interface Knowledge {
  passages: Passage[];
  entities: Entity[];
  mentions: Mention[];
  quotes: Quote[];
}
