/**
 * How new articles join the corpus: which are new (duplicates by id or by
 * text are left out, with a message each), and what the user set on entities
 * (`hidden`, a description) carried over from an imported pack. The importer
 * appends the new articles as one segment (issue #14, lib/import/run-import.ts):
 * {@link planAppend} dedupes against the stored ids and text keys without
 * reading any text. {@link planMerge} does the same against a whole pack. Pure.
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

/** The fields of an article the importer keeps (what {@link planAppend} hands on as new). */
export function toSource(d: SourceDocument): SourceDocument {
  const { id, title, text, source, date, url } = d;
  return { id, title, text, ...(source ? { source } : {}), ...(date ? { date } : {}), ...(url ? { url } : {}) };
}

/** A stored document as dedupe sees it: its id, title and {@link textKey}. */
export interface KnownDocument {
  id: string;
  title: string;
  key: string;
}

/**
 * The batch's documents that are not in the corpus yet (by id or by text,
 * nor twice in the batch), given the corpus's ids and text keys only.
 * `docs` holds the new documents alone.
 */
export function planAppend(existing: Iterable<KnownDocument>, batch: ImportBatch): MergePlan {
  const ids = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const d of existing) {
    ids.set(d.id, d.title);
    texts.set(d.key, d.title);
  }
  return addNew([], ids, texts, batch);
}

/** Puts existing and new documents together, leaving out duplicates by id or by text. */
export function planMerge(existing: Pack, batch: ImportBatch): MergePlan {
  const docs = existing.documents.map(toSource);
  const ids = new Map(docs.map((d) => [d.id, d.title]));
  const texts = new Map(docs.map((d) => [textKey(d.text), d.title]));
  return addNew(docs, ids, texts, batch);
}

function addNew(
  docs: SourceDocument[],
  ids: Map<string, string>,
  texts: Map<string, string>,
  batch: ImportBatch,
): MergePlan {
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
