// Entity edits stay made: through an import, a restart of the service worker,
// an export, "restore bundled" and the export imported again.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { EntitySummary } from '../../lib/edits/entity-list';
import type { Edit } from '../../lib/edits/types';
import type { PackFile } from '../../lib/pack/types';
import { test, expect } from './fixtures';
import { ManagePage } from './pages/manage';

/** Sends one protocol request from an extension page, as the options page's own panels do. */
function send<T>(page: Page, name: string, payload: unknown): Promise<T> {
  return page.evaluate(
    async ([n, p]) => {
      const { runtime } = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome;
      const reply = (await runtime.sendMessage({ dossier: 1, name: n, payload: p })) as {
        ok: boolean;
        value?: unknown;
        error?: { message: string };
      };
      if (!reply.ok) throw new Error(reply.error?.message ?? 'failed');
      return reply.value;
    },
    [name, payload] as const,
  ) as Promise<T>;
}

async function entity(page: Page, query: string): Promise<EntitySummary | undefined> {
  const { entities } = await send<{ entities: EntitySummary[] }>(page, 'entities.list', { query, limit: 50 });
  return entities[0];
}

/** What the edits below must leave, read from the corpus the background answers from. */
async function expectEdited(page: Page): Promise<void> {
  expect((await entity(page, 'John F. Kerry'))?.name).toBe('John F. Kerry');
  const lavrov = await entity(page, 'Sergei V. Lavrov');
  expect(lavrov?.name).toBe('Sergei V. Lavrov');
  expect(lavrov?.aliases).toContain('The Russian FM');
  expect(lavrov?.type).toBe('organization');
}

const article = `Talks resume in Geneva

John Kerry and Sergei Lavrov met again in Geneva on Friday to discuss the ceasefire.
"We made progress," Kerry told reporters after the meeting. Lavrov said the talks would continue next week.`;

test('edits survive an import, a worker restart, an export and its import after a restore', async ({
  page,
  context,
  extensionId,
}) => {
  test.setTimeout(240_000);
  const manage = await new ManagePage(page, extensionId).open();
  await manage.rename(await manage.editEntity('Kerry'), 'John F. Kerry');
  const lavrovId = (await entity(page, 'Lavrov'))!.id;
  const edits: Edit[] = [
    { op: 'rename', entityId: lavrovId, name: 'Sergei V. Lavrov' },
    { op: 'alias+', entityId: lavrovId, alias: 'The Russian FM' },
    { op: 'type', entityId: lavrovId, type: 'organization' },
  ];
  for (const edit of edits) await send(page, 'entity.edit', { edits: [edit] });
  await expectEdited(page);

  // 1. An import extracts the whole corpus again.
  const file = join(tmpdir(), `dossier-edit-log-${process.pid}.txt`);
  await writeFile(file, article);
  await manage.chooseFiles([file]);
  await page.getByRole('button', { name: /^Import 1 article$/ }).click();
  await expect(manage.importResult).toContainText('Imported 1 article', { timeout: 120_000 });
  await rm(file, { force: true });
  await expectEdited(page);

  // 2. The browser stops the service worker; the options page is opened again.
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.reload();
  await expectEdited(page);

  // 3. Export "with your edits".
  const download = await manage.exportCorpus();
  const exported = await download.path();
  const pack = JSON.parse(await readFile(exported, 'utf8')) as PackFile;
  // (The new article made "Sergei Lavrov" the extracted name: the entity's id changed, the edits held.)
  expect(pack.entities.some((e) => e.name === 'Sergei V. Lavrov' && e.aliases.includes('The Russian FM'))).toBe(true);
  expect(pack.edits?.map((e) => e.op)).toEqual(['rename', 'rename', 'alias+', 'type']);

  // 4. Restore the bundled corpus (edits gone), then import the export: every edit is back.
  await page.getByRole('button', { name: 'Restore bundled corpus…' }).click();
  await page
    .getByRole('alertdialog', { name: 'Restore the bundled corpus' })
    .getByRole('button', { name: 'Restore' })
    .click();
  await expect(page.getByText('The bundled corpus is back.')).toBeVisible({ timeout: 30_000 });
  expect((await entity(page, 'Lavrov'))?.name).not.toBe('Sergei V. Lavrov');
  await manage.importFile(exported, 'dossier-pack-export.json');
  await expect(manage.importResult).toContainText('Imported', { timeout: 120_000 });
  await expectEdited(page);
});
