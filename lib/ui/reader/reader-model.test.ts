import { describe, expect, it } from 'vitest';
import type { DocumentView, QuoteView } from '../../messages/protocol';
import { createReaderModel, parseReaderAddress, passageOfHash } from './reader-model';
import { quotesBySpeaker } from './ReaderView';

const view = {
  document: { id: 'd1', title: 'T', text: 'one. two. three.' },
  passages: [
    { id: 'd1#0', start: 0, end: 4 },
    { id: 'd1#1', start: 5, end: 9 },
    { id: 'd1#2', start: 10, end: 16 },
  ],
  mentions: [],
  quotes: [],
  entities: [],
} as DocumentView;

describe('reader address', () => {
  it('reads #p-N as a passage number', () => {
    expect(passageOfHash('#p-12')).toBe(12);
    expect(passageOfHash('#p-x')).toBeNull();
    expect(parseReaderAddress('?doc=d1', '#p-2')).toEqual({ docId: 'd1', at: null, passage: 2 });
  });

  it('lands on the passage of a #p-N address, over an offset, and follows later changes', async () => {
    const model = createReaderModel(() => Promise.resolve(view));
    await model.load('d1', 0, 2);
    expect(model.state.value).toMatchObject({ status: 'ready', target: 2 });
    model.goTo(1);
    expect(model.state.value).toMatchObject({ target: 1 });
    model.goTo(9);
    expect(model.state.value).toMatchObject({ target: 1 });
    await model.load('d1', 6, 99);
    expect(model.state.value).toMatchObject({ target: 1 });
  });
});

describe('quotes by speaker', () => {
  const q = (id: string, start: number, speaker: string | null): QuoteView => ({
    id,
    text: id,
    kind: 'direct',
    speaker: speaker ? { id: speaker, name: speaker.toUpperCase(), type: 'person' } : null,
    doc: { id: 'd1', title: 'T' },
    start,
  });
  it('groups the most quoted first, unknown speakers last, each in reading order', () => {
    const groups = quotesBySpeaker([q('a2', 30, 'a'), q('u', 1, null), q('b', 5, 'b'), q('a1', 10, 'a')]);
    expect(groups.map((g) => [g.name, g.quotes.map((x) => x.id)])).toEqual([
      ['A', ['a1', 'a2']],
      ['B', ['b']],
      ['Speaker unknown', ['u']],
    ]);
  });
});
