/**
 * One-time tokens that tie a popover card to the user's own action in a tab.
 * The content script asks for a token when a trusted hover, key or menu
 * lookup opens a card and hands it to its popover frame over a private
 * channel; the frame trades it for that one card. A page that embeds
 * `popover.html` itself has no token our content script made, so it can ask
 * for nothing: every token it guesses gets the same "not found" as an
 * unknown entity.
 */

/** How long a token waits for its frame, ms: a frame asks within milliseconds. */
export const GRANT_TTL_MS = 10_000;
/** Tokens kept per tab; older ones go first (a user hovers one name at a time). */
export const GRANTS_PER_TAB = 8;

import type { CardContext } from '../messages/protocol';

interface Grant {
  entityId: string;
  /** The words around the name on the page, which the card is ranked by; never sent back to the page. */
  context?: CardContext;
  tabId: number;
  expires: number;
}

/** The tokens of every tab; in memory (a worker restart between grant and card only costs one lookup). */
export class PopoverGrants {
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly random: () => string = randomToken,
  ) {}

  /** A new token for `entityId` in `tabId`, with the page's `context` to rank the card by. */
  grant(entityId: string, tabId: number, context?: CardContext): string {
    this.prune();
    const ofTab = [...this.grants].filter(([, g]) => g.tabId === tabId);
    // Map keeps insertion order: the first are the oldest.
    for (const [token] of ofTab.slice(0, Math.max(0, ofTab.length - GRANTS_PER_TAB + 1))) this.grants.delete(token);
    const token = this.random();
    this.grants.set(token, { entityId, tabId, expires: this.now() + GRANT_TTL_MS, ...(context ? { context } : {}) });
    return token;
  }

  /**
   * The entity `token` was granted for and its context, when it was granted
   * in `tabId` and has not expired; the token is used up either way.
   */
  redeem(token: string, tabId: number): { entityId: string; context?: CardContext } | null {
    const grant = this.grants.get(token);
    if (!grant) return null;
    this.grants.delete(token);
    if (grant.tabId !== tabId || grant.expires <= this.now()) return null;
    return grant.context ? { entityId: grant.entityId, context: grant.context } : { entityId: grant.entityId };
  }

  /** Tokens held (for tests). */
  get size(): number {
    return this.grants.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [token, g] of this.grants) if (g.expires <= now) this.grants.delete(token);
  }
}

/** 128 random bits as 32 hex digits. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
