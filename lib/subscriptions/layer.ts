/**
 * A subscribed pack as a layer of the active corpus: its documents (and their
 * passages, mentions and quotes) carry ids prefixed with the subscription's id,
 * so a layer can be replaced or removed as a whole; its entities join the
 * corpus's entities of the same id. Pure.
 */
import type { Entity, Pack } from '../pack/types';
import type { CorpusData } from '../edits/apply-edits';

/** The pack's knowledge with every document-scoped id prefixed by `prefix`. */
export function prefixLayer(pack: Pack, prefix: string): CorpusData {
  const doc = (id: string) => prefix + id;
  return {
    documents: pack.documents.map((d) => ({ ...d, id: doc(d.id) })),
    passages: pack.passages.map((p) => ({ ...p, id: prefix + p.id, docId: doc(p.docId) })),
    entities: pack.entities.map((e) => ({ ...e, aliases: [...e.aliases] })),
    mentions: pack.mentions.map((m) => ({ ...m, docId: doc(m.docId) })),
    quotes: pack.quotes.map((q) => ({ ...q, id: prefix + q.id, docId: doc(q.docId) })),
  };
}

/**
 * `data` without the layer `prefix`: its documents and everything in them go;
 * entities that were named only in the layer go too.
 */
export function removeLayer(data: CorpusData, prefix: string): CorpusData {
  const inLayer = (docId: string) => docId.startsWith(prefix);
  const mentions = data.mentions.filter((m) => !inLayer(m.docId));
  const quotes = data.quotes.filter((q) => !inLayer(q.docId));
  const lost = new Set(data.mentions.filter((m) => inLayer(m.docId)).map((m) => m.entityId));
  const alive = new Set([...mentions.map((m) => m.entityId), ...quotes.map((q) => q.speakerId)]);
  return {
    documents: data.documents.filter((d) => !inLayer(d.id)),
    passages: data.passages.filter((p) => !inLayer(p.docId)),
    entities: data.entities.filter((e) => !lost.has(e.id) || alive.has(e.id)),
    mentions,
    quotes,
  };
}

function joinEntity(mine: Entity, theirs: Entity): Entity {
  const aliases = [...new Set([...mine.aliases, ...theirs.aliases])];
  const joined: Entity = { ...mine, aliases };
  if (!joined.description && theirs.description) joined.description = theirs.description;
  return joined;
}

/**
 * The corpus's entity table with a pack's entities joined, as {@link replaceLayer}
 * joins them, without moving any: an entity of the same id keeps its place, name,
 * type and user fields and gains the pack's aliases (and its description when it
 * had none); the pack's new entities follow, in the pack's order. Entities whose
 * id is in `replace` (a subscription's own, in its new version) take the pack's
 * entity in their place instead. Returns a new array; the arguments are not changed.
 */
export function joinEntities(
  table: readonly Entity[],
  entities: readonly Entity[],
  replace: ReadonlySet<string> = new Set(),
): Entity[] {
  const out = table.slice();
  const at = new Map<string, number>();
  out.forEach((e, i) => at.set(e.id, i));
  for (const e of entities) {
    const i = at.get(e.id);
    const theirs = { ...e, aliases: [...e.aliases] };
    if (i === undefined) {
      at.set(e.id, out.length);
      out.push(theirs);
    } else out[i] = replace.has(e.id) ? theirs : joinEntity(out[i]!, theirs);
  }
  return out;
}

/**
 * `data` with layer `prefix` replaced by `layer` (already prefixed). Entities
 * of the same id are joined: the corpus keeps its name, type and user fields
 * and gains the layer's aliases.
 */
export function replaceLayer(data: CorpusData, prefix: string, layer: CorpusData): CorpusData {
  const base = removeLayer(data, prefix);
  const byId = new Map(base.entities.map((e) => [e.id, e]));
  for (const e of layer.entities) {
    const mine = byId.get(e.id);
    byId.set(e.id, mine ? joinEntity(mine, e) : e);
  }
  return {
    documents: [...base.documents, ...layer.documents],
    passages: [...base.passages, ...layer.passages],
    entities: [...byId.values()],
    mentions: [...base.mentions, ...layer.mentions],
    quotes: [...base.quotes, ...layer.quotes],
  };
}
