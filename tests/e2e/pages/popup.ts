/**
 * Page object for the toolbar popup (`popup.html`), opened as a tab.
 */
import type { Locator, Page } from '@playwright/test';

/** The popup's search UI. */
export class PopupPage {
  constructor(
    readonly page: Page,
    readonly extensionId: string,
  ) {}

  /** Navigates the tab to the popup page. */
  async open(): Promise<this> {
    await this.page.goto(`chrome-extension://${this.extensionId}/popup.html`);
    await this.searchbox.waitFor();
    return this;
  }

  get searchbox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search the corpus' });
  }

  /** `<ul aria-label="Results">` (or any list so named). */
  get results(): Locator {
    return this.page.getByRole('list', { name: 'Results' });
  }

  get resultItems(): Locator {
    return this.results.getByRole('listitem');
  }

  /** The "On this page" list of names marked in the active tab. */
  get onPageNames(): Locator {
    return this.page.getByRole('list', { name: 'Names on this page' }).getByRole('button');
  }

  /** The per-site switch ("On <host>"). */
  siteSwitch(host: string): Locator {
    return this.page.getByRole('checkbox', { name: `On ${host}` });
  }

  /** Types a query; results update as the user types, Enter must not be needed. */
  async search(query: string): Promise<void> {
    await this.searchbox.fill(query);
  }
}
