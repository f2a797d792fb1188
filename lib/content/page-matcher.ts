/**
 * One compiled matcher per page, not per frame. The first frame of a page to need the names fetches them and
 * compiles the matcher, and leaves the compile (a promise) on the top window as the content scripts' world
 * sees it; every other same-origin frame of the page that passes its gate awaits that same compile and checks
 * that the corpus has not changed since (`names.get` with `knownVersion`: a few bytes, no names), instead of
 * fetching up to 6 MB of names and compiling its own automaton (55–300 ms for 10,000 names).
 *
 * Where it works: Chromium gives every frame's content scripts of one extension the same isolated world, and
 * a frame reaching `window.top` of a same-origin page gets the top window's wrapper *in that world*, with the
 * properties our scripts set on it. Page scripts use another world: they never see the property (tested:
 * tests/e2e/frames.spec.ts). Firefox keeps such properties per frame's sandbox (Xray expandos), so there a
 * frame finds nothing and compiles its own, as before. Never `wrappedJSObject`: that is the page's world.
 */
import type { NameTable, Payload, Reply } from '../messages/protocol';
import { fetchNameTable } from '../messages/names';
import { compileMatcherIdle, type Matcher } from '../page/matcher';

/** A page's shared compile, for one corpus version and case setting. */
export interface SharedMatcher {
  version: string;
  caseSensitive: boolean;
  matcher: Matcher;
}

/** The property of the top window (content scripts' world only) that holds the page's compile. */
export const PAGE_MATCHER_KEY = 'dossierPageMatcher';

type Slot = Record<typeof PAGE_MATCHER_KEY, Promise<SharedMatcher | null> | undefined>;

/** The top window as this frame's content scripts see it, or this frame's own when the top is out of reach. */
function slotOf(win: Window): Slot {
  try {
    const top = win.top as unknown as Slot | null;
    // Reading a property throws for a cross-origin top (the gate never starts such frames; be safe anyway).
    if (top) {
      void top[PAGE_MATCHER_KEY];
      return top;
    }
  } catch {
    // cross-origin: fall through
  }
  return win as unknown as Slot;
}

/** Forgets the page's shared compile (Dossier stopped on the page: its megabytes need not stay). */
export function dropPageMatcher(win: Window): void {
  if (win !== win.top) return;
  (win as unknown as Slot)[PAGE_MATCHER_KEY] = undefined;
}

/** Sends `names.get` (lib/messages/client.ts's `request`, or a stand-in in tests). */
export type NamesSend = (payload: Payload<'names.get'>) => Promise<Reply<'names.get'>>;

/** How {@link pageMatcher} compiles (tests pass a synchronous one). */
export type Compile = (table: NameTable, caseSensitive: boolean) => Promise<Matcher>;

const compileIdle: Compile = (table, caseSensitive) => compileMatcherIdle(table.names, { caseSensitive });

/**
 * The matcher for the current corpus in `win`'s page: the page's shared one when the corpus has not changed
 * since it was compiled, else a new one compiled here (and shared). Null when the corpus has no names.
 */
export async function pageMatcher(
  win: Window,
  caseSensitive: boolean,
  send: NamesSend,
  compile: Compile = compileIdle,
): Promise<Matcher | null> {
  const slot = slotOf(win);
  const prior = slot[PAGE_MATCHER_KEY];
  if (prior) {
    const shared = await prior.catch(() => null);
    if (shared && shared.caseSensitive === caseSensitive) {
      const reply = await send({ knownVersion: shared.version });
      if ('unchanged' in reply) return shared.matcher;
    }
  }
  const mine = (async (): Promise<SharedMatcher | null> => {
    const table = await fetchNameTable(send);
    if (table.names.length === 0) return null;
    return { version: table.version, caseSensitive, matcher: await compile(table, caseSensitive) };
  })();
  // A frame that starts while this compile runs awaits it rather than starting its own.
  slot[PAGE_MATCHER_KEY] = mine;
  mine.catch(() => {
    if (slot[PAGE_MATCHER_KEY] === mine) slot[PAGE_MATCHER_KEY] = undefined;
  });
  return (await mine)?.matcher ?? null;
}
