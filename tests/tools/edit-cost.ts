/**
 * What an edit costs at scale (issue #14): the same edits on the same stored
 * corpus, written as a full rewrite (CorpusEditor without `amend`, as before)
 * and as a manifest change (`CorpusStore.amend`), side by side in one run:
 * merge "SecRubio" into "Marco Rubio", rename, delete one document, undo that
 * deletion. Reports wall time and the bytes put into IndexedDB (structured-clone
 * size of every record written, `v8.serialize`) per edit. Node with
 * fake-indexeddb: slower than a browser's IndexedDB for big records, so read the
 * ratio, not the absolute seconds (options-scale.ts --merge times it in Chromium).
 *
 *   npx tsx tests/tools/edit-cost.ts [--count 10000] [--skip-rewrite]
 *
 * The pack comes from .cache/bench (tests/bench/search/pack-cache.ts). Prints a
 * table and the load average; never asserts a timing.
 */
import 'fake-indexeddb/auto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { CorpusEditor } from '../../lib/edits/corpus-editor';
import { storeEditorDeps } from '../../lib/edits/store-deps';
import type { Edit } from '../../lib/edits/types';
import type { Pack } from '../../lib/pack/types';
import { CorpusStore } from '../../lib/store/corpus-store';
import { localLock } from '../../lib/store/lock';
import { briefingsPack } from '../bench/search/pack-cache';
import { countIdbWrites } from '../support/idb-written';
import { PROJECT_ROOT } from '../support/static-server';

const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--count') + 1] ?? 10000) || 10000;
const skipRewrite = args.includes('--skip-rewrite');

/** Bytes put into IndexedDB since the last `take()`. */
const written = countIdbWrites();

async function seeded(pack: Pack, name: string): Promise<CorpusStore> {
  const store = await CorpusStore.open({ name, lock: localLock() });
  const t0 = performance.now();
  await store.commit(pack);
  const w = written.take();
  console.log(`${name}: corpus stored in ${((performance.now() - t0) / 1000).toFixed(1)} s, ${mb(w.bytes)} MB`);
  return store;
}

const mb = (b: number) => (b / 1e6).toFixed(2);

async function main(): Promise<void> {
  const { pack } = await briefingsPack(PROJECT_ROOT, path.resolve(PROJECT_ROOT, '../shared'), count, console.log);
  const byName = (name: string) => pack.entities.find((e) => e.name === name)?.id;
  const from = byName('SecRubio');
  const into = byName('Marco Rubio');
  if (!from || !into) throw new Error('edit-cost: the pack has no "SecRubio" or no "Marco Rubio"');
  const victim = pack.documents[Math.floor(pack.documents.length / 2)]!.id;
  const steps: [string, (editor: CorpusEditor, state: { token?: string }) => Promise<unknown>][] = [
    ['merge SecRubio into Marco Rubio', (e) => e.apply([{ op: 'merge', from, into } satisfies Edit])],
    ['rename Marco Rubio', (e) => e.apply([{ op: 'rename', entityId: into, name: 'Secretary Marco Rubio' }])],
    ['delete one document', async (e, s) => (s.token = await e.deleteDocuments([victim]))],
    ['undo that deletion', (e, s) => e.undoDelete(s.token!)],
  ];
  const rows: Record<string, string | number>[] = [];
  for (const mode of skipRewrite ? ['amend'] : ['rewrite', 'amend']) {
    const store = await seeded(pack, `edit-cost-${mode}`);
    const deps = storeEditorDeps(
      () => Promise.resolve(store),
      () => Promise.resolve(pack),
      () => Promise.resolve(),
    );
    if (mode === 'rewrite') delete deps.amend;
    const editor = new CorpusEditor(deps);
    const state: { token?: string } = {};
    for (const [step, run] of steps) {
      written.take();
      const t0 = performance.now();
      await run(editor, state);
      const ms = performance.now() - t0;
      const w = written.take();
      rows.push({ mode, step, s: (ms / 1000).toFixed(2), 'MB written': mb(w.bytes), records: w.records });
    }
    const status = await store.status();
    rows.push({ mode, step: 'counts after', s: '', 'MB written': '', records: JSON.stringify(status.counts) });
    store.close();
  }
  console.table(rows);
  console.log(
    `${count} briefings; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
