import { describe, expect, it, vi } from 'vitest';
import type { NameEntry, Payload } from '../messages/protocol';
import { compileMatcher } from '../page/matcher';
import {
  dropPageMatcher,
  offerPageCompiler,
  pageMatcher,
  PAGE_COMPILER_KEY,
  PAGE_MATCHER_KEY,
  type Compile,
  type NamesSend,
} from './page-matcher';

const NAMES: NameEntry[] = [{ text: 'Sergey Lavrov', entityId: 'e1', type: 'person' }];

/** One `names.get` a frame sent: which frame, and whether it only checked the version. */
interface Ask {
  frame: string;
  payload: Payload<'names.get'>;
}

/** A background answering `names.get` for a corpus whose version and names the test may change. */
function background(names = NAMES) {
  const corpus = { version: 'v1', names };
  const asked: Ask[] = [];
  /** `names.get` as the frame called `frame` sends it (the sender's frame is what the test checks). */
  const sendFrom =
    (frame: string): NamesSend =>
    async (payload) => {
      asked.push({ frame, payload });
      await Promise.resolve();
      if (payload.knownVersion === corpus.version) return { unchanged: true, version: corpus.version };
      return { version: corpus.version, names: corpus.names, from: 0, next: null };
    };
  /** The frames that fetched the names (asked without a known version). */
  const fetchedBy = () => asked.filter((a) => !a.payload.knownVersion).map((a) => a.frame);
  return { corpus, asked, sendFrom, fetchedBy };
}

/** A top window and child frames as the content scripts' world sees them (plain objects). */
function page() {
  const top = {} as Window & { top: Window };
  top.top = top;
  const child = () => ({ top }) as unknown as Window;
  return { top, child };
}

const counting = () => {
  const compile = vi.fn<Compile>((table, caseSensitive) =>
    Promise.resolve(compileMatcher(table.names, { caseSensitive })),
  );
  return compile;
};

/** A page whose top frame's engine has started and offered its compiler. */
function startedPage(bg: ReturnType<typeof background>, compile: Compile) {
  const p = page();
  offerPageCompiler(p.top, bg.sendFrom('top'), compile);
  return p;
}

describe('pageMatcher', () => {
  it('compiles once per page: a second frame checks the version and reuses the first one', async () => {
    const bg = background();
    const compile = counting();
    const { top, child } = startedPage(bg, compile);
    const first = await pageMatcher(top, false, bg.sendFrom('top'), { compile });
    const second = await pageMatcher(child(), false, bg.sendFrom('child'), { compile });
    expect(compile).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(bg.asked).toEqual([
      { frame: 'top', payload: {} },
      { frame: 'child', payload: { knownVersion: 'v1' } },
    ]);
    expect(second!.findAll('Sergey Lavrov spoke.')).toHaveLength(1);
  });

  it('frames that start together share one compile, made in the top frame', async () => {
    const bg = background();
    const compile = counting();
    const { top, child } = startedPage(bg, compile);
    const [b, c, a] = await Promise.all([
      pageMatcher(child(), false, bg.sendFrom('child 1'), { compile }),
      pageMatcher(child(), false, bg.sendFrom('child 2'), { compile }),
      pageMatcher(top, false, bg.sendFrom('top'), { compile }),
    ]);
    expect(compile).toHaveBeenCalledTimes(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(bg.fetchedBy()).toEqual(['top']);
  });

  // The CI flake of session 9: a child frame that got here before the top frame compiled for the page itself.
  it('a child frame that shows text before the top frame has the top frame compile, not itself', async () => {
    const bg = background();
    const compile = counting();
    const { top, child } = startedPage(bg, compile);
    const early = await pageMatcher(child(), false, bg.sendFrom('child'), { compile });
    expect(bg.fetchedBy()).toEqual(['top']);
    const topMatcher = await pageMatcher(top, false, bg.sendFrom('top'), { compile });
    expect(topMatcher).toBe(early);
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('a child frame that starts before the top frame’s engine waits for its compiler', async () => {
    const bg = background();
    const compile = counting();
    const { top, child } = page();
    const early = pageMatcher(child(), false, bg.sendFrom('child'), { compile, waitForTopMs: 10_000 });
    const other = pageMatcher(child(), false, bg.sendFrom('child 2'), { compile, waitForTopMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(bg.asked).toEqual([]);
    offerPageCompiler(top, bg.sendFrom('top'), compile);
    const [a, b] = await Promise.all([early, other]);
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(bg.fetchedBy()).toEqual(['top']);
    expect(compile).toHaveBeenCalledTimes(1);
    expect((top as unknown as Record<string, { waiters: unknown[] }>)[PAGE_COMPILER_KEY]!.waiters).toEqual([]);
  });

  it('without a top frame engine (or in Firefox), a child frame compiles its own after the wait, unshared', async () => {
    vi.useFakeTimers();
    try {
      const bg = background();
      const compile = counting();
      const { top, child } = page();
      const own = pageMatcher(child(), false, bg.sendFrom('child'), { compile, waitForTopMs: 5000 });
      await vi.advanceTimersByTimeAsync(4999);
      expect(bg.asked).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(await own).not.toBeNull();
      expect(bg.fetchedBy()).toEqual(['child']);
      expect((top as unknown as Record<string, unknown>)[PAGE_MATCHER_KEY]).toBeUndefined();
      // A top engine that comes later is not handed a stale waiter.
      expect((top as unknown as Record<string, { waiters: unknown[] }>)[PAGE_COMPILER_KEY]!.waiters).toEqual([]);
      // No wait at all where the top frame's compiler can never be seen (Firefox).
      expect(await pageMatcher(child(), false, bg.sendFrom('child 2'), { compile, waitForTopMs: 0 })).not.toBeNull();
      expect(bg.fetchedBy()).toEqual(['child', 'child 2']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a child frame compiles its own when the top frame’s compiler fails (an orphaned top script)', async () => {
    const bg = background();
    const compile = counting();
    const { child, top } = page();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    offerPageCompiler(top, () => Promise.reject(new Error('Extension context invalidated.')), compile);
    const own = await pageMatcher(child(), false, bg.sendFrom('child'), { compile });
    expect(own!.findAll('Sergey Lavrov spoke.')).toHaveLength(1);
    expect(bg.fetchedBy()).toEqual(['child']);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('top frame could not compile'),
      'Extension context invalidated.',
    );
    warn.mockRestore();
  });

  it('compiles again (in the top frame) when the corpus changed or the case setting differs', async () => {
    const bg = background();
    const compile = counting();
    const { top, child } = startedPage(bg, compile);
    const first = await pageMatcher(top, false, bg.sendFrom('top'), { compile });
    bg.corpus.version = 'v2';
    bg.corpus.names = [{ text: 'John Kerry', entityId: 'e2', type: 'person' }];
    const changed = await pageMatcher(child(), false, bg.sendFrom('child'), { compile });
    expect(changed).not.toBe(first);
    expect(changed!.findAll('John Kerry and Sergey Lavrov')).toHaveLength(1);
    const strict = await pageMatcher(child(), true, bg.sendFrom('child'), { compile });
    expect(strict).not.toBe(changed);
    expect(compile).toHaveBeenCalledTimes(3);
    expect(bg.fetchedBy()).toEqual(['top', 'top', 'top']);
  });

  it('gives null for an empty corpus, and a failed compile is not shared', async () => {
    const { top } = page();
    expect(await pageMatcher(top, false, background([]).sendFrom('top'), { compile: counting() })).toBeNull();
    const failing = vi.fn<Compile>(() => Promise.reject(new Error('boom')));
    await expect(pageMatcher(top, false, background().sendFrom('top'), { compile: failing })).rejects.toThrow('boom');
    expect((top as unknown as Record<string, unknown>)[PAGE_MATCHER_KEY]).toBeUndefined();
    const compile = counting();
    expect(await pageMatcher(top, false, background().sendFrom('top'), { compile })).not.toBeNull();
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it('keeps to its own frame when the top window is out of reach, and forgets on drop', async () => {
    const own = {} as Window;
    Object.defineProperty(own, 'top', {
      get: () =>
        new Proxy(
          {},
          {
            get: () => {
              throw new DOMException('Blocked a frame', 'SecurityError');
            },
          },
        ),
    });
    await pageMatcher(own, false, background().sendFrom('own'), { compile: counting() });
    expect((own as unknown as Record<string, unknown>)[PAGE_MATCHER_KEY]).toBeDefined();

    const bg = background();
    const { top, child } = startedPage(bg, counting());
    await pageMatcher(top, false, bg.sendFrom('top'), { compile: counting() });
    dropPageMatcher(top);
    expect((top as unknown as Record<string, unknown>)[PAGE_MATCHER_KEY]).toBeUndefined();
    // Nor is the dropped top frame's compiler offered any more: a child frame compiles its own.
    const compile = counting();
    await pageMatcher(child(), false, bg.sendFrom('child'), { compile, waitForTopMs: 0 });
    expect(bg.fetchedBy()).toEqual(['top', 'child']);
  });
});
