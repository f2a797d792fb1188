/**
 * Everything the grow bench measures on one build at one corpus size, in a fresh Chromium
 * profile, as a user would: import the corpus through the options page, open and filter the
 * options page, search in the popup, restart the worker, read its heap, then add articles
 * (pasted and through a file) and wait until the popup's search finds each one.
 */
import os from 'node:os';
import type { Page } from 'playwright-core';
import { OptionsPage } from '../../e2e/pages/options';
import { PopupPage } from '../../e2e/pages/popup';
import { launchWithExtension } from '../../support/browser';
import { summarize } from '../lib/measure';
import type { Build } from './builds';
import { writeFile, writeSplitFiles, type Addition, type Briefing } from './data';
import { corpusStatus, searchFrom, snapshotStore, workerHeap, writtenSince } from './in-page';

/** One figure: samples (ms unless said) and the 1-minute load average when it was taken. */
export interface Figure {
  samples: number[];
  load: number;
  /** What the figure needs said beside it (e.g. how the corpus was split into files). */
  note?: string;
}

/** An add: the user's action → searchable, and what it wrote to IndexedDB. */
export interface AddFigure extends Figure {
  articles: number;
  /** Estimated structured-clone bytes of the records the add created or rewrote, per added article. */
  bytesPerArticle: number;
  records: number;
  /** `navigator.storage` usage delta (coarse: LevelDB files, compaction), bytes. */
  usageDelta: number | null;
  /** The import's own "Imported …" message, ms from the action (before searchable). */
  importedMs: number;
}

/** What {@link measureBuild} returns. */
export interface BuildFigures {
  documents: number;
  import: Figure & { files: number; how: string; result: string };
  optionsOpen: Figure;
  optionsInteractive: Figure;
  optionsFilter: Figure | null;
  popupTyped: Figure;
  searchMessage: Figure;
  restartSearch: Figure;
  heapMB: { used: number; total: number; load: number };
  adds: Record<string, AddFigure>;
}

/** What to run; `quick` shrinks repetitions. */
export interface GrowPlan {
  root: string;
  corpus: Briefing[];
  /** paste1, file1, paste10, file10 (or smaller when quick): the articles each add brings. */
  additions: { name: string; via: 'paste' | 'file'; items: Addition[] }[];
  restarts: number;
  popupQueries: string[];
  filterQueries: string[];
  optionsRuns: number;
  log(line: string): void;
}

const load = (): number => os.loadavg()[0]!;
const MINUTE = 60_000;

/** Resolves once the page's main thread has run a frame and a task: what "interactive" means here. */
/**
 * The import section's button that starts an import: "Import N articles" today, "Import <file name>"
 * when a build streams a file; "Import 0 articles" (only problems) is not one.
 */
const importAction = (page: Page) => page.getByRole('button', { name: /^Import (?!0 articles)\S/ });

const idle = (page: Page): Promise<unknown> =>
  page.evaluate(`new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))`);

/**
 * Picks `files` in the import section, waits for the review, clicks "Import N articles" and waits for
 * the "Imported" message. Returns null when the page refused them (a problem listed, or no import offered)
 * so the caller can split, as a user must; otherwise the ms from the pick to "Imported" and its text.
 */
async function importFiles(
  options: OptionsPage,
  files: string[],
  timeoutMs: number,
): Promise<{ ms: number; result: string; offered: number } | { refused: string }> {
  const page = options.page;
  await options.show('import');
  const before = (await options.importResult.count()) ? await options.importResult.innerText() : '';
  const started = performance.now();
  await options.fileInput.setInputFiles(files);
  // Today: a review list, then "Import N articles". A streaming importer may start at once (progress
  // or result) or refuse the file (problems listed): whichever comes first.
  // One wait on all of them (a race of separate waits would leave the losers to reject later).
  const alert = page.getByRole('alert').first();
  await importAction(page)
    .or(options.importProgress)
    .or(options.importProblems)
    .or(alert)
    .first()
    .waitFor({ timeout: timeoutMs });
  const outcome = (await importAction(page).isVisible())
    ? 'button'
    : (await options.importProgress.isVisible())
      ? 'started'
      : 'problems';
  let offered = 0;
  if (outcome === 'problems') {
    // Give the review a moment: a problem with one line is not a refusal of the file.
    await page.waitForTimeout(500);
    if (!(await importAction(page).isVisible())) {
      return { refused: (await page.getByRole('alert').first().innerText()).trim() };
    }
  }
  if (outcome !== 'started' && (await importAction(page).isVisible())) {
    const label = await importAction(page).innerText();
    offered = Number(/^Import ([\d,]+) article/.exec(label)?.[1]?.replace(/,/g, '') ?? NaN);
    await importAction(page).click();
  }
  await page.waitForFunction(
    ([sel, old]) => {
      const el = document.querySelector(sel);
      const text = el?.textContent ?? '';
      return /Imported/.test(text) && text !== old;
    },
    ['.import-result', before] as const,
    { timeout: timeoutMs, polling: 100 },
  );
  return { ms: performance.now() - started, result: (await options.importResult.innerText()).trim(), offered };
}

/**
 * Imports the corpus: one file if the build takes it (`.jsonl.gz` when the file input accepts it),
 * else files of 2,500 documents (64 MB cap today), as a user must split them.
 */
async function importCorpus(
  page: Page,
  extensionId: string,
  plan: GrowPlan,
  build: Build,
): Promise<BuildFigures['import']> {
  const n = plan.corpus.length;
  const options = await new OptionsPage(page, extensionId).open('import');
  const accept = (await options.fileInput.getAttribute('accept')) ?? '';
  const gz = /\.gz\b/.test(accept);
  const single = writeFile(plan.root, `corpus-${n}`, plan.corpus, gz);
  plan.log(`grow ${build.label}: importing ${n} briefings as one ${gz ? '.jsonl.gz' : '.jsonl'} file`);
  const loadAt = load();
  const one = await importFiles(options, [single], 60 * MINUTE);
  if (!('refused' in one)) {
    return {
      samples: [one.ms],
      load: loadAt,
      files: 1,
      how: `one ${gz ? '.jsonl.gz' : '.jsonl'} file`,
      result: one.result,
    };
  }
  plan.log(`grow ${build.label}: one file refused ("${one.refused}"); splitting into files of 2,500`);
  await options.open('import');
  const files = writeSplitFiles(plan.root, `corpus-${n}`, plan.corpus, 2500);
  const split = await importFiles(options, files, 60 * MINUTE);
  if ('refused' in split)
    throw new Error(`grow ${build.label}: the import refused ${files.length} files: ${split.refused}`);
  return {
    samples: [split.ms],
    load: (loadAt + load()) / 2,
    files: files.length,
    how: `${files.length} .jsonl files of ≤ 2,500 (one file refused: "${one.refused.slice(0, 120)}")`,
    result: split.result,
  };
}

/** Polls the search (every 100 ms) until each word finds its article; ms from `t0` (performance.now()). */
async function untilSearchable(probe: Page, items: Addition[], t0: number, timeoutMs: number): Promise<number> {
  const waiting = new Set(items);
  while (waiting.size) {
    for (const item of [...waiting]) {
      const found = await searchFrom(probe, item.word, 50);
      if (found.titles.includes(item.doc.title)) waiting.delete(item);
    }
    if (!waiting.size) break;
    if (performance.now() - t0 > timeoutMs) {
      throw new Error(
        `grow: not searchable after ${timeoutMs / 1000} s: ${[...waiting].map((w) => w.word).join(', ')}`,
      );
    }
    await probe.waitForTimeout(100);
  }
  return performance.now() - t0;
}

/** Adds articles by pasting each into the import section's form, then "Import N articles". */
async function addByPaste(options: OptionsPage, items: Addition[]): Promise<number> {
  const page = options.page;
  const form = page.locator('.import-paste');
  if (!(await form.getAttribute('open').then((v) => v !== null))) await form.locator('summary').click();
  const before = (await options.importResult.count()) ? await options.importResult.innerText() : '';
  const t0 = performance.now();
  for (const { doc } of items) {
    await form.getByLabel('Title', { exact: true }).fill(doc.title);
    if (doc.date) await form.getByLabel(/^Date/).fill(doc.date);
    if (doc.url) await form.getByLabel('URL', { exact: true }).fill(doc.url);
    await form.getByLabel('Text', { exact: true }).fill(doc.text);
    await form.getByRole('button', { name: 'Add to the list' }).click();
  }
  await page
    .getByRole('button', { name: `Import ${items.length} ${items.length === 1 ? 'article' : 'articles'}` })
    .click();
  await page.waitForFunction(
    ([sel, old]) => {
      const text = document.querySelector(sel)?.textContent ?? '';
      return /Imported/.test(text) && text !== old;
    },
    ['.import-result', before] as const,
    { timeout: 30 * MINUTE, polling: 100 },
  );
  return t0;
}

/** Runs every measurement of {@link GrowPlan} on `build`; closes the browser it launched. */
export async function measureBuild(build: Build, plan: GrowPlan): Promise<BuildFigures> {
  const session = await launchWithExtension({ extensionPath: build.dir });
  const log = (line: string) => plan.log(`grow ${build.label} ${plan.corpus.length}: ${line}`);
  try {
    const page = await session.context.newPage();
    const imported = await importCorpus(page, session.extensionId, plan, build);
    log(`imported in ${(imported.samples[0]! / 1000).toFixed(1)} s: ${imported.result}`);

    const probe = await session.context.newPage();
    await probe.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const status = await corpusStatus(probe);
    if (status.source !== 'store' || status.documents < 0.9 * plan.corpus.length) {
      throw new Error(`grow ${build.label}: after the import the corpus is ${JSON.stringify(status)}`);
    }

    // Options page: navigation → documents table rendered, → interactive; filter typed → rows updated.
    log('options page');
    const options = new OptionsPage(page, session.extensionId);
    const open: number[] = [];
    const interactive: number[] = [];
    const loadOptions = load();
    for (let i = 0; i < plan.optionsRuns; i++) {
      await page.goto('about:blank');
      const t0 = performance.now();
      await page.goto(`chrome-extension://${session.extensionId}/options.html`);
      await options.documentRows.first().waitFor({ timeout: 5 * MINUTE });
      open.push(performance.now() - t0);
      await idle(page);
      interactive.push(performance.now() - t0);
    }
    // By its label, whatever its role (a search box today): a paged table may keep the label.
    const filterBox = page.getByLabel('Filter documents');
    let optionsFilter: Figure | null = null;
    const filterMisses: string[] = [];
    if (await filterBox.count()) {
      const samples: number[] = [];
      const loadFilter = load();
      for (const q of plan.filterQueries) {
        const t0 = performance.now();
        await filterBox.fill(q);
        const updated = await page
          .waitForFunction(
            (query) => {
              const rows = [...document.querySelectorAll('table[aria-label="Documents"] tbody tr')];
              return rows.length > 0 && rows.every((r) => (r.textContent ?? '').toLowerCase().includes(query));
            },
            q.toLowerCase(),
            { timeout: MINUTE, polling: 'raf' },
          )
          .then(
            () => true,
            () => false,
          );
        if (updated) samples.push(performance.now() - t0);
        else filterMisses.push(q);
        await filterBox.fill('');
        await idle(page);
      }
      if (samples.length) {
        optionsFilter = {
          samples,
          load: loadFilter,
          ...(filterMisses.length
            ? { note: `rows never all showed ${filterMisses.map((q) => `"${q}"`).join(', ')} within 60 s` }
            : {}),
        };
      }
    }

    // Popup: typed → results list, over a query mix; and the search message alone.
    log('popup');
    const popupTab = await session.context.newPage();
    const popup = await new PopupPage(popupTab, session.extensionId).open();
    const typed: number[] = [];
    const message: number[] = [];
    const loadPopup = load();
    for (const q of [...plan.popupQueries, ...plan.popupQueries]) {
      await popup.searchbox.fill('');
      await popup.results.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
      const t0 = performance.now();
      await popup.searchbox.fill(q);
      // A query of the mix may find nothing in a small corpus: the popup then says so instead of a list.
      // Polled every 10 ms in the page (a locator's waitFor backs off to 100 ms steps, which the figure would
      // then show). A build that says which query its results answer (data-results-for) must answer this one.
      await popupTab.waitForFunction(
        (query) => {
          const body = document.querySelector('.results-body');
          if (body) return body.getAttribute('data-results-for') === query;
          return (
            document.querySelector('ul[aria-label="Results"]') !== null ||
            [...document.querySelectorAll('p.hint')].some((p) =>
              (p.textContent ?? '').startsWith('Nothing in the corpus matches'),
            )
          );
        },
        q,
        { timeout: MINUTE, polling: 10 },
      );
      typed.push(performance.now() - t0);
      message.push((await searchFrom(probe, q)).ms);
    }
    await popupTab.close();

    // First search after the worker was stopped.
    log('worker restarts');
    const cdp = await session.context.newCDPSession(probe);
    await cdp.send('ServiceWorker.enable');
    const restart: number[] = [];
    const loadRestart = load();
    for (let i = 0; i < plan.restarts; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await probe.waitForTimeout(300);
      restart.push((await searchFrom(probe, plan.popupQueries[i % plan.popupQueries.length]!)).ms);
    }
    await searchFrom(probe, plan.popupQueries[0]!);
    const heap = await workerHeap(cdp, session.extensionId);
    const heapMB = { used: heap.usedMB, total: heap.totalMB, load: load() };
    await cdp.detach();

    // Adds: from the user's action to "searchable", and the bytes written.
    const adds: Record<string, AddFigure> = {};
    for (const add of plan.additions) {
      for (const item of add.items) {
        const pre = await searchFrom(probe, item.word, 50);
        if (pre.titles.includes(item.doc.title)) throw new Error(`grow: "${item.word}" is found before its add`);
      }
      log(`add ${add.name}`);
      await options.open('import');
      const storeBefore = await snapshotStore(probe);
      const usageBefore = (await corpusStatus(probe)).usage;
      const loadAdd = load();
      let t0: number;
      let importedMs: number;
      if (add.via === 'paste') {
        t0 = await addByPaste(options, add.items);
        importedMs = performance.now() - t0;
      } else {
        const file = writeFile(
          plan.root,
          `add-${add.name.replace(/\s+/g, '')}-${add.items[0]!.doc.id.replace(/\W+/g, '_').slice(-40)}`,
          add.items.map((i) => i.doc),
        );
        t0 = performance.now();
        const done = await importFiles(options, [file], 30 * MINUTE);
        if ('refused' in done) throw new Error(`grow: the add ${add.name} was refused: ${done.refused}`);
        importedMs = done.ms;
      }
      const ms = await untilSearchable(probe, add.items, t0, 30 * MINUTE);
      // The store may clean up old generations after the swap: let it settle before listing records.
      await probe.waitForTimeout(1000);
      const written = writtenSince(storeBefore, await snapshotStore(probe));
      const usageAfter = (await corpusStatus(probe)).usage;
      adds[add.name] = {
        samples: [ms],
        load: (loadAdd + load()) / 2,
        articles: add.items.length,
        bytesPerArticle: written.bytes / add.items.length,
        records: written.records,
        usageDelta: usageBefore !== null && usageAfter !== null ? usageAfter - usageBefore : null,
        importedMs,
      };
      log(`add ${add.name}: searchable in ${(ms / 1000).toFixed(1)} s, ${written.records} records written`);
    }
    return {
      documents: status.documents,
      import: imported,
      optionsOpen: { samples: open, load: loadOptions },
      optionsInteractive: { samples: interactive, load: loadOptions },
      optionsFilter,
      popupTyped: { samples: typed, load: loadPopup },
      searchMessage: { samples: message, load: loadPopup },
      restartSearch: { samples: restart, load: loadRestart },
      heapMB,
      adds,
    };
  } finally {
    await session.close();
  }
}

/** Median and p95 of a figure. */
export const stats = (f: Figure): { median: number; p95: number } => {
  const s = summarize(f.samples);
  return { median: s.median, p95: s.p95 };
};
