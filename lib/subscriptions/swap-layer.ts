/**
 * A subscription's new version as one segment swap (issue #14): the layer's
 * own segment leaves the manifest and the new version's joins it, as it is
 * (no extraction: lib/import/pack-segment.ts), with the user's edit log applied
 * to what is new; unsubscribing writes a manifest without it. The other
 * segments are read only for their models (which entities they still name) and
 * never written. Runs under the store's write lock; the swap is verified and
 * activated atomically by the store (`CorpusStore.putPackSegment`), so any
 * failure leaves the last good version active.
 */
import { extractWithState } from '../corpus/increment';
import type { Lexicon } from '../corpus/types';
import { applyEdits } from '../edits/apply-edits';
import { joinPack } from '../import/pack-segment';
import type { Pack } from '../pack/types';
import type { CorpusStore } from '../store/corpus-store';
import { prefixLayer } from './layer';
import { keptCounts, planLayerSwap } from './swap-plan';
import { layerPrefix } from './types';

/** What {@link swapLayer} needs besides the store. */
export interface SwapDeps {
  lexicon: Lexicon;
  /** The bundled pack: the corpus while the store holds none. */
  loadBundled: () => Promise<Pack>;
}

/**
 * Replaces subscription `source`'s layer by `pack` (null: removes it) in one
 * new generation. A corpus not yet stored in segments (the bundled pack, an
 * older layout) is first written as one segment, with the extraction state of
 * its articles, as the first import does (costs the corpus, once).
 * @returns the new generation's id.
 * @throws Error when reading, writing or verifying fails (the previous generation stays active).
 */
export function swapLayer(store: CorpusStore, source: string, pack: Pack | null, deps: SwapDeps): Promise<string> {
  return store.withWriteLock(async () => {
    let base = await store.readManifest();
    if (!base) {
      const whole = (await store.readActive())?.pack ?? (await deps.loadBundled());
      const { state: extraction } = extractWithState(whole.documents, deps.lexicon);
      await store.write(whole, { extraction });
      base = await store.readManifest();
      if (!base) throw new Error('The corpus could not be stored in segments.');
    }
    const prefix = layerPrefix(source);
    const layer = pack ? prefixLayer(pack, prefix) : null;
    const models = await store.readSegmentModels(base.manifest.segments);
    const log = await store.readEdits();
    const named = new Set<string>();
    for (const m of layer?.mentions ?? []) named.add(m.entityId);
    for (const q of layer?.quotes ?? []) if (q.speakerId !== null) named.add(q.speakerId);
    const plan = planLayerSwap(
      base.manifest,
      models,
      base.segments,
      source,
      prefix,
      new Set(layer?.documents.map((d) => d.id) ?? []),
      named,
    );
    const joined = layer
      ? joinPack(layer, plan.entities, base.manifest.extraction, deps.lexicon, { log, replace: plan.replace })
      : {
          rows: { documents: [], passages: [], mentions: [], quotes: [] },
          entities: plan.entities,
          state: base.manifest.extraction,
        };
    // The log applied to what is new (a deleted document of the layer is already left out by joinPack).
    const data = log.length
      ? applyEdits({ ...joined.rows, entities: joined.entities }, log)
      : { ...joined.rows, entities: joined.entities };
    const redirects = base.manifest.redirects ?? {};
    return store.putPackSegment(
      layer && data.documents.length
        ? {
            documents: data.documents,
            passages: data.passages,
            mentions: data.mentions,
            quotes: data.quotes,
            generator: pack!.generator,
            source,
          }
        : null,
      {
        entities: data.entities,
        extraction: joined.state,
        against: base,
        drop: plan.drop,
        deleted: plan.deleted,
        kept: keptCounts(plan, data.entities, redirects),
        deletions: plan.deletions,
      },
    );
  });
}
