/**
 * Edits as manifest changes of a segmented corpus (issue #14): what
 * `CorpusStore.amend` writes for an entity edit (a new entity table and
 * redirects, no segment touched), for a deletion (tombstones) and for its
 * undo, so that the corpus reads exactly as the full rewrite of the same edits
 * would (lib/edits/README.md, "What an edit costs"). Pure.
 */
import type { SegmentModel } from '../pack/segment';
import type { Entity } from '../pack/types';
import type { ManifestAmendment } from '../store/corpus-store';
import type { CorpusCounts, ManifestView, TombstoneDeletion } from '../store/types';
import { applyEdits, entityTargets } from './apply-edits';
import type { Edit, EditOp } from './types';

/** Edits that change only the entity table (and where mentions point): a manifest is enough. */
const ENTITY_ONLY: ReadonlySet<EditOp> = new Set<EditOp>(['rename', 'type', 'hide', 'unhide', 'alias+', 'merge']);

/**
 * Whether `edits`, appended to a log that becomes `log`, can be written as a
 * manifest change. Removing an alias drops the mentions written with it (in
 * the segments): a full rewrite. So does a merge when the log removes any
 * alias: the merged entity's mentions of that alias are dropped by the rule.
 */
export function amendable(edits: readonly Edit[], log: readonly Edit[]): boolean {
  if (!edits.every((e) => ENTITY_ONLY.has(e.op))) return false;
  return !(edits.some((e) => e.op === 'merge') && log.some((e) => e.op === 'alias-'));
}

/** The table with `log` applied, as applyEdits gives it for a corpus with this table, and the redirects then. */
export function foldEntities(
  table: readonly Entity[],
  redirects: Readonly<Record<string, string>>,
  log: readonly Edit[],
): { entities: Entity[]; redirects: Record<string, string> } {
  const { entities } = applyEdits({ documents: [], passages: [], mentions: [], quotes: [], entities: [...table] }, log);
  const targetOf = entityTargets(table, log);
  const ids = new Set(entities.map((e) => e.id));
  const next: Record<string, string> = {};
  const put = (from: string, to: string) => {
    if (from !== to && !ids.has(from)) next[from] = to;
  };
  for (const [from, to] of Object.entries(redirects)) put(from, targetOf(to));
  for (const e of table) put(e.id, targetOf(e.id));
  return { entities, redirects: next };
}

/** An entity edit (every op {@link amendable} allows) as a manifest change. */
export function planEntityEdit(manifest: ManifestView, log: readonly Edit[]): ManifestAmendment {
  return foldEntities(manifest.entities, manifest.redirects ?? {}, log);
}

/** Per segment, local document → whether it is read (not tombstoned, not replaced by a later copy): joinSegments' rule. */
function liveDocuments(models: readonly SegmentModel[], deleted: ReadonlySet<string>): Uint8Array[] {
  const later = new Set<string>();
  const out: Uint8Array[] = new Array<Uint8Array>(models.length);
  for (let s = models.length - 1; s >= 0; s--) {
    const docs = models[s]!.documents;
    const live = new Uint8Array(docs.length);
    for (let d = 0; d < docs.length; d++) {
      const id = docs[d]!.id;
      if (!deleted.has(id) && !later.has(id)) live[d] = 1;
      later.add(id);
    }
    out[s] = live;
  }
  return out;
}

/** Resolves a segment's local entity numbers to table ids through the redirects; null: not in the table. */
function resolver(
  table: ReadonlySet<string>,
  redirects: Readonly<Record<string, string>>,
): (model: SegmentModel) => (string | null)[] {
  const redirect = new Map(Object.entries(redirects));
  return (model) =>
    model.entityIds.map((id) => {
      const to = redirect.get(id) ?? id;
      return table.has(to) ? to : null;
    });
}

/** The counts the generation reads with (what joinSegments gives for these segments, tombstones, table and redirects). */
export function liveCounts(
  models: readonly SegmentModel[],
  deleted: ReadonlySet<string>,
  entities: readonly Entity[],
  redirects: Readonly<Record<string, string>>,
): CorpusCounts {
  const live = liveDocuments(models, deleted);
  const resolve = resolver(new Set(entities.map((e) => e.id)), redirects);
  const counts: CorpusCounts = { documents: 0, passages: 0, entities: entities.length, mentions: 0, quotes: 0 };
  models.forEach((model, s) => {
    const isLive = live[s]!;
    const ids = resolve(model);
    for (const d of isLive) counts.documents += d;
    for (const d of model.passages.doc) counts.passages += isLive[d]!;
    for (const d of model.quotes.doc) counts.quotes += isLive[d]!;
    const { doc, entity } = model.mentions;
    for (let i = 0; i < doc.length; i++) if (isLive[doc[i]!] && ids[entity[i]!] !== null) counts.mentions++;
  });
  return counts;
}

/**
 * Deleting documents as tombstones: the live ones among `docIds` join
 * `deleted`, and the entities only they named (by mention; a quote's speaker
 * in a kept document keeps its entity alive) leave the table, as applyEdits
 * drops them. The deletion is remembered (`edits`, its documents, the
 * entities it dropped) for undo.
 * @param models every listed segment's model, in manifest order.
 */
export function planDelete(
  manifest: ManifestView,
  models: readonly SegmentModel[],
  docIds: readonly string[],
  edits: readonly string[],
): ManifestAmendment {
  const before = new Set(manifest.deleted);
  const live = liveDocuments(models, before);
  const asked = new Set(docIds);
  const redirects = manifest.redirects ?? {};
  const resolve = resolver(new Set(manifest.entities.map((e) => e.id)), redirects);
  const removed = new Set<string>();
  const lost = new Set<string>();
  const alive = new Set<string>();
  models.forEach((model, s) => {
    const isLive = live[s]!;
    const gone = model.documents.map((d, i) => isLive[i] === 1 && asked.has(d.id));
    for (const [i, d] of model.documents.entries()) if (gone[i]) removed.add(d.id);
    const ids = resolve(model);
    const { doc, entity } = model.mentions;
    for (let i = 0; i < doc.length; i++) {
      const id = ids[entity[i]!];
      if (!isLive[doc[i]!] || !id) continue;
      (gone[doc[i]!] ? lost : alive).add(id);
    }
    const { doc: qDoc, speaker } = model.quotes;
    for (let i = 0; i < qDoc.length; i++) {
      const id = speaker[i]! >= 0 ? ids[speaker[i]!] : null;
      if (id && isLive[qDoc[i]!] && !gone[qDoc[i]!]) alive.add(id);
    }
  });
  const dropped = manifest.entities.filter((e) => lost.has(e.id) && !alive.has(e.id));
  const droppedIds = new Set(dropped.map((e) => e.id));
  const entities = manifest.entities.filter((e) => !droppedIds.has(e.id));
  const deleted = [...manifest.deleted, ...removed];
  const deletion: TombstoneDeletion = { edits: [...edits], documents: [...removed], entities: dropped };
  return {
    entities,
    deleted,
    deletions: [...stillUndoable(manifest, models), ...(removed.size ? [deletion] : [])],
    counts: liveCounts(models, new Set(deleted), entities, redirects),
  };
}

/** The manifest's deletions whose documents are all still tombstoned inside a listed segment (a merge drops them for good). */
function stillUndoable(manifest: ManifestView, models: readonly SegmentModel[]): TombstoneDeletion[] {
  if (!manifest.deletions?.length) return [];
  const tombstoned = new Set(manifest.deleted);
  const present = new Set(models.flatMap((m) => m.documents.map((d) => d.id)));
  return manifest.deletions.filter((d) => d.documents.every((id) => tombstoned.has(id) && present.has(id)));
}

/**
 * Undoing a tombstone deletion (found by one of its log ids): its tombstones
 * go, the entities it dropped come back (the table's own version where one
 * exists), and the log without the deletion's entries is folded over the
 * table again, as the full rewrite would apply it.
 * @returns the change and the log ids to remove, or null when the deletion is
 *   not undoable this way (not found, or its segment was merged since).
 */
export function planUndoDelete(
  manifest: ManifestView,
  models: readonly SegmentModel[],
  token: string,
  log: readonly (Edit & { id: string })[],
): { change: ManifestAmendment; remove: string[] } | null {
  const undoable = stillUndoable(manifest, models);
  const deletion = undoable.find((d) => d.edits.includes(token));
  if (!deletion) return null;
  const back = new Set(deletion.documents);
  const deleted = manifest.deleted.filter((id) => !back.has(id));
  const known = new Set(manifest.entities.map((e) => e.id));
  const table = [...manifest.entities, ...deletion.entities.filter((e) => !known.has(e.id))];
  const remove = new Set(deletion.edits);
  const folded = foldEntities(
    table,
    manifest.redirects ?? {},
    log.filter((e) => !remove.has(e.id)),
  );
  return {
    change: {
      ...folded,
      deleted,
      deletions: undoable.filter((d) => d !== deletion),
      counts: liveCounts(models, new Set(deleted), folded.entities, folded.redirects),
    },
    remove: [...remove],
  };
}
