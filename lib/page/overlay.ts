/**
 * Paints marks where no page script can read them: boxes inside a closed
 * shadow root, over the names in or near the viewport, moved on scroll,
 * resize and reflow. It replaces the CSS Custom Highlight API, whose registry
 * (`CSS.highlights`) is shared with the page's scripts: they could enumerate
 * our highlights and learn which of their words are corpus names.
 *
 * What the page can see of it is one element, `<div data-dossier-ui>` at the
 * end of `<html>`, added when the session starts, whether or not the page holds
 * a name: fixed, full-viewport, `pointer-events: none` (so `elementFromPoint`
 * and the caret APIs never meet it), `contain: strict` (its size never depends
 * on what it holds), its styles `!important` from inside its shadow root (page
 * rules cannot change them, and `getComputedStyle` reads the same on every
 * page). Nothing in it animates, its attributes never change after creation,
 * and the boxes move by `transform` (no layout shift entries). See
 * lib/page/README.md, "What a page can observe".
 *
 * Cost: the boxes of at most {@link MAX_BOXES} marks, recomputed once per
 * animation frame after a scroll, resize, reflow (ResizeObserver on the root,
 * page mutations) or when a marked element comes near the viewport
 * (IntersectionObserver, one viewport height above and below).
 */
import type { EntityType } from '../pack/types';
import type { HighlightStyle } from '../settings/settings';
import { liveRange, type Mark } from './marks';
import { visibleParts, type Box, ClipCache } from './visibility';
import PALETTE_CSS from '../ui/styles/palette.css?inline';

/** Most mark boxes painted at once (the marks nearest the viewport come first in no order). */
export const MAX_BOXES = 400;

/** Entity types, each with its colour `var(--<type>)` from the one palette the cards use too. */
const TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'other'];

/** The host's styles: `!important` in the shadow tree's own context wins over any page rule. */
const HOST_CSS = `:host{all:initial!important;display:block!important;position:fixed!important;inset:0!important;
width:auto!important;height:auto!important;margin:0!important;padding:0!important;border:0!important;
pointer-events:none!important;z-index:2147483647!important;contain:strict!important;overflow:hidden!important;
opacity:1!important;visibility:visible!important;transform:none!important;filter:none!important;
clip-path:none!important;background:none!important}
.b{position:absolute;left:0;top:0;margin:0;padding:0;pointer-events:none;box-sizing:border-box;display:none}
.b.on{display:block}`;

/** Light or dark: which of the palette's two sets of type colours reads well on a page. */
export type Scheme = 'light' | 'dark';

const DARK_BLOCK = /@media \(prefers-color-scheme: dark\)\s*{([\s\S]*)}\s*$/;

/**
 * The palette for marks on a page of the given scheme. palette.css picks its
 * dark colours by the *system's* preference, which suits Dossier's own pages;
 * over a web page the page's own background decides (pastel marks on a white
 * page under a dark system were faint), so its dark block is kept or dropped here.
 */
export function paletteFor(scheme: Scheme): string {
  const dark = DARK_BLOCK.exec(PALETTE_CSS);
  if (!dark) return PALETTE_CSS; // palette.css changed shape: the system's preference decides, as in our pages
  const light = PALETTE_CSS.slice(0, dark.index);
  return scheme === 'dark' ? `${light}\n${dark[1]}` : light;
}

/** The relative luminance (0 black … 1 white) of a computed `rgb()`/`rgba()` colour; null when transparent or unread. */
export function luminanceOf(color: string): number | null {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)/.exec(color);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  if (alpha < 0.5) return null;
  const lin = (v: string) => {
    const c = parseFloat(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
}

/** The page's scheme from the background of its `<body>`, else `<html>`; a page that paints none is white. */
export function pageScheme(doc: Document): Scheme {
  const win = doc.defaultView;
  if (!win) return 'light';
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const l = luminanceOf(win.getComputedStyle(el).backgroundColor);
    if (l !== null) return l < 0.2 ? 'dark' : 'light';
  }
  return 'light';
}

/** The style of marks of each type and of the hovered mark (`.a`), for one highlight setting and page scheme. */
export function markCss(style: HighlightStyle, scheme: Scheme = 'light'): string {
  const tint = (t: EntityType, percent: number) => `color-mix(in srgb,var(--${t}) ${percent}%,transparent)`;
  const rules = TYPES.map((t) => {
    if (style === 'background') return `.${t}{background:${tint(t, 20)}}`;
    if (style === 'none') return `.${t}{background:none}`;
    return `.${t}{background:${tint(t, 8)};border-bottom:1.5px dotted ${tint(t, 75)}}`;
  });
  return (
    paletteFor(scheme) +
    '\n' +
    rules.join('\n') +
    '\n.b.a{background:rgba(250,204,21,.4);border-bottom:2px solid rgba(37,99,235,.9);display:block}' +
    (style === 'none' ? '\n.b:not(.a){display:none}' : '')
  );
}

/** One rect per line: a range over inline elements reports the text and the elements' boxes. */
export function mergeLines(rects: ArrayLike<DOMRectReadOnly>): DOMRectReadOnly[] {
  const out: { left: number; top: number; right: number; bottom: number }[] = [];
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i]!;
    if (r.width <= 0 || r.height <= 0) continue;
    const line = out.find((o) => r.top < o.bottom - 1 && r.bottom > o.top + 1);
    if (line) {
      line.left = Math.min(line.left, r.left);
      line.right = Math.max(line.right, r.right);
      line.top = Math.min(line.top, r.top);
      line.bottom = Math.max(line.bottom, r.bottom);
    } else out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  }
  return out.map((o) => new DOMRect(o.left, o.top, o.right - o.left, o.bottom - o.top));
}

interface Host {
  host: HTMLElement;
  css: HTMLStyleElement;
  layer: HTMLElement;
}

/**
 * One host per document, kept across sessions (a restart on a settings or
 * corpus change must not show the page a host removed and added again).
 */
const hosts = new WeakMap<Document, Host>();

function hostFor(doc: Document): Host {
  const known = hosts.get(doc);
  if (known && known.host.isConnected) return known;
  const host = doc.createElement('div');
  host.setAttribute('data-dossier-ui', '');
  const shadow = host.attachShadow({ mode: 'closed' });
  const css = doc.createElement('style');
  const layer = doc.createElement('div');
  shadow.append(css, layer);
  doc.documentElement.appendChild(host);
  const made = { host, css, layer };
  hosts.set(doc, made);
  return made;
}

/** Removes the overlay's host from `doc` for good (Dossier stops on this page). */
export function removeOverlayHost(doc: Document): void {
  hosts.get(doc)?.host.remove();
  hosts.delete(doc);
}

/** The element whose visibility and clipping stand for a mark's text. */
export const holderOf = (mark: Mark): Element | null => mark.startNode.parentElement;

/** Paints one document's marks in a closed overlay (see the module comment). */
export class MarkOverlay {
  private readonly host: HTMLElement | null = null;
  private readonly layer: HTMLElement | null = null;
  private readonly boxes: HTMLElement[] = [];
  private readonly byHolder = new Map<Element, Set<Mark>>();
  private readonly near = new Set<Element>();
  private readonly io: IntersectionObserver | null = null;
  private readonly ro: ResizeObserver | null = null;
  private active: Mark | null = null;
  private frame = 0;
  private disposed = false;
  private readonly win: Window | null;
  private readonly onScroll = (): void => this.invalidate();

  constructor(
    private readonly doc: Document,
    style: HighlightStyle = 'underline',
  ) {
    this.win = doc.defaultView;
    const win = this.win as (Window & typeof globalThis) | null;
    if (!win || !doc.documentElement || typeof doc.documentElement.attachShadow !== 'function') return;
    try {
      const { host, css, layer } = hostFor(doc);
      css.textContent = `${HOST_CSS}\n${markCss(style, pageScheme(doc))}`;
      layer.replaceChildren();
      this.host = host;
      this.layer = layer;
    } catch {
      return; // a page that broke shadow DOM: hit-testing and counts still work
    }
    if (typeof win.IntersectionObserver === 'function') {
      this.io = new win.IntersectionObserver(
        (entries: IntersectionObserverEntry[]) => {
          for (const e of entries) {
            if (e.isIntersecting) this.near.add(e.target);
            else this.near.delete(e.target);
          }
          this.invalidate();
        },
        { rootMargin: '100% 0px' },
      );
    }
    if (typeof win.ResizeObserver === 'function') {
      const ro = new win.ResizeObserver(() => this.invalidate());
      ro.observe(doc.documentElement); // reflows that move the text: images, fonts, late content
      this.ro = ro;
    }
    win.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    win.addEventListener('resize', this.onScroll, { passive: true });
  }

  /** Whether marks are visible in this browser (closed shadow roots work). */
  get supported(): boolean {
    return this.host !== null;
  }

  /** Paints `mark` (when it comes near the viewport). */
  add(mark: Mark): void {
    const holder = holderOf(mark);
    if (!holder || !this.host) return;
    let set = this.byHolder.get(holder);
    if (!set) {
      set = new Set();
      this.byHolder.set(holder, set);
      this.io?.observe(holder);
    }
    set.add(mark);
    if (this.near.has(holder)) this.invalidate();
  }

  /** Stops painting `mark`. */
  remove(mark: Mark): void {
    const holder = holderOf(mark);
    const set = holder ? this.byHolder.get(holder) : undefined;
    if (!holder || !set) return;
    set.delete(mark);
    if (set.size === 0) {
      this.byHolder.delete(holder);
      this.near.delete(holder);
      this.io?.unobserve(holder);
    }
    if (this.active === mark) this.active = null;
    this.invalidate();
  }

  /** Shows `mark` as the hovered one, or none. */
  setActive(mark: Mark | null): void {
    if (this.active === mark) return;
    this.active = mark;
    this.invalidate();
  }

  /** Recomputes the boxes at the next animation frame (the page moved or changed). */
  invalidate(): void {
    if (this.frame || this.disposed || !this.host || !this.win) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  /**
   * Removes every box and observer; unusable afterwards. The host stays, empty,
   * for the next session ({@link removeOverlayHost} removes it).
   */
  dispose(): void {
    this.disposed = true;
    if (this.frame) this.win?.cancelAnimationFrame(this.frame);
    this.io?.disconnect();
    this.ro?.disconnect();
    this.win?.removeEventListener('scroll', this.onScroll, { capture: true });
    this.win?.removeEventListener('resize', this.onScroll);
    this.layer?.replaceChildren();
    this.byHolder.clear();
    this.near.clear();
  }

  private paint(): void {
    const win = this.win;
    if (!win || !this.layer || this.disposed) return;
    // The page removed our host (replaced <html>'s content, or removed it by
    // hand): put the same one back, its closed root and boxes intact. Its
    // removal was a page mutation, which is what invalidated us.
    if (this.host && !this.host.isConnected) this.doc.documentElement?.appendChild(this.host);
    const clips = new ClipCache();
    const margin = win.innerHeight;
    const view: Box = { left: -64, top: -margin, right: win.innerWidth + 64, bottom: win.innerHeight + margin };
    let used = 0;
    const place = (mark: Mark, active: boolean): void => {
      const holder = holderOf(mark);
      if (!holder) return;
      let rects: DOMRectReadOnly[];
      try {
        rects = mergeLines(liveRange(mark).getClientRects());
      } catch {
        return; // the mark's nodes changed under us; the scanner drops it
      }
      for (const part of visibleParts(holder, rects, clips, 'shown')) {
        if (part.bottom < view.top || part.top > view.bottom || part.right < view.left || part.left > view.right)
          continue;
        if (used >= MAX_BOXES + 4) return;
        const box = this.box(used++);
        box.className = `b on ${mark.type}${active ? ' a' : ''}`;
        box.style.transform = `translate(${part.left}px,${part.top}px)`;
        box.style.width = `${part.right - part.left}px`;
        box.style.height = `${part.bottom - part.top}px`;
      }
    };
    if (this.active) place(this.active, true);
    for (const holder of this.near) {
      const marks = this.byHolder.get(holder);
      if (!marks) continue;
      for (const mark of marks) {
        if (used >= MAX_BOXES) break;
        if (mark !== this.active) place(mark, false);
      }
    }
    for (let i = used; i < this.boxes.length; i++) {
      const b = this.boxes[i]!;
      if (b.className !== 'b') b.className = 'b';
    }
  }

  private box(i: number): HTMLElement {
    let b = this.boxes[i];
    if (!b) {
      b = this.doc.createElement('div');
      b.className = 'b';
      this.layer!.appendChild(b);
      this.boxes.push(b);
    }
    return b;
  }
}
