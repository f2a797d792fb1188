/**
 * The Dossier pack: everything the extension knows about a corpus.
 *
 * {@link Pack} is the form writers work on (the build, the command-line tool,
 * the importer, edits, subscriptions): plain lists of objects. A pack *file*
 * stores the same content in columns ({@link PackFile}, lib/pack/file.ts), and
 * the service worker reads a compact model of it (lib/pack/model.ts).
 * `docs/pack-format.md` describes the file — keep the two in step and bump
 * {@link PACK_VERSION} on any change a reader of the previous version would
 * misread.
 */
import type { LoggedEdit } from '../edits/types';

/** Marks a JSON document as a Dossier pack. */
export const PACK_FORMAT = 'dossier-pack';
/** Version of the pack layout described in docs/pack-format.md. */
export const PACK_VERSION = 2;

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
  /**
   * The user's edit log, in a pack exported "with your edits": importing the
   * pack adds it to the log, so renames and merges survive the re-extraction.
   */
  edits?: LoggedEdit[];
}

/** What the knowledge extraction produces for a set of documents. */
export interface Knowledge {
  passages: Passage[];
  entities: Entity[];
  mentions: Mention[];
  quotes: Quote[];
}

/**
 * A pack as stored in a file (version 2): documents and entities as objects,
 * passages, mentions and quotes as columns of numbers in document order, their
 * ids implied by that order. See docs/pack-format.md.
 */
export interface PackFile {
  format: typeof PACK_FORMAT;
  version: typeof PACK_VERSION;
  createdAt: string;
  generator: string;
  documents: PackDocument[];
  entities: Entity[];
  /** Document number, start and end of each paragraph. */
  passages: { doc: number[]; start: number[]; end: number[] };
  /** Entity number, document number, start and end of each mention. */
  mentions: { entity: number[]; doc: number[]; start: number[]; end: number[] };
  /** Document number, range, speaker (entity number or -1) and kind (0 direct, 1 reported) of each quote. */
  quotes: { doc: number[]; start: number[]; end: number[]; speaker: number[]; kind: number[] };
  /** Optional: the exporting user's edit log (see {@link Pack.edits}). */
  edits?: LoggedEdit[];
}
