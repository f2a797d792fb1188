import { describe, expect, it } from 'vitest';
import { compactPack } from '../pack/model';
import { makeTestPack } from '../query/test-pack';
import { buildSearchIndexes, loadNamesIndex } from './records';

const indexesOf = (pack: ReturnType<typeof makeTestPack>, previous?: ReturnType<typeof buildSearchIndexes>) =>
  buildSearchIndexes(compactPack(pack), (n) => pack.documents[n]!.text, previous);

describe('buildSearchIndexes', () => {
  it('reuses the text index when only entities changed, and rebuilds the names index', () => {
    const pack = makeTestPack();
    const before = indexesOf(pack);
    const renamed = { ...pack, entities: pack.entities.map((e) => ({ ...e, name: `${e.name} Junior` })) };
    const after = indexesOf(renamed, before);
    expect(after.text).toBe(before.text);
    expect(loadNamesIndex(after.names).search('junior')).toHaveLength(3);
  });

  it('rebuilds the text index when a document goes', () => {
    const pack = makeTestPack();
    const before = indexesOf(pack);
    const fewer = {
      ...pack,
      documents: pack.documents.slice(0, 1),
      passages: pack.passages.filter((p) => p.docId === 'd1'),
      mentions: pack.mentions.filter((m) => m.docId === 'd1'),
      quotes: pack.quotes.filter((q) => q.docId === 'd1'),
    };
    const after = indexesOf(fewer, before);
    expect(after.textKey).not.toBe(before.textKey);
    expect(after.text.lengths).toHaveLength(1 + 2); // one quote, two passages
  });
});
