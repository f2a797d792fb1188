/**
 * Hover intent for the popover: a name opens only after the pointer rests on
 * it for `showDelay`, the popover survives short trips off the name (into the
 * popover, across a gap) for `hideDelay`, and sweeping across many names does
 * not make it flicker: the open card changes only when the pointer rests on
 * another name for the full delay.
 */

export interface HoverIntentOptions<T> {
  showDelay: number;
  hideDelay: number;
  /** Same target? (e.g. same entity and same place on the page). */
  same: (a: T, b: T) => boolean;
  onShow: (target: T) => void;
  onHide: () => void;
  /**
   * The pointer has rested on a name it is about to open for `restDelay` ms (less than `showDelay`):
   * time to fetch what the card needs, so that it shows when the delay ends. Not called for a sweep
   * across names, nor for the name already shown.
   */
  onRest?: (target: T) => void;
  restDelay?: number;
  /** Injectable clock for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** The state machine; feed it pointer facts, it calls onShow / onHide. */
export class HoverIntent<T> {
  private shown: T | null = null;
  private pending: T | null = null;
  private inPopover = false;
  private showTimer: unknown = null;
  private restTimer: unknown = null;
  private hideTimer: unknown = null;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: HoverIntentOptions<T>) {
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** The target currently shown, if any. */
  get current(): T | null {
    return this.shown;
  }

  /** The pointer is now over `target` (a name), or over no name (null). */
  over(target: T | null): void {
    if (target === null) {
      this.cancelShow();
      if (this.shown !== null && !this.inPopover) this.scheduleHide();
      return;
    }
    if (this.shown !== null && this.options.same(this.shown, target)) {
      this.cancelShow();
      this.cancelHide();
      return;
    }
    if (this.pending !== null && this.options.same(this.pending, target)) return;
    this.cancelShow();
    this.pending = target;
    const { onRest, restDelay } = this.options;
    if (onRest && restDelay !== undefined && restDelay < this.options.showDelay)
      this.restTimer = this.setTimer(() => {
        this.restTimer = null;
        if (this.pending !== null) onRest(this.pending);
      }, restDelay);
    this.showTimer = this.setTimer(() => {
      this.showTimer = null;
      const next = this.pending;
      this.pending = null;
      if (next === null) return;
      this.cancelHide();
      this.shown = next;
      this.options.onShow(next);
    }, this.options.showDelay);
  }

  /** The pointer entered (true) or left (false) the popover itself. */
  popover(inside: boolean): void {
    this.inPopover = inside;
    if (inside) {
      this.cancelShow();
      this.cancelHide();
    } else if (this.shown !== null) {
      this.scheduleHide();
    }
  }

  /** Shows `target` at once (keyboard, context menu). */
  showNow(target: T): void {
    this.cancelShow();
    this.cancelHide();
    this.shown = target;
    this.options.onShow(target);
  }

  /** Hides at once (Escape, click away, page change). */
  hideNow(): void {
    this.cancelShow();
    this.cancelHide();
    this.inPopover = false;
    if (this.shown !== null) {
      this.shown = null;
      this.options.onHide();
    }
  }

  private scheduleHide(): void {
    if (this.hideTimer !== null) return;
    this.hideTimer = this.setTimer(() => {
      this.hideTimer = null;
      this.hideNow();
    }, this.options.hideDelay);
  }

  private cancelShow(): void {
    if (this.showTimer !== null) this.clearTimer(this.showTimer);
    this.showTimer = null;
    if (this.restTimer !== null) this.clearTimer(this.restTimer);
    this.restTimer = null;
    this.pending = null;
  }

  private cancelHide(): void {
    if (this.hideTimer !== null) this.clearTimer(this.hideTimer);
    this.hideTimer = null;
  }
}
