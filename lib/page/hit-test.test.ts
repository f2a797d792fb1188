// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MarkIndex } from './marks';
import { chunkOf, match } from './test-dom';
import { caretAt, hitTest, rectsContain } from './hit-test';

const rect = (left: number, top: number, right: number, bottom: number): DOMRectReadOnly =>
  ({ left, top, right, bottom, x: left, y: top, width: right - left, height: bottom - top }) as DOMRectReadOnly;

describe('hitTest', () => {
  it('returns the mark whose rects contain the point', () => {
    const chunk = chunkOf('<p>Putin spoke</p>');
    const index = new MarkIndex();
    index.addMatch(chunk, match(0, 5, 'Putin'));
    const hit = hitTest(index, document, 10, 10, {
      caretAt: () => ({ node: chunk.nodes[0]!, offset: 2 }),
      rectsOf: () => [rect(0, 0, 40, 20)],
    });
    expect(hit?.text).toBe('Putin');
    expect(hit?.range.toString()).toBe('Putin');
  });

  it('ignores a caret that snapped to a mark from outside its rects', () => {
    const chunk = chunkOf('<p>Putin spoke</p>');
    const index = new MarkIndex();
    index.addMatch(chunk, match(0, 5, 'Putin'));
    const hit = hitTest(index, document, 300, 10, {
      caretAt: () => ({ node: chunk.nodes[0]!, offset: 5 }),
      rectsOf: () => [rect(0, 0, 40, 20)],
    });
    expect(hit).toBeNull();
  });

  it('returns null off text', () => {
    expect(hitTest(new MarkIndex(), document, 1, 1, { caretAt: () => null })).toBeNull();
  });
});

describe('rectsContain', () => {
  it('accepts points on the edge within the slop only', () => {
    expect(rectsContain([rect(0, 0, 10, 10)], 10.5, 5)).toBe(true);
    expect(rectsContain([rect(0, 0, 10, 10)], 12, 5)).toBe(false);
  });
});

describe('caretAt', () => {
  it('prefers caretPositionFromPoint and passes shadow roots on', () => {
    const text = document.createTextNode('x');
    const calls: unknown[] = [];
    const doc = {
      caretPositionFromPoint: (...args: unknown[]) => (calls.push(args), { offsetNode: text, offset: 1 }),
      caretRangeFromPoint: () => null,
    } as unknown as Document;
    const root = {} as ShadowRoot;
    expect(caretAt(doc, 1, 2, [root])).toEqual({ node: text, offset: 1 });
    expect(calls).toEqual([[1, 2, { shadowRoots: [root] }]]);
  });

  it('falls back to caretRangeFromPoint', () => {
    const text = document.createTextNode('xy');
    const range = document.createRange();
    range.setStart(text, 2);
    const doc = { caretRangeFromPoint: () => range } as unknown as Document;
    expect(caretAt(doc, 0, 0)).toEqual({ node: text, offset: 2 });
  });

  it('returns null without either API', () => {
    expect(caretAt({} as Document, 0, 0)).toBeNull();
  });
});
