/**
 * The names index of a manifest after an append, updated rather than rebuilt:
 * at 10,000 briefings the table has ~65,000 entities and building their
 * MiniSearch index from scratch is most of an append's time (measured: build
 * 8.3 s, load + update + serialise 3.7 s, same machine under load). New
 * entities are added, changed ones replaced, removed ones discarded. MiniSearch
 * keeps a discarded entry's postings as "dirt" until it vacuums, which skips
 * them in results but still counts them in term statistics; past
 * {@link MAX_DIRT} of the index, it is rebuilt clean instead.
 */
import MiniSearch from 'minisearch';
import type { Entity } from '../pack/types';
import { indexOptions, type SearchRecord } from '../search/index-options';
import { buildNamesIndex, entityRecord } from '../search/records';

/** Share of stale entries after which the index is rebuilt rather than updated. */
export const MAX_DIRT = 0.05;

function sameRecord(a: Entity, b: Entity): boolean {
  return (
    a.name === b.name &&
    a.description === b.description &&
    a.aliases.length === b.aliases.length &&
    a.aliases.every((x, i) => x === b.aliases[i])
  );
}

/**
 * The serialised names index of `next`, from `previous` (the index of `before`).
 * Searches as {@link buildNamesIndex}`(next)` does, up to the term statistics of
 * a few replaced entries.
 */
export function updateNamesIndex(previous: string, before: readonly Entity[], next: readonly Entity[]): string {
  const old = new Map(before.map((e) => [e.id, e]));
  const ids = new Set(next.map((e) => e.id));
  const removed = before.filter((e) => !ids.has(e.id));
  const changed = next.filter((e) => old.has(e.id) && !sameRecord(old.get(e.id)!, e));
  const added = next.filter((e) => !old.has(e.id));
  if (removed.length + changed.length > next.length * MAX_DIRT) return buildNamesIndex(next);
  const index = MiniSearch.loadJSON<SearchRecord>(previous, { ...indexOptions, autoVacuum: false });
  if (index.dirtCount + removed.length + changed.length > index.documentCount * MAX_DIRT) return buildNamesIndex(next);
  for (const e of removed) index.discard(e.id);
  for (const e of changed) index.replace(entityRecord(e));
  index.addAll(added.map(entityRecord));
  return JSON.stringify(index);
}
