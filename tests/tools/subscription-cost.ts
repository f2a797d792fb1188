/**
 * What a subscription's new version and a pack file import cost at scale (issue #14, "packs as they
 * are"): the same steps on the same stored corpus of 10,000 briefings (with its extraction state), done
 * as before — the layer rewritten into the whole corpus (`CorpusEditor.rewrite`, as main did), the pack
 * file's articles extracted again (a generator without this build's pipeline) — and as now — one segment
 * swapped (lib/subscriptions/swap-layer.ts), the pack joined as a segment with no extraction — side by
 * side in one run. Steps: subscribe (v1), a new version (v2), unsubscribe, then import v2 as a pack file.
 * Per step: wall time of the write, bytes put into IndexedDB (structured-clone size of every record,
 * `v8.serialize`), the reader's reload (a second store instance, as the service worker keeps one:
 * `openActive`, only new segments read) and the first search on it for a word of the pack (→ searchable).
 * Node with fake-indexeddb: slower than a browser's IndexedDB for big records, so read the ratios.
 *
 *   npm run corpus -- build <jsonl> --out v1.json   (and v2.json: 50–200 articles each, overlapping)
 *   npx tsx tests/tools/subscription-cost.ts --v1 v1.json --v2 v2.json [--count 10000] [--word kyrgyzstan]
 *
 * The 10k pack comes from .cache/bench (tests/bench/search/pack-cache.ts); its extraction state is computed
 * once (`extractWithState`, minutes) and kept in .cache/bench/briefings-<count>.state.v8. Prints a table and
 * the load average; never asserts a timing.
 */
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { extractWithState, type ExtractionState } from '../../lib/corpus/increment';
import { defaultLexicon } from '../../lib/corpus/lexicon';
import { CorpusEditor } from '../../lib/edits/corpus-editor';
import { storeEditorDeps } from '../../lib/edits/store-deps';
import { runImport } from '../../lib/import/run-import';
import { fromPackFile } from '../../lib/pack/file';
import type { Pack, PackFile } from '../../lib/pack/types';
import { CorpusQuery } from '../../lib/query/corpus-query';
import { CorpusStore } from '../../lib/store/corpus-store';
import { localLock } from '../../lib/store/lock';
import { SubscriptionManager } from '../../lib/subscriptions/subscription-manager';
import { swapLayer } from '../../lib/subscriptions/swap-layer';
import type { Subscription } from '../../lib/subscriptions/types';
import { briefingsPack } from '../bench/search/pack-cache';
import { countIdbWrites } from '../support/idb-written';
import { PROJECT_ROOT } from '../support/static-server';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const count = Number(arg('--count') ?? 10000) || 10000;
const v1Path = arg('--v1');
const v2Path = arg('--v2');
const word = arg('--word');
if (!v1Path || !v2Path)
  throw new Error('subscription-cost: give --v1 FILE --v2 FILE (packs built with npm run corpus)');

/** Bytes put into IndexedDB since the last `take()`. */
const written = countIdbWrites();

const mb = (b: number) => (b / 1e6).toFixed(2);
const s = (ms: number) => (ms / 1000).toFixed(2);

async function stateOf(pack: Pack): Promise<ExtractionState> {
  const file = path.join(PROJECT_ROOT, '.cache/bench', `briefings-${count}.state.v8`);
  if (existsSync(file)) return deserialize(await readFile(file)) as ExtractionState;
  const t0 = performance.now();
  const { state } = extractWithState(pack.documents, defaultLexicon);
  console.log(`extraction state of ${count} briefings computed in ${s(performance.now() - t0)} s (kept in ${file})`);
  await writeFile(file, serialize(state));
  return state;
}

async function readPack(file: string): Promise<Pack> {
  return fromPackFile(JSON.parse(await readFile(file, 'utf8')) as PackFile);
}

/** A word the pack has and the corpus lacks, to search for. */
function wordOf(pack: Pack, corpus: Pack): string {
  if (word) return word;
  const known = new Set(corpus.entities.flatMap((e) => e.aliases.map((a) => a.toLowerCase())));
  const e = pack.entities.find(
    (x) => x.type === 'place' && !known.has(x.name.toLowerCase()) && /^\p{L}+$/u.test(x.name),
  );
  if (!e) throw new Error('subscription-cost: no word to search for; give --word');
  return e.name;
}

async function main(): Promise<void> {
  const { pack } = await briefingsPack(PROJECT_ROOT, path.resolve(PROJECT_ROOT, '../shared'), count, console.log);
  const state = await stateOf(pack);
  const [v1, v2] = await Promise.all([readPack(v1Path!), readPack(v2Path!)]);
  const query = wordOf(v2, pack);
  console.log(`v1 ${v1.documents.length} articles (${v1.generator}), v2 ${v2.documents.length}; searching "${query}"`);
  const rows: Record<string, string | number>[] = [];
  let served = '';
  for (const mode of ['before', 'now'] as const) {
    const name = `subscription-cost-${mode}`;
    const store = await CorpusStore.open({ name, lock: localLock() });
    let t0 = performance.now();
    await store.commit(pack, { extraction: state });
    console.log(`${mode}: corpus stored in ${s(performance.now() - t0)} s, ${mb(written.take().bytes)} MB`);
    // The service worker's store: loads the corpus once, then only what each write changed.
    const reader = await CorpusStore.open({ name, lock: localLock() });
    await reader.openActive();
    const loadBundled = () => Promise.resolve(pack);
    const editor = new CorpusEditor(
      storeEditorDeps(
        () => Promise.resolve(store),
        loadBundled,
        () => Promise.resolve(),
      ),
    );
    let subs: Subscription[] = [];
    const manager = new SubscriptionManager({
      load: () => Promise.resolve(subs.map((x) => ({ ...x }))),
      save: (list) => {
        subs = [...list];
        return Promise.resolve();
      },
      rewrite: (fn) => editor.rewrite(fn),
      ...(mode === 'now'
        ? {
            swap: async (id: string, p: Pack | null) =>
              void (await swapLayer(store, id, p, { lexicon: defaultLexicon, loadBundled })),
          }
        : {}),
      fetch: () => Promise.resolve(new Response(served, { status: 200 })),
    });
    const step = async (label: string, run: () => Promise<unknown>, searched?: string) => {
      written.take();
      t0 = performance.now();
      await run();
      const write = performance.now() - t0;
      const w = written.take();
      const t1 = performance.now();
      const opened = await reader.openActive();
      const reload = performance.now() - t1;
      const t2 = performance.now();
      const hits = searched ? (await new CorpusQuery(opened!.parts).search(searched)).total : undefined;
      const search = performance.now() - t2;
      rows.push({
        mode,
        step: label,
        'write s': s(write),
        'MB written': mb(w.bytes),
        records: w.records,
        'reload s': s(reload),
        'search s': searched ? s(search) : '',
        'to searchable s': s(write + reload + (searched ? search : 0)),
        hits: hits ?? '',
      });
    };
    served = await readFile(v1Path!, 'utf8');
    let id = '';
    await step('subscribe (v1)', async () => {
      const sub = await manager.add('https://news.example/pack.json');
      if (sub.lastError) throw new Error(sub.lastError);
      id = sub.id;
    });
    served = await readFile(v2Path!, 'utf8');
    await step(
      'new version (v2)',
      async () => {
        const sub = await manager.check(id);
        if (sub.lastError) throw new Error(sub.lastError);
      },
      query,
    );
    await step('unsubscribe', () => manager.remove(id));
    // The pack file imported on the options page: before, extracted again; now, joined as it is.
    const file = mode === 'now' ? v2 : { ...v2, generator: 'dossier-cli 0.1.0' };
    await step(
      `import v2 as a pack file (${mode === 'now' ? 'as it is' : 'extracted'})`,
      () =>
        runImport(
          { docs: [], packs: [file] },
          { store, loadBundled, lexicon: defaultLexicon, generator: 'dossier-import 0.1.0' },
        ),
      query,
    );
    rows.push({ mode, step: 'counts after', 'write s': JSON.stringify((await store.status()).counts) });
    store.close();
    reader.close();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
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
