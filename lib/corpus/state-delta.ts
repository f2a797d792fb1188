/**
 * What changed between two extraction states, as a small record, and the state
 * again from a base and the deltas written after it (issue #14: an append
 * writes what changed, not the whole {@link ExtractionState}).
 *
 * The state's columns are of two kinds. Sorted tables keyed by a string (the
 * capitalisation words, the folded-name keys, the issued ids): a delta lists
 * the keys that are new or whose row changed, with their rows, and the keys
 * that went. Positional columns (per entity in table order, and the relocatable
 * form/description/alias rows, which an increment appends to): a delta lists the
 * rows that differ by position plus the new length. Comparing is a linear scan
 * of both states (cheap: typed arrays and shared strings); what a delta holds,
 * and so what is written, grows with the change.
 *
 * Pure functions; `applyStateDeltas(base, [diffState(base, a), diffState(a, b)])`
 * equals `b` exactly (state-delta.test.ts checks it over real increments).
 */
import type { ExtractionState } from './extraction-state';

/** A column: plain values (strings, or rows of any kind compared by a caller's `same`) or a typed array. */
export type Column = readonly unknown[] | Int32Array | Float64Array | Uint8Array;

/** Rows of a positional column that differ, `width` values each, and the column's new length in rows. */
export interface PositionalDelta<C = Column> {
  length: number;
  at: Int32Array;
  values: C;
}

/** Rows of a sorted keyed table that are new or changed (keys sorted, one values column per table column) and keys removed. */
export interface KeyedDelta {
  keys: string[];
  columns: Column[];
  removed: string[];
}

/** What {@link diffState} returns: plain data, structured-clonable (IndexedDB keeps it as its own record). */
export interface StateDelta {
  version: 1;
  pipeline: string;
  documents: number;
  capitalization: { cap: KeyedDelta; low: KeyedDelta };
  keys: KeyedDelta;
  issued: KeyedDelta;
  entities: Record<EntityColumnName, PositionalDelta>;
}

type EntityColumns = ExtractionState['entities'];
type EntityColumnName = keyof EntityColumns;

/** Values per row of each positional entity column (votes: one per entity type). */
const ENTITY_WIDTH: Record<EntityColumnName, number> = {
  ids: 1,
  names: 1,
  types: 1,
  descriptions: 1,
  counts: 1,
  votes: 4,
  formFrom: 1,
  formTo: 1,
  forms: 1,
  formCounts: 1,
  descFrom: 1,
  descTo: 1,
  descs: 1,
  descCounts: 1,
  aliasFrom: 1,
  aliasTo: 1,
  aliases: 1,
  aliasWords: 1,
};
const ENTITY_COLUMNS = Object.keys(ENTITY_WIDTH) as EntityColumnName[];

const KEY_WIDTHS = [1, 4, 1, 1]; // surnames, votes, counts, homes

/** A new column like `like` (string array or the same typed array) of `n` values. */
function columnLike(like: Column, n: number): Column {
  if (Array.isArray(like)) return new Array<unknown>(n);
  return new (like.constructor as new (n: number) => Int32Array | Float64Array | Uint8Array)(n);
}

/** Whether rows `i` of `a` and `j` of `b` (`width` values each) hold the same values (Object.is: -0 and NaN exact). */
function sameRow(a: Column, i: number, b: Column, j: number, width: number): boolean {
  for (let k = 0; k < width; k++) if (!Object.is(a[i * width + k], b[j * width + k])) return false;
  return true;
}

function copyRow(from: Column, i: number, to: Column, j: number, width: number): void {
  for (let k = 0; k < width; k++) (to as unknown as unknown[])[j * width + k] = from[i * width + k];
}

/**
 * The rows of `after` that differ from `before` at the same position (and every
 * row past `before`'s end), as {@link PositionalDelta}; `same` compares rows
 * (default: value by value).
 */
export function diffPositional<C extends Column>(
  before: C,
  after: C,
  width = 1,
  same: (i: number) => boolean = (i) => sameRow(before, i, after, i, width),
): PositionalDelta<C> {
  const rows = after.length / width;
  const shared = Math.min(rows, before.length / width);
  const at: number[] = [];
  for (let i = 0; i < shared; i++) if (!same(i)) at.push(i);
  for (let i = shared; i < rows; i++) at.push(i);
  const values = columnLike(after, at.length * width) as C;
  at.forEach((r, j) => copyRow(after, r, values, j, width));
  return { length: rows, at: Int32Array.from(at), values };
}

/**
 * `base` (`width` values a row) with `deltas` applied in order, each delta read
 * once. Throws when the deltas leave a row unset (they were not made from this base).
 */
export function applyPositional<C extends Column>(base: C, deltas: readonly PositionalDelta<C>[], width = 1): C {
  if (deltas.length === 0) return base;
  let rows = base.length / width;
  let kept = rows; // rows [0, kept) of the base no delta cut off
  const latest = new Map<number, { d: PositionalDelta<C>; j: number }>();
  for (const d of deltas) {
    if (d.length < rows) {
      for (const r of latest.keys()) if (r >= d.length) latest.delete(r);
      kept = Math.min(kept, d.length);
    }
    rows = d.length;
    for (let j = 0; j < d.at.length; j++) latest.set(d.at[j]!, { d, j });
  }
  const out = columnLike(base, rows * width) as C;
  const fromBase = Math.min(kept, rows);
  if (Array.isArray(base)) {
    for (let i = 0; i < fromBase * width; i++) (out as unknown as unknown[])[i] = base[i];
  } else (out as unknown as Int32Array).set((base as unknown as Int32Array).subarray(0, fromBase * width));
  let past = 0;
  for (const [r, { d, j }] of latest) {
    copyRow(d.values, j, out, r, width);
    if (r >= fromBase) past++;
  }
  if (past !== rows - fromBase)
    throw new Error(
      `state delta: ${rows - fromBase - past} rows past ${fromBase} are in no delta (deltas of another base?)`,
    );
  return out;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The rows of a sorted keyed table (`keys` with parallel `columns`, widths
 * `widths`) that are new or changed in `after`, and the keys it lost.
 */
export function diffKeyed(
  before: { keys: readonly string[]; columns: readonly Column[] },
  after: { keys: readonly string[]; columns: readonly Column[] },
  widths: readonly number[],
): KeyedDelta {
  const changed: number[] = [];
  const removed: string[] = [];
  const bk = before.keys;
  const ak = after.keys;
  let i = 0;
  let j = 0;
  while (i < bk.length || j < ak.length) {
    const c = i >= bk.length ? 1 : j >= ak.length ? -1 : compare(bk[i]!, ak[j]!);
    if (c < 0) removed.push(bk[i++]!);
    else if (c > 0) changed.push(j++);
    else {
      if (!after.columns.every((col, k) => sameRow(before.columns[k]!, i, col, j, widths[k]!))) changed.push(j);
      i++;
      j++;
    }
  }
  const columns = after.columns.map((col, k) => {
    const w = widths[k]!;
    const values = columnLike(col, changed.length * w);
    changed.forEach((r, n) => copyRow(col, r, values, n, w));
    return values;
  });
  return { keys: changed.map((r) => ak[r]!), columns, removed };
}

/** `base` (a sorted keyed table) with `deltas` applied in order: the last word on a key wins. */
export function applyKeyed(
  base: { keys: readonly string[]; columns: readonly Column[] },
  deltas: readonly KeyedDelta[],
  widths: readonly number[],
): { keys: string[]; columns: Column[] } {
  if (deltas.length === 0) return { keys: base.keys as string[], columns: base.columns as Column[] };
  const latest = new Map<string, { d: KeyedDelta; j: number } | null>();
  for (const d of deltas) {
    for (const k of d.removed) latest.set(k, null);
    d.keys.forEach((k, j) => latest.set(k, { d, j }));
  }
  const changes = [...latest.keys()].sort(compare);
  const bk = base.keys;
  // Rows of the result: the base's, less those removed, plus keys the base lacks.
  let rows = bk.length;
  for (const k of changes) {
    const inBase = binarySearch(bk, k) >= 0;
    if (latest.get(k) === null) rows -= inBase ? 1 : 0;
    else rows += inBase ? 0 : 1;
  }
  const keys = new Array<string>(rows);
  const columns = base.columns.map((c, n) => columnLike(c, rows * widths[n]!));
  let i = 0;
  let o = 0;
  let c = 0;
  while (i < bk.length || c < changes.length) {
    const cmp = i >= bk.length ? 1 : c >= changes.length ? -1 : compare(bk[i]!, changes[c]!);
    if (cmp < 0) {
      keys[o] = bk[i]!;
      base.columns.forEach((col, n) => copyRow(col, i, columns[n]!, o, widths[n]!));
      i++;
      o++;
      continue;
    }
    const change = latest.get(changes[c]!)!;
    if (change) {
      keys[o] = changes[c]!;
      change.d.columns.forEach((col, n) => copyRow(col, change.j, columns[n]!, o, widths[n]!));
      o++;
    }
    if (cmp === 0) i++;
    c++;
  }
  return { keys, columns };
}

function binarySearch(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(keys[mid]!, key);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const capTable = (s: ExtractionState) => ({
  keys: s.capitalization.capWords,
  columns: [s.capitalization.capCounts],
});
const lowTable = (s: ExtractionState) => ({
  keys: s.capitalization.lowWords,
  columns: [s.capitalization.lowCounts, s.capitalization.lowInText],
});
const keyTable = (s: ExtractionState) => ({
  keys: s.keys.keys,
  columns: [s.keys.surnames, s.keys.votes, s.keys.counts, s.keys.homes],
});
const issuedTable = (s: ExtractionState) => ({ keys: s.issued, columns: [] });

/**
 * What changed from `before` to `after` (both usable states, see
 * `isUsableState`): keyed rows of the sorted tables, positional rows of the
 * entity columns. `applyStateDeltas(before, [diffState(before, after)])` equals `after`.
 */
export function diffState(before: ExtractionState, after: ExtractionState): StateDelta {
  const entities = {} as Record<EntityColumnName, PositionalDelta>;
  for (const name of ENTITY_COLUMNS)
    entities[name] = diffPositional(
      before.entities[name] as Column,
      after.entities[name] as Column,
      ENTITY_WIDTH[name],
    );
  return {
    version: after.version,
    pipeline: after.pipeline,
    documents: after.documents,
    capitalization: {
      cap: diffKeyed(capTable(before), capTable(after), [1]),
      low: diffKeyed(lowTable(before), lowTable(after), [1, 1]),
    },
    keys: diffKeyed(keyTable(before), keyTable(after), KEY_WIDTHS),
    issued: diffKeyed(issuedTable(before), issuedTable(after), []),
    entities,
  };
}

/**
 * The state `base` became through the changes `deltas` (each made by
 * {@link diffState} from the state the previous one produced), in one pass
 * over the base: O(state + deltas).
 * @throws Error when the deltas do not fit the base.
 */
export function applyStateDeltas(base: ExtractionState, deltas: readonly StateDelta[]): ExtractionState {
  if (deltas.length === 0) return base;
  const last = deltas[deltas.length - 1]!;
  const cap = applyKeyed(
    capTable(base),
    deltas.map((d) => d.capitalization.cap),
    [1],
  );
  const low = applyKeyed(
    lowTable(base),
    deltas.map((d) => d.capitalization.low),
    [1, 1],
  );
  const keys = applyKeyed(
    keyTable(base),
    deltas.map((d) => d.keys),
    KEY_WIDTHS,
  );
  const issued = applyKeyed(
    issuedTable(base),
    deltas.map((d) => d.issued),
    [],
  );
  const entities = {} as Record<EntityColumnName, Column>;
  for (const name of ENTITY_COLUMNS)
    entities[name] = applyPositional(
      base.entities[name] as Column,
      deltas.map((d) => d.entities[name]),
      ENTITY_WIDTH[name],
    );
  return {
    version: last.version,
    pipeline: last.pipeline,
    documents: last.documents,
    capitalization: {
      capWords: cap.keys,
      capCounts: cap.columns[0] as Int32Array,
      lowWords: low.keys,
      lowCounts: low.columns[0] as Int32Array,
      lowInText: low.columns[1] as Int32Array,
    },
    keys: {
      keys: keys.keys,
      surnames: keys.columns[0] as string[],
      votes: keys.columns[1] as Float64Array,
      counts: keys.columns[2] as Int32Array,
      homes: keys.columns[3] as Int32Array,
    },
    entities: entities as unknown as EntityColumns,
    issued: issued.keys,
  };
}

/** Values a state holds (strings and numbers), the measure compaction compares deltas with. */
export function stateCells(state: ExtractionState): number {
  const c = state.capitalization;
  let n = c.capWords.length * 2 + c.lowWords.length * 3 + state.keys.keys.length * 8 + state.issued.length;
  for (const name of ENTITY_COLUMNS) n += state.entities[name].length;
  return n;
}

/** Values a delta holds, in the unit of {@link stateCells}. */
export function deltaCells(delta: StateDelta): number {
  const keyed = (d: KeyedDelta) => d.keys.length + d.removed.length + d.columns.reduce((n, c) => n + c.length, 0);
  let n = keyed(delta.capitalization.cap) + keyed(delta.capitalization.low) + keyed(delta.keys) + keyed(delta.issued);
  for (const name of ENTITY_COLUMNS) n += delta.entities[name].at.length + delta.entities[name].values.length;
  return n;
}
