// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { ACTIVE_HIGHLIGHT, HIGHLIGHT_CSS, HighlightPainter, highlightCss } from './highlights';

/** Minimal stand-ins: happy-dom has no CSS Custom Highlight API. */
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}
type Win = { Highlight?: unknown; CSS?: { highlights?: Map<string, FakeHighlight> } };
const win = window as unknown as Win;

function installApi(): Map<string, FakeHighlight> {
  const registry = new Map<string, FakeHighlight>();
  win.Highlight = FakeHighlight;
  win.CSS = { highlights: registry };
  return registry;
}

afterEach(() => {
  delete win.Highlight;
  delete win.CSS;
  document.adoptedStyleSheets = [];
  document.head.innerHTML = '';
});

describe('HighlightPainter', () => {
  it('registers one highlight per type plus the active one', () => {
    const registry = installApi();
    const painter = new HighlightPainter(document);
    expect(painter.supported).toBe(true);
    expect([...registry.keys()].sort()).toEqual([
      'dossier-active',
      'dossier-organization',
      'dossier-other',
      'dossier-person',
      'dossier-place',
    ]);
    expect(registry.get(ACTIVE_HIGHLIGHT)!.priority).toBe(1);
  });

  it('adds, removes and activates ranges', () => {
    const registry = installApi();
    const painter = new HighlightPainter(document);
    const range = document.createRange();
    painter.add('place', range);
    expect(registry.get('dossier-place')!.has(range)).toBe(true);
    painter.setActive(range);
    expect(registry.get(ACTIVE_HIGHLIGHT)!.size).toBe(1);
    painter.setActive(null);
    painter.remove('place', range);
    expect(registry.get('dossier-place')!.size).toBe(0);
    expect(registry.get(ACTIVE_HIGHLIGHT)!.size).toBe(0);
  });

  it('styles the document once, after the first mark, and cleans up on dispose', async () => {
    const registry = installApi();
    const painter = new HighlightPainter(document);
    const count = () => document.adoptedStyleSheets.length + document.querySelectorAll('style[data-dossier-ui]').length;
    expect(count()).toBe(0); // a ::highlight sheet restyles the whole page: not before it is needed
    painter.add('person', document.createRange());
    painter.add('place', document.createRange());
    painter.adoptStyles(document);
    expect(count()).toBe(0);
    await Promise.resolve();
    expect(count()).toBe(1);
    painter.dispose();
    expect(registry.size).toBe(0);
    expect(document.adoptedStyleSheets.length + document.querySelectorAll('style[data-dossier-ui]').length).toBe(0);
  });

  it('paints nothing and throws nothing without the API', () => {
    const painter = new HighlightPainter(document);
    expect(painter.supported).toBe(false);
    painter.add('person', document.createRange());
    painter.setActive(null);
    painter.dispose();
    expect(document.querySelectorAll('style').length).toBe(0);
  });

  it('only uses properties ::highlight() accepts', () => {
    const props = [...HIGHLIGHT_CSS.matchAll(/[{;]([a-z-]+):/g)].map((m) => m[1]);
    expect(new Set(props)).toEqual(new Set(['background-color', 'text-decoration', 'text-decoration-thickness']));
  });
});

describe('highlightCss', () => {
  it('underlines names by default', () => {
    expect(highlightCss('underline')).toBe(HIGHLIGHT_CSS);
    expect(HIGHLIGHT_CSS).toContain(
      '::highlight(dossier-person){background-color:rgba(37, 99, 235,.08);text-decoration',
    );
  });

  it('tints names without an underline in the background style', () => {
    expect(highlightCss('background')).toContain('::highlight(dossier-place){background-color:rgba(5, 150, 105,.2)}');
  });

  it('leaves names unmarked with "none" but still shows the hovered one', () => {
    const css = highlightCss('none');
    expect(css).toContain('::highlight(dossier-person){background-color:transparent}');
    expect(css).toContain(`::highlight(${ACTIVE_HIGHLIGHT}){background-color:rgba(250,204,21,.4)`);
  });
});
