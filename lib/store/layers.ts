/**
 * How a layout-3 generation's manifest is stored and read (issue #14: an append writes
 * what changed, not the corpus's whole manifest). As an LSM tree or a Lucene commit point
 * does it: the manifest record is small (segment ids, tombstones, counts and references),
 * and what grows with the corpus lives in **layers** of their own records, a base plus
 * deltas, shared by every generation that lists them:
 *
 * - the entity table: a base (`[l, 0]` the entities, `[l, 1]` the names index over them as
 *   MiniSearch JSON) and positional deltas (rows changed or added, `PositionalDelta`);
 *   readers fold base + deltas, and the names index is the base's with the deltas' rows
 *   replaced, added or discarded at load;
 * - the extraction state: a base (`[l, 0]`) and key-based deltas (lib/corpus/state-delta.ts).
 *
 * When a part's deltas pass a share of its base ({@link COMPACT_SHARE}; half of it at an idle
 * merge) the next write folds them into a new base, so what a write costs stays amortised
 * O(change) and a reader reads at most base × (1 + share). Layer records live in `chunks`
 * under ids `l-…`; a generation record lists the layers it uses (`layers`), and clean-up
 * deletes the layers no generation lists, as it does segments.
 *
 * A manifest of version 1 (one record with everything, {@link LegacyManifest}) is still read,
 * and the next write stores its parts as bases.
 */
import type MiniSearch from 'minisearch';
import { isUsableState, type ExtractionState } from '../corpus/extraction-state';
import {
  applyPositional,
  applyStateDeltas,
  deltaCells,
  diffPositional,
  diffState,
  stateCells,
  type PositionalDelta,
  type StateDelta,
} from '../corpus/state-delta';
import type { Entity } from '../pack/types';
import type { SearchRecord } from '../search/index-options';
import { checksum } from './chunks';
import { foldNames, TableCache, type TableLayers } from './table-cache';
import { decodeEntities, encodeEntities, type EntityColumns } from './entity-columns';
import { updateNamesIndex } from './names';
import type {
  ChunkRecord,
  GenerationRecord,
  LayerRefs,
  LegacyManifest,
  ManifestEdits,
  ManifestRecord,
  TombstoneDeletion,
} from './types';

/** Sequence number of a generation's manifest record. */
export const MANIFEST_SEQ = 0;

/**
 * A part's deltas are folded into a new base when, with the new delta, they would hold more
 * than this share of the base's values. Amortised, a change is written about 1 + 1/share
 * times (here 6) and a reader reads at most 1.2 bases; at 10,000 briefings one added article
 * changes ~0.1 % of the table, so a base is rewritten about every 200 articles (measured in
 * lib/store/README.md).
 */
export const COMPACT_SHARE = 0.2;
/** At most this many deltas a part (a reader reads one record each). */
export const MAX_DELTAS = 200;

/** The records of a layer kind. */
type LayerData =
  /** A table base: `columns` (written now, ./entity-columns.ts) or `entities` (what earlier builds wrote). */
  | { kind: 'table'; entities?: Entity[]; columns?: EntityColumns }
  | { kind: 'names'; json: string }
  | { kind: 'table-delta'; delta: PositionalDelta<Entity[]> }
  | { kind: 'state'; state: ExtractionState }
  | { kind: 'state-delta'; delta: StateDelta };

/** What reads chunks: an `idb` object store of a transaction, or the database. */
export interface ChunkGetter {
  get(key: [string, number]): Promise<ChunkRecord | undefined>;
}

/** Which parts a reader wants besides the segment ids and tombstones. */
export interface PartsWanted {
  entities?: boolean;
  /** The names index (implies `entities`). */
  names?: boolean;
  extraction?: boolean;
}

/** A generation's manifest as stored, and the parts asked for, layers folded. */
export interface ManifestParts {
  stored: ManifestRecord | LegacyManifest;
  segments: string[];
  deleted: string[];
  entities?: Entity[];
  /**
   * The names index over `entities`: the base's JSON, and (layered manifests) the table's layers, from which
   * the reader's table cache gives the folded index (./table-cache.ts `namesLoader`).
   */
  names?: { json: string; index?: MiniSearch<SearchRecord>; layers?: TableLayers };
  extraction?: ExtractionState;
  /** Merge redirects and tombstone deletions (lib/edits), as stored. */
  redirects?: Record<string, string>;
  deletions?: TombstoneDeletion[];
}

/**
 * Folded parts a reader already holds (the import worker keeps the ones its last import wrote,
 * lib/store/held-parts.ts), with the layers they were folded from. Layer records are written
 * once and never changed, so a manifest that names the same base and deltas has exactly these
 * parts: they are used instead of reading and folding the layers again. A manifest with other
 * layers (another writer appended, edited or compacted) is read as usual.
 */
export interface HeldLayers {
  table?: { refs: LayerRefs; entities: readonly Entity[] };
  state?: { refs: LayerRefs; extraction: ExtractionState };
}

/** Whether two layer references name the same base and deltas (so the same content). */
export function sameLayers(a: LayerRefs | undefined, b: LayerRefs | undefined): boolean {
  if (!a || !b || a.base !== b.base || a.deltas.length !== b.deltas.length) return false;
  return a.deltas.every((d, i) => d === b.deltas[i]);
}

/** A manifest's edits (redirects, tombstone deletions), only those it has. */
export function editsOf(m: ManifestEdits): ManifestEdits {
  return {
    ...(m.redirects && Object.keys(m.redirects).length ? { redirects: m.redirects } : {}),
    ...(m.deletions?.length ? { deletions: m.deletions } : {}),
  };
}

/** Whether a stored manifest is of version 2 (small, with layers). */
export function isLayered(m: ManifestRecord | LegacyManifest): m is ManifestRecord {
  return (m as Partial<ManifestRecord>).version === 2;
}

/** The layer ids a manifest uses (none for version 1). */
export function layersOf(m: ManifestRecord | LegacyManifest): string[] {
  return isLayered(m) ? [m.table.base, ...m.table.deltas, m.state.base, ...m.state.deltas] : [];
}

/** `l-<time base36>-<random>`. */
export function newLayerId(): string {
  return `l-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Key range of every layer record (their ids sort between these). */
export const LAYER_RANGE: [[string, number], [string, number]] = [
  ['l-', 0],
  ['l-\uffff', Number.MAX_SAFE_INTEGER],
];

/**
 * The manifest record of a layout-3 generation, checked against the generation.
 * @throws Error when it is missing or names other segments.
 */
export function checkManifestRecord(
  gen: GenerationRecord,
  record: ChunkRecord | undefined,
): ManifestRecord | LegacyManifest {
  const where = `Dossier store: generation ${gen.id}`;
  if (record?.part !== 'manifest') throw new Error(`${where}: its manifest is missing`);
  const manifest = record.data as ManifestRecord | LegacyManifest;
  if (checksum(manifest.segments) !== gen.checksum || manifest.segments.join() !== (gen.segments ?? []).join())
    throw new Error(`${where}: its manifest does not match`);
  const entities = isLayered(manifest) ? manifest.entities : manifest.entities.length;
  if (entities !== gen.counts.entities)
    throw new Error(`${where}: ${entities} entities, expected ${gen.counts.entities}`);
  return manifest;
}

async function readLayer<K extends LayerData['kind']>(
  chunks: ChunkGetter,
  id: string,
  seq: number,
  kind: K,
): Promise<Extract<LayerData, { kind: K }>> {
  const record = await chunks.get([id, seq]);
  const data = record?.data as LayerData | undefined;
  if (record?.part !== 'layer' || data?.kind !== kind)
    throw new Error(`Dossier store: layer ${id} (${kind}) is missing or damaged`);
  return data as Extract<LayerData, { kind: K }>;
}

/**
 * The entities of a table base, from its columns or, as earlier builds wrote it, its objects.
 * @throws Error when it holds neither, or its columns are damaged.
 */
function baseEntities(base: Extract<LayerData, { kind: 'table' }>, id: string): Entity[] {
  if (base.columns) return decodeEntities(base.columns);
  if (Array.isArray(base.entities)) return base.entities;
  throw new Error(`Dossier store: layer ${id} (table) holds no entities`);
}

/**
 * Reads a layout-3 generation's manifest and the parts `want` asks for (the service worker:
 * entities and names, never the extraction state; an importer: entities and extraction),
 * folding each part's base and deltas. Every record is read before anything is folded, so
 * the caller's transaction stays usable.
 * @throws Error when a record is missing or the layers do not fold to the manifest's counts.
 */
export async function readManifestParts(
  chunks: ChunkGetter,
  gen: GenerationRecord,
  want: PartsWanted,
  behind?: (stored: ManifestRecord | LegacyManifest) => void,
  held?: HeldLayers,
  tables?: TableCache,
): Promise<ManifestParts> {
  const stored = checkManifestRecord(gen, await chunks.get([gen.id, MANIFEST_SEQ]));
  return readParts(chunks, stored, want, `generation ${gen.id}`, behind, held, tables);
}

/**
 * The parts `want` asks for of a manifest already read, layers folded.
 * @param behind called once the layer records are asked for, before they arrive: a caller asks for its own
 *   records there (the service worker: the segments), so that IndexedDB reads them while the parts are folded.
 * @param tables with `want.names`: the reader's held table (./table-cache.ts): a manifest over the same table
 *   base reads and folds only the deltas it does not hold (a fresh one when absent).
 */
async function readParts(
  chunks: ChunkGetter,
  stored: ManifestRecord | LegacyManifest,
  want: PartsWanted,
  where: string,
  behind?: (stored: ManifestRecord | LegacyManifest) => void,
  held?: HeldLayers,
  tables?: TableCache,
): Promise<ManifestParts> {
  const out: ManifestParts = { stored, segments: stored.segments, deleted: stored.deleted, ...editsOf(stored) };
  const wantEntities = want.entities || want.names;
  if (!isLayered(stored)) {
    behind?.(stored);
    if (wantEntities) out.entities = stored.entities;
    if (want.names) out.names = { json: stored.names };
    if (want.extraction) out.extraction = stored.extraction;
    return out;
  }
  const { table, state } = stored;
  // Parts held from the same layers are not read again (the names index is not held: read it when asked).
  const heldTable =
    wantEntities &&
    !want.names &&
    sameLayers(held?.table?.refs, table) &&
    held!.table!.entities.length === stored.entities
      ? held!.table!
      : undefined;
  const heldState = want.extraction && sameLayers(held?.state?.refs, state) ? held!.state! : undefined;
  // With the names index: the table as the reader's table cache plans it (only what it does not hold).
  const plan = want.names ? (tables ?? new TableCache()).plan(table) : undefined;
  const readTable = wantEntities && !heldTable && !plan?.base;
  const readState = want.extraction && !heldState;
  const reads = Promise.all([
    readTable ? readLayer(chunks, table.base, 0, 'table') : undefined,
    want.names && !plan?.base ? readLayer(chunks, table.base, 1, 'names') : undefined,
    readTable || plan
      ? Promise.all((plan ? plan.read : table.deltas).map((d) => readLayer(chunks, d, 0, 'table-delta')))
      : [],
    readState ? readLayer(chunks, state.base, 0, 'state') : undefined,
    readState ? Promise.all(state.deltas.map((d) => readLayer(chunks, d, 0, 'state-delta'))) : [],
  ]);
  behind?.(stored);
  const [base, names, tableDeltas, stateBase, stateDeltas] = await reads;
  if (heldTable) out.entities = heldTable.entities as Entity[];
  if (heldState) out.extraction = heldState.extraction;
  if (plan) {
    const layers = plan.fold(
      tableDeltas.map((d) => d.delta),
      base && names ? { entities: baseEntities(base, table.base), json: names.json } : undefined,
    );
    out.entities = layers.entities;
    out.names = { json: layers.json, layers };
  } else if (base) {
    out.entities = applyPositional(
      baseEntities(base, table.base),
      tableDeltas.map((d) => d.delta),
    );
  }
  if (out.entities && out.entities.length !== stored.entities)
    throw new Error(
      `Dossier store: ${where}: its table layers fold to ${out.entities.length} entities, expected ${stored.entities}`,
    );
  if (stateBase)
    out.extraction = applyStateDeltas(
      stateBase.state,
      stateDeltas.map((d) => d.delta),
    );
  return out;
}

/** Whether two entities are the same row (every field; aliases element by element). */
export function sameEntity(a: Entity, b: Entity): boolean {
  if (a === b) return true;
  const ka = Object.keys(a) as (keyof Entity)[];
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
  }
  return true;
}

/** What a generation's manifest was before a write: as stored, and its folded parts when the writer has them. */
export interface PartsBefore {
  stored: ManifestRecord | LegacyManifest;
  /** The folded table and state (an importer read them); read from `chunks` when a compaction needs them. */
  entities?: readonly Entity[];
  extraction?: ExtractionState;
}

/** What a write asks of the parts. */
export interface PartsChange {
  /** The new entity table; absent: unchanged. */
  entities?: readonly Entity[];
  /** The names index over `entities` when the writer built it (a full write); else it is derived. */
  names?: string;
  /** The new extraction state; absent: unchanged. */
  extraction?: ExtractionState;
  /** Write both parts as new bases (a full write of the corpus). */
  rebase?: boolean;
  /** An idle merge: compact a part whose deltas passed half the share. */
  idle?: boolean;
  /**
   * Write a version-1 manifest (one record with everything) as main did before the layers:
   * only for the upgrade tests and the append bench's "before" column.
   */
  version1?: boolean;
  /** The manifest's merge redirects and tombstone deletions (lib/edits); absent: those of `before`, kept. */
  edits?: ManifestEdits;
}

/** The manifest of a new generation and the layer records to write with it. */
export interface PartsPlan {
  manifest: ManifestRecord | LegacyManifest;
  /** Layer records to write (new bases and deltas). */
  chunks: ChunkRecord[];
  /** Every layer id the manifest uses (for the generation record). */
  layers: string[];
  /** The names index JSON when this write made a new base (checked after the write). */
  names?: string;
}

const layerChunk = (id: string, seq: number, items: number, data: LayerData): ChunkRecord => ({
  generation: id,
  seq,
  part: 'layer',
  items,
  data,
});

/** Whether a part with `refs` and a new delta of `cells` values is folded into a new base now. */
export function shouldCompact(refs: LayerRefs, cells: number, idle = false): boolean {
  if (refs.deltas.length + (cells > 0 ? 1 : 0) > MAX_DELTAS) return true;
  return refs.deltaCells + cells > (idle ? COMPACT_SHARE / 2 : COMPACT_SHARE) * Math.max(1, refs.baseCells);
}

/**
 * Plans the manifest of a new generation over `segments`/`deleted`: for each part,
 * the same layers when it did not change, a delta when it changed a little, a new
 * base when the deltas pass their share of the base, when `rebase` is asked, or when
 * the previous manifest is of version 1 (one record: upgraded on this write).
 * Folded parts the plan needs and `before` lacks are read through `chunks`.
 * @throws Error when a layer it needs cannot be read.
 */
export async function writeManifestParts(
  chunks: ChunkGetter,
  before: PartsBefore | null,
  change: PartsChange,
  segments: string[],
  deleted: string[],
): Promise<PartsPlan> {
  if (change.version1) return legacyParts(chunks, before, change, segments, deleted);
  const out: ChunkRecord[] = [];
  let namesWritten: string | undefined;
  const stored = before?.stored;
  const layered = stored && isLayered(stored) ? stored : undefined;
  const legacy = stored && !isLayered(stored) ? stored : undefined;

  // The entity table (and the names index over its base).
  let table: LayerRefs;
  let entityCount: number;
  const tableBase = (entities: readonly Entity[], names: string): LayerRefs => {
    const id = newLayerId();
    // Columns when they hold the table (they come back from IndexedDB far faster than objects), else objects.
    const columns = encodeEntities(entities);
    out.push(
      layerChunk(
        id,
        0,
        entities.length,
        columns ? { kind: 'table', columns } : { kind: 'table', entities: entities as Entity[] },
      ),
    );
    out.push(layerChunk(id, 1, entities.length, { kind: 'names', json: names }));
    namesWritten = names;
    return { base: id, deltas: [], baseCells: entities.length, deltaCells: 0 };
  };
  const namesOf = async (next: readonly Entity[]): Promise<string> => {
    if (change.names !== undefined) return change.names;
    if (legacy) return updateNamesIndex(legacy.names, legacy.entities, next);
    if (!layered) throw new Error('Dossier store: a new entity table needs its names index');
    const [base, names] = await Promise.all([
      readLayer(chunks, layered.table.base, 0, 'table'),
      readLayer(chunks, layered.table.base, 1, 'names'),
    ]);
    return updateNamesIndex(names.json, baseEntities(base, layered.table.base), next);
  };
  const previousTable = async (): Promise<readonly Entity[]> => {
    if (before?.entities) return before.entities;
    if (legacy) return legacy.entities;
    if (!layered) return [];
    const parts = await readParts(chunks, layered, { entities: true }, 'the active generation');
    return parts.entities!;
  };
  if (!layered || change.rebase) {
    const next = change.entities ?? (await previousTable());
    table = tableBase(next, await namesOf(next));
    entityCount = next.length;
  } else if (change.entities) {
    const previous = await previousTable();
    const next = change.entities;
    const delta = diffPositional(previous as Entity[], next as Entity[], 1, (i) => sameEntity(previous[i]!, next[i]!));
    const cells = delta.at.length;
    if (cells === 0 && next.length === previous.length) table = layered.table;
    else if (shouldCompact(layered.table, cells, change.idle)) table = tableBase(next, await namesOf(next));
    else {
      const id = newLayerId();
      out.push(layerChunk(id, 0, cells, { kind: 'table-delta', delta }));
      table = { ...layered.table, deltas: [...layered.table.deltas, id], deltaCells: layered.table.deltaCells + cells };
    }
    entityCount = next.length;
  } else if (change.idle && layered.table.deltas.length && shouldCompact(layered.table, 0, true)) {
    const next = await previousTable();
    table = tableBase(next, await namesOf(next));
    entityCount = next.length;
  } else {
    table = layered.table;
    entityCount = layered.entities;
  }

  // The extraction state.
  let state: LayerRefs;
  const stateBase = (s: ExtractionState): LayerRefs => {
    const id = newLayerId();
    const cells = stateCells(s);
    out.push(layerChunk(id, 0, cells, { kind: 'state', state: s }));
    return { base: id, deltas: [], baseCells: cells, deltaCells: 0 };
  };
  const previousState = async (): Promise<ExtractionState | undefined> => {
    if (before?.extraction) return before.extraction;
    if (legacy) return legacy.extraction;
    if (!layered) return undefined;
    return (await readParts(chunks, layered, { extraction: true }, 'the active generation')).extraction;
  };
  if (!layered) {
    const s = change.extraction ?? (await previousState());
    if (!s) throw new Error('Dossier store: a new generation needs an extraction state');
    state = stateBase(s);
  } else if (change.extraction) {
    const next = change.extraction;
    const previous = change.rebase ? undefined : await previousState();
    if (previous === next) state = layered.state;
    else if (!previous || !isUsableState(previous) || !isUsableState(next)) state = stateBase(next);
    else {
      const delta = diffState(previous, next);
      const cells = deltaCells(delta);
      const same = previous.documents === next.documents && previous.pipeline === next.pipeline;
      if (cells === 0 && same) state = layered.state;
      else if (shouldCompact(layered.state, cells, change.idle)) state = stateBase(next);
      else {
        const id = newLayerId();
        out.push(layerChunk(id, 0, cells, { kind: 'state-delta', delta }));
        state = {
          ...layered.state,
          deltas: [...layered.state.deltas, id],
          deltaCells: layered.state.deltaCells + cells,
        };
      }
    }
  } else if (change.idle && layered.state.deltas.length && shouldCompact(layered.state, 0, true)) {
    state = stateBase((await previousState())!);
  } else state = layered.state;

  const manifest: ManifestRecord = {
    version: 2,
    segments,
    deleted,
    entities: entityCount,
    table,
    state,
    ...editsOf(change.edits ?? before?.stored ?? {}),
  };
  return {
    manifest,
    chunks: out,
    layers: layersOf(manifest),
    ...(namesWritten !== undefined ? { names: namesWritten } : {}),
  };
}

/** {@link writeManifestParts} as main wrote manifests before the layers: one record, the names index updated. */
async function legacyParts(
  chunks: ChunkGetter,
  before: PartsBefore | null,
  change: PartsChange,
  segments: string[],
  deleted: string[],
): Promise<PartsPlan> {
  const previous = before
    ? await readParts(chunks, before.stored, { names: true, extraction: true }, 'the active generation')
    : undefined;
  const entities = (change.entities ?? previous?.entities ?? []) as Entity[];
  const layers = previous?.names?.layers;
  const previousNames = layers?.deltaData.length
    ? JSON.stringify(foldNames(layers).index)
    : (previous?.names?.json ?? '');
  const names =
    change.names ??
    (previous && change.entities ? updateNamesIndex(previousNames, previous.entities!, entities) : previousNames);
  const extraction = change.extraction ?? previous?.extraction;
  if (!extraction) throw new Error('Dossier store: a new generation needs an extraction state');
  const edits = editsOf(change.edits ?? before?.stored ?? {});
  return { manifest: { segments, entities, names, extraction, deleted, ...edits }, chunks: [], layers: [], names };
}

/** A generation's manifest record. */
export function manifestChunk(manifest: ManifestRecord | LegacyManifest, generation = 'layers'): ChunkRecord {
  return { generation, seq: MANIFEST_SEQ, part: 'manifest', items: manifest.segments.length, data: manifest };
}

/**
 * Re-reads the layer records a write added and checks them (kind, item count).
 * @throws Error naming the first one missing or different.
 */
export async function checkLayers(chunks: ChunkGetter, written: readonly ChunkRecord[]): Promise<void> {
  const stored = await Promise.all(written.map((c) => chunks.get([c.generation, c.seq])));
  stored.forEach((s, i) => {
    const c = written[i]!;
    if (s?.part !== 'layer' || s.items !== c.items || (s.data as LayerData).kind !== (c.data as LayerData).kind)
      throw new Error(`Dossier store: layer ${c.generation} record ${c.seq} did not read back as written`);
  });
}
