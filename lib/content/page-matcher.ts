/**
 * One compiled matcher per page, not per frame, and always compiled in the top frame. The top frame's engine
 * leaves two things on its window as the content scripts' world sees it: the page's compile (a promise, with
 * the corpus version and case setting it is for) and a compiler, a function that fetches the names and
 * compiles in the top frame's own realm. A same-origin child frame that passes its gate reuses the page's
 * compile when there is one and the corpus has not changed since (`names.get` with `knownVersion`: a few
 * bytes, no names); else it asks the top frame's compiler. So no child frame fetches up to 6 MB of names or
 * compiles its own automaton (55–300 ms for 10,000 names), whichever frame shows text first.
 *
 * Why the top frame's realm, whatever frame needs it first: a compile run in a child frame lives in that
 * frame's realm (its idle callbacks, its messaging). Shared from there (session 8), a child frame that was
 * removed mid-compile left every other frame awaiting a compile that never ends, and a child frame that got
 * there before the top frame compiled for the page while the top frame reused it (the CI flake of session 9).
 * The top frame's engine is declared in the manifest (run_at document_idle), so it may start after a child
 * frame: a child frame then waits for the top frame's compiler, at most {@link TOP_WAIT_MS}, and compiles for
 * itself only if the top frame's engine never comes or its compiler fails (the extension was updated and the
 * top frame's script is orphaned).
 *
 * Where it works: Chromium gives every frame's content scripts of one extension the same isolated world, and
 * a frame reaching `window.top` of a same-origin page gets the top window's wrapper *in that world*, with the
 * properties our scripts set on it. Page scripts use another world: they never see the properties (tested:
 * tests/e2e/frames.spec.ts). Firefox keeps such properties per frame's sandbox (Xray expandos), so there a
 * frame finds nothing, waits for nothing and compiles its own, as before. Never `wrappedJSObject`: that is
 * the page's world.
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

/** The property of the top window (content scripts' world only) where the top frame offers its compiler. */
export const PAGE_COMPILER_KEY = 'dossierPageCompiler';

/** How long a child frame waits for the top frame's engine to offer its compiler (Chromium). */
export const TOP_WAIT_MS = 5000;

/** Compiles the page's matcher in the top frame's realm, or reuses the page's compile. Null: no names. */
export type PageCompiler = (caseSensitive: boolean) => Promise<SharedMatcher | null>;

/** Where the top frame's compiler is found, and the child frames that wait for it. */
interface CompilerDesk {
  compiler: PageCompiler | null;
  waiters: ((compiler: PageCompiler) => void)[];
}

interface Slot {
  [PAGE_MATCHER_KEY]?: Promise<SharedMatcher | null>;
  [PAGE_COMPILER_KEY]?: CompilerDesk;
}

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

/** Forgets the page's shared compile and compiler (Dossier stopped on the page: its megabytes need not stay). */
export function dropPageMatcher(win: Window): void {
  if (win !== win.top) return;
  const slot = win as unknown as Slot;
  slot[PAGE_MATCHER_KEY] = undefined;
  const desk = slot[PAGE_COMPILER_KEY];
  if (desk) desk.compiler = null;
}

/** Sends `names.get` (lib/messages/client.ts's `request`, or a stand-in in tests). */
export type NamesSend = (payload: Payload<'names.get'>) => Promise<Reply<'names.get'>>;

/** How {@link pageMatcher} compiles (tests pass a synchronous one). */
export type Compile = (table: NameTable, caseSensitive: boolean) => Promise<Matcher>;

const compileIdle: Compile = (table, caseSensitive) => compileMatcherIdle(table.names, { caseSensitive });

/** Fetches the names and compiles them here, in the calling frame's realm. */
async function compileHere(caseSensitive: boolean, send: NamesSend, compile: Compile): Promise<SharedMatcher | null> {
  const table = await fetchNameTable(send);
  if (table.names.length === 0) return null;
  return { version: table.version, caseSensitive, matcher: await compile(table, caseSensitive) };
}

/** `prior` when it is for `caseSensitive` and the corpus has not changed since (asked with `send`). */
async function reusable(
  prior: Promise<SharedMatcher | null>,
  caseSensitive: boolean,
  send: NamesSend,
): Promise<SharedMatcher | null> {
  const shared = await prior.catch(() => null);
  if (!shared || shared.caseSensitive !== caseSensitive) return null;
  const reply = await send({ knownVersion: shared.version });
  return 'unchanged' in reply ? shared : null;
}

/** Times a caller looks again at a page's compile that another caller replaced while it checked it. */
const RECHECKS = 3;

/** The page's compile when reusable, else a new one compiled in this realm and left in `slot` for the page. */
async function sharedMatcher(
  slot: Slot,
  caseSensitive: boolean,
  send: NamesSend,
  compile: Compile,
): Promise<SharedMatcher | null> {
  for (let round = 0; round < RECHECKS; round++) {
    const prior = slot[PAGE_MATCHER_KEY];
    if (!prior) break;
    const reused = await reusable(prior, caseSensitive, send);
    if (reused) return reused;
    // Stale or for the other case setting; compile, unless another caller already replaced it meanwhile.
    if (slot[PAGE_MATCHER_KEY] === prior) break;
  }
  // Set before any await: a frame that starts while this compile runs awaits it rather than starting its own.
  const mine = compileHere(caseSensitive, send, compile);
  slot[PAGE_MATCHER_KEY] = mine;
  mine.catch(() => {
    if (slot[PAGE_MATCHER_KEY] === mine) slot[PAGE_MATCHER_KEY] = undefined;
  });
  return mine;
}

/**
 * Offers the top frame's compiler to the page's child frames (and hands it to those already waiting). Called
 * by the top frame's engine as it starts, before its own gate: a child frame may show text long before the
 * top frame does. Nothing is fetched or compiled until a frame asks. No-op in a child frame.
 */
export function offerPageCompiler(win: Window, send: NamesSend, compile: Compile = compileIdle): void {
  if (win !== win.top) return;
  const slot = win as unknown as Slot;
  const compiler: PageCompiler = (caseSensitive) => sharedMatcher(slot, caseSensitive, send, compile);
  const desk = (slot[PAGE_COMPILER_KEY] ??= { compiler: null, waiters: [] });
  desk.compiler = compiler;
  for (const waiter of desk.waiters.splice(0)) {
    try {
      waiter(compiler);
    } catch {
      // a waiter of a frame that is gone
    }
  }
}

/** The top frame's compiler, waiting at most `waitMs` for the top frame's engine to offer it. */
function topCompiler(slot: Slot, waitMs: number): Promise<PageCompiler | null> {
  const desk = (slot[PAGE_COMPILER_KEY] ??= { compiler: null, waiters: [] });
  if (desk.compiler || waitMs <= 0) return Promise.resolve(desk.compiler);
  return new Promise((resolve) => {
    const waiter = (compiler: PageCompiler) => {
      clearTimeout(timer);
      resolve(compiler);
    };
    const timer = setTimeout(() => {
      const at = desk.waiters.indexOf(waiter);
      if (at >= 0) desk.waiters.splice(at, 1);
      resolve(null);
    }, waitMs);
    desk.waiters.push(waiter);
  });
}

/** Options of {@link pageMatcher}. */
export interface PageMatcherOptions {
  /** How a frame compiles when it must (tests pass a synchronous one). */
  compile?: Compile;
  /** How long a child frame waits for the top frame's compiler; 0 in Firefox, where it can never see it. */
  waitForTopMs?: number;
}

/**
 * The matcher for the current corpus in `win`'s page: the page's shared one when the corpus has not changed
 * since it was compiled, else a new one, compiled in the top frame (and shared). A child frame compiles its own
 * only when the top frame's compiler is out of reach (Firefox, an orphaned or absent top engine). Null when
 * the corpus has no names.
 */
export async function pageMatcher(
  win: Window,
  caseSensitive: boolean,
  send: NamesSend,
  options: PageMatcherOptions = {},
): Promise<Matcher | null> {
  const compile = options.compile ?? compileIdle;
  const slot = slotOf(win);
  // The top frame, or a frame whose top is out of reach: compile here and share.
  if (slot === (win as unknown as Slot))
    return (await sharedMatcher(slot, caseSensitive, send, compile))?.matcher ?? null;
  const prior = slot[PAGE_MATCHER_KEY];
  const reused = prior ? await reusable(prior, caseSensitive, send) : null;
  if (reused) return reused.matcher;
  const compiler = await topCompiler(
    slot,
    options.waitForTopMs ?? (import.meta.env.BROWSER === 'firefox' ? 0 : TOP_WAIT_MS),
  );
  if (compiler) {
    try {
      return (await compiler(caseSensitive))?.matcher ?? null;
    } catch (error) {
      console.warn(
        'Dossier: the top frame could not compile the names; this frame compiles its own:',
        error instanceof Error ? error.message : error,
      );
    }
  }
  // Not shared: a compile in this frame's realm ends with this frame.
  return (await compileHere(caseSensitive, send, compile))?.matcher ?? null;
}
