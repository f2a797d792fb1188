/**
 * CPU time of the tasks our slices ran in, from a Chromium trace. On a shared
 * machine a slice's wall time includes the time the thread waited for a core;
 * the trace's per-task thread time (`tdur`) does not. The in-page side marks
 * the start of every slice with `performance.mark(SCAN_MARK)` (or
 * `COMPILE_MARK`); each mark is matched to the renderer main-thread task that
 * contains it.
 */

/** `performance.mark` set at the start of every scanning slice (and of mark.js's and the naive run). */
export const SCAN_MARK = 'dossier-bench-scan';
/** `performance.mark` set at the start of every compile slice. */
export const COMPILE_MARK = 'dossier-bench-compile';

/** Trace categories needed by {@link sliceCpuTimes}. */
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline'];

/** One event of a Chromium trace, as far as these tools read it. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
}

/** CPU ms of the tasks holding our marks, by mark name (scan, compile). */
export interface TaskCpu {
  scan: number[];
  compile: number[];
  /** Longest style recalculation (`UpdateLayoutTree`) on the main thread while traced, CPU ms. */
  styleMs: number;
}

/** CPU ms of each task that contains a mark, per mark name; wall ms where no thread time was recorded. */
export function taskCpuTimes(trace: Buffer): TaskCpu {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const scan = cpuOf(events, SCAN_MARK);
  const main = events.find((e) => e.name === SCAN_MARK);
  const styleMs = Math.max(
    0,
    ...events
      .filter((e) => e.name === 'UpdateLayoutTree' && e.ph === 'X' && e.tid === main?.tid && e.pid === main.pid)
      .map((e) => (e.tdur ?? e.dur ?? 0) / 1000),
  );
  return { scan, compile: cpuOf(events, COMPILE_MARK), styleMs };
}

function cpuOf(events: TraceEvent[], name: string): number[] {
  const marks = events.filter((e) => e.name === name).sort((a, b) => a.ts - b.ts);
  if (marks.length === 0) return [];
  const { pid, tid } = marks[0]!;
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask')
    .sort((a, b) => a.ts - b.ts);
  const out: number[] = [];
  let lastTask: TraceEvent | null = null;
  let i = 0;
  for (const mark of marks) {
    while (i < tasks.length && tasks[i]!.ts + (tasks[i]!.dur ?? 0) < mark.ts) i++;
    const task = tasks[i];
    if (!task || task.ts > mark.ts) continue;
    const cpu = (task.tdur ?? task.dur ?? 0) / 1000;
    // Two marks in one task (a slice continuing in a microtask): count the task once.
    if (out.length > 0 && lastTask === task) continue;
    lastTask = task;
    out.push(cpu);
  }
  return out;
}
