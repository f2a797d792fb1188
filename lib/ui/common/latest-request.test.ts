import { describe, expect, it } from 'vitest';
import { createLatestRequest } from './latest-request';

/** A send whose answers the test releases by hand, in any order. */
function manualSend() {
  const calls: { question: string; resolve(a: string): void; reject(e: unknown): void }[] = [];
  const send = (question: string) =>
    new Promise<string>((resolve, reject) => calls.push({ question, resolve, reject }));
  return { calls, send };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function recorder() {
  const events: string[] = [];
  return {
    events,
    handlers: {
      answer: (q: string, a: string) => void events.push(`answer ${q}=${a}`),
      error: (q: string, e: unknown) => void events.push(`error ${q}: ${String(e)}`),
      idle: () => void events.push('idle'),
    },
  };
}

describe('createLatestRequest', () => {
  it('asks the first question at once, with no pause', () => {
    const { calls, send } = manualSend();
    const r = createLatestRequest(send, recorder().handlers);
    r.ask('k');
    expect(calls.map((c) => c.question)).toEqual(['k']);
    expect(r.busy()).toBe(true);
  });

  it('folds the questions asked while one is in flight into one, the latest', async () => {
    const { calls, send } = manualSend();
    const rec = recorder();
    const r = createLatestRequest(send, rec.handlers);
    for (const q of ['k', 'ke', 'ker', 'kerr', 'kerry']) r.ask(q);
    expect(calls.map((c) => c.question)).toEqual(['k']);
    calls[0]!.resolve('K');
    await flush();
    // The answer to "k" is not shown: "kerry" was asked since, and is sent now.
    expect(calls.map((c) => c.question)).toEqual(['k', 'kerry']);
    expect(rec.events).toEqual([]);
    calls[1]!.resolve('KERRY');
    await flush();
    expect(rec.events).toEqual(['answer kerry=KERRY', 'idle']);
    expect(r.busy()).toBe(false);
  });

  it('never delivers an older answer after a newer question, even when it comes last', async () => {
    const { calls, send } = manualSend();
    const rec = recorder();
    const r = createLatestRequest(send, rec.handlers);
    r.ask('a');
    calls[0]!.resolve('A');
    await flush();
    r.ask('ab');
    r.ask('abc');
    calls[1]!.resolve('AB');
    await flush();
    calls[2]!.resolve('ABC');
    await flush();
    expect(rec.events).toEqual(['answer a=A', 'idle', 'answer abc=ABC', 'idle']);
  });

  it('drops the answer in flight and the waiting question on cancel', async () => {
    const { calls, send } = manualSend();
    const rec = recorder();
    const r = createLatestRequest(send, rec.handlers);
    r.ask('x');
    r.ask('xy');
    r.cancel();
    calls[0]!.resolve('X');
    await flush();
    expect(calls.map((c) => c.question)).toEqual(['x']);
    expect(rec.events).toEqual(['idle']);
    expect(r.busy()).toBe(false);
  });

  it('delivers a failure of the latest question, and only of it', async () => {
    const { calls, send } = manualSend();
    const rec = recorder();
    const r = createLatestRequest(send, rec.handlers);
    r.ask('bad');
    r.ask('good');
    calls[0]!.reject(new Error('stale failure'));
    await flush();
    calls[1]!.reject(new Error('worker gone'));
    await flush();
    expect(rec.events).toEqual(['error good: Error: worker gone', 'idle']);
  });

  it('treats a send that throws as a failed request and keeps working', async () => {
    let fail = true;
    const rec = recorder();
    const r = createLatestRequest((q: string) => {
      if (fail) throw new Error('no context');
      return Promise.resolve(q.toUpperCase());
    }, rec.handlers);
    r.ask('a');
    await flush();
    fail = false;
    r.ask('b');
    await flush();
    expect(rec.events).toEqual(['error a: Error: no context', 'idle', 'answer b=B', 'idle']);
  });
});
