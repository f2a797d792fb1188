import { describe, expect, it } from 'vitest';
import { longTaskStacks, type TraceEvent } from '../tools/task-stacks';

const pid = 1;
const tid = 7;
const ext = 'chrome-extension://abc/chunks/options.js';

/** A renderer main thread with one long and one short task, and profiler samples over both. */
function trace(): TraceEvent[] {
  return [
    { name: 'thread_name', ph: 'M', pid, tid, ts: 0, args: { name: 'CrRendererMain' } },
    { name: 'thread_name', ph: 'M', pid, tid: 9, ts: 0, args: { name: 'Compositor' } },
    { name: 'ThreadControllerImpl::RunTask', ph: 'X', pid, tid, ts: 1_000, dur: 80_000, tdur: 60_000 },
    { name: 'Layout', ph: 'X', pid, tid, ts: 50_000, dur: 20_000, tdur: 15_000 },
    { name: 'ThreadControllerImpl::RunTask', ph: 'X', pid, tid, ts: 100_000, dur: 30_000, tdur: 30_000 },
    // A long task on another thread is not the page's.
    { name: 'ThreadControllerImpl::RunTask', ph: 'X', pid, tid: 9, ts: 1_000, dur: 90_000, tdur: 90_000 },
    { name: 'Profile', ph: 'P', pid, tid, ts: 0, id: '0x1', args: { data: { startTime: 0 } } },
    {
      name: 'ProfileChunk',
      ph: 'P',
      pid,
      tid,
      ts: 10,
      id: '0x1',
      args: {
        data: {
          cpuProfile: {
            nodes: [
              { id: 1, callFrame: { functionName: '(root)' } },
              { id: 2, parent: 1, callFrame: { functionName: 'render', url: ext, lineNumber: 9 } },
              { id: 3, parent: 2, callFrame: { functionName: 'shortDate', url: ext, lineNumber: 41 } },
              { id: 4, parent: 1, callFrame: { functionName: '(garbage collector)' } },
            ],
            samples: [3, 3, 2, 4, 3],
          },
          // Samples at 2, 12, 22, 32 ms (inside the long task) and 110 ms (inside the short one).
          timeDeltas: [2_000, 10_000, 10_000, 10_000, 78_000],
        },
      },
    },
  ];
}

describe('long tasks with what ran in them', () => {
  it('lists only the main thread tasks over the threshold, with their events and samples', () => {
    const [task, ...more] = longTaskStacks(trace(), 50);
    expect(more).toEqual([]);
    expect(task).toMatchObject({ atMs: 0, wallMs: 80, cpuMs: 60 });
    expect(task!.events).toEqual(['Layout 20ms']);
    // shortDate's two samples: 10 ms each; the last sample inside lasts until the task's end (81 − 32 ms).
    expect(task!.self[0]).toBe('(garbage collector) 49ms');
    expect(task!.self).toContain('shortDate options.js:42 20ms');
    expect(task!.entry).toEqual(['(no extension code) 49ms', 'render options.js:10 30ms']);
  });

  it('measures by wall time when asked', () => {
    expect(longTaskStacks(trace(), 70, 'wall').map((t) => t.wallMs)).toEqual([80]);
    expect(longTaskStacks(trace(), 70, 'cpu')).toEqual([]);
  });
});
