/**
 * Page object for the options page's management panels: documents (filter,
 * delete, undo), entities (edit), export/restore, subscriptions and settings.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import { OptionsPage } from './options';

/** The options page with its management panels. */
export class ManagePage extends OptionsPage {
  constructor(page: Page, extensionId: string) {
    super(page, extensionId);
  }

  // Documents ---------------------------------------------------------------

  /** The row of the document titled `title`. */
  documentRow(title: string): Locator {
    return this.documentRows.filter({ hasText: title });
  }

  /** Deletes a document by its title (the undo toast then shows). */
  async deleteDocument(title: string): Promise<void> {
    await this.show('corpus');
    await this.page.getByRole('button', { name: `Delete “${title}”` }).click();
  }

  /** The undo toast's button. */
  get undoButton(): Locator {
    return this.page.getByRole('status').getByRole('button', { name: 'Undo' });
  }

  // Entities ----------------------------------------------------------------

  get entities(): Locator {
    return this.page.getByRole('table', { name: 'Entities' });
  }

  /** "Showing 1–50 of 64,785" above the entities table (`data-testid="entities-range"`). */
  get entitiesRange(): Locator {
    return this.page.getByTestId('entities-range');
  }

  /** The entities table's search box. */
  get entitiesFilter(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search entities' });
  }

  /** The entities table's pager (`<nav aria-label="Entities pages">`). */
  get entitiesPager(): Locator {
    return this.page.getByRole('navigation', { name: 'Entities pages' });
  }

  /** The entities table once its rows answer `filter` and no request is in flight. */
  entitiesSettled(filter = ''): Locator {
    return this.page.locator(`table[aria-label="Entities"][data-filter=${JSON.stringify(filter)}][aria-busy="false"]`);
  }

  /** Types `text` in the entities search and waits for the rows that answer it. */
  async filterEntities(text: string): Promise<void> {
    await this.entitiesFilter.fill(text);
    await this.entitiesSettled(text.trim()).waitFor();
  }

  /** The open entity editor (`role=group`, "Edit <name>"). */
  editor(name?: string): Locator {
    return this.page.getByRole('group', { name: name === undefined ? /^Edit / : `Edit ${name}` });
  }

  /** Filters the entity list and opens the editor of the first entity named `name` (or with that alias). */
  async editEntity(name: string): Promise<Locator> {
    await this.show('entities');
    await this.filterEntities(name);
    await this.entities
      .getByRole('button', { name: /^Edit / })
      .first()
      .click();
    const editor = this.editor();
    await editor.waitFor();
    return editor;
  }

  /**
   * Merges the entity in the open editor into another: types `query` in "Merge into" (search-as-you-type
   * over every entity), picks the option named `target`, clicks Merge and waits for the editor to show it.
   */
  async mergeInto(editor: Locator, query: string, target: string): Promise<void> {
    await editor.getByRole('combobox', { name: 'Merge into' }).fill(query);
    await this.page
      .getByRole('listbox', { name: 'Matching entities' })
      .getByRole('option', { name: new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
      .first()
      .click();
    await editor.getByRole('button', { name: 'Merge' }).click();
    await this.editor(target).waitFor({ timeout: 30_000 });
  }

  /** Renames the entity in the open editor and waits until the list shows the new name. */
  async rename(editor: Locator, name: string): Promise<void> {
    await editor.getByLabel('Name').fill(name);
    await editor.getByRole('button', { name: 'Rename' }).click();
    await this.filterEntities(name);
    await this.entities
      .getByRole('rowheader', { name: new RegExp(name) })
      .first()
      .waitFor();
  }

  // Export ------------------------------------------------------------------

  /** Shows the Storage section, clicks "Export corpus" and returns the download. */
  async exportCorpus(): Promise<Download> {
    await this.show('storage');
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export corpus' }).click();
    return download;
  }

  /** Imports one file through the Import section (lib/ui/import) and starts the import. */
  async importFile(path: string, name: string): Promise<void> {
    await this.show('import');
    const buffer = await readFile(path);
    await this.page.getByLabel('Choose files').setInputFiles({ name, mimeType: 'application/json', buffer });
    await this.page.getByRole('button', { name: /^Import \d+ articles?$/ }).click();
  }

  // Subscriptions -----------------------------------------------------------

  get subscriptions(): Locator {
    return this.page.getByRole('list', { name: 'Subscriptions' });
  }

  async subscribe(url: string): Promise<void> {
    await this.show('subscriptions');
    await this.page.getByRole('textbox', { name: 'Pack address' }).fill(url);
    await this.page.getByRole('button', { name: 'Subscribe' }).click();
  }

  // Settings ----------------------------------------------------------------

  get hoverDelay(): Locator {
    return this.page.getByRole('spinbutton', { name: 'Hover delay (ms)' });
  }

  /** Turns Dossier off on `host`. */
  async skipSite(host: string): Promise<void> {
    await this.show('settings');
    await this.page.getByRole('textbox', { name: 'Site to skip' }).fill(host);
    await this.page.getByRole('button', { name: 'Skip this site' }).click();
    await this.page.getByRole('list', { name: 'Sites to skip' }).getByText(host).waitFor();
  }
}

/** The shape of `chrome` these tests touch in extension pages. */
interface ChromeForTests {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  permissions: { request(options: unknown): Promise<boolean> };
}

/** Reads one key of the extension's `storage.local` from an extension page. */
export function readExtensionStorage(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (k) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeForTests };
    return (await chrome.storage.local.get(k))[k];
  }, key);
}

/**
 * Makes `permissions.request` answer `granted` without a prompt: headless
 * Chromium cannot show the prompt, so a test cannot answer it.
 */
export async function answerPermissionPrompts(page: Page, granted: boolean): Promise<void> {
  await page.addInitScript((answer) => {
    const { chrome } = globalThis as unknown as { chrome: ChromeForTests };
    chrome.permissions.request = () => Promise.resolve(answer);
  }, granted);
}
