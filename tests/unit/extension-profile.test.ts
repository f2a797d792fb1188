// The page-scan bench's profile summary (tests/bench/page/extension-runs.ts).
import { describe, expect, it } from 'vitest';
import { summarizeProfile } from '../bench/page/extension-runs';

const EXT = 'chrome-extension://abc/content-script.js';
const node = (id: number, functionName: string, url = '', children: number[] = []) => ({
  id,
  callFrame: { functionName, url },
  children,
});

// root → (idle) 2, (program) 3, page() 4 → ours() 5 → inner() 6, ours-top() 7, (garbage collector) 8
const nodes = [
  node(1, '(root)', '', [2, 3, 4, 7, 8]),
  node(2, '(idle)'),
  node(3, '(program)'),
  node(4, 'page', 'https://site/app.js', [5]),
  node(5, 'ours', EXT, [6]),
  node(6, 'inner', 'https://site/app.js'), // a page function our code called: still ours
  node(7, 'oursTop', EXT),
  node(8, '(garbage collector)'),
];

describe('summarizeProfile', () => {
  it('counts samples with an extension frame anywhere on the stack, each lasting until the next sample', () => {
    // Sample i lasts timeDeltas[i + 1] µs.
    const samples = [2, 7, 6, 8, 7, 4, 5, 3];
    const timeDeltas = [0, 100, 100, 100, 100, 100, 100, 100];
    const s = summarizeProfile({ nodes, startTime: 0, endTime: 800, samples, timeDeltas });
    // ours: samples 1, 2, 4, 6 (7, 6, 7, 5) = 400 µs
    expect(s.extensionMs).toBeCloseTo(0.4);
    // longest run: 7, 6, (gc), 7 = 400 µs, broken by page() at index 5
    expect(s.longestRunMs).toBeCloseTo(0.4);
    // page JS: all but idle, program, gc: 7, 6, 7, 4, 5 = 500 µs
    expect(s.pageJsMs).toBeCloseTo(0.5);
  });
  it('is zero for an empty profile', () => {
    expect(summarizeProfile({ nodes: [], startTime: 0, endTime: 0 })).toEqual({
      extensionMs: 0,
      longestRunMs: 0,
      pageJsMs: 0,
    });
  });
});
