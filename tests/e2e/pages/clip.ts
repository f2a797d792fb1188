/**
 * Page object for "Add this page to Dossier": the section of the toolbar
 * popup (`popup.html`) and the window the context menu opens (`clip.html`).
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { clickToolbarButton } from '../support/toolbar';
import { PopupPage } from './popup';

/** The clip section of a popup or clip window. */
export class ClipSection {
  constructor(readonly page: Page) {}

  /**
   * Opens the popup in a tab beside `article` and makes the article the active tab again, so the popup
   * looks at it as it does when opened from the toolbar (see tests/e2e/page-tools.spec.ts).
   */
  static async popupBeside(context: BrowserContext, article: Page, extensionId: string): Promise<ClipSection> {
    // The user's click on the toolbar button is what lets Dossier read the tab (activeTab).
    await clickToolbarButton(context, article, extensionId);
    const popup = await new PopupPage(await context.newPage(), extensionId).open();
    await article.bringToFront();
    await popup.page.reload();
    await popup.searchbox.waitFor();
    return new ClipSection(popup.page);
  }

  /**
   * Opens the context menu's clip window for the active tab (`article`, brought to the front): a menu
   * click cannot be made from a test, so this opens the page the menu opens, with the tab the menu names.
   */
  static async windowFor(context: BrowserContext, article: Page, extensionId: string): Promise<ClipSection> {
    const helper = await context.newPage();
    await helper.goto(`chrome-extension://${extensionId}/popup.html`);
    await article.bringToFront();
    // The menu click grants activeTab as the toolbar button does.
    await clickToolbarButton(context, article, extensionId);
    const tabId = await helper.evaluate(async () => {
      const { tabs } = (globalThis as unknown as { chrome: { tabs: ChromeTabs } }).chrome;
      interface ChromeTabs {
        query(q: object): Promise<{ id: number }[]>;
      }
      const [tab] = await tabs.query({ active: true, currentWindow: true });
      return tab!.id;
    });
    await helper.goto(`chrome-extension://${extensionId}/clip.html?tab=${tabId}`);
    return new ClipSection(helper);
  }

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Add this page' });
  }

  get startButton(): Locator {
    return this.region.getByRole('button', { name: 'Add this page to Dossier' });
  }

  /** The preview of the article found on the page. */
  get preview(): Locator {
    return this.region.getByRole('article', { name: 'Article to add' });
  }

  get previewTitle(): Locator {
    return this.preview.getByRole('heading', { level: 2 });
  }

  get importButton(): Locator {
    return this.region.getByRole('button', { name: 'Import', exact: true });
  }

  /** Progress, outcome and "already in the corpus" messages. */
  get status(): Locator {
    return this.region.getByRole('status');
  }

  get problem(): Locator {
    return this.region.getByRole('alert');
  }
}
