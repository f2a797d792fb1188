/**
 * Paste one article into a 10,000-briefing corpus → searchable (issue #14), in headless Chromium, as a
 * user does it: the options page's paste form, "Import 1 article" clicked, then the `search` request
 * polled (every 50 ms) until the article's unique word finds it. Several pastes one after another in one
 * options page: the first is the page session's first import, the later ones reuse the kept import worker.
 * Prints per paste: click → "Imported", click → searchable, the import's phases (`ImportResult.phases`,
 * lib/import/phase-times.ts) and the background's reload phases (`CorpusStatus.loadPhases`), when the
 * build records them, with the load average. Never asserts a timing.
 *
 *   npm run build && cp -a .output/chrome-mv3 /tmp/x/ext
 *   # once: a profile whose store holds the 10k pack and its extraction state (extracted in the page)
 *   npx tsx tests/tools/paste-time.ts make --template /tmp/x/p10k --path /tmp/x/ext
 *   # A/B: each build is copied to --path (the profile is bound to it) and runs on a fresh copy of the
 *   # template, builds alternated, `--rounds` times
 *   npx tsx tests/tools/paste-time.ts run --template /tmp/x/p10k --path /tmp/x/ext \
 *     --builds main=/tmp/x/ext-main,new=/tmp/x/ext-new [--rounds 2] [--pastes 3] [--warm-ms 0]
 *
 * `--warm-ms N` waits N ms after the options page opened before the first paste (a user reads the
 * page first); default 0, the worst case: the paste is filled and clicked at once.
 * The articles are briefings after the first 10,000 of `../shared/data/whitehouse-briefings.jsonl.gz`
 * with a word no other document has (tests/bench/grow/data.ts). The template's service-worker cache is
 * dropped in each copy, so the build under test registers its own worker script.
 */
import { cpSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readBriefings, uniqueWords, type Addition } from '../bench/grow/data';
import { launchWithExtension } from '../support/browser';
import { evaluateBundle } from '../support/page-bundle';
import { PROJECT_ROOT } from '../support/static-server';

const args = process.argv.slice(2);
const option = (name: string, fallback?: string): string => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? args[at + 1] : fallback;
  if (value === undefined) throw new Error(`paste-time: --${name} is required`);
  return value;
};
const load = () => loadavg()[0]!.toFixed(1);
const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)} load ${load()}] ${line}`);

async function openOptions(page: Page, extensionId: string): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html#import`);
  await page.locator('.import-paste').waitFor();
}

/** Writes the pack with the extraction state of a full build of its documents (what runImport keeps). */
async function make(): Promise<void> {
  const template = path.resolve(option('template'));
  const extPath = path.resolve(option('path'));
  const packPath = path.resolve(
    option('pack', path.join(PROJECT_ROOT, '.cache', 'bench', 'briefings-10000.v2.pack.json')),
  );
  if (existsSync(template)) throw new Error(`paste-time: ${template} exists; give a new directory`);
  const server = createServer((req, res) => {
    if (req.url !== '/pack.json') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': statSync(packPath).size });
    res.end(readFileSync(packPath));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const session = await launchWithExtension({
    extensionPath: extPath,
    userDataDir: template,
    allowedOrigins: [origin],
  });
  try {
    const page = await session.context.newPage();
    await openOptions(page, session.extensionId);
    await evaluateBundle(
      page,
      `import { CorpusStore } from './lib/store/corpus-store';
          import { fromPackFile } from './lib/pack/file';
          import { extractWithState } from './lib/corpus/increment';
          import { defaultLexicon } from './lib/corpus/lexicon';
          globalThis.__writeWithState = async (url) => {
            const file = await (await fetch(url)).json();
            const pack = file.entities && Array.isArray(file.mentions) ? file : fromPackFile(file);
            const t0 = performance.now();
            const { knowledge, state } = extractWithState(pack.documents, defaultLexicon);
            const extractMs = performance.now() - t0;
            const store = await CorpusStore.open();
            try {
              await store.withWriteLock(() => store.write({ ...pack, ...knowledge }, { extraction: state }));
            } finally { store.close(); }
            return { documents: pack.documents.length, entities: knowledge.entities.length, extractMs };
          };`,
    );
    log('extracting the pack in the page and writing it with its state (minutes)');
    const made = await page.evaluate(
      (url) => (globalThis as unknown as { __writeWithState(u: string): Promise<unknown> }).__writeWithState(url),
      `${origin}/pack.json`,
    );
    log(`written: ${JSON.stringify(made)}`);
    const status = await request(page, 'corpus.reload', {});
    log(`background: ${JSON.stringify((status as { counts: unknown }).counts)}`);
  } finally {
    await session.close();
    server.close();
  }
}

function request(page: Page, name: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    async ([n, p]) => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> } };
      };
      const reply = await chrome.runtime.sendMessage({ dossier: 1, name: n, payload: p });
      if (!reply.ok) throw new Error(`${n}: ${JSON.stringify(reply.error)}`);
      return reply.value;
    },
    [name, payload] as const,
  );
}

interface PasteFigures {
  imported: number;
  searchable: number;
  phases?: Record<string, number>;
  reload?: Record<string, number>;
  /**
   * The last three searches until it was found, [sent at ms from the click, took ms], then the same
   * search once more after "Imported" ([-1, took ms]).
   */
  searches: [number, number][];
  /** The active manifest's table and state layers after the paste: which base, how many deltas (a new base = a compaction). */
  layers?: string;
  load: string;
}

/**
 * The active generation's table and state layers, read straight from IndexedDB in an extension page:
 * `table <base>+<deltas> state <base>+<deltas>` (layout 3, manifest version 2), else undefined.
 */
function activeLayers(page: Page): Promise<string | undefined> {
  // A string, not a function: tsx would wrap the inner functions' names in a helper the page lacks.
  return page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('dossier-corpus');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = (store, key) =>
      new Promise((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).get(key);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    try {
      const active = await get('meta', 'active');
      if (!active || !active.generation) return undefined;
      const manifest = await get('chunks', [active.generation, 0]);
      const data = (manifest && manifest.data) || {};
      if (!data.table || !data.state) return undefined;
      return 'table ' + data.table.base + '+' + data.table.deltas.length + ' state ' + data.state.base + '+' + data.state.deltas.length;
    } finally {
      db.close();
    }
  })()`);
}

/** Pastes `item`, clicks "Import 1 article", polls the search until the item's word finds it. */
async function paste(page: Page, probe: Page, item: Addition): Promise<PasteFigures> {
  const form = page.locator('.import-paste');
  if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
  await form.getByLabel('Title', { exact: true }).fill(item.doc.title);
  if (item.doc.date) await form.getByLabel(/^Date/).fill(item.doc.date);
  if (item.doc.url) await form.getByLabel('URL', { exact: true }).fill(item.doc.url);
  await form.getByLabel('Text', { exact: true }).fill(item.doc.text);
  await form.getByRole('button', { name: 'Add to the list' }).click();
  const result = page.locator('.import-result');
  const before = (await result.count()) ? await result.innerText() : '';
  const button = page.getByRole('button', { name: 'Import 1 article' });
  await button.waitFor();
  const t0 = performance.now();
  await button.click();
  let imported = 0;
  const importedAt = page
    .waitForFunction(
      ([sel, old]) => {
        const text = document.querySelector(sel)?.textContent ?? '';
        return /Imported/.test(text) && text !== old;
      },
      ['.import-result', before] as const,
      { timeout: 10 * 60_000, polling: 20 },
    )
    .then(() => (imported = performance.now() - t0));
  let searchable = 0;
  /** The last searches: when each was sent (ms from the click) and how long it took. */
  const searches: [number, number][] = [];
  while (!searchable) {
    const sent = performance.now();
    const found = (await request(probe, 'search', { query: item.word, limit: 50 })) as {
      hits: { quote?: { doc?: { title: string } }; passage?: { doc?: { title: string } } }[];
    };
    searches.push([Math.round(sent - t0), Math.round(performance.now() - sent)]);
    if (found.hits.some((h) => (h.quote ?? h.passage)?.doc?.title === item.doc.title))
      searchable = performance.now() - t0;
    else if (performance.now() - t0 > 10 * 60_000) throw new Error(`paste-time: "${item.word}" never found`);
    else await probe.waitForTimeout(50);
  }
  await importedAt;
  // The same search once more: what a search on the new corpus costs once its first use is paid.
  const again = performance.now();
  await request(probe, 'search', { query: item.word, limit: 50 });
  searches.push([-1, Math.round(performance.now() - again)]);
  const status = (await request(probe, 'corpus.status', {})) as {
    lastImport?: { phases?: Record<string, number> };
    loadPhases?: Record<string, number>;
  };
  // The page's own result, with the worker's and the page's phases when this build records them.
  const layers = await activeLayers(probe);
  const shown = await result.getAttribute('data-phases');
  const phases = shown ? (JSON.parse(shown) as Record<string, number>) : status.lastImport?.phases;
  return {
    imported,
    searchable,
    ...(phases ? { phases } : {}),
    ...(status.loadPhases ? { reload: status.loadPhases } : {}),
    ...(layers ? { layers } : {}),
    searches: searches.slice(-4),
    load: load(),
  };
}

async function runBuild(label: string, dir: string, items: Addition[], warmMs: number): Promise<PasteFigures[]> {
  const template = path.resolve(option('template'));
  const extPath = path.resolve(option('path'));
  const profile = `${template}-run`;
  rmSync(extPath, { recursive: true, force: true });
  cpSync(dir, extPath, { recursive: true });
  rmSync(profile, { recursive: true, force: true });
  cpSync(template, profile, { recursive: true });
  // The build under test registers its own worker script (Chromium keeps the first one it registered).
  rmSync(path.join(profile, 'Default', 'Service Worker'), { recursive: true, force: true });
  const session = await launchWithExtension({ extensionPath: extPath, userDataDir: profile, workerTimeoutMs: 60_000 });
  try {
    const probe = await session.context.newPage();
    await probe.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const status = (await request(probe, 'corpus.status', {})) as { counts: { documents: number }; source: string };
    if (status.source !== 'store') throw new Error(`paste-time: the profile's corpus is ${JSON.stringify(status)}`);
    // The background loaded: one search first, so the first paste does not pay the index's warm-up.
    await request(probe, 'search', { query: 'president', limit: 10 });
    log(`${label} layers before the first paste: ${await activeLayers(probe)}`);
    const page = await session.context.newPage();
    await openOptions(page, session.extensionId);
    if (warmMs) await page.waitForTimeout(warmMs);
    const out: PasteFigures[] = [];
    for (const item of items) {
      const figures = await paste(page, probe, item);
      log(`${label} paste ${out.length + 1}: ${JSON.stringify(figures)}`);
      out.push(figures);
    }
    return out;
  } finally {
    await session.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  const builds = option('builds')
    .split(',')
    .map((pair) => {
      const [label, dir] = pair.split('=');
      if (!label || !dir) throw new Error(`paste-time: --builds wants label=dir pairs, got "${pair}"`);
      return { label, dir: path.resolve(dir) };
    });
  const rounds = Number(option('rounds', '2'));
  const pastes = Number(option('pastes', '3'));
  const warmMs = Number(option('warm-ms', '0'));
  const shared = path.resolve(PROJECT_ROOT, '..', 'shared');
  const all = await readBriefings(shared, 10_000 + 200);
  const items = uniqueWords(all.slice(0, 10_000), all.slice(10_000), rounds * pastes);
  const figures = new Map<string, PasteFigures[][]>(builds.map((b) => [b.label, []]));
  for (let r = 0; r < rounds; r++) {
    for (const b of builds) {
      // The same articles for every build in a round; another set each round.
      figures.get(b.label)!.push(await runBuild(b.label, b.dir, items.slice(r * pastes, (r + 1) * pastes), warmMs));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
  console.log(`paste → searchable at 10k, ${rounds} rounds × ${pastes} pastes, builds alternated (s)`);
  console.log(
    '| build | paste | click → Imported (each round) | click → searchable (each round) | median searchable |',
  );
  console.log('| --- | --- | --- | --- | --- |');
  for (const b of builds) {
    const runs = figures.get(b.label)!;
    for (let p = 0; p < pastes; p++) {
      const imp = runs.map((r) => r[p]!.imported / 1000);
      const sea = runs.map((r) => r[p]!.searchable / 1000);
      console.log(
        `| ${b.label} | ${p === 0 ? '1 (first)' : p + 1} | ${imp.map((x) => x.toFixed(2)).join(' / ')} | ${sea
          .map((x) => x.toFixed(2))
          .join(' / ')} | ${median(sea).toFixed(2)} |`,
      );
    }
  }
  console.log(
    `load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

const command = args[0];
(command === 'make' ? make() : command === 'run' ? run() : Promise.reject(new Error('paste-time: make | run')))
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
