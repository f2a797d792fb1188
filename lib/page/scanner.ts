/**
 * Scans a document for names in short idle-time slices and keeps its marks:
 * walks the text (text-index), matches each block (matcher), records marks
 * (marks), paints them (highlights) and answers hit-tests (hit-test). Open
 * shadow roots are scanned as roots of their own; changes to the page are
 * re-scanned block by block (see `mutations.ts`).
 *
 * No run of its work is meant to exceed `budgetMs` (default 8 ms): walking
 * checks the clock every 64 nodes, and very long blocks are matched in
 * windows of {@link WINDOW} characters.
 */
import type { Matcher } from './matcher';
import { TextWalker, type TextChunk } from './text-index';
import { MarkIndex, type Mark } from './marks';
import { entitiesOf, type EntityOnPage } from './entities';
import { HighlightPainter } from './highlights';
import { caretAt, hitTest, type HitResult } from './hit-test';
import { dirtyContainers, isInsideSkipped } from './mutations';
import { idleScheduler, type Scheduler } from './schedule';

export type { EntityOnPage } from './entities';

/** Options of {@link PageScanner}; every one has a default. */
export interface PageScannerOptions {
  /** Longest run of scanning work per task, in ms. Default 8. */
  budgetMs?: number;
  /** Re-scan blocks the page changes (MutationObserver). Default true. */
  observeMutations?: boolean;
  /** Scan open shadow roots. Default true. */
  includeShadowRoots?: boolean;
  /** Skip block containers `checkVisibility()` calls hidden. Default true. */
  checkVisibility?: boolean;
  /** Runs scan slices; default: requestIdleCallback, else setTimeout. */
  scheduler?: Scheduler;
  /** Called after a slice that added or removed marks. */
  onChange?: () => void;
}

/** Matching windows for very long blocks: cut at whitespace, overlapping by this much. */
export const WINDOW = 20_000;
const OVERLAP = 256;

interface Job {
  root: Node;
  walker: TextWalker;
}

/** Finds, paints and hit-tests names in one document. */
export class PageScanner {
  private readonly index = new MarkIndex();
  private readonly painter: HighlightPainter;
  private readonly jobs: Job[] = [];
  private readonly chunks: { chunk: TextChunk; from: number }[] = [];
  private readonly shadowRoots: ShadowRoot[] = [];
  private readonly observer: MutationObserver | null = null;
  private readonly records: MutationRecord[] = [];
  private readonly budgetMs: number;
  private readonly scheduler: Scheduler;
  private scheduled = false;
  private disposed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly doc: Document,
    private readonly matcher: Matcher,
    private readonly options: PageScannerOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? 8;
    this.scheduler = options.scheduler ?? idleScheduler(doc.defaultView ?? globalThis);
    this.painter = new HighlightPainter(doc);
    const MO = doc.defaultView?.MutationObserver;
    if ((options.observeMutations ?? true) && MO) {
      this.observer = new MO((records) => {
        this.records.push(...records);
        this.schedule();
      });
    }
  }

  /** Starts scanning the whole document (no-op while the page is in design mode). */
  start(): void {
    if (this.doc.designMode === 'on') return;
    this.addRoot(this.doc);
  }

  /** Whether marks are painted in this browser (see `HighlightPainter.supported`). */
  get marksVisible(): boolean {
    return this.painter.supported;
  }

  /** Resolves when every queued scan has finished. */
  whenIdle(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Every mark, in the order found. */
  marks(): Mark[] {
    return [...this.index.all()];
  }

  /** Entities marked on the page, most marked first. */
  entitiesOnPage(): EntityOnPage[] {
    return entitiesOf(this.index.all());
  }

  /** The mark under viewport point (x, y), or null. */
  hitTest(x: number, y: number): HitResult | null {
    return hitTest(this.index, this.doc, x, y, { caretAt: (cx, cy) => caretAt(this.doc, cx, cy, this.shadowRoots) });
  }

  /** Shows a hit (or nothing) as the active mark. */
  setActive(hit: HitResult | null): void {
    this.painter.setActive(hit ? hit.mark.range : null);
  }

  /** Stops scanning and observing, removes every mark and style. */
  dispose(): void {
    this.disposed = true;
    this.observer?.disconnect();
    this.jobs.length = 0;
    this.chunks.length = 0;
    this.index.clear();
    this.painter.dispose();
    this.resolveIdle();
  }

  private addRoot(root: Document | ShadowRoot): void {
    if (root.nodeType === 11) {
      if (this.shadowRoots.includes(root as ShadowRoot)) return; // met again by a re-scan: already observed
      this.shadowRoots.push(root as ShadowRoot);
      this.painter.adoptStyles(root);
    }
    this.observer?.observe(root, { childList: true, subtree: true, characterData: true });
    this.enqueue(root);
  }

  private enqueue(root: Node): void {
    this.jobs.push({ root, walker: new TextWalker(root, { checkVisibility: this.options.checkVisibility ?? true }) });
    this.schedule();
  }

  private busy(): boolean {
    return this.jobs.length > 0 || this.chunks.length > 0 || this.records.length > 0;
  }

  private schedule(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = true;
    this.scheduler((timeLeft) => {
      this.scheduled = false;
      if (!this.disposed) this.runSlice(Math.max(1, Math.min(this.budgetMs, timeLeft())));
    });
  }

  private runSlice(budget: number): void {
    const until = performance.now() + budget;
    const shouldYield = (): boolean => performance.now() >= until;
    let changed = this.applyMutations();
    while (!shouldYield()) {
      const pending = this.chunks[0];
      if (pending) {
        const before = this.index.size;
        pending.from = this.matchStep(pending.chunk, pending.from);
        if (pending.from >= pending.chunk.text.length) this.chunks.shift();
        changed ||= this.index.size !== before;
        continue;
      }
      const job = this.jobs[0];
      if (!job) break;
      for (const chunk of job.walker.next(shouldYield)) this.chunks.push({ chunk, from: 0 });
      if (job.walker.done) {
        this.jobs.shift();
        if (job.walker.aborted) this.rescan([job.root]);
        if (this.options.includeShadowRoots ?? true) {
          for (const sub of job.walker.subRoots) if (sub.nodeType === 11) this.addRoot(sub);
        }
      }
    }
    if (changed) this.options.onChange?.();
    if (this.busy()) this.schedule();
    else this.resolveIdle();
  }

  /** Matches `chunk.text` from `from` on, one window at most; returns where to go on. */
  private matchStep(chunk: TextChunk, from: number): number {
    const text = chunk.text;
    let cut = text.length;
    let end = text.length;
    if (text.length - from > WINDOW) {
      const ws = /\s/g;
      ws.lastIndex = from + WINDOW;
      cut = ws.exec(text)?.index ?? text.length;
      ws.lastIndex = Math.min(text.length, cut + OVERLAP);
      end = ws.exec(text)?.index ?? text.length;
    }
    let next = cut;
    const piece = from === 0 && end === text.length ? text : text.slice(from, end);
    for (const m of this.matcher.findAll(piece)) {
      if (m.start + from >= cut) break;
      next = Math.max(next, m.end + from);
      const match = { ...m, start: m.start + from, end: m.end + from };
      if (this.index.has(chunk, match)) continue; // a block queued twice (mutation during the first walk)
      const mark = this.index.addMatch(chunk, match);
      this.painter.add(mark.type, mark.range);
    }
    return next;
  }

  /** Drops marks of removed or changed blocks and queues those blocks again. */
  private applyMutations(): boolean {
    if (this.records.length === 0) return false;
    const records = this.records.splice(0);
    const dirty = dirtyContainers(records).filter((c) => !isInsideSkipped(c));
    const removed = this.index.removeWhere(
      (m) =>
        !m.startNode.isConnected ||
        !m.endNode.isConnected ||
        dirty.some((c) => c.contains(m.startNode) || c.contains(m.endNode)),
    );
    for (const mark of removed) this.painter.remove(mark.type, mark.range);
    // Chunks waiting to be matched inside a dirty block are superseded.
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const first = this.chunks[i]!.chunk.nodes[0];
      if (!first || !first.isConnected || dirty.some((c) => c.contains(first))) this.chunks.splice(i, 1);
    }
    for (const c of dirty) this.enqueue(c);
    return removed.length > 0;
  }

  private rescan(roots: Node[]): void {
    const removed = this.index.removeWhere(
      (m) => roots.some((r) => r.contains(m.startNode)) || !m.startNode.isConnected,
    );
    for (const mark of removed) this.painter.remove(mark.type, mark.range);
    for (const r of roots) this.enqueue(r);
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters.splice(0);
    for (const w of waiters) w();
  }
}
