/**
 * Page object for the hover popover: an extension-origin iframe
 * (`popover.html`) inside a closed shadow root on the host page.
 */
import type { Frame, Locator, Page } from '@playwright/test';
import { hoverText, isPopoverShowing, visiblePopoverFrame } from '../support/hover';
import type { HoverTextOptions } from '../support/hover';

/** The popover's content, read from inside its frame. */
export class Popover {
  constructor(readonly frame: Frame) {}

  /** `<main role="dialog" aria-label="<entity name>">`. */
  get dialog(): Locator {
    return this.frame.getByRole('dialog');
  }

  /** The entity's name (`<h1>`). */
  get heading(): Locator {
    return this.frame.getByRole('heading', { level: 1 });
  }

  /** "person", "organization" or "place". */
  get type(): Locator {
    return this.frame.locator('[data-field="type"]');
  }

  get description(): Locator {
    return this.frame.locator('[data-field="description"]');
  }

  /** `<section aria-label="Quotes">`. */
  get quotes(): Locator {
    return this.frame.getByRole('region', { name: 'Quotes' });
  }

  /** The quotes' `<blockquote>`s. */
  get quoteItems(): Locator {
    return this.quotes.locator('blockquote');
  }

  get statements(): Locator {
    return this.frame.getByRole('region', { name: 'Statements' });
  }

  get passages(): Locator {
    return this.frame.getByRole('region', { name: 'Passages' });
  }

  /** Everything the popover shows, as text (to check that a page cannot read it). */
  async text(): Promise<string> {
    return this.frame.evaluate(() => document.body.innerText);
  }
}

/** Hovering names on a host page and finding the popover they open. */
export class PopoverHost {
  constructor(readonly page: Page) {}

  /**
   * Hovers `text` and waits until the popover is shown: its iframe visible on
   * the page and its dialog visible inside.
   * @throws when the text is not on the page or no popover shows.
   */
  async open(text: string, options: HoverTextOptions = {}): Promise<Popover> {
    await hoverText(this.page, text, options);
    return new Popover(await visiblePopoverFrame(this.page));
  }

  /**
   * True when a popover is shown. The frame may be kept around hidden, so its
   * existence alone does not mean "open".
   */
  isOpen(): Promise<boolean> {
    return isPopoverShowing(this.page);
  }
}
