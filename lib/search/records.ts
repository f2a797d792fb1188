import MiniSearch from 'minisearch';
import type { Knowledge, PackDocument } from '../pack/types';
import { indexOptions, type SearchRecord } from './index-options';

/**
 * Turns extracted knowledge into the records the search index holds.
 * `textOf(docId, start, end)` reads document text, so passages need not be copied.
 */
export function searchRecords(
  knowledge: Knowledge,
  textOf: (docId: string, start: number, end: number) => string,
): SearchRecord[] {
  const names = new Map(knowledge.entities.map((e) => [e.id, e.name]));
  const records: SearchRecord[] = [];
  for (const e of knowledge.entities) {
    records.push({
      id: `e:${e.id}`,
      name: e.name,
      aliases: e.aliases.filter((a) => a !== e.name).join(' '),
      ...(e.description ? { description: e.description } : {}),
    });
  }
  for (const q of knowledge.quotes) {
    const speaker = q.speakerId ? names.get(q.speakerId) : undefined;
    records.push({ id: `q:${q.id}`, text: q.text, ...(speaker ? { speaker } : {}) });
  }
  for (const p of knowledge.passages) {
    records.push({ id: `p:${p.id}`, text: textOf(p.docId, p.start, p.end) });
  }
  return records;
}

/**
 * Builds the search index of a corpus from scratch and serialises it, as a
 * pack's `index` holds it (the build, the CLI, the importer, edits that cannot
 * reuse an index).
 */
export function buildSearchIndex(documents: readonly PackDocument[], knowledge: Knowledge): unknown {
  const texts = new Map(documents.map((d) => [d.id, d.text]));
  const index = new MiniSearch<SearchRecord>(indexOptions);
  index.addAll(searchRecords(knowledge, (docId, start, end) => (texts.get(docId) ?? '').slice(start, end)));
  return index.toJSON();
}

/**
 * Loads a serialised index (a pack's `index`) for searching and updating.
 * @throws Error when it was not built with the current {@link indexOptions}.
 */
export function loadSearchIndex(serialized: unknown): MiniSearch<SearchRecord> {
  return MiniSearch.loadJS<SearchRecord>(serialized as Parameters<typeof MiniSearch.loadJS>[0], indexOptions);
}
