/**
 * Which code a long main-thread task ran, from one Chromium trace: the renderer main thread's tasks
 * (`RunTask`, wall and thread CPU) and V8's sampling profiler recorded in the same trace
 * (`disabled-by-default-v8.cpu_profiler`, same clock), so every sample falls inside the task that ran it.
 * For each task over a threshold it gives the trace events inside it (layout, style, GC, event dispatch…),
 * the functions with the most self time, and the outermost function of the extension's own code on the
 * stack (which handler started the work). Used by tests/tools/options-scale.ts; readable names need a build
 * made with `DOSSIER_NO_MINIFY=1`.
 */

/** Trace categories {@link longTaskStacks} needs. */
export const STACK_TRACE_CATEGORIES = [
  'toplevel',
  '__metadata',
  'devtools.timeline',
  'v8',
  'v8.execute',
  'blink',
  'disabled-by-default-v8.cpu_profiler',
];

/** One event of a Chromium trace, as far as this reads it. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  id?: string;
  dur?: number;
  tdur?: number;
  args?: {
    name?: string;
    data?: {
      url?: string;
      functionName?: string;
      type?: string;
      startTime?: number;
      cpuProfile?: { nodes?: ChunkNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

interface ChunkNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number };
}

/** One long task and what ran in it. */
export interface TaskStack {
  /** Start, ms from the first traced task. */
  atMs: number;
  wallMs: number;
  cpuMs: number;
  /** The longest trace events inside the task ("Layout 12ms", "EventDispatch input 40ms"). */
  events: string[];
  /** Sampled self time by function ("render options.js:120 14ms"), largest first. */
  self: string[];
  /** Sampled time by the outermost function of the extension's code on the stack, largest first. */
  entry: string[];
  /** Sampled ms inside the task (the profiler's samples only). */
  sampledMs: number;
}

const frameKey = (f: ChunkNode['callFrame']) =>
  `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').pop()}:${(f.lineNumber ?? 0) + 1}` : ''}`;

/** The renderer main threads of the trace, as `pid:tid`. */
function mainThreads(events: TraceEvent[]): Set<string> {
  return new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
}

/** Every profiler sample of one thread: time (trace µs) and its stack, leaf first (tests/tools: ad-hoc reads of a saved trace). */
export function samplesOf(
  events: TraceEvent[],
  pid: number,
  tid: number,
): { ts: number; stack: ChunkNode['callFrame'][] }[] {
  const out: { ts: number; stack: ChunkNode['callFrame'][] }[] = [];
  const profiles = events.filter((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  for (const profile of profiles) {
    const nodes = new Map<number, ChunkNode>();
    let ts = profile.args?.data?.startTime ?? profile.ts;
    const chunks = events
      .filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile.id)
      .sort((a, b) => a.ts - b.ts);
    for (const chunk of chunks) {
      const data = chunk.args?.data;
      for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
      const samples = data?.cpuProfile?.samples ?? [];
      const deltas = data?.timeDeltas ?? [];
      for (let i = 0; i < samples.length; i++) {
        ts += deltas[i] ?? 0;
        const stack: ChunkNode['callFrame'][] = [];
        for (let n = nodes.get(samples[i]!); n; n = n.parent === undefined ? undefined : nodes.get(n.parent))
          stack.push(n.callFrame);
        out.push({ ts, stack });
      }
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${k} ${ms.toFixed(0)}ms`);

/**
 * The renderer main-thread tasks of `events` longer than `overMs` (thread CPU, or wall when `by` is
 * 'wall'), longest first, each with what ran in it.
 */
export function longTaskStacks(events: TraceEvent[], overMs = 50, by: 'cpu' | 'wall' = 'cpu'): TaskStack[] {
  const main = mainThreads(events);
  const tasks = events.filter(
    (e) => e.ph === 'X' && /RunTask$/.test(e.name) && main.has(`${e.pid}:${e.tid}`) && e.dur !== undefined,
  );
  const origin = Math.min(...tasks.map((t) => t.ts));
  const long = tasks.filter((t) => (by === 'wall' ? t.dur! : (t.tdur ?? t.dur!)) > overMs * 1000);
  const sampleCache = new Map<string, ReturnType<typeof samplesOf>>();
  return long
    .sort((a, b) => (b.tdur ?? b.dur!) - (a.tdur ?? a.dur!))
    .map((t) => {
      const key = `${t.pid}:${t.tid}`;
      if (!sampleCache.has(key)) sampleCache.set(key, samplesOf(events, t.pid, t.tid));
      const inside = sampleCache.get(key)!.filter((s) => s.ts >= t.ts && s.ts < t.ts + t.dur!);
      const self = new Map<string, number>();
      const entry = new Map<string, number>();
      for (let i = 0; i < inside.length; i++) {
        const next = inside[i + 1]?.ts ?? t.ts + t.dur!;
        const ms = (next - inside[i]!.ts) / 1000;
        const stack = inside[i]!.stack;
        const leaf = stack[0];
        if (leaf) self.set(frameKey(leaf), (self.get(frameKey(leaf)) ?? 0) + ms);
        const outer = stack.findLast((f) => f.url?.startsWith('chrome-extension://'));
        const k = outer ? frameKey(outer) : '(no extension code)';
        entry.set(k, (entry.get(k) ?? 0) + ms);
      }
      const within = events
        .filter(
          (e) => e.ph === 'X' && e !== t && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts < t.ts + t.dur!,
        )
        .sort((a, b) => b.dur! - a.dur!)
        .slice(0, 6)
        .map(
          (e) =>
            `${e.name}${e.args?.data?.type ? ` ${e.args.data.type}` : ''}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}${e.args?.data?.url ? ` ${e.args.data.url.split('/').pop()}` : ''} ${(e.dur! / 1000).toFixed(0)}ms`,
        );
      return {
        atMs: (t.ts - origin) / 1000,
        wallMs: t.dur! / 1000,
        cpuMs: (t.tdur ?? t.dur!) / 1000,
        events: within,
        self: top(self, 8),
        entry: top(entry, 4),
        sampledMs: inside.length ? (t.ts + t.dur! - inside[0]!.ts) / 1000 : 0,
      };
    });
}

/** One task as a few lines of text. */
export function formatTaskStack(t: TaskStack, label = ''): string {
  return [
    `task${label ? ` (${label})` : ''} at ${t.atMs.toFixed(0)} ms: ${t.cpuMs.toFixed(0)} ms CPU, ${t.wallMs.toFixed(0)} ms wall`,
    `  events: ${t.events.join(' | ')}`,
    `  self:   ${t.self.join(' | ') || '(no samples)'}`,
    `  from:   ${t.entry.join(' | ') || '(no samples)'}`,
  ].join('\n');
}
