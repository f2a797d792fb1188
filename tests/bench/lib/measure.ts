/**
 * Timing and memory helpers for benchmarks. Timings are wall-clock medians over several
 * runs; compare them with a baseline measured in the same run, never with a fixed number
 * (the machine is shared and noisy).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Timed runs (default 5). */
  runs?: number;
  /** Untimed runs first, to warm the JIT (default 1). */
  warmup?: number;
}

/** Summary of timed runs, in milliseconds. */
export interface Measurement {
  /** Wall time of each run. */
  samples: number[];
  /** CPU time (user + system, all threads of the process) of each run. */
  cpuSamples: number[];
  /** Median wall time. */
  median: number;
  /** Median CPU time: steadier than wall time when other processes share the machine. */
  cpuMedian: number;
  /** 95th percentile (nearest rank); equals the max below 20 runs. */
  p95: number;
  min: number;
  max: number;
}

/** Times `fn` (sync or async): `warmup` untimed calls, then `runs` timed ones. */
export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<Measurement> {
  const { runs = 5, warmup = 1 } = options;
  if (runs < 1) throw new Error(`measure: runs must be at least 1, not ${runs}`);
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await timed(fn);
    samples.push(t.ms);
    cpuSamples.push(t.cpuMs);
  }
  return summarize(samples, cpuSamples);
}

/** Wall and CPU time of one call of `fn`, in ms. */
export async function timed(fn: () => unknown): Promise<{ ms: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Median, p95 (nearest rank), min and max of wall-time samples, and the median CPU time. */
export function summarize(samples: number[], cpuSamples: number[] = []): Measurement {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return {
    samples,
    cpuSamples,
    median: median(samples),
    cpuMedian: cpuSamples.length ? median(cpuSamples) : NaN,
    p95: at(0.95),
    min: s[0]!,
    max: s[s.length - 1]!,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length / 2;
  return s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Peak memory over a sampling window, in MB (10^6 bytes). */
export interface MemoryPeak {
  /** Highest resident set size of the whole process, sampled every 10 ms. */
  rssMB: number;
  /**
   * Highest V8 heap of the main thread: the larger of the heap used at the samples taken and
   * the heap V8 had committed at `stop()` — V8 does not give heap back during one synchronous
   * call, so the committed size covers a peak the sampler could not see.
   */
  heapMB: number;
}

/** A running memory sampler. */
export interface MemorySampler {
  /** Samples the main thread's heap now (call between steps of long synchronous work). */
  sample(): void;
  /** Stops sampling and returns the peaks. */
  stop(): Promise<MemoryPeak>;
}

// The worker reads the process's RSS while the main thread is busy in synchronous code.
const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new Int32Array(workerData);
const tick = () => { const kb = Math.round(process.memoryUsage.rss() / 1024); if (kb > Atomics.load(peak, 0)) Atomics.store(peak, 0, kb); };
tick();
setInterval(tick, 10);
`;

/** Starts sampling memory; see {@link MemoryPeak} for what is measured. */
export function peakMemory(): MemorySampler {
  const shared = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(SAMPLER, { eval: true, workerData: shared.buffer });
  let heap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    const kb = Math.round(m.rss / 1024);
    if (kb > Atomics.load(shared, 0)) Atomics.store(shared, 0, kb);
  };
  sample();
  return {
    sample,
    async stop() {
      sample();
      heap = Math.max(heap, process.memoryUsage().heapTotal);
      await worker.terminate();
      return { rssMB: (Atomics.load(shared, 0) * 1024) / 1e6, heapMB: heap / 1e6 };
    },
  };
}

let gc: (() => void) | undefined;

/** Runs a full garbage collection (exposing `gc` at run time when node was not started with --expose-gc). */
export function collectGarbage(): void {
  if (!gc) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gc = exposed;
    else {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
  }
  gc();
}
