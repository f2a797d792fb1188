/**
 * Cards being read, for their "N more in the corpus" pages (`card.more`):
 * each card answer leaves its order and what it showed here under a random
 * token bound to whoever asked (a popover frame's tab, or the extension's
 * pages), so that a further page costs one page, keeps the order the page's
 * context gave (the context itself stays in the background) and skips what
 * was shown. In memory: a worker restart only means opening the card again.
 */
import type { CardState } from '../query/card';
import type { CorpusQuery } from '../query/corpus-query';
import { randomToken } from './popover-grants';
import type { Caller } from './sender';

/** How long a card's pages stay available after its last use, ms. */
export const CARD_SESSION_TTL_MS = 30 * 60_000;
/** Cards kept at once; the least recently used go first. */
export const MAX_CARD_SESSIONS = 64;

interface Session {
  owner: string;
  /** Held weakly: a card must not keep a replaced corpus in memory. */
  corpus: WeakRef<CorpusQuery>;
  state: CardState;
  expires: number;
}

/** Who a card belongs to: the popover frame's tab or the extension's own pages; null for anyone else. */
export function cardOwner(caller: Caller): string | null {
  if (caller.kind === 'popover-frame') return `tab:${caller.tabId}`;
  if (caller.kind === 'extension-page') return 'extension';
  return null;
}

/** The open cards. */
export class CardSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly random: () => string = randomToken,
  ) {}

  /** Keeps a card's state for `owner`; returns its token. */
  open(owner: string, corpus: CorpusQuery, state: CardState): string {
    this.prune();
    while (this.sessions.size >= MAX_CARD_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    const token = this.random();
    this.sessions.set(token, { owner, corpus: new WeakRef(corpus), state, expires: this.now() + CARD_SESSION_TTL_MS });
    return token;
  }

  /**
   * The state of the card `token` names, when `owner` opened it, it is still in use and `corpus` is the
   * corpus it was made from (an import or edit since makes its rows mean something else); else null.
   */
  get(token: string, owner: string, corpus: CorpusQuery): CardState | null {
    const session = this.sessions.get(token);
    if (!session || session.owner !== owner) return null;
    if (session.expires <= this.now() || session.corpus.deref() !== corpus) {
      this.sessions.delete(token);
      return null;
    }
    // Most recently used last, so that the cap drops the oldest.
    this.sessions.delete(token);
    session.expires = this.now() + CARD_SESSION_TTL_MS;
    this.sessions.set(token, session);
    return session.state;
  }

  /** Cards held (for tests). */
  get size(): number {
    return this.sessions.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [token, s] of this.sessions) if (s.expires <= now) this.sessions.delete(token);
  }
}
