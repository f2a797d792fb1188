/**
 * Documents in, pack out: the one code path behind the bundled corpus, the
 * command-line tool and the importer. Pure: no file or browser access.
 */
import { extractKnowledge } from '../corpus/extract';
import type { Lexicon, SourceDocument } from '../corpus/types';
import { PACK_FORMAT, PACK_VERSION, type Pack, type PackDocument } from './types';

export interface BuildPackOptions {
  lexicon: Lexicon;
  /** Recorded in the pack, e.g. "dossier-build 0.1.0". */
  generator: string;
  /** Build time; injectable so builds can be reproducible. */
  now?: Date;
}

/**
 * Extracts knowledge from `docs` (search indexes are built when the pack is stored).
 * @throws Error when two documents share an id (ids must be unique in a pack).
 */
export function buildPack(docs: SourceDocument[], options: BuildPackOptions): Pack {
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.id)) throw new Error(`Dossier pack: two documents have the id "${d.id}"`);
    seen.add(d.id);
  }
  const documents: PackDocument[] = docs.map((d) => ({ ...d }));
  const knowledge = extractKnowledge(docs, options.lexicon);
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    generator: options.generator,
    documents,
    ...knowledge,
  };
}
