/**
 * Wall-clock time per named phase of one operation (an import, a corpus load), so
 * that a slow "paste → searchable" can be broken down where it runs — the import
 * worker, the store, the background — and read back by a tool (issue #14:
 * tests/tools/paste-time.ts prints them). Phases are consecutive: each mark ends
 * the phase that began at the previous mark.
 */
export class PhaseTimes {
  private last: number;
  private readonly times: Record<string, number> = {};

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  /** Ends the running phase as `name` (a name marked again adds up). */
  mark(name: string): void {
    const now = this.now();
    this.times[name] = (this.times[name] ?? 0) + (now - this.last);
    this.last = now;
  }

  /** Starts the next phase now without recording the time since the last mark (it belongs to nobody). */
  skip(): void {
    this.last = this.now();
  }

  /** The phases so far, ms rounded to tenths, in the order first marked. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.times).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  }
}

/** What a store operation marks its phases on (an import passes its {@link PhaseTimes}). */
export interface PhaseMarks {
  mark(name: string): void;
}
