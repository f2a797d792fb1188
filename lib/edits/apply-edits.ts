/**
 * Applies the user's edit log to corpus knowledge: renames, types, aliases,
 * merges, hiding, document metadata and deletions. Pure; the search index is
 * brought in line separately (reindex.ts).
 */
import { slug } from '../corpus/extract';
import type { Entity, Knowledge, Mention, PackDocument, Quote } from '../pack/types';
import { compileEdits, type CompiledEdits } from './compile-edits';
import type { DocMetaChange, Edit } from './types';

/** The parts of a pack that edits change (a Pack is one). */
export interface CorpusData extends Knowledge {
  documents: PackDocument[];
}

function applyDocMeta(doc: PackDocument, change: DocMetaChange | undefined): PackDocument {
  if (!change) return doc;
  const next: PackDocument = { ...doc };
  if (change.title) next.title = change.title;
  for (const key of ['source', 'date', 'url'] as const) {
    const value = change[key];
    if (value === undefined) continue;
    if (value) next[key] = value;
    else delete next[key];
  }
  return next;
}

/** Where each present entity id ends up: the last present id on its merge chain. */
function finalIds(compiled: CompiledEdits, present: ReadonlySet<string>): (id: string) => string {
  const cache = new Map<string, string>();
  return (id) => {
    let result = cache.get(id);
    if (result !== undefined) return result;
    let current = id;
    result = id;
    for (let i = 0; i <= compiled.merges.size; i++) {
      const next = compiled.merges.get(current);
      if (next === undefined) break;
      current = next;
      if (present.has(current)) result = current;
    }
    cache.set(id, result);
    return result;
  };
}

/** Per final entity: alias → added? (the last op over all its merged members wins). */
function aliasOpsByFinal(compiled: CompiledEdits, finalOf: (id: string) => string): Map<string, Map<string, boolean>> {
  const byFinal = new Map<string, Map<string, [number, boolean]>>();
  for (const [key, ops] of compiled.aliases) {
    const target = finalOf(key);
    let merged = byFinal.get(target);
    if (!merged) byFinal.set(target, (merged = new Map<string, [number, boolean]>()));
    for (const [alias, op] of ops) {
      const seen = merged.get(alias);
      if (!seen || seen[0] < op[0]) merged.set(alias, op);
    }
  }
  return new Map([...byFinal].map(([id, ops]) => [id, new Map([...ops].map(([a, [, add]]) => [a, add]))]));
}

/** One entity made of its merge group, with the user's overrides. */
function mergedEntity(
  rep: Entity,
  members: Entity[],
  compiled: CompiledEdits,
  aliasOps?: Map<string, boolean>,
): Entity {
  const overlay = compiled.entities.get(rep.id) ?? {};
  const name = overlay.name ?? rep.name;
  let aliases = [...new Set([rep, ...members.filter((m) => m !== rep)].flatMap((e) => e.aliases))];
  if (aliasOps) {
    aliases = aliases.filter((a) => aliasOps.get(a) !== false || a === name);
    for (const [alias, add] of aliasOps) if (add && !aliases.includes(alias)) aliases.push(alias);
  }
  if (!aliases.includes(name)) aliases.unshift(name);
  const next: Entity = { ...rep, name, type: overlay.type ?? rep.type, aliases };
  const description = rep.description ?? members.find((m) => m.description)?.description;
  if (description) next.description = description;
  if (overlay.hidden === true) next.hidden = true;
  else if (overlay.hidden === false) delete next.hidden;
  return next;
}

/**
 * The log with entity ids the corpus no longer has found again. An entity's id
 * is the slug of its extracted name, and a re-extraction with new articles may
 * choose another name for the same entity ("Sergei Lavrov" where it was
 * "Sergey Lavrov"); the old name stays one of its aliases, so the entity whose
 * name or alias has the old id as slug is the one the edit meant. Ids two
 * entities could claim stay as they are (and are skipped). Merges are not
 * found again this way (see below): a merge of an entity whose extracted
 * name changed is lost (lib/edits/README.md, known gaps).
 */
function resolveIds(log: readonly Edit[], entities: readonly Entity[]): Edit[] {
  const present = new Set(entities.map((e) => e.id));
  const named = (e: Edit) => ('entityId' in e ? [e.entityId] : e.op === 'merge' ? [e.from, e.into] : []);
  if (log.every((e) => named(e).every((id) => present.has(id)))) return [...log];
  const bySlug = new Map<string, string | null>();
  for (const e of entities)
    for (const alias of new Set([e.name, ...e.aliases])) {
      const s = slug(alias);
      if (present.has(s)) continue;
      const claimed = bySlug.get(s);
      bySlug.set(s, claimed === undefined || claimed === e.id ? e.id : null);
    }
  // Merges are left as they are, and so are edits of an entity a merge names: merged entities follow
  // their merge (compile-edits.ts), and an alias a merged entity gave away may now name another one.
  const merged = new Set(log.flatMap((e) => (e.op === 'merge' ? [e.from, e.into] : [])));
  const resolve = (id: string) => (present.has(id) || merged.has(id) ? id : (bySlug.get(id) ?? id));
  return log.flatMap((e): Edit[] => {
    if (!('entityId' in e)) return [e];
    return [{ ...e, entityId: resolve(e.entityId) }];
  });
}

/**
 * Where each id of `entities` ends up when `log` is applied to a corpus with
 * that entity table: itself, or the entity a merge made it part of (the last
 * one of the table on its merge chain), exactly as {@link applyEdits} moves
 * mentions and speakers.
 */
export function entityTargets(entities: readonly Entity[], log: readonly Edit[]): (id: string) => string {
  const present = new Set(entities.map((e) => e.id));
  return finalIds(compileEdits(resolveIds(log, entities)), present);
}

/**
 * Returns `data` with `log` applied (a new object; `data` is not changed).
 * Idempotent: `applyEdits(applyEdits(d, log), log)` equals `applyEdits(d, log)`.
 * Edits naming ids that are not in `data` are skipped. Entities left with no
 * mention because their documents were deleted are dropped, as a fresh
 * extraction without those documents would.
 */
export function applyEdits<T extends CorpusData>(data: T, log: readonly Edit[]): T {
  const compiled = compileEdits(resolveIds(log, data.entities));
  const deleted = compiled.deletedDocs;
  const documents = data.documents
    .filter((d) => !deleted.has(d.id))
    .map((d) => applyDocMeta(d, compiled.docMeta.get(d.id)));
  const textOf = new Map(documents.map((d) => [d.id, d.text]));

  const present = new Set(data.entities.map((e) => e.id));
  const finalOf = finalIds(compiled, present);
  const groups = new Map<string, Entity[]>();
  for (const e of data.entities) {
    const target = finalOf(e.id);
    const group = groups.get(target);
    if (group) group.push(e);
    else groups.set(target, [e]);
  }
  const aliasOps = aliasOpsByFinal(compiled, finalOf);
  const entities = new Map<string, Entity>();
  for (const e of data.entities) {
    const members = groups.get(e.id);
    if (members) entities.set(e.id, mergedEntity(e, members, compiled, aliasOps.get(e.id)));
  }

  // Mentions: follow merges, leave deleted documents and removed aliases out.
  const lostToDeletion = new Set<string>();
  const seen = new Set<string>();
  const mentions: Mention[] = [];
  for (const m of data.mentions) {
    const entityId = finalOf(m.entityId);
    if (deleted.has(m.docId)) {
      lostToDeletion.add(entityId);
      continue;
    }
    const entity = entities.get(entityId);
    const surface = textOf.get(m.docId)?.slice(m.start, m.end);
    if (entity && surface !== undefined && aliasOps.get(entityId)?.get(surface) === false && surface !== entity.name)
      continue;
    const key = `${entityId}\u0000${m.docId}\u0000${m.start}\u0000${m.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    mentions.push(entityId === m.entityId ? m : { ...m, entityId });
  }

  const quotesKept = data.quotes.filter((q) => !deleted.has(q.docId));
  const alive = new Set([
    ...mentions.map((m) => m.entityId),
    ...quotesKept.map((q) => q.speakerId && finalOf(q.speakerId)),
  ]);
  for (const id of lostToDeletion) if (!alive.has(id)) entities.delete(id);

  const quotes = quotesKept.map((q): Quote => {
    if (q.speakerId === null) return q;
    const speakerId = finalOf(q.speakerId);
    if (!entities.has(speakerId)) return { ...q, speakerId: null };
    return speakerId === q.speakerId ? q : { ...q, speakerId };
  });
  return {
    ...data,
    documents,
    passages: data.passages.filter((p) => !deleted.has(p.docId)),
    entities: [...entities.values()],
    mentions,
    quotes,
  };
}
