/**
 * The entity table as the store keeps it in a layer base (issue #14, restart cost): a few
 * columns instead of one object per entity. IndexedDB hands records back by structured
 * clone, which rebuilds a list of 65,000 entities (each with its alias list) object by object,
 * property by property, on every service-worker start at 10,000 briefings. A string or a typed
 * array comes back as one block. Measured with tests/tools/restart-records.ts: in Chromium, reading the
 * 10k table base alone from an extension page took 3.2 / 0.9 / 0.5 s as objects and 0.8 / 0.3 /
 * 0.3 s as columns (three reads each, load ~30), and decoding the columns in the worker ~26 ms
 * (load ~20); in Node (`v8.deserialize`, tests/tools/restart-cost.ts) the clone alone is ~8×
 * faster but clone + decode about equals the objects' clone, so the gain is Blink's clone of
 * objects, not V8's.
 *
 * Each text column is one string of every value concatenated plus the end offset of each
 * value, so no character is reserved as a separator. A table with anything the columns do
 * not know (another field, a non-string alias) is not encoded: {@link encodeEntities}
 * returns null and the caller stores the objects as before.
 */
import type { Entity, EntityType } from '../pack/types';

/** A text column: `text.slice(ends[i - 1] ?? 0, ends[i])` is value i. */
export interface TextColumn {
  text: string;
  ends: Uint32Array;
}

/** The entity table as columns; see the module comment. */
export interface EntityColumns {
  count: number;
  ids: TextColumn;
  names: TextColumn;
  /** Every entity's type as a number into `types`. */
  types: string[];
  type: Uint8Array;
  /** Every alias of every entity, in order; entity i's are aliases `aliasEnd[i - 1] ?? 0` … `aliasEnd[i] - 1`. */
  aliases: TextColumn;
  aliasEnd: Uint32Array;
  /** Descriptions; an entity without one has an empty value and no {@link HAS_DESCRIPTION} flag. */
  descriptions: TextColumn;
  /** Bit flags per entity: {@link HAS_DESCRIPTION}, {@link HIDDEN}, {@link SHOWN}. */
  flags: Uint8Array;
}

/** The entity has a `description` (possibly empty). */
export const HAS_DESCRIPTION = 1;
/** `hidden: true`. */
export const HIDDEN = 2;
/** `hidden: false` (kept as written: an explicit false is not the same object as no field). */
export const SHOWN = 4;

const KNOWN = new Set(['id', 'name', 'type', 'aliases', 'description', 'hidden']);

class TextColumnWriter {
  private parts: string[] = [];
  private ends: number[] = [];
  private length = 0;

  push(value: string): void {
    this.parts.push(value);
    this.length += value.length;
    this.ends.push(this.length);
  }

  finish(): TextColumn {
    return { text: this.parts.join(''), ends: Uint32Array.from(this.ends) };
  }
}

/** Whether an entity has only what the columns hold, with the types they hold. */
function fits(e: Entity): boolean {
  for (const key of Object.keys(e)) if (!KNOWN.has(key)) return false;
  return (
    typeof e.id === 'string' &&
    typeof e.name === 'string' &&
    typeof e.type === 'string' &&
    Array.isArray(e.aliases) &&
    e.aliases.every((a) => typeof a === 'string') &&
    (e.description === undefined || typeof e.description === 'string') &&
    (e.hidden === undefined || typeof e.hidden === 'boolean') &&
    !('description' in e && e.description === undefined) &&
    !('hidden' in e && e.hidden === undefined)
  );
}

/** The columns of `entities`, or null when one of them has something the columns cannot hold. */
export function encodeEntities(entities: readonly Entity[]): EntityColumns | null {
  const ids = new TextColumnWriter();
  const names = new TextColumnWriter();
  const aliases = new TextColumnWriter();
  const descriptions = new TextColumnWriter();
  const types: string[] = [];
  const typeNumber = new Map<string, number>();
  const type = new Uint8Array(entities.length);
  const aliasEnd = new Uint32Array(entities.length);
  const flags = new Uint8Array(entities.length);
  let aliasCount = 0;
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i]!;
    if (!fits(e)) return null;
    ids.push(e.id);
    names.push(e.name);
    let t = typeNumber.get(e.type);
    if (t === undefined) {
      if (types.length === 256) return null;
      t = types.push(e.type) - 1;
      typeNumber.set(e.type, t);
    }
    type[i] = t;
    for (const a of e.aliases) aliases.push(a);
    aliasCount += e.aliases.length;
    aliasEnd[i] = aliasCount;
    descriptions.push(e.description ?? '');
    flags[i] =
      (e.description !== undefined ? HAS_DESCRIPTION : 0) |
      (e.hidden === true ? HIDDEN : e.hidden === false ? SHOWN : 0);
  }
  return {
    count: entities.length,
    ids: ids.finish(),
    names: names.finish(),
    types,
    type,
    aliases: aliases.finish(),
    aliasEnd,
    descriptions: descriptions.finish(),
    flags,
  };
}

/**
 * The entities of `columns`, as {@link encodeEntities} was given them.
 * @throws Error when the columns do not fit together (a damaged record).
 */
export function decodeEntities(columns: EntityColumns): Entity[] {
  const { count, ids, names, types, type, aliases, aliasEnd, descriptions, flags } = columns;
  if (
    ids.ends.length !== count ||
    names.ends.length !== count ||
    descriptions.ends.length !== count ||
    type.length !== count ||
    flags.length !== count ||
    aliasEnd.length !== count ||
    (count > 0 && aliasEnd[count - 1] !== aliases.ends.length)
  )
    throw new Error(`Dossier store: the entity table's columns do not fit together (${count} entities)`);
  const out = new Array<Entity>(count);
  let id = 0;
  let name = 0;
  let description = 0;
  let alias = 0;
  let aliasAt = 0;
  for (let i = 0; i < count; i++) {
    const idEnd = ids.ends[i]!;
    const nameEnd = names.ends[i]!;
    const descriptionEnd = descriptions.ends[i]!;
    const lastAlias = aliasEnd[i]!;
    const list = new Array<string>(lastAlias - alias);
    for (let a = 0; alias < lastAlias; a++, alias++) {
      const end = aliases.ends[alias]!;
      list[a] = aliases.text.slice(aliasAt, end);
      aliasAt = end;
    }
    const entity: Entity = {
      id: ids.text.slice(id, idEnd),
      name: names.text.slice(name, nameEnd),
      type: types[type[i]!] as EntityType,
      aliases: list,
    };
    const f = flags[i]!;
    if (f & HAS_DESCRIPTION) entity.description = descriptions.text.slice(description, descriptionEnd);
    if (f & HIDDEN) entity.hidden = true;
    else if (f & SHOWN) entity.hidden = false;
    out[i] = entity;
    id = idEnd;
    name = nameEnd;
    description = descriptionEnd;
  }
  return out;
}
