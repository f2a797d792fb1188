/**
 * Paints marks with the CSS Custom Highlight API: the page's DOM is never
 * changed, only ranges registered in `CSS.highlights` under one name per
 * entity type, plus `dossier-active` for the hovered name, styled by one small
 * stylesheet. `::highlight()` accepts only colour, background, text-decoration
 * and text-shadow, hence a faint tint and an underline.
 *
 * Styles are added only when the first mark is painted: in Chromium (156) any
 * stylesheet change that involves a `::highlight()` rule recalculates the style
 * of the whole document — measured 100–280 ms on the 1 MB wikipedia-2 page on
 * this (loaded) machine — so pages without names must not pay it, and it is
 * paid once per document (one shared sheet, never replaced).
 *
 * Without the API (Firefox before 140, old Safari) nothing is painted, and all
 * else (hit-testing, counts) works the same: {@link HighlightPainter.supported}
 * tells the lead whether marks are visible.
 */
import type { EntityType } from '../pack/types';
import type { HighlightStyle } from '../settings/settings';

/** Highlight names per entity type (also the `::highlight()` selectors). */
export const HIGHLIGHT_NAMES: Readonly<Record<EntityType, string>> = {
  person: 'dossier-person',
  organization: 'dossier-organization',
  place: 'dossier-place',
  other: 'dossier-other',
};

/** Highlight name of the hovered (active) mark. */
export const ACTIVE_HIGHLIGHT = 'dossier-active';

const COLORS: Record<EntityType, string> = {
  person: '37, 99, 235',
  organization: '147, 51, 234',
  place: '5, 150, 105',
  other: '107, 114, 128',
};

/**
 * The stylesheet for every `::highlight(dossier-*)` in a style. With 'none'
 * names are not marked, but the hovered name still is, so hovering answers.
 */
export function highlightCss(style: HighlightStyle): string {
  const mark = (t: EntityType): string => {
    const c = COLORS[t];
    if (style === 'background') return `background-color:rgba(${c},.2)`;
    if (style === 'none') return 'background-color:transparent';
    return `background-color:rgba(${c},.08);text-decoration:underline dotted rgba(${c},.75);text-decoration-thickness:1.5px`;
  };
  return (
    (Object.keys(HIGHLIGHT_NAMES) as EntityType[])
      .map((t) => `::highlight(${HIGHLIGHT_NAMES[t]}){${mark(t)}}`)
      .join('\n') +
    `\n::highlight(${ACTIVE_HIGHLIGHT}){background-color:rgba(250,204,21,.4);` +
    `text-decoration:underline solid rgba(37,99,235,.9);text-decoration-thickness:2px}`
  );
}

/** The default stylesheet (underline). */
export const HIGHLIGHT_CSS = highlightCss('underline');

type HighlightCtor = new (...ranges: AbstractRange[]) => Highlight;

/** Registers ranges in one document's highlight registry and styles them. */
export class HighlightPainter {
  private readonly registry: HighlightRegistry | null;
  private readonly byType = new Map<EntityType, Highlight>();
  private active: Highlight | null = null;
  private sheet: CSSStyleSheet | null = null;
  /** Roots to style; styled once the first mark is painted. */
  private readonly roots: (Document | ShadowRoot)[] = [];
  private readonly styled: (Document | ShadowRoot)[] = [];
  private painting = false;
  private readonly styleElements: HTMLStyleElement[] = [];

  constructor(
    private readonly doc: Document,
    private readonly css: string = HIGHLIGHT_CSS,
  ) {
    const win = doc.defaultView as
      (Window & { Highlight?: HighlightCtor; CSS?: { highlights?: HighlightRegistry } }) | null;
    const registry = win?.CSS?.highlights ?? null;
    const Ctor = win?.Highlight;
    this.registry = registry && Ctor ? registry : null;
    if (!this.registry || !Ctor) return;
    for (const type of Object.keys(HIGHLIGHT_NAMES) as EntityType[]) {
      const h = new Ctor();
      this.byType.set(type, h);
      this.registry.set(HIGHLIGHT_NAMES[type], h);
    }
    this.active = new Ctor();
    this.active.priority = 1; // paints over the type highlights
    this.registry.set(ACTIVE_HIGHLIGHT, this.active);
    this.roots.push(doc);
  }

  /** Whether marks are visible in this browser (the Highlight API exists). */
  get supported(): boolean {
    return this.registry !== null;
  }

  /** Paints ranges as marks of an entity type. */
  add(type: EntityType, range: AbstractRange): void {
    const h = this.byType.get(type);
    if (!h) return;
    h.add(range);
    if (!this.painting) {
      this.painting = true;
      // After the current task: a style lookup later in this scan slice must
      // not be the one that pays for the page-wide recalculation.
      queueMicrotask(() => {
        if (this.registry && this.roots.length > 0) for (const root of this.roots) this.style(root);
      });
    }
  }

  /** Stops painting a range. */
  remove(type: EntityType, range: AbstractRange): void {
    this.byType.get(type)?.delete(range);
  }

  /** Shows `range` as the active (hovered) mark, or none. */
  setActive(range: AbstractRange | null): void {
    if (!this.active) return;
    this.active.clear();
    if (range) this.active.add(range);
  }

  /**
   * Makes the highlight styles apply inside `root` (the document, or an open
   * shadow root: document styles do not reach into shadow trees) once the
   * first mark is painted. Idempotent per root.
   */
  adoptStyles(root: Document | ShadowRoot): void {
    if (!this.registry || this.roots.includes(root)) return;
    this.roots.push(root);
    if (this.painting) this.style(root);
  }

  /**
   * Adopts our stylesheet into `root` (no DOM change; constructed sheets from
   * the isolated world are not subject to the page's CSP in Chromium — see
   * tests/e2e/hard-pages.spec.ts); falls back to a `<style data-dossier-ui>`.
   */
  private style(root: Document | ShadowRoot): void {
    if (this.styled.includes(root)) return;
    this.styled.push(root);
    try {
      const win = this.doc.defaultView;
      if (!win) throw new Error('HighlightPainter: document has no window');
      if (!this.sheet) {
        this.sheet = new win.CSSStyleSheet();
        this.sheet.replaceSync(this.css);
      }
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
    } catch {
      // Engines or wrappers that refuse constructed sheets: a plain style element.
      const style = this.doc.createElement('style');
      style.setAttribute('data-dossier-ui', '');
      style.textContent = this.css;
      const parent = root.nodeType === 9 ? ((root as Document).head ?? (root as Document).documentElement) : root;
      parent.appendChild(style);
      this.styleElements.push(style);
    }
  }

  /** Removes every mark and our stylesheets; the painter is unusable afterwards. */
  dispose(): void {
    if (this.registry) {
      for (const [type, h] of this.byType) {
        if (this.registry.get(HIGHLIGHT_NAMES[type]) === h) this.registry.delete(HIGHLIGHT_NAMES[type]);
        h.clear();
      }
      if (this.active && this.registry.get(ACTIVE_HIGHLIGHT) === this.active) this.registry.delete(ACTIVE_HIGHLIGHT);
    }
    for (const root of this.styled) {
      try {
        if (this.sheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
      } catch {
        // The root used the <style> fallback, removed below.
      }
    }
    for (const el of this.styleElements) el.remove();
    this.styled.length = 0;
    this.roots.length = 0;
    this.byType.clear();
  }
}
