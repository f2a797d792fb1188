/**
 * Page objects for the Firefox smoke test (puppeteer-core over WebDriver BiDi):
 * a web page with Dossier's marks and popover, the popup, the options page
 * and the reader. Names count as marked when the extension itself says so
 * (the popup's "On this page", which asks the tab's content script), or when
 * hovering one opens its card; never by reading how marks are painted.
 */
import type { Browser, Frame, Page } from 'puppeteer-core';
import { navigate, type FirefoxSession } from './firefox';

/** Polls `check` every 100 ms until it returns a value other than null/false, or throws after `timeout` ms. */
export async function waitFor<T>(what: string, check: () => Promise<T | null | false>, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The centre of the first visible whole-word occurrence of `text` in the page, in viewport pixels. */
async function textPoint(page: Page, text: string): Promise<{ x: number; y: number } | null> {
  // A string, not a function: tsx wraps inner functions in a helper the page does not have.
  return page.evaluate<[], () => { x: number; y: number } | null>(`(() => {
    const text = ${JSON.stringify(text)};
    const word = (ch) => ch !== undefined && /[\\p{L}\\p{N}_]/u.test(ch);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue || '';
      for (let at = value.indexOf(text); at >= 0; at = value.indexOf(text, at + 1)) {
        if (word(value[at - 1]) || word(value[at + text.length])) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        range.startContainer.parentElement.scrollIntoView({ block: 'center' });
        const rect = range.getClientRects()[0];
        if (rect && rect.width > 0) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  })()`);
}

/** The popover's frame while it shows a card (its dialog rendered), or null. */
async function cardFrame(page: Page): Promise<Frame | null> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const isCard = await frame
      .evaluate(`location.href.includes('/popover.html') && !!document.querySelector('main[role="dialog"] h1')`)
      .catch(() => false);
    if (isCard) return frame;
  }
  return null;
}

/** The hover card, read from inside its extension frame. */
export class Card {
  constructor(readonly frame: Frame) {}

  /** The entity's name (the card's `<h1>`). */
  heading(): Promise<string> {
    return this.frame.$eval('main[role="dialog"] h1', (h) => (h as HTMLElement).innerText.trim());
  }

  /** The texts of the quotes (`section[aria-label=Quotes] blockquote p`). */
  quotes(): Promise<string[]> {
    return this.frame.$$eval('section[aria-label="Quotes"] blockquote p', (ps) =>
      ps.map((p) => (p as HTMLElement).innerText.trim()),
    );
  }

  /**
   * Clicks the first quote's "Open in reader" with the mouse, at its place on
   * the page. Not `ElementHandle.click()`: for an element in a child frame it
   * asks BiDi for the frame's element with a locator Firefox 140 lacks.
   */
  async openFirstQuoteInReader(): Promise<void> {
    const inFrame = (await this.frame.evaluate(`(() => {
      const button = document.querySelector('section[aria-label="Quotes"] button.open');
      if (!button) return null;
      button.scrollIntoView({ block: 'center' });
      const r = button.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    })()`)) as { x: number; y: number } | null;
    if (!inFrame) throw new Error('the card has no "Open in reader" under its quotes');
    const page = this.frame.page();
    const box = await cardBox(page);
    if (!box) throw new Error('the card is not visible on the page');
    await page.mouse.move(box.x + inFrame.x, box.y + inFrame.y, { steps: 3 });
    await page.mouse.click(box.x + inFrame.x, box.y + inFrame.y);
  }
}

/**
 * Where the card shows on the page (its top-left corner, viewport pixels), or
 * null when nothing shows. Found as a user would see it: the page's own
 * hit-testing (`elementFromPoint`) lands on the card's host, a custom element
 * (the card's frame is inside its closed shadow root, out of reach); a hidden
 * card is not hit. The demo pages have no custom elements of their own.
 */
export async function cardBox(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate<[], () => { x: number; y: number } | null>(`(() => {
    const onCard = (x, y) => (document.elementFromPoint(x, y)?.tagName ?? '').includes('-');
    for (let y = 0; y < innerHeight; y += 8) {
      for (let x = 0; x < innerWidth; x += 8) {
        if (!onCard(x, y)) continue;
        let left = x;
        let top = y;
        while (left > 0 && onCard(left - 1, y)) left--;
        while (top > 0 && onCard(left, top - 1)) top--;
        return { x: left, y: top };
      }
    }
    return null;
  })()`);
}

/** A web page in a tab, where Dossier marks names. */
export class ArticleTab {
  constructor(readonly page: Page) {}

  /**
   * Rests the mouse on `name` until its card shows (the page is scanned in
   * idle time after load, so the first tries may find no mark yet).
   * @throws when the name is not on the page or no card opens within 15 s.
   */
  async hover(name: string): Promise<Card> {
    const frame = await waitFor(
      `a card after hovering "${name}"`,
      async () => {
        const point = await textPoint(this.page, name);
        if (!point) throw new Error(`"${name}" is not on ${this.page.url()}`);
        // Arrive from elsewhere so that the content script sees real pointer moves.
        await this.page.mouse.move(point.x - 40, point.y + 40);
        await this.page.mouse.move(point.x, point.y, { steps: 5 });
        const deadline = Date.now() + 2500;
        while (Date.now() < deadline) {
          const card = await cardFrame(this.page);
          const heading = card ? await new Card(card).heading() : '';
          if (card && heading.includes(name.split(' ').pop()!) && (await cardBox(this.page))) return card;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return null;
      },
      15_000,
    );
    return new Card(frame);
  }

  /** Whether a card shows on the page now: the page sees it (see {@link cardBox}) and it renders a card. */
  async cardShowing(): Promise<boolean> {
    return (await cardBox(this.page)) !== null && (await cardFrame(this.page)) !== null;
  }
}

/** An extension page in its own tab (popup, options, reader). */
export class ExtensionTab {
  constructor(
    readonly page: Page,
    readonly session: FirefoxSession,
  ) {}

  async open(path: string): Promise<this> {
    await navigate(this.page, this.session.extensionUrl(path));
    return this;
  }

  /** Inner texts of the elements that match `selector`. */
  texts(selector: string): Promise<string[]> {
    return this.page.$$eval(selector, (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
  }
}

/** The toolbar popup's page, opened in a tab: it reports on the active tab, so open it while another tab is active. */
export class PopupTab extends ExtensionTab {
  /**
   * The names in "On this page" (without their counts), once the list has some. `timeout`: longer
   * right after an import, while the background loads the new corpus (seconds on a loaded machine).
   */
  onPageNames(timeout?: number): Promise<string[]> {
    return waitFor(
      'names in "On this page"',
      async () => {
        const names = await this.texts('[aria-label="Names on this page"] button');
        return names.length ? names.map((n) => n.replace(/\s*\d+$/, '')) : null;
      },
      timeout,
    );
  }

  /** Types a query in the search box and returns the results' texts once there are some. */
  async search(query: string): Promise<string[]> {
    await this.page.bringToFront();
    const box = await waitFor('the search box', () => this.page.$('input[type="search"]'));
    await box.click();
    await box.type(query);
    return waitFor(`results for "${query}"`, async () => {
      const results = await this.texts('[aria-label="Results"] li');
      return results.length ? results : null;
    });
  }
}

/** The options page. */
export class OptionsTab extends ExtensionTab {
  /** Shows one section of the page (`#import`, `#corpus`…), as its navigation link does. */
  async show(section: string): Promise<void> {
    await this.page.evaluate((id) => {
      location.hash = id;
    }, section);
    await waitFor(`the ${section} section`, () =>
      this.page.$eval(`[data-section="${section}"]`, (el) => !(el as HTMLElement).hidden).catch(() => false),
    );
  }

  /** The titles in the documents table (the Corpus section), once it has rows. */
  async documentTitles(min = 1): Promise<string[]> {
    await this.show('corpus');
    return waitFor(`at least ${min} documents listed`, async () => {
      // The title cell also shows the source on a line of its own.
      const cells = await this.texts('table[aria-label="Documents"] tr:has(td) > :first-child');
      const titles = cells.map((cell) => cell.split('\n')[0]!.trim());
      return titles.length >= min ? titles : null;
    });
  }

  /**
   * Picks `file` in "Choose files", presses `button` ("Import 1 article"; "Import <file name>" for a
   * streamed `.jsonl.gz`) and waits for the result.
   * @returns the import's result line ("Imported 1 article …").
   */
  async importFile(file: string, timeout = 180_000, button_ = 'Import 1 article'): Promise<string> {
    await this.show('import');
    const input = await waitFor('the file input', () => this.page.$('input[type="file"]'));
    await input.uploadFile(file);
    const button = await waitFor(`"${button_}"`, async () => {
      for (const b of await this.page.$$('button.primary')) {
        if ((await b.evaluate((e) => e.textContent?.trim())) === button_) return b;
      }
      return null;
    });
    await button.click();
    try {
      return await waitFor(
        'the import result',
        async () => {
          const [result] = await this.texts('.import-result, .import-progress ~ [role="alert"], [role="alert"]');
          return result ? result : null;
        },
        timeout,
      );
    } catch (error) {
      // Say where it stood: the progress line tells a hung read from a slow write.
      const shown = await this.texts('.import-progress, [role="status"], [aria-live]').catch(() => []);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${message}; the import panel shows: ${shown.filter(Boolean).join(' | ') || 'nothing'}`);
    }
  }
}

/** A tab whose document is the extension page `path` (e.g. `/reader.html`), once one is open. */
export function findExtensionTab(browser: Browser, path: string, timeout = 10_000): Promise<Page> {
  return waitFor(
    `a tab with ${path}`,
    async () => {
      for (const page of await browser.pages()) {
        const href = await page.evaluate('location.href').catch(() => '');
        if (typeof href === 'string' && href.startsWith('moz-extension:') && new URL(href).pathname === path)
          return page;
      }
      return null;
    },
    timeout,
  );
}
