/**
 * The IndexedDB database behind the corpus store: its name, schema and opening.
 * The only module that calls `openDB`.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { LoggedEdit } from '../edits/types';
import type { ChunkRecord, GenerationRecord, ImportStatus, SegmentRecord } from './types';

/** Database name in the extension's origin. */
export const DB_NAME = 'dossier-corpus';
/** Schema version; bump with an upgrade step when the stores change. */
export const DB_VERSION = 3;

/** The pointer record that names the active generation. */
export interface ActivePointer {
  generation: string;
  /** ISO 8601 time of the swap. */
  activatedAt: string;
}

/** Typed schema for `idb`. */
export interface CorpusDB extends DBSchema {
  /** Small named records: `active` and `lastImport`. */
  meta: {
    key: 'active' | 'lastImport';
    value: ActivePointer | ImportStatus;
  };
  generations: { key: string; value: GenerationRecord };
  /** Key `[generation, seq]`, so one key range holds a whole generation in order. */
  chunks: { key: [string, number]; value: ChunkRecord };
  /**
   * The user's edit log, one record per edit, in the order made (an
   * auto-incremented key). Changed only in the transaction that activates
   * the generation the edit is applied in (version 2).
   */
  edits: { key: number; value: LoggedEdit };
  /** Segments of layout-3 generations (version 3); their content is in `chunks` under their id. */
  segments: { key: string; value: SegmentRecord };
}

export type CorpusDatabase = IDBPDatabase<CorpusDB>;

/**
 * Opens (and creates or upgrades) the database. Node tests install
 * fake-indexeddb's globals (`import 'fake-indexeddb/auto'`) and pass their own name.
 * @throws Error when IndexedDB is unavailable (e.g. a private window that forbids it).
 */
export function openCorpusDatabase(name = DB_NAME): Promise<CorpusDatabase> {
  return openDB<CorpusDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('meta');
        db.createObjectStore('generations', { keyPath: 'id' });
        db.createObjectStore('chunks', { keyPath: ['generation', 'seq'] });
      }
      if (oldVersion < 2) db.createObjectStore('edits', { autoIncrement: true });
      if (oldVersion < 3) db.createObjectStore('segments', { keyPath: 'id' });
    },
  });
}

/** Key range of every chunk of one generation. */
export function generationRange(generation: string): IDBKeyRange {
  return IDBKeyRange.bound([generation, 0], [generation, Number.MAX_SAFE_INTEGER]);
}
