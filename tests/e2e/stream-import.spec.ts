// Streamed import of .jsonl.gz files through the options page: a small file end to end, and a
// bigger one cancelled (or its tab closed) after its first batch — the corpus then holds exactly the
// committed batches, and every message says how many of the file's articles were added.
import { createReadStream, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gzipSync } from 'node:zlib';
import { test, expect } from './fixtures';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data');
const WIKINEWS = path.join(SHARED, 'wikinews-2019-2020.jsonl');
const BRIEFINGS = path.join(SHARED, 'whitehouse-briefings.jsonl.gz');
const IMPORT_TIMEOUT = 240_000;
const dir = mkdtempSync(path.join(tmpdir(), 'dossier-stream-'));

/** The first `n` lines of a .jsonl.gz, gzipped again under `name`. */
async function firstLines(from: string, n: number, name: string): Promise<string> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(from).pipe(createGunzip()) });
  for await (const line of rl) {
    if (line.trim()) lines.push(line);
    if (lines.length >= n) break;
  }
  rl.close();
  const out = path.join(dir, name);
  writeFileSync(out, gzipSync(lines.join('\n')));
  return out;
}

/** The number in "N of the file's articles were added" / "N of its articles were added". */
function addedIn(text: string): number {
  const m = /([\d,]+) of (?:the file's|its) articles (?:was|were) added/.exec(text);
  if (!m) throw new Error(`no count of added articles in: ${text}`);
  return Number(m[1]!.replace(/,/g, ''));
}

test.describe('streamed .jsonl.gz import', () => {
  test.skip(!existsSync(WIKINEWS) || !existsSync(BRIEFINGS), 'needs ../shared/data');
  test.setTimeout(IMPORT_TIMEOUT + 60_000);

  test('imports a small .jsonl.gz picked in the import section', async ({ page, context, extensionId }) => {
    const gz = path.join(dir, 'wikinews.jsonl.gz');
    const { readFileSync } = await import('node:fs');
    writeFileSync(gz, gzipSync(readFileSync(WIKINEWS)));
    const options = await new OptionsPage(page, extensionId).open();
    await options.chooseFiles([gz]);
    await expect(page.getByRole('list', { name: 'Files imported as a stream' })).toContainText('wikinews.jsonl.gz');
    await options.importFileButton('wikinews.jsonl.gz').click();
    await expect(options.importResult).toContainText('Imported 295 articles', { timeout: IMPORT_TIMEOUT });
    await options.show('storage');
    await expect(options.corpusSource).toContainText('Your imported corpus: 298 articles');
    await expect(options.lastImport).toContainText('of wikinews.jsonl.gz: 295 articles added');

    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await popup.search('Mitsotakis');
    await expect(popup.resultItems.first()).toBeVisible();
  });

  test('cancelled after its first batch: the corpus holds that batch, and the page says so', async ({
    page,
    extensionId,
  }) => {
    const big = await firstLines(BRIEFINGS, 1_000, 'briefings-1000.jsonl.gz');
    const options = await new OptionsPage(page, extensionId).open();
    await options.chooseFiles([big]);
    await options.importFileButton('briefings-1000.jsonl.gz').click();
    await expect(options.streamProgress).toBeVisible({ timeout: 60_000 });
    // The first batch is committed (a few hundred briefings) while the second is being added.
    await expect(options.streamProgress).toContainText(/[1-9][\d,]* articles? added/, { timeout: IMPORT_TIMEOUT });
    await expect(options.streamProgress).toContainText('adding');
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await expect(options.importOutcome).toContainText(
      /^Cancelled: [\d,]+ of the file's articles were added; the rest were not\.$/,
      {
        timeout: 60_000,
      },
    );
    const added = addedIn(await options.importOutcome.innerText());
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(1_000);

    await options.show('storage');
    await expect(options.corpusSource).toContainText(
      `Your imported corpus: ${(added + 3).toLocaleString('en')} articles`,
    );
    await expect(options.lastImport).toContainText(`was cancelled`);
    expect(addedIn(await options.lastImport.innerText())).toBe(added);

    // Reopened, the page reads the same truth from the store.
    await page.reload();
    await new OptionsPage(page, extensionId).show('storage');
    expect(addedIn(await options.lastImport.innerText())).toBe(added);
    await expect(options.corpusSource).toContainText(`${(added + 3).toLocaleString('en')} articles`);
  });

  test('its tab closed mid-run: a reopened options page says how many were added', async ({
    page,
    context,
    extensionId,
  }) => {
    const big = await firstLines(BRIEFINGS, 1_000, 'briefings-1000b.jsonl.gz');
    const options = await new OptionsPage(page, extensionId).open();
    await options.chooseFiles([big]);
    await options.importFileButton('briefings-1000b.jsonl.gz').click();
    await expect(options.streamProgress).toContainText(/[1-9][\d,]* articles? added/, { timeout: IMPORT_TIMEOUT });
    // Another tab sees it running (the machine may be loaded: the page waits for the background).
    const other = new OptionsPage(await context.newPage(), extensionId);
    await other.page.goto(`chrome-extension://${extensionId}/options.html#storage`);
    await expect(other.lastImport).toContainText('An import of briefings-1000b.jsonl.gz is running', {
      timeout: 60_000,
    });
    await page.close({ runBeforeUnload: false });
    await other.page.reload();
    await expect(other.lastImport).toContainText('stopped before it finished', { timeout: 60_000 });
    const added = addedIn(await other.lastImport.innerText());
    expect(added).toBeGreaterThan(0);
    await expect(other.corpusSource).toContainText(
      `Your imported corpus: ${(added + 3).toLocaleString('en')} articles`,
    );
  });
});
