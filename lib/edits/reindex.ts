/**
 * Brings a pack's serialized search index in line with edited knowledge by
 * re-indexing only the records that changed (MiniSearch `discard`/`add`),
 * instead of rebuilding it. Measured on a synthetic 10,000-document corpus
 * (`npm run bench -- --only edits`): see the numbers in lib/edits/README.md.
 */
import type MiniSearch from 'minisearch';
import type { Pack } from '../pack/types';
import type { SearchRecord } from '../search/index-options';
import { loadSearchIndex, searchRecords } from '../search/records';
import type { CorpusData } from './apply-edits';

type RecordMap = Map<string, SearchRecord>;

/** Entity and quote records, keyed by id (passages are compared by id and document text). */
function smallRecords(data: CorpusData): RecordMap {
  const records = searchRecords({ ...data, passages: [] }, () => '');
  return new Map(records.map((r) => [r.id, r]));
}

function sameRecord(a: SearchRecord, b: SearchRecord): boolean {
  return (
    a.name === b.name &&
    a.aliases === b.aliases &&
    a.description === b.description &&
    a.text === b.text &&
    a.speaker === b.speaker
  );
}

/** Applies the difference between two corpora to a live index; returns how many records changed. */
export function updateIndex(index: MiniSearch<SearchRecord>, before: CorpusData, after: CorpusData): number {
  let changed = 0;
  const old = smallRecords(before);
  const next = smallRecords(after);
  for (const [id, record] of old) {
    const now = next.get(id);
    if (now && sameRecord(record, now)) continue;
    index.discard(id);
    changed++;
  }
  for (const [id, record] of next) {
    const was = old.get(id);
    if (was && sameRecord(was, record)) continue;
    index.add(record);
    changed++;
  }
  // Passages: a passage's text changes only with its document's text.
  const oldText = new Map(before.documents.map((d) => [d.id, d.text]));
  const newText = new Map(after.documents.map((d) => [d.id, d.text]));
  const oldPassages = new Set(before.passages.map((p) => p.id));
  const keep = new Set<string>();
  for (const p of after.passages) {
    const text = newText.get(p.docId) ?? '';
    if (oldPassages.has(p.id) && oldText.get(p.docId) === text) {
      keep.add(p.id);
      continue;
    }
    if (oldPassages.has(p.id)) index.discard(`p:${p.id}`);
    index.add({ id: `p:${p.id}`, text: text.slice(p.start, p.end) });
    keep.add(p.id);
    changed++;
  }
  for (const id of oldPassages) {
    if (keep.has(id)) continue;
    index.discard(`p:${id}`);
    changed++;
  }
  return changed;
}

/**
 * The pack `after` with its index made to match it, starting from `before`'s
 * index (which must have been built for `before`).
 * @throws Error when `before.index` cannot be loaded with the current index options.
 */
export function reindexPack(before: Pack, after: CorpusData): Pack {
  const index = loadSearchIndex(before.index);
  updateIndex(index, before, after);
  return { ...before, ...after, index: index.toJSON() };
}
