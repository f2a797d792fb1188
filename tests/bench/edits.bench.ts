/**
 * Indexing after an edit on a synthetic 10,000-document corpus (1,000 with
 * --quick): what the store does before it writes an edited corpus (compact it,
 * rebuild the names index, reuse the text index when no text changed), beside
 * indexing everything from scratch, the baseline, in the same run.
 */
import { applyEdits } from '../../lib/edits/apply-edits';
import type { Edit } from '../../lib/edits/types';
import { compactPack } from '../../lib/pack/model';
import { PACK_FORMAT, PACK_VERSION, type Pack } from '../../lib/pack/types';
import { buildSearchIndexes } from '../../lib/search/records';
import { defineBench } from './lib/contract';
import { synthetic } from './edits/synthetic';

const EDITS: [string, Edit[]][] = [
  ['rename', [{ op: 'rename', entityId: 'e5', name: 'Someone Else' }]],
  ['merge', [{ op: 'merge', from: 'e5', into: 'e6' }]],
  ['docDelete', [{ op: 'docDelete', docId: 'd17' }]],
];

/** Compacts `pack` and builds its indexes, reusing `previous` where it still fits. */
function index(pack: Pack, previous?: ReturnType<typeof buildSearchIndexes>) {
  const model = compactPack(pack);
  return buildSearchIndexes(model, (n) => pack.documents[n]!.text, previous);
}

export default defineBench({
  name: 'edits',
  description: 'indexing an edited corpus (text index reused), beside indexing from scratch',
  async run(ctx) {
    const data = synthetic(ctx.quick ? 1000 : 10_000);
    const runs = ctx.quick ? 2 : 3;
    const pack: Pack = { format: PACK_FORMAT, version: PACK_VERSION, createdAt: '', generator: 'bench', ...data };
    const rebuild = await ctx.measure(() => index(pack), { runs, warmup: 0 });
    const previous = index(pack);
    const rows = [{ step: 'index from scratch (baseline)', 'median ms': rebuild.median, '× baseline': 1 }];
    for (const [label, log] of EDITS) {
      const edited = applyEdits(pack, log);
      const m = await ctx.measure(() => index(edited, previous), { runs, warmup: 0 });
      rows.push({ step: `${label}: re-index`, 'median ms': m.median, '× baseline': m.median / rebuild.median });
    }
    return {
      rows,
      notes: [
        `${data.documents.length} documents, ${data.passages.length} passages, ${data.entities.length} entities`,
        'An entity edit rebuilds the names index only; deleting a document changes the texts, so the text index is rebuilt.',
      ],
      metrics: Object.fromEntries(rows.map((r) => [`edits.${r.step}`, r['median ms']])),
    };
  },
});
