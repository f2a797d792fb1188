// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MarkIndex, positionAt } from './marks';
import { chunkOf, match } from './test-dom';

describe('positionAt', () => {
  it('puts a start at a node boundary into the later node and an end into the earlier one', () => {
    const chunk = chunkOf('<p><b>Sergey</b> Lavrov</p>');
    expect(positionAt(chunk, 6, 'start')).toMatchObject({ offset: 0, index: 1 });
    expect(positionAt(chunk, 6, 'end')).toMatchObject({ offset: 6, index: 0 });
  });
});

describe('MarkIndex', () => {
  it('maps a match over several nodes back to DOM positions', () => {
    const chunk = chunkOf('<p><b>Sergey</b> Lavrov said</p>');
    const mark = new MarkIndex().addMatch(chunk, match(0, 13, 'Sergey Lavrov'));
    expect([mark.startNode.data, mark.startOffset, mark.endNode.data, mark.endOffset]).toEqual([
      'Sergey',
      0,
      ' Lavrov said',
      7,
    ]);
  });

  it('finds marks by text node and offset, ends included', () => {
    const chunk = chunkOf('<p><b>Sergey</b> Lavrov and Putin</p>');
    const index = new MarkIndex();
    index.addMatch(chunk, match(0, 13, 'Sergey Lavrov'));
    index.addMatch(chunk, match(18, 23, 'Putin'));
    const tail = chunk.nodes[1]!;
    expect(index.at(chunk.nodes[0]!, 3).map((m) => m.text)).toEqual(['Sergey Lavrov']);
    expect(index.at(tail, 7).map((m) => m.text)).toEqual(['Sergey Lavrov']);
    expect(index.at(tail, 9).map((m) => m.text)).toEqual([]);
    expect(index.at(tail, 13).map((m) => m.text)).toEqual(['Putin']);
  });

  it('removes marks from every node they cover', () => {
    const chunk = chunkOf('<p><b>Sergey</b> Lavrov</p>');
    const index = new MarkIndex();
    index.addMatch(chunk, match(0, 13, 'Sergey Lavrov'));
    expect(index.removeWhere(() => true)).toHaveLength(1);
    expect(index.at(chunk.nodes[1]!, 2)).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('does not add a match it already holds', () => {
    const chunk = chunkOf('<p>Putin</p>');
    const index = new MarkIndex();
    index.addMatch(chunk, match(0, 5, 'Putin'));
    expect(index.addNew(chunk, match(0, 5, 'Putin'))).toBeNull();
    expect(index.size).toBe(1);
    expect(index.addNew(chunk, match(1, 5, 'utin'))?.text).toBe('utin');
    expect(index.size).toBe(2);
  });
});
