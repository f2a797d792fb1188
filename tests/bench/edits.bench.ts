/**
 * Re-indexing after an edit on a synthetic 10,000-document corpus (1,000 with
 * --quick): the incremental update of lib/edits/reindex.ts against a full
 * rebuild of the index, the baseline, in the same run.
 */
import { applyEdits } from '../../lib/edits/apply-edits';
import { reindexPack } from '../../lib/edits/reindex';
import type { Edit } from '../../lib/edits/types';
import { PACK_FORMAT, PACK_VERSION, type Pack } from '../../lib/pack/types';
import { defineBench } from './lib/contract';
import { synthetic } from './edits/synthetic';
import { buildSearchIndex } from '../../lib/search/records';

const EDITS: [string, Edit[]][] = [
  ['rename', [{ op: 'rename', entityId: 'e5', name: 'Someone Else' }]],
  ['merge', [{ op: 'merge', from: 'e5', into: 'e6' }]],
  ['docDelete', [{ op: 'docDelete', docId: 'd17' }]],
];

export default defineBench({
  name: 'edits',
  description: 'incremental re-index after an entity or document edit, beside a full rebuild',
  async run(ctx) {
    const data = synthetic(ctx.quick ? 1000 : 10_000);
    const runs = ctx.quick ? 2 : 3;
    const rebuild = await ctx.measure(() => buildSearchIndex(data.documents, data), { runs, warmup: 0 });
    const pack: Pack = {
      format: PACK_FORMAT,
      version: PACK_VERSION,
      createdAt: '',
      generator: 'bench',
      ...data,
      index: buildSearchIndex(data.documents, data),
    };
    const rows = [{ step: 'full rebuild (baseline)', 'median ms': rebuild.median, '× baseline': 1 }];
    for (const [label, log] of EDITS) {
      const edited = applyEdits(pack, log);
      const m = await ctx.measure(() => reindexPack(pack, edited), { runs, warmup: 0 });
      rows.push({
        step: `${label}: incremental re-index`,
        'median ms': m.median,
        '× baseline': m.median / rebuild.median,
      });
    }
    return {
      rows,
      notes: [`${data.documents.length} documents, ${data.passages.length} passages, ${data.entities.length} entities`],
      metrics: Object.fromEntries(rows.map((r) => [`edits.${r.step}`, r['median ms']])),
    };
  },
});
