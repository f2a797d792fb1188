import { describe, expect, it, vi } from 'vitest';
import type { NameEntry, Payload, Reply } from '../messages/protocol';
import { compileMatcher } from '../page/matcher';
import { dropPageMatcher, pageMatcher, PAGE_MATCHER_KEY, type Compile } from './page-matcher';

const NAMES: NameEntry[] = [{ text: 'Sergey Lavrov', entityId: 'e1', type: 'person' }];

/** A background answering `names.get` for a corpus whose version and names the test may change. */
function background(names = NAMES) {
  const corpus = { version: 'v1', names };
  const asked: Payload<'names.get'>[] = [];
  const send = vi.fn(async (p: Payload<'names.get'>): Promise<Reply<'names.get'>> => {
    asked.push(p);
    await Promise.resolve();
    if (p.knownVersion === corpus.version) return { unchanged: true, version: corpus.version };
    return { version: corpus.version, names: corpus.names, from: 0, next: null };
  });
  return { corpus, asked, send };
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

describe('pageMatcher', () => {
  it('compiles once per page: a second frame checks the version and reuses the first one', async () => {
    const { top, child } = page();
    const bg = background();
    const compile = counting();
    const first = await pageMatcher(top, false, bg.send, compile);
    const second = await pageMatcher(child(), false, bg.send, compile);
    expect(compile).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(bg.asked).toEqual([{}, { knownVersion: 'v1' }]);
    expect(second!.findAll('Sergey Lavrov spoke.')).toHaveLength(1);
  });

  it('frames that start together share one compile', async () => {
    const { top, child } = page();
    const bg = background();
    const compile = counting();
    const [a, b, c] = await Promise.all([
      pageMatcher(top, false, bg.send, compile),
      pageMatcher(child(), false, bg.send, compile),
      pageMatcher(child(), false, bg.send, compile),
    ]);
    expect(compile).toHaveBeenCalledTimes(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('compiles again when the corpus changed or the case setting differs', async () => {
    const { top, child } = page();
    const bg = background();
    const compile = counting();
    const first = await pageMatcher(top, false, bg.send, compile);
    bg.corpus.version = 'v2';
    bg.corpus.names = [{ text: 'John Kerry', entityId: 'e2', type: 'person' }];
    const changed = await pageMatcher(child(), false, bg.send, compile);
    expect(changed).not.toBe(first);
    expect(changed!.findAll('John Kerry and Sergey Lavrov')).toHaveLength(1);
    const strict = await pageMatcher(child(), true, bg.send, compile);
    expect(strict).not.toBe(changed);
    expect(compile).toHaveBeenCalledTimes(3);
  });

  it('gives null for an empty corpus, and a failed compile is not shared', async () => {
    const { top, child } = page();
    expect(await pageMatcher(top, false, background([]).send, counting())).toBeNull();
    const failing = vi.fn<Compile>(() => Promise.reject(new Error('boom')));
    await expect(pageMatcher(child(), false, background().send, failing)).rejects.toThrow('boom');
    const compile = counting();
    expect(await pageMatcher(child(), false, background().send, compile)).not.toBeNull();
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
    await pageMatcher(own, false, background().send, counting());
    expect((own as unknown as Record<string, unknown>)[PAGE_MATCHER_KEY]).toBeDefined();

    const { top } = page();
    await pageMatcher(top, false, background().send, counting());
    dropPageMatcher(top);
    expect((top as unknown as Record<string, unknown>)[PAGE_MATCHER_KEY]).toBeUndefined();
  });
});
