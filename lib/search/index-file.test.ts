import { describe, expect, it } from 'vitest';
import { bundledIndexFile } from '../node/bundled-corpus';
import { fromPackFile, toPackFile } from '../pack/file';
import { compactPack } from '../pack/model';
import { CorpusQuery, partsOfBundledPack } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { fromIndexFile, indexOptionsKey, type SearchIndexFile } from './index-file';

const pack = makeTestPack();
/** The pack as the browser has it: read back from its file. */
const shipped = fromPackFile(toPackFile(pack));
/** The index file as the browser reads it: through JSON. */
const file = (): SearchIndexFile => JSON.parse(JSON.stringify(bundledIndexFile(pack))) as SearchIndexFile;

describe('the bundled index file', () => {
  it('loads for the pack it was built for, and answers as indexes built in place do', async () => {
    const refused: string[] = [];
    const parts = partsOfBundledPack(shipped, file(), (why) => refused.push(why));
    expect(refused).toEqual([]);
    expect(parts.names).toBeDefined(); // loaded with MiniSearch.loadJSON, not built
    const fromFile = new CorpusQuery(parts);
    const built = CorpusQuery.fromPack(shipped);
    for (const query of ['berg', 'tom', 'said', 'harbour plan']) {
      expect(await fromFile.search(query)).toEqual(await built.search(query));
    }
  });

  it('is refused when it was built with other index options', () => {
    const other = { ...file(), optionsKey: 'deadbeef' };
    expect(() => fromIndexFile(other, compactPack(shipped))).toThrow(
      `built with other index options (deadbeef, now ${indexOptionsKey()})`,
    );
  });

  it('is refused for another corpus', () => {
    const smaller = { ...shipped, entities: shipped.entities.slice(1) };
    const model = compactPack({ ...smaller, mentions: [], quotes: smaller.quotes.filter((q) => q.speakerId === null) });
    expect(() => fromIndexFile(file(), model)).toThrow('built for another corpus than the bundled pack');
  });

  it('is refused when damaged, whatever is wrong', () => {
    const model = compactPack(shipped);
    const damaged: unknown[] = [
      null,
      'index',
      { ...file(), format: 'other' },
      { ...file(), version: 2 },
      { ...file(), names: 42 },
      { ...file(), names: '{"not":"minisearch"}' },
      { ...file(), text: { ...file().text, records: [1, -2] } },
      { ...file(), text: { ...file().text, termStart: [0] } },
    ];
    for (const value of damaged) expect(() => fromIndexFile(value, model)).toThrow();
  });

  it('a file that does not fit is logged and the indexes are built, so answers stay right', async () => {
    const refused: string[] = [];
    const parts = partsOfBundledPack(shipped, { ...file(), optionsKey: '00000000' }, (why) => refused.push(why));
    expect(refused).toEqual([expect.stringContaining('built with other index options')]);
    expect(parts.names).toBeUndefined();
    expect(await new CorpusQuery(parts).search('berg')).toEqual(await CorpusQuery.fromPack(shipped).search('berg'));
    const unreadable = partsOfBundledPack(shipped, new Error('/corpus/indexes.json: 404 Not Found'), (why) =>
      refused.push(why),
    );
    expect(refused.at(-1)).toBe('/corpus/indexes.json: 404 Not Found');
    expect(unreadable.model.documents).toHaveLength(shipped.documents.length);
  });
});
