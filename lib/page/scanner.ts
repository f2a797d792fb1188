/**
 * Scans a document for names in short idle-time slices and keeps its marks:
 * walks the text (text-index), matches each block (matcher), records marks
 * (marks), paints them (overlay) and answers hit-tests (hit-test). Open
 * shadow roots are scanned as roots of their own; changes to the page are
 * re-scanned block by block (see `mutations.ts`). On a single-page-app route
 * change (`route-watch.ts`) marks that went hidden are dropped and the whole
 * document is walked again. Text an attribute shows (class, `hidden`, style,
 * `open`) is walked again block by block (`mutations.ts`, mayReveal).
 *
 * No run of its work is meant to exceed `budgetMs` (default 8 ms): walking
 * checks the clock every 64 nodes, and very long blocks are matched in
 * windows (`windows.ts`).
 *
 * Only text the user can see becomes a mark (`visibility.ts`), and the work a
 * page's words can cause is bounded: at most {@link MAX_CANDIDATES_PER_BLOCK}
 * matches are considered per block and {@link MAX_MARKS_PER_PAGE} marks kept
 * per document; runs without spaces longer than a line are not matched
 * (`windows.ts`). Marks are painted in a closed overlay (`overlay.ts`).
 */
import type { Match, Matcher } from './matcher';
import { isHiddenElement } from './elements';
import { TextWalker, type TextChunk } from './text-index';
import { MarkIndex, liveRange, type Mark } from './marks';
import { entitiesOf, firstMarkOf, type EntityOnPage } from './entities';
import { MarkOverlay } from './overlay';
import { isStyleHidden, visibleParts, ClipCache, type NoClipCache } from './visibility';

import { caretAt, hitTest, type HitResult } from './hit-test';
import {
  OBSERVED_ATTRIBUTES,
  dirtyContainers,
  hasAncestorIn,
  isInsideSkipped,
  mayReveal,
  revealedBlocks,
} from './mutations';
import { RouteWatcher } from './route-watch';
import { matchWindow } from './windows';
import { idleScheduler, type Scheduler } from './schedule';
import type { PageScannerOptions } from './scanner-options';

export type { EntityOnPage } from './entities';
export type { PageScannerOptions } from './scanner-options';

export { WINDOW, LONG_TOKEN } from './windows';

/** What one scan slice reads of the page once: clips (see {@link ClipCache}) and whether an element's style hides its text. */
class SliceCache extends ClipCache {
  readonly styleHidden = new Map<Element, boolean>();
}

/** Matches considered per block (visible or not); the rest of the block is not matched. */
export const MAX_CANDIDATES_PER_BLOCK = 200;
/** Marks kept per document; blocks met after that are not matched. */
export const MAX_MARKS_PER_PAGE = 5_000;
/** Matches considered per document (visible or not), for pages that hide their text. */
export const MAX_CANDIDATES_PER_PAGE = 20_000;

interface Job {
  root: Node;
  walker: TextWalker;
}

/** A block waiting to be matched: from where, and the matches of a window not yet checked when a slice ended. */
interface Pending {
  chunk: TextChunk;
  from: number;
  seen: number;
  /** Matches of the current window still to check, and where that window ends. */
  queue?: Match[];
  next?: number;
}

/** Finds, paints and hit-tests names in one document. */
export class PageScanner {
  private readonly index = new MarkIndex();
  private readonly painter: MarkOverlay;
  /** Matches considered so far (see {@link MAX_CANDIDATES_PER_PAGE}). */
  private candidates = 0;
  private readonly visibleOnly: boolean;
  /** Elements known to clip nothing, kept across slices until the next mutation batch (visibility.ts). */
  private noClip: NoClipCache = new WeakSet();
  private readonly jobs: Job[] = [];
  private readonly chunks: Pending[] = [];
  private readonly shadowRoots: ShadowRoot[] = [];
  private readonly observer: MutationObserver | null = null;
  private readonly routes: RouteWatcher | null = null;
  private readonly records: MutationRecord[] = [];
  private revalidate = false;
  private started = false;
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
    this.visibleOnly = options.visibleTextOnly ?? true;
    this.painter = new MarkOverlay(doc, options.highlightStyle ?? 'underline');
    const win = doc.defaultView;
    if ((options.watchRoutes ?? true) && win) this.routes = new RouteWatcher(win, () => this.onRoute());
    const MO = win?.MutationObserver;
    if ((options.observeMutations ?? true) && MO) {
      this.observer = new MO((records) => {
        // Attribute records that cannot show text are dropped here, so style animations cost nothing more.
        const before = this.records.length;
        for (const r of records) if (r.type !== 'attributes' || mayReveal(r)) this.records.push(r);
        this.routes?.check();
        if (this.records.length > before) this.schedule();
      });
    }
  }

  /** Starts scanning the whole document (no-op while the page is in design mode). */
  start(): void {
    if (this.doc.designMode === 'on') return;
    this.started = true;
    this.addRoot(this.doc);
  }

  /** Whether marks are painted in this browser (see `MarkOverlay.supported`). */
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

  /** The first mark of `entityId` in document order (where to scroll to), or null. */
  firstMark(entityId: string): Mark | null {
    return firstMarkOf(this.index.all(), entityId);
  }

  /** The mark under viewport point (x, y), or null. */
  hitTest(x: number, y: number): HitResult | null {
    return hitTest(this.index, this.doc, x, y, { caretAt: (cx, cy) => caretAt(this.doc, cx, cy, this.shadowRoots) });
  }

  /** Shows a hit (or nothing) as the active mark. */
  setActive(hit: HitResult | null): void {
    this.painter.setActive(hit ? hit.mark : null);
  }

  /** Stops scanning and observing, removes every mark and style. */
  dispose(): void {
    this.disposed = true;
    this.observer?.disconnect();
    this.routes?.dispose();
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
    }
    this.observer?.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      // Text shown by an attribute (`mutations.ts`, mayReveal).
      attributes: true,
      attributeOldValue: true,
      attributeFilter: OBSERVED_ATTRIBUTES,
    });
    this.enqueue(root);
  }

  private enqueue(root: Node): void {
    this.jobs.push({ root, walker: new TextWalker(root, { checkVisibility: this.options.checkVisibility ?? true }) });
    this.schedule();
  }

  private busy(): boolean {
    return this.jobs.length > 0 || this.chunks.length > 0 || this.records.length > 0 || this.revalidate;
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
    if (this.revalidate) changed = this.dropHidden() || changed;
    const clips = new SliceCache();
    while (!shouldYield()) {
      const pending = this.chunks[0];
      if (pending) {
        const before = this.index.size;
        pending.from = this.matchStep(pending, clips, shouldYield);
        if (pending.from >= pending.chunk.text.length) this.chunks.shift();
        changed ||= this.index.size !== before;
        continue;
      }
      const job = this.jobs[0];
      if (!job) break;
      for (const chunk of job.walker.next(shouldYield)) this.chunks.push({ chunk, from: 0, seen: 0 });
      if (job.walker.done) {
        this.jobs.shift();
        if (job.walker.aborted) this.rescan([job.root]);
        if (this.options.includeShadowRoots ?? true) {
          for (const sub of job.walker.subRoots) if (sub.nodeType === 11) this.addRoot(sub);
        }
      }
    }
    if (changed) this.options.onChange?.();
    if (!this.busy()) this.resolveIdle();
    else this.schedule();
  }

  /**
   * Matches a pending block from where it stopped, one window at most; keeps
   * the matches the user can see. Returns where to go on (the block's end
   * once a cap is reached). When the slice's time is up between two matches,
   * the rest of the window's matches wait in `pending.queue` for the next
   * slice: a window of a long block can hold 200 matches, each with its
   * visibility check (client rects, style), which overran 8 ms slices.
   */
  private matchStep(pending: Pending, clips: SliceCache, shouldYield: () => boolean): number {
    const { chunk, from } = pending;
    if (
      pending.seen >= MAX_CANDIDATES_PER_BLOCK ||
      this.candidates >= MAX_CANDIDATES_PER_PAGE ||
      this.index.size >= MAX_MARKS_PER_PAGE
    )
      return chunk.text.length;
    let matches: Match[];
    let next: number;
    if (pending.queue) {
      matches = pending.queue;
      next = pending.next!;
      pending.queue = undefined;
    } else ({ matches, next } = matchWindow(this.matcher, chunk.text, from));
    const hiddenStyle = (el: Element | null): boolean => {
      if (!el) return true;
      let h = clips.styleHidden.get(el);
      if (h === undefined) clips.styleHidden.set(el, (h = isStyleHidden(el)));
      return h;
    };
    for (let i = 0; i < matches.length; i++) {
      const match = matches[i]!;
      if (pending.seen >= MAX_CANDIDATES_PER_BLOCK || this.index.size >= MAX_MARKS_PER_PAGE) {
        return chunk.text.length;
      }
      if (i > 0 && shouldYield()) {
        pending.queue = matches.slice(i);
        pending.next = next;
        return from;
      }
      pending.seen++;
      this.candidates++;
      const mark = this.index.addNew(chunk, match); // null when met again: a block queued twice, a route re-walk
      if (!mark) continue;
      if (this.visibleOnly && !this.isVisible(mark, hiddenStyle, clips)) {
        this.index.delete(mark);
        continue;
      }
      this.painter.add(mark);
    }
    return next;
  }

  /** Whether the user can see `mark`'s text (see `visibility.ts`). */
  private isVisible(mark: Mark, hiddenStyle: (el: Element | null) => boolean, clips: ClipCache): boolean {
    const start = mark.startNode.parentElement;
    if (hiddenStyle(start)) return false;
    if (mark.endNode !== mark.startNode && hiddenStyle(mark.endNode.parentElement)) return false;
    try {
      return visibleParts(start!, liveRange(mark).getClientRects(), clips, 'reachable', this.noClip).length > 0;
    } catch {
      return false;
    }
  }

  /** Drops marks of removed or changed blocks and queues those blocks again. */
  private applyMutations(): boolean {
    if (this.records.length === 0) return false;
    const records = this.records.splice(0);
    this.noClip = new WeakSet(); // the page changed: a style may clip now
    const dirty = dirtyContainers(records).filter((c) => !isInsideSkipped(c));
    // One walk up per mark, not one `contains` per mark and dirty block:
    // big pages hold thousands of marks, busy ones send dozens of blocks a batch.
    const set = new Set(dirty);
    const removed = this.dropMarks(
      (m) =>
        !m.startNode.isConnected ||
        !m.endNode.isConnected ||
        (set.size > 0 && (hasAncestorIn(m.startNode, set) || hasAncestorIn(m.endNode, set))),
    );
    // Chunks waiting to be matched inside a dirty block are superseded.
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const first = this.chunks[i]!.chunk.nodes[0];
      if (!first || !first.isConnected || hasAncestorIn(first, set)) this.chunks.splice(i, 1);
    }
    for (const c of dirty) this.enqueue(c);
    // Blocks an attribute showed are walked again, their marks kept (a block met again adds only what is new).
    const checkVis = this.options.checkVisibility ?? true;
    for (const block of revealedBlocks(records)) {
      if (hasAncestorIn(block, set) || isInsideSkipped(block) || (checkVis && isHiddenElement(block))) continue;
      this.enqueue(block);
    }
    this.painter.invalidate(); // the page changed: boxes may have moved
    return removed;
  }

  /** A route changed: re-check the marks' visibility, then walk every root again. */
  private onRoute(): void {
    if (this.disposed || !this.started) return;
    this.revalidate = true;
    this.noClip = new WeakSet();
    this.enqueue(this.doc);
    for (const root of this.shadowRoots) this.enqueue(root);
  }

  /** Drops marks that left the page or went hidden (a route hid their view). */
  private dropHidden(): boolean {
    this.revalidate = false;
    const checkVis = this.options.checkVisibility ?? true;
    return this.dropMarks((m) => {
      const el = m.startNode.parentElement;
      return !m.startNode.isConnected || (el !== null && (isInsideSkipped(el) || (checkVis && isHiddenElement(el))));
    });
  }

  /** Removes the marks `drop` selects from the index and the overlay; true if any. */
  private dropMarks(drop: (mark: Mark) => boolean): boolean {
    const removed = this.index.removeWhere(drop);
    for (const mark of removed) this.painter.remove(mark);
    return removed.length > 0;
  }

  private rescan(roots: Node[]): void {
    const set = new Set(roots);
    this.dropMarks((m) => !m.startNode.isConnected || hasAncestorIn(m.startNode, set));
    for (const r of roots) this.enqueue(r);
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters.splice(0);
    for (const w of waiters) w();
  }
}
