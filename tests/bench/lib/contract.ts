/**
 * The contract between `npm run bench` (tests/bench/run.ts) and the benchmark modules
 * (`tests/bench/*.bench.ts`). See tests/bench/README.md for how to write one.
 */
import type { MeasureOptions, Measurement, MemorySampler } from './measure';
import type { Row } from './table';

/** What the runner hands every benchmark. */
export interface BenchContext {
  /** The project root (where package.json is). */
  root: string;
  /** `../shared` (real pages and data sets), or null when it is absent: a user's clone. */
  sharedDir: string | null;
  /** `--quick`: a fast smoke run on small inputs; figures are not meant to be quoted. */
  quick: boolean;
  /** `--skip-before`: a bench that compares with an older build (e.g. grow) measures only the current one. */
  skipBefore?: boolean;
  /** Times `fn`: `runs` timed calls after `warmup` untimed ones; median, p95, min, max in ms. */
  measure(fn: () => unknown, options?: MeasureOptions): Promise<Measurement>;
  /** Wall and CPU time (ms) of a single call, e.g. a cold first run. */
  timed(fn: () => unknown): Promise<{ ms: number; cpuMs: number }>;
  /** Starts sampling memory (RSS from a worker thread, V8 heap); `stop()` gives the peaks. */
  peakMemory(): MemorySampler;
  /** Runs a full garbage collection, so a memory figure starts from a clean heap. */
  collectGarbage(): void;
  /** Prints a progress line (stderr, so stdout stays the report). */
  log(line: string): void;
}

/** What a benchmark reports: a table, notes, and figures for `.cache/bench/latest.json`. */
export interface BenchSection {
  /** One object per row; keys are the column headings, in the order of the first row. */
  rows: Row[];
  /** Lines printed under the table: the baseline used, caveats, the target and whether it was met. */
  notes?: string[];
  /** Machine-readable figures, e.g. `{ "wikinews.extract.warm.mbPerSec": 2.1 }`. */
  metrics?: Record<string, number>;
}

/** The default export of a `*.bench.ts` module. */
export interface BenchModule {
  /** Short name for `--only`, e.g. "extraction"; unique among the benches. */
  name: string;
  /** One line: what is measured, on what. */
  description: string;
  /** When true, the runner skips the bench with a message if `../shared` is absent. */
  needsShared?: boolean;
  /** Runs the measurement. Return `{ skipped: reason }` to skip for another reason. */
  run(ctx: BenchContext): Promise<BenchSection | { skipped: string }>;
}

/** Identity helper that type-checks a benchmark module's default export. */
export function defineBench(bench: BenchModule): BenchModule {
  return bench;
}

/** Whether a dynamically imported value looks like a {@link BenchModule}. */
export function isBenchModule(value: unknown): value is BenchModule {
  const b = value as Partial<BenchModule> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    typeof b.name === 'string' &&
    typeof b.description === 'string' &&
    typeof b.run === 'function'
  );
}
