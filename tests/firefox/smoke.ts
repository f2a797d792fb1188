/**
 * `npm run test:firefox`: the Firefox build in a real Firefox (Debian's
 * firefox-esr, or DOSSIER_FIREFOX), end to end: names marked on a page, the
 * hover card with a quote, Escape, Open in reader, a page script that learns
 * nothing of the corpus (issue #11's probe page), the popup's search, the
 * options page's documents, a .jsonl import whose new name is then marked,
 * and no console errors. Run after `npm run build:firefox` (the npm script
 * does both); DOSSIER_FIREFOX_BUILD points at another build folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { POOL_MIN_CHARS } from '../../lib/import/extract-pool';
import type { Page } from 'puppeteer-core';
import { startStaticServer, FIXTURES_DIR, PROJECT_ROOT } from '../support/static-server';
import { consoleErrors, dossierWarnings, launchFirefox, firefoxPath, type FirefoxSession } from './firefox';
import { ArticleTab, OptionsTab, PopupTab, findExtensionTab, waitFor, type Card } from './pages';
import { check, runSteps, type Step } from './runner';

const BUILD = process.env.DOSSIER_FIREFOX_BUILD ?? path.join(PROJECT_ROOT, '.output', 'firefox-mv2');
const IMPORT_FILE = path.join(FIXTURES_DIR, 'firefox', 'new-article.jsonl');
/** Articles of the large streamed import: enough text for the extraction pool (lib/import/extract-pool.ts). */
const LARGE_IMPORT_ARTICLES = 100;

/**
 * A .jsonl.gz of {@link LARGE_IMPORT_ARTICLES} articles (the Wikinews sample fixture's texts, each
 * copy made distinct by a line of its own), over the pool's minimum batch text.
 */
function largeImportFile(): string {
  const sample = (
    JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'lib/corpus/fixtures/wikinews-sample.json'), 'utf8')) as {
      documents: { title?: string; text: string }[];
    }
  ).documents;
  const articles = Array.from({ length: LARGE_IMPORT_ARTICLES }, (_, i) => {
    const d = sample[i % sample.length]!;
    return { id: `ff-large-${i}`, title: `${d.title ?? 'Sample'} (${i})`, text: `${d.text}\nCopy ${i} of the sample.` };
  });
  const lines = articles.map((a) => JSON.stringify(a));
  const chars = articles.reduce((n, a) => n + a.text.length, 0);
  if (chars < POOL_MIN_CHARS)
    throw new Error(`the large import has ${chars} characters, under the pool's ${POOL_MIN_CHARS}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-ff-import-'));
  const file = path.join(dir, 'large-import.jsonl.gz');
  writeFileSync(file, gzipSync(lines.join('\n')));
  return file;
}

/** The person only the imported article names. */
const NEW_NAME = 'Ingrid Halvorsen';

const bundledTitles = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'assets', 'corpus', 'manifest.json'), 'utf8')) as {
    documents: { title: string }[];
  }
).documents.map((d) => d.title);

async function main(): Promise<number> {
  const started = performance.now();
  const server = await startStaticServer();
  let session: FirefoxSession | undefined;
  try {
    session = await launchFirefox(BUILD);
    const s = session;
    console.log(`Firefox smoke test: ${s.version} (${firefoxPath()}), build ${path.relative(PROJECT_ROOT, BUILD)}`);
    // One tab for the web page, one for the extension's pages.
    const article = new ArticleTab(await s.browser.newPage());
    const extensionPage: Page = await s.browser.newPage();
    let card: Card | undefined;

    /** Opens the popup's page while `tab` is the active tab, so that "On this page" reports on it. */
    const popupAbout = async (tab: Page): Promise<PopupTab> => {
      await tab.bringToFront();
      return new PopupTab(extensionPage, s).open('/popup.html');
    };

    const steps: Step[] = [
      {
        name: 'names of the bundled corpus are marked on a news page (the popup’s “On this page”)',
        run: async () => {
          await article.page.goto(server.url('/demo-article.html'));
          // The page is scanned in short slices: a popup opened mid-scan lists the names found so far, so
          // open it again until the scan has reached all three (or give up after 10 s and say what it lists).
          const wanted = ['Sergey Lavrov', 'John Kerry', 'Aleppo'];
          let names: string[] = [];
          await waitFor(
            `${wanted.join(', ')} in On this page`,
            async () => {
              names = await (await popupAbout(article.page)).onPageNames();
              return wanted.every((n) => names.includes(n)) ? true : null;
            },
            10000,
          ).catch(() => undefined);
          for (const name of wanted)
            check(names.includes(name), `"${name}" is not in On this page: ${names.join(', ')}`);
        },
      },
      {
        // Child frames run only the gate (entrypoints/content-gate.ts); the engine is loaded into a frame once
        // it shows text. The 1×1 frame also names John Kerry, but is too small to start.
        name: 'a child frame whose text arrives later loads the engine and is marked; empty and tiny ones are not',
        run: async () => {
          await article.page.goto(server.url('/hard/many-frames.html'));
          const before = await (await popupAbout(article.page)).onPageNames();
          check(before.includes('Sergey Lavrov'), `the top frame was not scanned: ${before.join(', ')}`);
          check(!before.includes('John Kerry'), `a tiny or empty frame was marked: ${before.join(', ')}`);
          await article.page.bringToFront();
          await article.page.evaluate('window.fillLate()');
          await waitFor(
            'the late frame’s "John Kerry" in On this page',
            async () => ((await (await popupAbout(article.page)).onPageNames()).includes('John Kerry') ? true : null),
            10000,
          );
          // The engine's file is web-accessible (lib/content/gate.ts): its load must leave no trace in the page.
          const seen = (await article.page.evaluate(`[window, ...Array.from(window.frames)]
            .flatMap((w) => w.performance.getEntries().map((e) => e.name))
            .filter((name) => /extension/.test(name))`)) as string[];
          check(seen.length === 0, `the page's timeline shows the engine's load: ${seen.join(', ')}`);
        },
      },
      {
        name: 'hovering a name opens its card with a quote',
        run: async () => {
          await article.page.bringToFront();
          card = await article.hover('Lavrov');
          check((await card.heading()) === 'Sergey Lavrov', `the card is for "${await card.heading()}"`);
          const quotes = await card.quotes();
          check(quotes.length > 0 && quotes[0]!.length > 10, `the card shows no quote: ${JSON.stringify(quotes)}`);
        },
      },
      {
        name: 'Escape closes the card',
        run: async () => {
          await article.page.keyboard.press('Escape');
          await waitFor('the card to close', async () => !(await article.cardShowing()), 5000);
        },
      },
      {
        name: 'Open in reader opens the article in the reader',
        run: async () => {
          card = await article.hover('Lavrov');
          const [quote] = await card.quotes();
          await card.openFirstQuoteInReader();
          const reader = await findExtensionTab(s.browser, '/reader.html');
          const title = await waitFor('the reader’s title', () =>
            reader.$eval('#reader-title', (h) => (h as HTMLElement).innerText.trim()).catch(() => null),
          );
          check(bundledTitles.includes(title), `the reader shows "${title}"`);
          const text = await reader.evaluate('document.body.innerText');
          const words = quote!.replace(/[“”]/g, '').slice(0, 30);
          check(String(text).includes(words), `the reader does not show the quote "${words}"`);
          await reader.close();
        },
      },
      {
        name: 'a page script learns nothing of the corpus: it observes the same for a name and an unknown word',
        run: async () => {
          /** Opens the privacy probe with `word`, waits for Dossier's scan, and returns what the page observed. */
          const observe = async (word: string) => {
            await article.page.goto(server.url(`/privacy/probe.html?word=${word}`));
            const names = await (await popupAbout(article.page)).onPageNames();
            check(names.includes('Moscow'), `the probe page was not scanned: ${names.join(', ')}`);
            await article.page.bringToFront();
            await new Promise((resolve) => setTimeout(resolve, 1000)); // painting and late slices
            return { names, seen: JSON.stringify(await article.page.evaluate('window.probe()')) };
          };
          const known = await observe('Lavrov');
          check(known.names.includes('Sergey Lavrov'), `the visible "Lavrov" was not found: ${known.names.join(', ')}`);
          const unknown = await observe('Zorkov');
          check(known.seen === unknown.seen, `the page saw a difference:\n${known.seen}\n${unknown.seen}`);
          const { highlights } = JSON.parse(known.seen) as { highlights: string[] };
          check(highlights.length === 0, `the page reads Dossier's highlights: ${highlights.join(', ')}`);
        },
      },
      {
        // A test cannot click the toolbar button in Firefox (WebDriver BiDi has no such command), so the tab
        // gets no activeTab grant here: what is checked is that the popup reaches the page through the
        // scripting API and turns Firefox's refusal into a message that says what to do. The preview,
        // import and marks are checked in Chromium (tests/e2e/clip.spec.ts).
        name: '"Add this page to Dossier" without the user’s click on the page says what to do',
        run: async () => {
          await article.page.goto(server.url('/clip/article.html'));
          const popup = await popupAbout(article.page);
          const start = await waitFor('the "Add this page to Dossier" button', () => popup.page.$('button.clip-start'));
          await start.click();
          const [problem] = await waitFor('the clip message', async () => {
            const texts = await popup.texts('.clip [role="alert"]');
            return texts.length ? texts : null;
          });
          check(
            Boolean(problem?.startsWith('Dossier may read a page only when you ask on that page')),
            `the popup says "${problem}"`,
          );
        },
      },
      {
        name: 'the popup searches the corpus',
        run: async () => {
          const popup = await new PopupTab(extensionPage, s).open('/popup.html');
          const results = await popup.search('ceasefire');
          check(
            results.some((r) => /ceasefire/i.test(r)),
            `no result mentions the ceasefire: ${results.slice(0, 3).join(' | ')}`,
          );
        },
      },
      {
        name: 'the options page lists the bundled documents',
        run: async () => {
          const options = await new OptionsTab(extensionPage, s).open('/options.html');
          const titles = await options.documentTitles(bundledTitles.length);
          for (const title of bundledTitles)
            check(titles.includes(title), `"${title}" is not listed: ${titles.join(' | ')}`);
        },
      },
      {
        name: 'a .jsonl import is listed, and its new name is then marked and gets a card',
        timeout: 240_000,
        run: async () => {
          const options = new OptionsTab(extensionPage, s);
          const result = await options.importFile(IMPORT_FILE);
          check(/Imported 1 article/.test(result), `the import says "${result}"`);
          const titles = await options.documentTitles(bundledTitles.length + 1);
          check(
            titles.includes('Norwegian envoy presses for Syria aid corridors'),
            `the imported article is not listed: ${titles.join(' | ')}`,
          );
          await article.page.goto(server.url('/firefox/new-name.html'));
          const names = await (await popupAbout(article.page)).onPageNames(60_000);
          check(names.includes(NEW_NAME), `"${NEW_NAME}" is not in On this page: ${names.join(', ')}`);
          await article.page.bringToFront();
          card = await article.hover(NEW_NAME);
          check((await card.heading()) === NEW_NAME, `the card is for "${await card.heading()}"`);
          check((await card.quotes()).length > 0, `${NEW_NAME}'s card shows no quote`);
        },
      },
      {
        name: 'the bundled corpus answered from the indexes the build shipped (no rebuild in the browser)',
        run: () => {
          const rebuilt = dossierWarnings(s.consoleLines()).filter((w) => w.includes('bundled search index'));
          check(rebuilt.length === 0, rebuilt.join('\n'));
          return Promise.resolve();
        },
      },
      {
        // lib/import/extract-pool.ts: the import worker starts extraction workers of its own (nested workers).
        name: 'a streamed .jsonl.gz import extracts its batch on nested workers, not in one thread',
        timeout: 600_000,
        run: async () => {
          const file = largeImportFile();
          const options = await new OptionsTab(extensionPage, s).open('/options.html');
          const result = await options.importFile(file, 540_000, `Import ${path.basename(file)}`);
          check(new RegExp(`Imported ${LARGE_IMPORT_ARTICLES} articles`).test(result), `the import says "${result}"`);
          const lines = s.consoleLines();
          const started = lines.filter((l) => /Dossier import: extracting on \d+ workers/.test(l));
          const fallback = lines.filter((l) => /Dossier import: extracting without workers/.test(l));
          check(fallback.length === 0, `the pool fell back to one thread: ${fallback.join(' | ')}`);
          check(started.length > 0, 'no extraction worker was started (no "extracting on N workers" line)');
        },
      },
      {
        name: 'no console errors from the extension or the pages',
        run: async () => {
          // Errors printed just before this step reach stdout a moment later.
          await new Promise((resolve) => setTimeout(resolve, 500));
          const errors = consoleErrors(s.consoleLines());
          check(errors.length === 0, `${errors.length} console errors:\n${errors.join('\n')}`);
        },
      },
    ];
    // After a failure: the browser's last console lines (the extension's own output among them).
    const result = await runSteps(steps, () => s.consoleLines().filter(Boolean).slice(-40));
    for (const warning of dossierWarnings(s.consoleLines())) console.log(`  warning: ${warning}`);
    const blocked = s.blockedHosts();
    console.log(
      `  ${blocked.length} host(s) asked for through the dead proxy${blocked.length ? ` (Firefox's own): ${blocked.join(', ')}` : ''}`,
    );
    console.log(`  ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
    console.log(`${result.passed} passed, ${result.failed} failed`);
    return result.failed ? 1 : 0;
  } finally {
    await session?.close();
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Firefox smoke test could not run: ${error instanceof Error ? error.stack : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
