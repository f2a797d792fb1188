/**
 * A very small test runner for the Firefox smoke test: named steps run in
 * order (later ones build on earlier ones: the import, then its name marked),
 * each with a time limit; a failed step is reported and the next one still
 * runs. The last line is "N passed, N failed"; the exit code is 1 on any failure.
 */

/** One step: its name and what it does; it throws to fail. */
export interface Step {
  name: string;
  run: () => Promise<void>;
  /** Milliseconds before the step counts as failed (default 60 s). */
  timeout?: number;
}

/** The outcome of {@link runSteps}. */
export interface RunResult {
  passed: number;
  failed: number;
}

function withTimeout(promise: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs `steps` in order and prints one line per step; after a failed step, the lines `context` gives
 * (e.g. the browser's last console output), so a failure in CI can be read without running it again.
 */
export async function runSteps(steps: readonly Step[], context?: () => string[]): Promise<RunResult> {
  const result: RunResult = { passed: 0, failed: 0 };
  for (const step of steps) {
    const started = performance.now();
    try {
      await withTimeout(step.run(), step.timeout ?? 60_000, step.name);
      result.passed++;
      console.log(`  ✓ ${step.name} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      result.failed++;
      console.log(`  ✗ ${step.name} (${Math.round(performance.now() - started)} ms)`);
      console.log(`      ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n      ')}`);
      for (const line of context?.() ?? []) console.log(`      | ${line}`);
    }
  }
  return result;
}

/** Throws `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
