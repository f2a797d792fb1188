// The options page's tables with a corpus that pages (the 295 Wikinews articles and the 3 seed ones):
// paging with the keyboard focus kept, true counts, filter and sort served by the background, and a
// merge of an entity beyond the first page into another one found by search-as-you-type.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { ManagePage } from './pages/manage';

const WIKINEWS = path.resolve(import.meta.dirname, '../../../shared/data/wikinews-2019-2020.jsonl');
const IMPORT_TIMEOUT = 180_000;

test.skip(!existsSync(WIKINEWS), `${WIKINEWS} is absent: these tests need a corpus that pages`);
test.setTimeout(IMPORT_TIMEOUT + 120_000);

async function withWikinews(manage: ManagePage): Promise<void> {
  await manage.chooseFiles([WIKINEWS]);
  await manage.importButton.click();
  await expect(manage.importResult).toContainText('Imported 295 articles', { timeout: IMPORT_TIMEOUT });
  await manage.show('corpus');
  await expect(manage.documentsRange).toHaveText('Showing 1–50 of 298');
}

test('the documents table pages, filters and sorts 298 articles', async ({ page, extensionId }) => {
  const manage = await new ManagePage(page, extensionId).open();
  await withWikinews(manage);
  await expect(manage.documentRows).toHaveCount(50);
  await expect(manage.documents).toHaveAttribute('aria-rowcount', '299');
  await expect(manage.sectionLink('corpus')).toContainText('298');

  // Paging: the pressed button keeps the focus, the range is announced, rows know their position.
  const next = manage.pagerButton(manage.documentsPager, 'Next page');
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(manage.documentsRange).toHaveText('Showing 51–100 of 298');
  await expect(manage.documentsRange).toHaveAttribute('aria-live', 'polite');
  await expect(next).toBeFocused();
  await expect(manage.documentRows.first()).toHaveAttribute('aria-rowindex', '52');
  const onPageTwo = (await manage.documentRows.nth(7).getByRole('rowheader').innerText()).split('\n')[0]!.trim();
  const last = manage.pagerButton(manage.documentsPager, 'Last page');
  await last.click();
  await expect(manage.documentsRange).toHaveText('Showing 251–298 of 298');
  await expect(manage.documentRows).toHaveCount(48);
  await expect(last).toBeFocused();
  await expect(last).toHaveAttribute('aria-disabled', 'true');
  await expect(next).toHaveAttribute('aria-disabled', 'true');

  // Filter: a title from the second page is found; the count says how many match, of how many.
  await manage.filterDocuments(onPageTwo);
  await expect(manage.documentRow(onPageTwo).first()).toBeVisible();
  await expect(manage.documentsRange).toContainText(/^Showing 1–\d+ of \d+ matching \(of 298\)$/);
  await manage.filterDocuments('no article is titled like this');
  await expect(manage.documentsRange).toHaveText('No articles match the filter');
  await expect(manage.documentRows).toHaveCount(0);
  await manage.filterDocuments('');
  await expect(manage.documentsRange).toHaveText('Showing 1–50 of 298');

  // Sort by title: A→Z, then Z→A; the header says which.
  await manage.sortDocuments('Article');
  const header = manage.documents.getByRole('columnheader', { name: 'Article' });
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const titles = async () =>
    (await manage.documentRows.getByRole('rowheader').allInnerTexts()).map((t) => t.split('\n')[0]!.trim());
  const ascending = await titles();
  // Titles compare case and accents aside (lib/query/corpus-tables.ts).
  const fold = (t: string) =>
    t
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
  const alphabetical = (a: string, b: string) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0);
  expect(ascending).toEqual([...ascending].sort(alphabetical));
  await manage.sortDocuments('Article');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const descending = await titles();
  expect(alphabetical(descending[0]!, ascending[0]!)).toBeGreaterThan(0);
  // Dates, newest first by default, oldest first on a second click.
  await manage.sortDocuments('Date');
  await expect(manage.documents.getByRole('columnheader', { name: 'Date' })).toHaveAttribute('aria-sort', 'descending');
});

test('an entity beyond the first page merges into one found by typing', async ({ page, extensionId }) => {
  const manage = await new ManagePage(page, extensionId).open();
  await withWikinews(manage);
  await manage.show('entities');
  await expect(manage.entitiesRange).toContainText(/^Showing 1–50 of [\d,]+$/);
  const total = Number((await manage.entitiesRange.innerText()).replace(/.* of /, '').replace(/,/g, ''));
  expect(total).toBeGreaterThan(150);

  // The source: the first entity of the third page (not among the first 100 most mentioned).
  const next = manage.pagerButton(manage.entitiesPager, 'Next page');
  await next.click();
  await next.click();
  await expect(manage.entitiesRange).toContainText(/^Showing 101–150 of/);
  const sourceRow = manage.entities.locator('tbody tr').first();
  const sourceId = (await sourceRow.getAttribute('data-entity-id'))!;
  const source = (await sourceRow.getByRole('rowheader').innerText()).split('\n')[0]!.trim();
  // The target: an entity of the last page, the least mentioned.
  await manage.pagerButton(manage.entitiesPager, 'Last page').click();
  await expect(manage.entitiesRange).toContainText(new RegExp(`of ${total.toLocaleString('en-US')}$`));
  const targetRow = manage.entities.locator('tbody tr').last();
  const targetId = (await targetRow.getAttribute('data-entity-id'))!;
  const target = (await targetRow.getByRole('rowheader').innerText()).split('\n')[0]!.trim();
  expect(targetId).not.toBe(sourceId);

  await manage.filterEntities(source);
  await manage.entities
    .locator(`tr[data-entity-id="${sourceId}"]`)
    .getByRole('button', { name: /^Edit / })
    .click();
  const editor = manage.editor(source);
  await expect(editor).toBeVisible();
  await manage.mergeInto(editor, target, target);

  // The source is gone; the target has its name as an alias.
  await manage.filterEntities(source);
  await expect(manage.entities.locator(`tr[data-entity-id="${sourceId}"]`)).toHaveCount(0);
  await expect(manage.entities.locator(`tr[data-entity-id="${targetId}"]`)).toContainText(source);
  await manage.filterEntities('');
  await expect(manage.entitiesRange).toContainText(`of ${(total - 1).toLocaleString('en-US')}`);
});
