/**
 * The service worker's folded entity table and names index, kept between loads by layer ids
 * (issue #14: a reload after an append costs the append). Layer records are written once and never
 * changed (./layers.ts), so a manifest naming the same table base and, after it, the deltas already
 * folded plus new ones, is that table with the new deltas applied: `openActive` reads and folds only
 * the new deltas instead of decoding the 65,000-entity base again, and the names index (MiniSearch,
 * the largest load of a start) is carried over with only the new deltas' rows removed and added.
 *
 * The names index is folded **one delta after another** ({@link foldNamesDelta}): each delta's changed
 * rows are removed as the table before it held them (MiniSearch `remove`, which leaves no discarded
 * entries behind) and added as they are now. A fresh load folds the same deltas the same way, so an index
 * carried over many reloads holds exactly what a fresh load of the same generation holds.
 *
 * Nothing answering changes under a corpus: the folded table is a new array per load (unchanged rows are
 * the same objects), and the names index is handed from one generation to the next. A corpus gets the
 * held index only while it is exactly at its layers ({@link TableCache.namesFor}); once a newer
 * generation folded more into it, an older corpus still asking (a question that started before the
 * swap) loads its own.
 */
import type MiniSearch from 'minisearch';
import { applyPositional, type PositionalDelta } from '../corpus/state-delta';
import type { Entity } from '../pack/types';
import type { SearchRecord } from '../search/index-options';
import { entityRecord, loadNamesIndex } from '../search/records';
import type { LayerRefs } from './types';

/** A table's layers as one generation names them, with what folding its names index needs. */
export interface TableLayers {
  /** The base layer's id and its delta layers' ids, in order. */
  base: string;
  deltas: readonly string[];
  /** The base's entities and its names index (MiniSearch JSON). */
  baseEntities: readonly Entity[];
  json: string;
  /** The deltas' contents, in order. */
  deltaData: readonly PositionalDelta<Entity[]>[];
}

/** What a load may reuse of the held table (see {@link TableCache.plan}). */
export interface TablePlan {
  /** The held base's entities and names JSON, when the manifest names the same base; else read them. */
  base?: { entities: readonly Entity[]; json: string };
  /** Delta ids to read (all of them when the base is read). */
  read: string[];
  /** Given the deltas read (in the order of `read`): the folded table and the layers for the names index. */
  fold(
    read: readonly PositionalDelta<Entity[]>[],
    base?: { entities: readonly Entity[]; json: string },
  ): TableLayers & {
    entities: Entity[];
  };
}

function isPrefix(a: readonly string[], b: readonly string[]): boolean {
  return a.length <= b.length && a.every((id, i) => id === b[i]);
}

/** Whether the names index holds the same record of `a` and `b` (what `entityRecord` indexes). */
function sameRecord(a: Entity, b: Entity): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.name !== b.name || (a.description ?? '') !== (b.description ?? '')) return false;
  return a.aliases.length === b.aliases.length && a.aliases.every((v, i) => v === b.aliases[i]);
}

/**
 * Folds one positional delta into a names index: `table` is the table before the delta and becomes the
 * table after it (in place). Each row the delta changes is removed as it was and added as it is now, and
 * rows it cuts off are removed; all removals first, so an entity that moved rows is never in twice.
 */
export function foldNamesDelta(
  index: MiniSearch<SearchRecord>,
  table: Entity[],
  delta: PositionalDelta<Entity[]>,
): void {
  const removed: Entity[] = [];
  const added: Entity[] = [];
  for (let j = 0; j < delta.at.length; j++) {
    const r = delta.at[j]!;
    const was = r < table.length ? table[r] : undefined;
    const now = delta.values[j]!;
    if (was && sameRecord(was, now)) continue;
    if (was) removed.push(was);
    added.push(now);
  }
  for (let r = delta.length; r < table.length; r++) removed.push(table[r]!);
  for (const e of removed) index.remove(entityRecord(e));
  for (let j = 0; j < delta.at.length; j++) {
    const r = delta.at[j]!;
    table[r] = delta.values[j]!;
  }
  table.length = delta.length;
  for (const e of added) index.add(entityRecord(e));
}

/** The names index of a table's layers, folded from its base's index delta by delta. */
export function foldNames(layers: TableLayers): { index: MiniSearch<SearchRecord>; table: Entity[] } {
  const index = loadNamesIndex(layers.json);
  const table = layers.baseEntities.slice();
  for (const d of layers.deltaData) foldNamesDelta(index, table, d);
  return { index, table };
}

/** The held names index: at which layers it is, the table it is of (its own array), and the index. */
interface NamesSlot {
  base: string;
  deltas: readonly string[];
  table: Entity[];
  index: MiniSearch<SearchRecord>;
}

/** The held table; see the module comment. */
export class TableCache {
  private held:
    | {
        base: string;
        baseEntities: readonly Entity[];
        json: string;
        /** Delta contents by layer id (those of the last load's manifest). */
        deltas: Map<string, PositionalDelta<Entity[]>>;
        /** The last load's table and its deltas. */
        folded: { deltas: readonly string[]; entities: Entity[] };
      }
    | undefined;
  private names: NamesSlot | undefined;

  /** What a load of a manifest with table layers `refs` must read, and how it folds them. */
  plan(refs: LayerRefs): TablePlan {
    const held = this.held?.base === refs.base ? this.held : undefined;
    const read = held ? refs.deltas.filter((d) => !held.deltas.has(d)) : [...refs.deltas];
    return {
      ...(held ? { base: { entities: held.baseEntities, json: held.json } } : {}),
      read,
      fold: (readDeltas, readBase) => {
        const base = held ? { entities: held.baseEntities, json: held.json } : readBase;
        if (!base) throw new Error(`Dossier store: table layer ${refs.base} was neither held nor read`);
        const fresh = new Map(read.map((id, i) => [id, readDeltas[i]!]));
        const deltaData = refs.deltas.map((id) => {
          const d = fresh.get(id) ?? held?.deltas.get(id);
          if (!d) throw new Error(`Dossier store: table layer ${id} was neither held nor read`);
          return d;
        });
        // From the last load's table when its deltas are a prefix of these: only the new deltas are applied.
        const from = held && isPrefix(held.folded.deltas, refs.deltas) ? held.folded : undefined;
        const entities = from
          ? applyPositional(from.entities, deltaData.slice(from.deltas.length))
          : applyPositional(base.entities as Entity[], deltaData);
        const layers: TableLayers = {
          base: refs.base,
          deltas: refs.deltas,
          baseEntities: base.entities,
          json: base.json,
          deltaData,
        };
        return { ...layers, entities };
      },
    };
  }

  /** After a load succeeded: holds its table (what the next load folds onto). */
  keep(layers: TableLayers, entities: Entity[]): void {
    this.held = {
      base: layers.base,
      baseEntities: layers.baseEntities,
      json: layers.json,
      deltas: new Map(layers.deltas.map((id, i) => [id, layers.deltaData[i]!])),
      folded: { deltas: layers.deltas, entities },
    };
  }

  /**
   * The names index of a generation's table: the held one, brought forward by the deltas it lacks when
   * it is at a prefix of these layers, else loaded and folded (and held from then on).
   * @throws Error when the names index was built with other options.
   */
  namesFor(layers: TableLayers): MiniSearch<SearchRecord> {
    const slot = this.names;
    if (slot && slot.base === layers.base && isPrefix(slot.deltas, layers.deltas)) {
      for (let k = slot.deltas.length; k < layers.deltas.length; k++)
        foldNamesDelta(slot.index, slot.table, layers.deltaData[k]!);
      slot.deltas = layers.deltas;
      return slot.index;
    }
    const { index, table } = foldNames(layers);
    this.names = { base: layers.base, deltas: layers.deltas, table, index };
    return index;
  }

  /** Whether the held names index is exactly at `layers` (so a corpus of those layers may use it). */
  namesAt(layers: Pick<TableLayers, 'base' | 'deltas'>): boolean {
    const slot = this.names;
    return (
      !!slot &&
      slot.base === layers.base &&
      slot.deltas.length === layers.deltas.length &&
      isPrefix(slot.deltas, layers.deltas)
    );
  }

  /** Forgets everything (e.g. when the store is cleared). */
  clear(): void {
    this.held = undefined;
    this.names = undefined;
  }
}

/**
 * The loader a generation's corpus calls on every use of its names index (lib/query/corpus-query.ts
 * `CorpusParts.loadNames`): the held index while it is at this generation's layers (or can be brought
 * forward to them); once a newer generation folded more into it, this corpus's own, loaded once.
 */
export function namesLoader(cache: TableCache, layers: TableLayers): () => MiniSearch<SearchRecord> {
  let own: MiniSearch<SearchRecord> | undefined;
  let used = false;
  return () => {
    if (own) return own;
    if (!used || cache.namesAt(layers)) {
      // First use: take the held index forward to these layers (or load it); later: still at them.
      used = true;
      return cache.namesFor(layers);
    }
    own = foldNames(layers).index;
    return own;
  };
}
