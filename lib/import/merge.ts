/**
 * How new articles join the corpus. Decision (measured, see tests/bench): the
 * whole corpus is extracted again with the new articles, rather than
 * extracting only the new ones and merging entities by name. Extraction is
 * corpus-wide (capitalisation statistics, alias clustering across documents),
 * so re-extraction gives exactly what the command-line tool gives for the
 * same articles, and it is fast enough: 1,000 Wikinews-sized articles in
 * about 6 s on a 2-core machine. What the user set on entities (`hidden`, a
 * description) is carried over by entity id or name. Pure.
 */
import type { SourceDocument } from '../corpus/types';
import type { Entity, Pack } from '../pack/types';
import { checksum } from '../store/chunks';

/** What the importer was given, after reading and validating the files. */
export interface ImportBatch {
  docs: SourceDocument[];
  packs: Pack[];
}

/** The documents of the new corpus and what was left out. */
export interface MergePlan {
  /** Existing documents first, then the new ones. */
  docs: SourceDocument[];
  added: number;
  /** One message per article left out, e.g. `"Talks in Lima": already in the corpus (same text)`. */
  skipped: string[];
}

/** A key for "the same text": case, punctuation spacing and white space ignored. */
export function textKey(text: string): string {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  return `${t.length}:${checksum([t])}:${checksum([t.slice(t.length >> 1)])}`;
}

function toSource(d: SourceDocument): SourceDocument {
  const { id, title, text, source, date, url } = d;
  return { id, title, text, ...(source ? { source } : {}), ...(date ? { date } : {}), ...(url ? { url } : {}) };
}

/** Puts existing and new documents together, leaving out duplicates by id or by text. */
export function planMerge(existing: Pack, batch: ImportBatch): MergePlan {
  const docs = existing.documents.map(toSource);
  const ids = new Map(docs.map((d) => [d.id, d.title]));
  const texts = new Map(docs.map((d) => [textKey(d.text), d.title]));
  const skipped: string[] = [];
  let added = 0;
  for (const d of [...batch.docs, ...batch.packs.flatMap((p) => p.documents)]) {
    const sameId = ids.get(d.id);
    const key = textKey(d.text);
    const sameText = texts.get(key);
    if (sameId !== undefined) skipped.push(`"${d.title}": the id "${d.id}" is already in the corpus ("${sameId}")`);
    else if (sameText !== undefined) skipped.push(`"${d.title}": same text as "${sameText}", already in the corpus`);
    else {
      docs.push(toSource(d));
      ids.set(d.id, d.title);
      texts.set(key, d.title);
      added++;
    }
  }
  return { docs, added, skipped };
}

/**
 * Copies the user's settings from earlier entities onto re-extracted ones:
 * `hidden`, and a description where the new entity has none. Matched by id,
 * then by canonical name. Mutates and returns `entities`.
 */
export function carryOver(entities: Entity[], earlier: readonly Entity[]): Entity[] {
  const byId = new Map(earlier.map((e) => [e.id, e]));
  const byName = new Map(earlier.map((e) => [e.name.toLowerCase(), e]));
  for (const e of entities) {
    const old = byId.get(e.id) ?? byName.get(e.name.toLowerCase());
    if (!old) continue;
    if (old.hidden) e.hidden = true;
    if (old.description && !e.description) e.description = old.description;
  }
  return entities;
}
