/**
 * The options page at 10,000 briefings, in headless Chromium with the built
 * extension: time to the first page of the documents and entities tables,
 * filter latency (typed → rows shown, and the `corpus.documents` request alone),
 * the merge target's search, and every main-thread task over 50 ms (Long Tasks,
 * PerformanceObserver) while the page opens and while typing. Optionally one
 * merge ("SecRubio" into "Marco Rubio"), timed from the click to the new corpus.
 *
 *   npm run build
 *   npx tsx tests/tools/options-scale.ts [--pack FILE] [--profile DIR] [--runs 7] [--merge] [--popup N] [--no-options]
 *
 * `--popup N` also times the toolbar popup (popup.html in a tab) over N rounds of a query mix, inside the
 * page: input event → `search` request sent → answer received → results in the DOM → next frame, both for a
 * whole query set at once (Playwright's fill, as the grow bench does) and typed key by key (80 ms a key).
 * With more than one round, the first is reported apart ("cold"): it runs while the worker still reads the
 * text index of the corpus it has just loaded, and its first queries wait for those reads.
 * `--no-options` skips the options page runs. `--samples FILE` appends the popup's raw samples to FILE (one
 * JSON line a run) so that alternated runs of two builds can be pooled (tests/tools/pool-samples.ts).
 *
 * The pack (default `.cache/bench/briefings-10000.v2.pack.json`, made with `npm run corpus`) is written
 * once into the profile's corpus store by the store's own code, bundled here with esbuild and run in the
 * options page (so nothing is re-extracted); later runs with the same `--profile` reuse it.
 * Prints a table and the load average; never asserts a timing.
 */
import { createServer } from 'node:http';
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CHROME_BUILD_DIR, launchWithExtension } from '../support/browser';
import { evaluateBundle } from '../support/page-bundle';
import { checkProfileWorker } from '../support/profile-worker';
import { PROJECT_ROOT } from '../support/static-server';
import { summarize } from '../bench/lib/measure';
import { CORPUS_VERSION_KEY } from '../../lib/messages/corpus-version';
import {
  formatTaskStack,
  longTaskStacks,
  STACK_TRACE_CATEGORIES,
  type TaskStack,
  type TraceEvent,
} from './task-stacks';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const packPath = path.resolve(
  option('pack', path.join(PROJECT_ROOT, '.cache', 'bench', 'briefings-10000.v2.pack.json')),
);
const profile = path.resolve(option('profile', '/tmp/dossier-options-10k-profile'));
const runs = Number(option('runs', '7'));
const doMerge = args.includes('--merge');
const popupRuns = Number(option('popup', '0'));
const skipOptions = args.includes('--no-options');
/** `--stacks`: V8's sampling profiler in the trace, and every task over 50 ms printed with what ran in it. */
const stacks = args.includes('--stacks');
/** `--trace-dir DIR`: every run's trace is also written there (open it in DevTools' Performance panel). */
const traceDir = option('trace-dir', '');
/** `--samples FILE`: every popup sample is also appended to FILE as one JSON line (to pool A/B runs). */
const samplesFile = option('samples', '');
const POPUP_QUERIES = ['president', 'border security', 'tariffs', 'energy', 'inflation', 'china', 'ukraine', 'Rubio'];

/**
 * The popup's timeline, recorded inside the page: every input event, every `search` request sent and
 * answered (by wrapping chrome.runtime.sendMessage before the page's scripts run), and the moment the
 * results for a query are in the DOM (the results body's data-query) and the frame after.
 */
const POPUP_OBSERVE = `(() => {
  const m = { typed: [], sent: [], answered: [], shown: [], painted: [], longTasks: [], errors: [] };
  globalThis.__popupLatency = m;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) m.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  try {
    const rt = chrome.runtime;
    const send = rt.sendMessage.bind(rt);
    rt.sendMessage = (message, ...rest) => {
      const reply = send(message, ...rest);
      if (message && message.name === 'search') {
        const q = message.payload.query;
        m.sent.push({ at: performance.now(), value: q });
        Promise.resolve(reply).then(() => m.answered.push({ at: performance.now(), value: q }), () => {});
      }
      return reply;
    };
  } catch (e) { m.wrapError = String(e); }
  document.addEventListener('input', (e) => m.typed.push({ at: performance.now(), value: e.target.value }), true);
  // Results for a query are in the DOM: the results body's data-results-for (this build), or, for a build
  // without it (debounced, "Searching…" in between), a results list or "Nothing … matches" after the last request.
  let last = null;
  const current = () => {
    const body = document.querySelector('.results-body');
    if (body) return body.getAttribute('data-results-for');
    const error = document.querySelector('p.hint.error');
    if (error) m.errors.push(error.textContent);
    const found = error || document.querySelector('ul[aria-label="Results"]') ||
      [...document.querySelectorAll('p.hint')].find((p) => p.textContent.startsWith('Nothing in the corpus matches'));
    return found && m.sent.length ? m.sent[m.sent.length - 1].value : null;
  };
  new MutationObserver(() => {
    const q = current();
    if (q === null || q === last) { last = q; return; }
    last = q;
    const at = performance.now();
    m.shown.push({ at, value: q });
    document.documentElement.dataset.measuredFor = q;
    requestAnimationFrame(() => setTimeout(() => m.painted.push({ at: performance.now(), value: q }), 0));
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

interface PopupObserved {
  typed: { at: number; value: string }[];
  sent: { at: number; value: string }[];
  answered: { at: number; value: string }[];
  shown: { at: number; value: string }[];
  painted: { at: number; value: string }[];
  longTasks: { start: number; duration: number }[];
  errors: string[];
  wrapError?: string;
}

/**
 * Times the popup: for each query, from the last input event that set it to its results in the DOM
 * (and the next frame), split into waiting before the request, the request, and rendering.
 */
async function popupLatency(
  session: Awaited<ReturnType<typeof launchWithExtension>>,
  rounds: number,
): Promise<Record<string, string | number>[]> {
  const page = await session.context.newPage();
  await page.addInitScript(POPUP_OBSERVE);
  await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await page.bringToFront(); // a tab behind another gets no animation frames
  const box = page.getByRole('searchbox', { name: 'Search the corpus' });
  await box.waitFor();
  // The worker loads the corpus on its first search (seconds at 10,000): not what is measured here.
  const warm = await timedRequest(page, 'search', { query: 'warm up', limit: 60 });
  console.error(`popup: first search (worker loading the corpus) ${warm.ms.toFixed(0)} ms`);
  const samples: Record<string, number[]> = {};
  const push = (key: string, v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v)) (samples[key] ??= []).push(v);
  };
  const settle = (q: string) =>
    page.waitForFunction((value) => document.documentElement.dataset.measuredFor === value, q, {
      timeout: 60_000,
      polling: 10,
    });
  /** Every sample with its query, to name the slowest. */
  const each: {
    mode: string;
    q: string;
    round: number;
    painted?: number;
    toSent?: number;
    request?: number;
    toDom?: number;
  }[] = [];
  const stopTrace = await traceTasks(page);
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['fill', 'typed'] as const) {
      for (const q of POPUP_QUERIES) {
        await page.evaluate((n) => void performance.mark(n), `${PHASE}popup ${mode} "${q}" round ${round}`);
        // The first round runs while the worker still reads the text index it loaded for the warm-up search
        // (lib/store/posting-blocks.ts: the rest is read a second after the first question): reported apart.
        const key = round === 0 && rounds > 1 ? `cold ${mode}` : mode;
        await box.fill('');
        await page
          .locator('[data-results-for]')
          .waitFor({ state: 'detached', timeout: 10_000 })
          .catch(() => undefined);
        await page.waitForTimeout(150);
        if (mode === 'fill') await box.fill(q);
        else await box.pressSequentially(q, { delay: 80 });
        await settle(q).catch(async (error: unknown) => {
          const state = await page.evaluate(() => ({
            observed: (globalThis as unknown as { __popupLatency: PopupObserved }).__popupLatency,
            body: document.querySelector('.search-body')?.outerHTML.slice(0, 400),
          }));
          throw new Error(`popup: no results for "${q}" (${mode}) within 60 s: ${JSON.stringify(state)}`, {
            cause: error,
          });
        });
        await page.waitForTimeout(100);
        const o = await page.evaluate(
          () => (globalThis as unknown as { __popupLatency: PopupObserved }).__popupLatency,
        );
        if (o.wrapError) console.error(`popup: sendMessage not wrapped: ${o.wrapError}`);
        for (const e of new Set(o.errors)) console.error(`popup: "${q}" (${mode}) showed an error: ${e}`);
        const typed = o.typed.filter((t) => t.value === q).at(-1)!;
        const sent = o.sent.find((s) => s.value === q && s.at >= typed.at);
        const answered = o.answered.find((a) => a.value === q && sent && a.at >= sent.at);
        const shown = o.shown.find((s) => s.value === q && s.at >= typed.at);
        const painted = o.painted.find((s) => s.value === q && s.at >= typed.at);
        push(`${key}: last input → results painted`, painted && painted.at - typed.at);
        push(`${key}: last input → results in DOM`, shown && shown.at - typed.at);
        push(`${key}: last input → request sent`, sent && sent.at - typed.at);
        push(`${key}: request sent → answered`, answered && sent && answered.at - sent.at);
        push(`${key}: answered → results in DOM`, shown && answered && shown.at - answered.at);
        push(`${key}: search requests per query`, o.sent.length);
        each.push({
          mode,
          q,
          round,
          ...(painted ? { painted: painted.at - typed.at } : {}),
          ...(sent ? { toSent: sent.at - typed.at } : {}),
          ...(answered && sent ? { request: answered.at - sent.at } : {}),
          ...(shown && answered ? { toDom: shown.at - answered.at } : {}),
        });
        push(`${key}: longest long task`, Math.max(0, ...o.longTasks.map((t) => t.duration)));
        await page.evaluate(() => {
          const m = (globalThis as unknown as { __popupLatency: PopupObserved }).__popupLatency;
          for (const k of ['typed', 'sent', 'answered', 'shown', 'painted', 'longTasks', 'errors'] as const)
            m[k].length = 0;
        });
      }
    }
  }
  // Scrolling the 60 results, and opening a name's card from them (its quotes, statements and passages).
  const cardMs: number[] = [];
  for (const q of ['Rubio', 'president']) {
    await page.evaluate((n) => void performance.mark(n), `${PHASE}popup scroll and card "${q}"`);
    await box.fill(q);
    await settle(q);
    await page.waitForTimeout(600); // the rest of the 60 rows
    await page.mouse.move(200, 300);
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(50);
    }
    const name = page.locator('li.hit-entity button.hit-button').first();
    if ((await name.count()) === 0) continue;
    const started = Date.now();
    await name.click();
    await page.locator('.detail article.card').waitFor({ timeout: 60_000 });
    cardMs.push(Date.now() - started);
    await page.waitForTimeout(250);
    await page.getByRole('button', { name: '← Results' }).click();
  }
  if (cardMs.length) console.error(`popup: result → card shown ${cardMs.map((m) => `${m} ms`).join(', ')}`);
  const traced = await stopTrace();
  await page.close();
  console.error('popup: the slowest samples (last input → painted; → sent; request; answered → DOM):');
  for (const e of [...each].sort((a, b) => (b.painted ?? 0) - (a.painted ?? 0)).slice(0, 6))
    console.error(
      `  ${e.mode} "${e.q}" round ${e.round}: ${fmt(e.painted)} ms; ${fmt(e.toSent)}; ${fmt(e.request)}; ${fmt(e.toDom)}`,
    );
  for (const t of traced.long) if (stacks || t.cpuMs > 50) console.error(formatTaskStack(t, `popup, ${t.phase}`));
  const popupCpu = traced.long.map((t) => t.cpuMs);
  console.error(
    `popup: longest main-thread task ${fmt(traced.cpuMs)} ms CPU, ${fmt(traced.wallMs)} ms wall; ` +
      `${popupCpu.filter((c) => c > 50).length} tasks > 50 ms CPU`,
  );
  if (samplesFile) {
    const build = path.resolve(process.env.DOSSIER_EXTENSION_DIR ?? CHROME_BUILD_DIR);
    appendFileSync(samplesFile, `${JSON.stringify({ build, profile, load: loadavg(), samples })}\n`);
  }
  return Object.entries(samples).map(([step, v]) => {
    const s = summarize(v);
    return { step: `popup ${step}`, 'median ms': fmt(s.median), 'p95 ms': fmt(s.p95), note: `${v.length} samples` };
  });
}

/** Long tasks and the moments the tables first show rows, recorded inside the page from its start. */
const OBSERVE = `(() => {
  const m = { longTasks: [], marks: {}, typed: [], answered: [] };
  globalThis.__optionsScale = m;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) m.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  document.addEventListener('input', (e) => m.typed.push({ at: performance.now(), value: e.target.value }), true);
  const check = () => {
    for (const id of ['documents', 'entities']) {
      const range = document.querySelector('[data-testid="' + id + '-range"]');
      if (range && range.textContent.startsWith('Showing')) m.marks[id] ??= performance.now();
    }
    for (const t of document.querySelectorAll('table[data-filter]')) {
      const f = t.getAttribute('data-filter');
      if (f && t.getAttribute('aria-busy') === 'false' && !m.answered.some((a) => a.value === f && a.table === t.ariaLabel))
        m.answered.push({ at: performance.now(), value: f, table: t.ariaLabel });
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

interface Observed {
  longTasks: { start: number; duration: number }[];
  marks: Record<string, number>;
  typed: { at: number; value: string }[];
  answered: { at: number; value: string; table: string }[];
}

const observed = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { __optionsScale: Observed }).__optionsScale);

/** Sends one request from an extension page and times it there. */
async function timedRequest(page: Page, name: string, payload: unknown): Promise<{ ms: number; value: unknown }> {
  return page.evaluate(
    async ([n, p]) => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> } };
      };
      const started = performance.now();
      const reply = await chrome.runtime.sendMessage({ dossier: 1, name: n, payload: p });
      if (!reply.ok) throw new Error(JSON.stringify(reply.error));
      return { ms: performance.now() - started, value: reply.value };
    },
    [name, payload] as const,
  );
}

async function writePack(page: Page, origin: string): Promise<void> {
  await evaluateBundle(
    page,
    `import { CorpusStore } from './lib/store/corpus-store';
        import { fromPackFile } from './lib/pack/file';
        globalThis.__writePack = async (url) => {
          const file = await (await fetch(url)).json();
          const store = await CorpusStore.open();
          try { await store.write(file.entities && Array.isArray(file.mentions) ? file : fromPackFile(file)); } finally { store.close(); }
        };`,
  );
  const started = Date.now();
  await page.evaluate(
    (url) => (globalThis as unknown as { __writePack(u: string): Promise<void> }).__writePack(url),
    `${origin}/pack.json`,
  );
  console.error(`pack written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await timedRequest(page, 'corpus.reload', {});
}

/**
 * Starts a Chromium trace of the page's renderer (with V8's sampling profiler when `--stacks`); the returned
 * function stops it and gives the longest main-thread task in wall ms and in CPU ms (the thread's own time:
 * on a shared machine, wall time also counts the time the thread waited for a core), and every task over
 * 50 ms (CPU or wall) with the phase it ran in and, with `--stacks`, what ran in it.
 */
async function traceTasks(
  page: Page,
): Promise<() => Promise<{ wallMs: number; cpuMs: number; over50Cpu: number; long: LabelledTask[] }>> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  // Playwright's CDPSession types list only its own events; the protocol's are there at run time.
  const events$ = cdp as unknown as { on(event: string, f: (e: { value: TraceEvent[] }) => void): void };
  events$.on('Tracing.dataCollected', (e) => void events.push(...e.value));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: stacks
        ? [...STACK_TRACE_CATEGORIES, 'blink.user_timing']
        : ['toplevel', '__metadata', 'devtools.timeline', 'blink.user_timing'],
      excludedCategories: ['*'],
    },
  });
  return async () => {
    const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    if (traceDir) {
      const file = path.join(traceDir, `trace-${Date.now()}.json`);
      writeFileSync(file, JSON.stringify({ traceEvents: events }));
      console.error(`trace written to ${file}`);
    }
    const main = new Set(
      events
        .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const tasks = events.filter(
      (e) => e.ph === 'X' && /RunTask$/.test(e.name) && main.has(`${e.pid}:${e.tid}`) && e.dur !== undefined,
    );
    const wallMs = Math.max(0, ...tasks.map((t) => t.dur! / 1000));
    const cpu = tasks.map((t) => (t.tdur ?? t.dur!) / 1000);
    // The phase a task ran in: the last `performance.mark(PHASE + name)` before it (same clock).
    const phases = events
      .filter((e) => e.name.startsWith(PHASE))
      .map((e) => ({ ts: e.ts, name: e.name.slice(PHASE.length) }))
      .sort((a, b) => a.ts - b.ts);
    const origin = Math.min(...tasks.map((t) => t.ts));
    const phaseAt = (atMs: number) => phases.findLast((p) => (p.ts - origin) / 1000 <= atMs)?.name ?? 'before';
    const long = [...longTaskStacks(events, 50, 'cpu'), ...longTaskStacks(events, 50, 'wall')]
      .filter((t, i, all) => all.findIndex((u) => u.atMs === t.atMs) === i)
      .map((t) => ({ ...t, phase: phaseAt(t.atMs) }));
    return { wallMs, cpuMs: Math.max(0, ...cpu), over50Cpu: cpu.filter((c) => c > 50).length, long };
  };
}

/** A long task and the phase of the run it came in. */
type LabelledTask = TaskStack & { phase: string };

/** Prefix of the `performance.mark`s that name each phase of a run in the trace. */
const PHASE = 'dossier-phase:';

/** Marks the start of a phase of the run (trace and Long Tasks are labelled with it), runs it, lets it settle. */
async function phase(page: Page, name: string, action: () => Promise<void>): Promise<void> {
  await page.evaluate((n) => void performance.mark(n), `${PHASE}${name}`);
  await action();
  await page.waitForTimeout(250); // the tasks that follow the answer (render, paint) belong to this phase
}

/** Waits until the pager's range text differs from `before` and the table is not busy. */
async function rangeChanged(page: Page, table: 'Documents' | 'Entities', before: string): Promise<void> {
  await page.waitForFunction(
    ([label, was]) => {
      const range = document.querySelector(`[data-testid="${label.toLowerCase()}-range"]`)?.textContent ?? '';
      const t = document.querySelector(`table[aria-label="${label}"]`);
      return range.startsWith('Showing') && range !== was && t?.getAttribute('aria-busy') === 'false';
    },
    [table, before] as const,
    { timeout: 60_000, polling: 10 },
  );
}

/** Clicks a pager button of `table` and waits for the new page. */
async function pageTo(page: Page, table: 'Documents' | 'Entities', button: string): Promise<void> {
  const before = (await page.getByTestId(`${table.toLowerCase()}-range`).textContent()) ?? '';
  await page
    .getByRole('navigation', { name: `${table} pages` })
    .getByRole('button', { name: button })
    .click();
  await rangeChanged(page, table, before);
}

/** Clicks a column header of `table` and waits for the table to answer the new order. */
async function sortBy(page: Page, table: 'Documents' | 'Entities', header: string): Promise<void> {
  const t = page.locator(`table[aria-label="${table}"]`);
  const firstRow = async () => (await t.locator('tbody tr').first().textContent()) ?? '';
  const before = await firstRow();
  await t.getByRole('columnheader', { name: header }).getByRole('button').click();
  await page
    .waitForFunction(
      ([label, was]) => {
        const el = document.querySelector(`table[aria-label="${label}"]`);
        return el?.getAttribute('aria-busy') === 'false' && el.querySelector('tbody tr')?.textContent !== was;
      },
      [table, before] as const,
      { timeout: 60_000, polling: 10 },
    )
    .catch(() => undefined); // the same first row in both orders is possible
}

/**
 * One run of the options page: open, filter, page and sort both tables, open an entity's editor and search
 * its merge target as you type, show the storage section, and the refresh every panel makes after an import
 * (the corpus version announced, as the background does after a swap).
 */
async function optionsRun(page: Page, base: string): Promise<void> {
  await phase(page, 'open', async () => {
    await page.goto(`${base}#corpus`);
    await page.evaluate((n) => void performance.mark(n), `${PHASE}open`);
    await page
      .getByTestId('documents-range')
      .filter({ hasText: /^Showing/ })
      .waitFor({ timeout: 120_000 });
  });
  const box = page.getByRole('searchbox', { name: 'Filter documents' });
  await phase(page, 'documents: filter typed', async () => {
    await box.pressSequentially('white house', { delay: 60 });
    await page
      .locator('table[aria-label="Documents"][data-filter="white house"][aria-busy="false"]')
      .waitFor({ timeout: 120_000 });
  });
  await phase(page, 'documents: filter cleared', async () => {
    await box.fill('');
    await page.locator('table[aria-label="Documents"][data-filter=""][aria-busy="false"]').waitFor();
  });
  await phase(page, 'documents: pages', async () => {
    for (const b of ['Next page', 'Next page', 'Last page', 'Previous page', 'First page'])
      await pageTo(page, 'Documents', b);
  });
  await phase(page, 'documents: sort', async () => {
    for (const h of ['Date', 'Quotes', 'Article']) await sortBy(page, 'Documents', h);
  });
  await phase(page, 'entities: open', async () => {
    await page.getByRole('link', { name: /^Entities/ }).click();
    await page
      .getByTestId('entities-range')
      .filter({ hasText: /^Showing/ })
      .waitFor({ timeout: 60_000 });
  });
  const entityBox = page.getByRole('searchbox', { name: 'Search entities' });
  await phase(page, 'entities: filter typed', async () => {
    await entityBox.pressSequentially('rubio', { delay: 60 });
    await page.locator('table[aria-label="Entities"][data-filter="rubio"][aria-busy="false"]').waitFor();
  });
  await phase(page, 'entities: filter cleared', async () => {
    await entityBox.fill('');
    await page.locator('table[aria-label="Entities"][data-filter=""][aria-busy="false"]').waitFor();
  });
  await phase(page, 'entities: pages', async () => {
    for (const b of ['Next page', 'Last page', 'First page']) await pageTo(page, 'Entities', b);
  });
  await phase(page, 'entities: sort', async () => {
    for (const h of ['Name', 'Quotes', 'Mentions']) await sortBy(page, 'Entities', h);
  });
  await phase(page, 'entities: editor', async () => {
    await page.locator('table[aria-label="Entities"] tbody tr').first().getByRole('button').first().click();
    await page.locator('.entity-editor[role="group"]').waitFor({ timeout: 60_000 });
  });
  await phase(page, 'entities: merge search typed', async () => {
    await page.getByRole('combobox', { name: 'Merge into' }).pressSequentially('marco rub', { delay: 60 });
    await page
      .getByRole('listbox', { name: 'Matching entities' })
      .getByRole('option')
      .first()
      .waitFor({ timeout: 60_000 });
  });
  await phase(page, 'storage', async () => {
    await page.getByRole('link', { name: /^Storage/ }).click();
    await page.getByTestId('corpus-source').waitFor({ timeout: 60_000 });
  });
  await phase(page, 'refresh after a corpus change', async () => {
    await page.getByRole('link', { name: /^Corpus/ }).click();
    await page.evaluate(async (key) => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { local: { set(v: Record<string, string>): Promise<void> } } };
      };
      await chrome.storage.local.set({ [key]: `options-scale-${Date.now()}` });
    }, CORPUS_VERSION_KEY);
    await page.waitForTimeout(1500);
  });
  await phase(page, 'end', async () => {});
}

const fmt = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(0));

async function main(): Promise<void> {
  if (!existsSync(packPath)) throw new Error(`options-scale: no pack at ${packPath} (npm run corpus -- --help)`);
  const server = createServer((req, res) => {
    if (req.url !== '/pack.json') return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': statSync(packPath).size,
      'access-control-allow-origin': '*',
    });
    res.end(readFileSync(packPath));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // A profile keeps the worker script it was made with: refuse to measure another build's worker.
  const worker = checkProfileWorker(profile, path.resolve(process.env.DOSSIER_EXTENSION_DIR ?? CHROME_BUILD_DIR));
  if (!worker.ok) throw new Error(`options-scale: ${worker.why}`);
  const session = await launchWithExtension({ userDataDir: profile, allowedOrigins: [origin] });
  const base = `chrome-extension://${session.extensionId}/options.html`;
  try {
    const setup = session.context.pages()[0] ?? (await session.context.newPage());
    await setup.goto(`${base}#storage`);
    const status = (await timedRequest(setup, 'corpus.status', {})).value as { counts: { documents: number } };
    if (status.counts.documents < 1000) await writePack(setup, origin);
    const page = await session.context.newPage();
    await page.addInitScript(OBSERVE);
    await setup.close();

    const rows: Record<string, string | number>[] = [];
    if (popupRuns > 0) rows.push(...(await popupLatency(session, popupRuns)));
    const opens: number[] = [];
    const entityOpens: number[] = [];
    const typedToRows: number[] = [];
    const requestMs: number[] = [];
    const findMs: number[] = [];
    const longest: number[] = [];
    let longTaskCount = 0;
    const longestWall: number[] = [];
    const longestCpu: number[] = [];
    let over50Cpu = 0;
    /** Tasks over 50 ms by phase: Long Tasks API (wall), and the trace's CPU and wall of tasks over 50 ms. */
    const byPhase: Record<string, { lt: number[]; cpu: number[]; wall: number[] }> = {};
    for (let run = 0; run < (skipOptions ? 0 : runs + 1); run++) {
      await page.goto('about:blank'); // a new document each run (a fragment change alone would not reload)
      const stopTrace = await traceTasks(page);
      await optionsRun(page, base);
      const traced = await stopTrace();
      const o = await observed(page);
      const marks = await page.evaluate(
        (prefix) =>
          performance
            .getEntriesByType('mark')
            .filter((m) => m.name.startsWith(prefix))
            .map((m) => ({ at: m.startTime, name: m.name.slice(prefix.length) })),
        PHASE,
      );
      const ltPhase = (start: number) => marks.findLast((m) => m.at <= start)?.name ?? 'before';
      for (const t of o.longTasks) {
        const p = (byPhase[ltPhase(t.start)] ??= { lt: [], cpu: [], wall: [] });
        p.lt.push(t.duration);
      }
      for (const t of traced.long) {
        const p = (byPhase[t.phase] ??= { lt: [], cpu: [], wall: [] });
        p.cpu.push(t.cpuMs);
        p.wall.push(t.wallMs);
        if (stacks || t.cpuMs > 50) console.error(formatTaskStack(t, `run ${run}, ${t.phase}`));
      }
      const request = await timedRequest(page, 'corpus.documents', { filter: `president ${run}`, limit: 50 });
      const find = await timedRequest(page, 'corpus.findEntity', { query: `rub${'io'.slice(0, run % 3)}`, limit: 12 });
      if (run === 0) {
        // The first open after the worker loaded the corpus builds the tables' rows and orders: report it apart.
        rows.push({
          step: 'first open (tables built in the worker)',
          'median ms': o.marks.documents ?? -1,
          'p95 ms': '',
          note: 'navigation start → first page shown',
        });
        continue;
      }
      opens.push(o.marks.documents!);
      const typedLast = o.typed.filter((t) => t.value === 'white house').at(-1)!;
      const answered = o.answered.find((a) => a.value === 'white house' && a.table === 'Documents')!;
      typedToRows.push(answered.at - typedLast.at);
      requestMs.push(request.ms);
      findMs.push(find.ms);
      const entitiesShown = o.marks.entities;
      if (entitiesShown !== undefined) entityOpens.push(entitiesShown);
      longTaskCount += o.longTasks.length;
      longest.push(Math.max(0, ...o.longTasks.map((t) => t.duration)));
      longestWall.push(traced.wallMs);
      longestCpu.push(traced.cpuMs);
      over50Cpu += traced.over50Cpu;
    }
    const line = (step: string, samples: number[], note: string) => {
      const s = summarize(samples);
      rows.push({ step, 'median ms': fmt(s.median), 'p95 ms': fmt(s.p95), note });
    };
    if (!skipOptions) {
      line('open: navigation → "Showing 1–50 of …"', opens, 'options.html#corpus, worker warm');
      line(
        'filter: last key → rows shown',
        typedToRows,
        'keys 60 ms apart; the main build waits 120 ms after the last',
      );
      line('corpus.documents request (filtered)', requestMs, 'round trip from the page');
      line('corpus.findEntity request', findMs, 'round trip from the page');
      line(
        'longest task per run (Long Tasks API, wall)',
        longest,
        `${longTaskCount} long tasks (> 50 ms wall) in ${runs} runs`,
      );
      line('longest task per run (trace, wall)', longestWall, 'renderer main thread, RunTask');
      line('longest task per run (trace, thread CPU)', longestCpu, `${over50Cpu} tasks > 50 ms CPU in ${runs} runs`);
      console.error('tasks over 50 ms by phase of the run (all runs, the first included):');
      console.table(
        Object.entries(byPhase).map(([name, p]) => ({
          phase: name,
          'long tasks (wall)': p.lt.length,
          'longest wall ms': fmt(Math.max(0, ...p.lt, ...p.wall)),
          'tasks > 50 ms CPU': p.cpu.filter((c) => c > 50).length,
          'longest CPU ms': fmt(Math.max(0, ...p.cpu)),
        })),
      );
    }

    if (doMerge) {
      await page.goto(`${base}#entities`);
      await page.getByRole('searchbox', { name: 'Search entities' }).fill('SecRubio');
      await page.locator('table[aria-label="Entities"][data-filter="SecRubio"][aria-busy="false"]').waitFor();
      await page.getByRole('button', { name: 'Edit SecRubio' }).click();
      const editor = page.getByRole('group', { name: 'Edit SecRubio' });
      await editor.getByRole('combobox', { name: 'Merge into' }).pressSequentially('marco rubio', { delay: 60 });
      await page
        .getByRole('option', { name: /^Marco Rubio/ })
        .first()
        .click();
      const started = Date.now();
      await editor.getByRole('button', { name: 'Merge' }).click();
      await page.getByRole('group', { name: 'Edit Marco Rubio' }).waitFor({ timeout: 600_000 });
      await page.getByTestId('pending-change').waitFor({ state: 'detached', timeout: 600_000 });
      const mergeMs = Date.now() - started;
      const o = await observed(page);
      rows.push({
        step: 'merge SecRubio into Marco Rubio',
        'median ms': mergeMs,
        'p95 ms': '',
        note: `click → editor shows the target; longest page task ${fmt(Math.max(0, ...o.longTasks.map((t) => t.duration)))} ms`,
      });
    }
    console.table(rows);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ${runs} runs; profile ${profile}`,
    );
  } catch (error) {
    const open = session.context.pages().at(-1);
    if (open) await open.screenshot({ path: '/tmp/options-scale-failure.png', fullPage: true });
    throw error;
  } finally {
    await session.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
