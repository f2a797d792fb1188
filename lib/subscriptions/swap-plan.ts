/**
 * A subscription's new version (or its removal) as a manifest change of a
 * segmented corpus (issue #14): the layer's own segment leaves the manifest,
 * the new version's segment joins it, and no other segment is read beyond its
 * model or written. Documents of the layer that sit in other segments (a full
 * rewrite — an alias removal, a metadata edit — put every document in one
 * segment) become tombstones, or are shadowed by their new copy (the later
 * copy of an id wins, `joinSegments`). Entities only the old layer named leave
 * the table, as `removeLayer` (./layer.ts) drops them. Pure.
 */
import type { SegmentModel } from '../pack/segment';
import type { Entity } from '../pack/types';
import type { CorpusCounts, ManifestView, SegmentRecord } from '../store/types';
import { liveCounts } from '../edits/amend-plan';

/** What a swap changes in the manifest, before the new version's entities join. */
export interface LayerSwapPlan {
  /** Segments that leave the manifest: the layer's own (tagged with its source). */
  drop: string[];
  /** The tombstones after the swap (the whole list). */
  deleted: string[];
  /** The table without the entities only the old layer named; those the new version names again stay, and are listed in `replace`. */
  entities: Entity[];
  /** Ids only the old layer named that the new version names too: they take the new version's entity. */
  replace: Set<string>;
  /** The manifest's undo records still valid (their documents still tombstoned in a kept segment). */
  deletions: NonNullable<ManifestView['deletions']>;
  /** The kept segments' models, in manifest order, and the ids whose old copy the new segment shadows. */
  kept: SegmentModel[];
  shadowed: Set<string>;
}

/**
 * Plans replacing the layer `prefix` (subscription `source`) by a version with
 * documents `next` naming entities `nextEntities` (both empty: unsubscribe).
 * @param models every listed segment's model, in manifest order; `records` their records.
 */
export function planLayerSwap(
  manifest: ManifestView,
  models: readonly SegmentModel[],
  records: readonly SegmentRecord[],
  source: string,
  prefix: string,
  next: ReadonlySet<string>,
  nextEntities: ReadonlySet<string>,
): LayerSwapPlan {
  const drop = new Set(records.filter((r) => r.source === source).map((r) => r.id));
  const kept = models.filter((m) => !drop.has(m.id));
  const deleted = new Set(manifest.deleted);
  const redirect = new Map(Object.entries(manifest.redirects ?? {}));
  const table = new Set(manifest.entities.map((e) => e.id));
  const idOf = (id: string): string | null => {
    const to = redirect.get(id) ?? id;
    return table.has(to) ? to : null;
  };
  const shadowed = new Set<string>();
  const tombstones = new Set<string>();
  const lost = new Set<string>();
  const alive = new Set<string>();
  // Later copies of an id win: walk backwards so a copy seen later marks an earlier one as not read.
  const later = new Set<string>();
  const liveOf = new Map<SegmentModel, Uint8Array>();
  for (let s = models.length - 1; s >= 0; s--) {
    const model = models[s]!;
    const live = new Uint8Array(model.documents.length);
    model.documents.forEach((d, i) => {
      if (!deleted.has(d.id) && !later.has(d.id)) live[i] = 1;
      later.add(d.id);
    });
    liveOf.set(model, live);
  }
  for (const model of models) {
    const live = liveOf.get(model)!;
    const own = drop.has(model.id);
    // A copy of a layer document in another segment is the layer's even when the layer's own segment
    // shadows it now: that segment leaves, and the copy must not come back.
    const inLayer = model.documents.map((d, i) =>
      own ? live[i] === 1 : !deleted.has(d.id) && d.id.startsWith(prefix),
    );
    if (!own)
      model.documents.forEach((d, i) => {
        if (!inLayer[i]) return;
        if (next.has(d.id)) shadowed.add(d.id);
        else tombstones.add(d.id);
      });
    const ids = model.entityIds.map(idOf);
    const { doc, entity } = model.mentions;
    for (let i = 0; i < doc.length; i++) {
      const id = ids[entity[i]!];
      if (!live[doc[i]!] || !id) continue;
      (inLayer[doc[i]!] ? lost : alive).add(id);
    }
    const { doc: qDoc, speaker } = model.quotes;
    for (let i = 0; i < qDoc.length; i++) {
      const id = speaker[i]! >= 0 ? ids[speaker[i]!] : null;
      if (id && live[qDoc[i]!] && !inLayer[qDoc[i]!]) alive.add(id);
    }
  }
  const only = new Set([...lost].filter((id) => !alive.has(id)));
  const replace = new Set([...only].filter((id) => nextEntities.has(id)));
  const entities = manifest.entities.filter((e) => !only.has(e.id) || replace.has(e.id));
  // A tombstone whose document the new version brings again would delete the new copy too.
  const allDeleted = [...new Set([...manifest.deleted.filter((id) => !next.has(id)), ...tombstones])];
  const present = new Set(kept.flatMap((m) => m.documents.map((d) => d.id)));
  const still = new Set(allDeleted);
  const deletions = (manifest.deletions ?? []).filter((d) =>
    d.documents.every((id) => still.has(id) && present.has(id)),
  );
  return { drop: [...drop], deleted: allDeleted, entities, replace, deletions, kept, shadowed };
}

/**
 * The counts of the kept segments as the new generation reads them (tombstones,
 * shadowed copies, the final table and redirects): the store adds the new segment's.
 */
export function keptCounts(
  plan: LayerSwapPlan,
  entities: readonly Entity[],
  redirects: Readonly<Record<string, string>>,
): CorpusCounts {
  return liveCounts(plan.kept, new Set([...plan.deleted, ...plan.shadowed]), entities, redirects);
}
