/**
 * Page object for the options page (`options.html`): its sections (one shown
 * at a time, named by the address: `options.html#import`), the corpus
 * documents, the import panel and the storage panel.
 */
import type { Locator, Page } from '@playwright/test';

/** The options page's sections, by their address fragment. */
export type OptionsSection = 'import' | 'corpus' | 'entities' | 'subscriptions' | 'settings' | 'storage';

/** Each section's name in the navigation. */
export const SECTION_LABELS: Record<OptionsSection, string> = {
  import: 'Import',
  corpus: 'Corpus',
  entities: 'Entities',
  subscriptions: 'Subscriptions',
  settings: 'Settings',
  storage: 'Storage',
};

/** The options page's documents table. */
export class OptionsPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  /**
   * Navigates the tab to the options page, at `section` (its address fragment)
   * or the default one, the corpus, whose documents table it waits for.
   */
  async open(section?: OptionsSection): Promise<this> {
    await this.page.goto(`chrome-extension://${this.extensionId}/options.html${section ? `#${section}` : ''}`);
    await this.sectionContent(section ?? 'corpus').waitFor();
    if (!section || section === 'corpus') await this.documents.waitFor();
    return this;
  }

  /** The navigation between sections. */
  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: 'Sections' });
  }

  /** The navigation's link to a section. */
  sectionLink(section: OptionsSection): Locator {
    // The name may be followed by a count ("Corpus 3"); no label is part of another.
    return this.navigation.getByRole('link', { name: SECTION_LABELS[section] });
  }

  /** The content of one section (hidden unless it is the one shown). */
  sectionContent(section: OptionsSection): Locator {
    return this.page.locator(`[data-section="${section}"]`);
  }

  /** Shows a section through its navigation link, as a user does, and waits for it. */
  async show(section: OptionsSection): Promise<this> {
    await this.sectionLink(section).click();
    await this.sectionContent(section).waitFor({ state: 'visible' });
    return this;
  }

  /** `<table aria-label="Documents">`. */
  get documents(): Locator {
    return this.page.getByRole('table', { name: 'Documents' });
  }

  /**
   * The numbers in one column (by its header text, e.g. "Quotes"), one per
   * document row. Cells are counted as `th`/`td` so a row-header title keeps
   * the columns aligned with the header row.
   * @throws when the table has no such column or a cell is not a number.
   */
  async columnNumbers(header: string): Promise<number[]> {
    const headers = (await this.documents.getByRole('columnheader').allInnerTexts()).map((t) => t.trim());
    const index = headers.indexOf(header);
    if (index < 0) throw new Error(`OptionsPage: no "${header}" column in [${headers.join(', ')}]`);
    const values: number[] = [];
    for (const row of await this.documentRows.all()) {
      const text = (await row.locator('th, td').nth(index).innerText()).trim();
      const value = Number(text.replace(/[,\s]/g, ''));
      if (!/\d/.test(text) || Number.isNaN(value)) throw new Error(`OptionsPage: "${header}" cell is "${text}"`);
      values.push(value);
    }
    return values;
  }

  /**
   * "Showing 1–50 of 9,898" above the documents table (`data-testid="documents-range"`, a polite live
   * region). It starts with "Showing" once the first page is shown.
   */
  get documentsRange(): Locator {
    return this.page.getByTestId('documents-range');
  }

  /** The documents table's filter box. */
  get documentsFilter(): Locator {
    return this.page.getByRole('searchbox', { name: 'Filter documents' });
  }

  /**
   * The documents table once its rows answer `filter` and no request is in flight
   * (`table[data-filter][aria-busy=false]`; the filter is sent after a short pause in typing).
   */
  documentsSettled(filter = ''): Locator {
    return this.page.locator(`table[aria-label="Documents"][data-filter=${JSON.stringify(filter)}][aria-busy="false"]`);
  }

  /** Types `text` in the documents filter and waits for the rows that answer it. */
  async filterDocuments(text: string): Promise<void> {
    await this.documentsFilter.fill(text);
    await this.documentsSettled(text.trim()).waitFor();
  }

  /** The documents table's pager (`<nav aria-label="Documents pages">`). */
  get documentsPager(): Locator {
    return this.page.getByRole('navigation', { name: 'Documents pages' });
  }

  /** A pager button: "First page", "Previous page", "Next page" or "Last page". */
  pagerButton(pager: Locator, name: 'First page' | 'Previous page' | 'Next page' | 'Last page'): Locator {
    return pager.getByRole('button', { name });
  }

  /** Sorts the documents table by a column (its header's button); again flips the order. */
  async sortDocuments(header: string): Promise<void> {
    await this.documents.getByRole('columnheader', { name: header }).getByRole('button').click();
    await this.documentsSettled(await this.documentsFilter.inputValue()).waitFor();
  }

  /** Rows with data cells (the header row has only column headers). */
  get documentRows(): Locator {
    return this.documents.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  /** The import panel's file input ("Choose files"). */
  get fileInput(): Locator {
    return this.page.getByLabel('Choose files');
  }

  /** Shows the Import section and picks files (absolute paths) for the review list. */
  async chooseFiles(paths: string[]): Promise<void> {
    await this.show('import');
    await this.fileInput.setInputFiles(paths);
  }

  /** "Import N articles". */
  get importButton(): Locator {
    return this.page.getByRole('button', { name: /^Import \d+ articles?$/ });
  }

  /** "Import name.jsonl.gz" (or "Import N articles and name.jsonl.gz"): starts an import of streamed files. */
  importFileButton(name: string): Locator {
    return this.page.getByRole('button', {
      name: new RegExp(`^Import (\\d+ articles? and )?${name.replace(/\./g, '\\.')}$`),
    });
  }

  /** While a streamed import runs: bytes read, articles added, time left. */
  get streamProgress(): Locator {
    return this.page.getByTestId('stream-progress');
  }

  /** How the import run from this page ended (cancelled, failed). */
  get importOutcome(): Locator {
    return this.page.locator('section[aria-labelledby="import-title"] > p.alert');
  }

  /** Storage panel: the last import in one sentence. */
  get lastImport(): Locator {
    return this.page.getByTestId('last-import');
  }

  /** `<progress aria-label="Import progress">` while an import runs. */
  get importProgress(): Locator {
    return this.page.getByRole('progressbar', { name: 'Import progress' });
  }

  /** "Imported N articles …" once an import has finished. */
  get importResult(): Locator {
    return this.page.locator('.import-result');
  }

  /** The per-file problems list. */
  get importProblems(): Locator {
    return this.page.getByRole('list', { name: 'Import problems' });
  }

  /** Storage panel: which corpus answers and its counts. */
  get corpusSource(): Locator {
    return this.page.getByTestId('corpus-source');
  }
}
