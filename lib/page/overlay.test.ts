// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { luminanceOf, MarkOverlay, markCss, mergeLines, pageScheme, paletteFor, removeOverlayHost } from './overlay';
import { alphaOf, ClipCache, visibleParts } from './visibility';

afterEach(() => removeOverlayHost(document));

describe('MarkOverlay', () => {
  it('adds one closed host whatever the page holds, and keeps it across sessions', () => {
    const first = new MarkOverlay(document);
    expect(first.supported).toBe(true);
    const hosts = document.querySelectorAll('[data-dossier-ui]');
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.shadowRoot).toBeNull(); // closed: the page cannot read the marks
    expect(hosts[0]!.parentNode).toBe(document.documentElement);
    first.dispose();
    const second = new MarkOverlay(document, 'background');
    expect(document.querySelectorAll('[data-dossier-ui]')[0]).toBe(hosts[0]); // not removed and added again
    second.dispose();
    removeOverlayHost(document);
    expect(document.querySelectorAll('[data-dossier-ui]')).toHaveLength(0);
  });
});

describe('markCss', () => {
  it('styles each type and the hovered mark for every setting', () => {
    expect(markCss('underline')).toContain(
      '.person{background:color-mix(in srgb,var(--person) 8%,transparent);border-bottom:1.5px dotted',
    );
    expect(markCss('background')).toContain('.place{background:color-mix(in srgb,var(--place) 20%,transparent)}');
    const none = markCss('none');
    expect(none).toContain('.b:not(.a){display:none}');
    expect(none).toContain('.b.a{background:rgba(250,204,21,.4)');
  });
});

describe('the type palette', () => {
  it('is the one the pages use: marks read the colours tokens.css imports, and nothing else defines them', () => {
    const read = (file: string) => readFileSync(join(process.cwd(), 'lib', 'ui', 'styles', file), 'utf8');
    const palette = read('palette.css');
    const css = markCss('underline');
    expect(css).toContain(palette.slice(0, palette.indexOf('@media')));
    expect(css).toMatch(/:host\s*{\s*--person: #7c3aed !important/);
    expect(read('tokens.css')).toContain("@import './palette.css';");
    for (const file of ['tokens.css', 'card.css', 'popup.css', 'reader.css', 'popover.css']) {
      expect(read(file), file).not.toMatch(/--(person|organization|place|other)\s*:/);
    }
  });
});

describe('marks follow the page, not the system', () => {
  it('uses the light colours on a light page and the dark ones on a dark page, whatever the system prefers', () => {
    const light = markCss('underline', 'light');
    expect(light).toContain('--person: #7c3aed');
    expect(light).not.toContain('#c4a5ff');
    expect(light).not.toContain('prefers-color-scheme');
    const dark = markCss('underline', 'dark');
    expect(dark).not.toContain('prefers-color-scheme');
    // The dark set comes last, so it wins over the light one.
    expect(dark.indexOf('#c4a5ff')).toBeGreaterThan(dark.indexOf('#7c3aed'));
    expect(paletteFor('dark')).toContain('--place: #7dd99a');
  });

  it('reads the page scheme from the computed background', () => {
    expect(luminanceOf('rgb(255, 255, 255)')).toBeCloseTo(1);
    expect(luminanceOf('rgb(0, 0, 0)')).toBe(0);
    expect(luminanceOf('rgba(0, 0, 0, 0)')).toBeNull();
    expect(luminanceOf('transparent')).toBeNull();
    document.body.style.backgroundColor = 'rgb(18, 18, 18)';
    expect(pageScheme(document)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(pageScheme(document)).toBe('light');
    document.body.style.backgroundColor = '';
    document.documentElement.style.backgroundColor = '';
    expect(pageScheme(document)).toBe('light');
  });
});

describe('mergeLines', () => {
  it('makes one box per line from the text and element boxes of a range', () => {
    const r = (x: number, y: number, w: number, h: number) => new DOMRect(x, y, w, h);
    const merged = mergeLines([r(10, 0, 30, 20), r(10, 0, 30, 20), r(44, 1, 40, 18), r(0, 22, 20, 20), r(5, 5, 0, 0)]);
    expect(merged.map((m) => [m.left, m.top, m.right, m.bottom])).toEqual([
      [10, 0, 84, 20],
      [0, 22, 20, 42],
    ]);
  });
});

describe('alphaOf', () => {
  it('reads the alpha of computed colours', () => {
    expect(alphaOf('rgb(0, 0, 0)')).toBe(1);
    expect(alphaOf('rgba(0, 0, 0, 0.02)')).toBe(0.02);
    expect(alphaOf('transparent')).toBe(0);
    expect(alphaOf('color(srgb 0 0 0 / 0.05)')).toBe(0.05);
    expect(alphaOf('oklch(0.5 0.1 200 / 50%)')).toBe(0.5);
  });
});

describe('visibleParts', () => {
  const rect = (left: number, top: number, width: number, height: number) => [new DOMRect(left, top, width, height)];

  // happy-dom computes only what is set inline.
  const shows = 'overflow-x: visible; overflow-y: visible; clip-path: none';

  it('gives the same answer with one cache for the task as with a fresh one per call, in any order', () => {
    document.body.innerHTML =
      `<div id="clip" style="overflow-x: hidden; overflow-y: hidden; clip-path: none"><p style="${shows}"><b id="inner" style="${shows}">` +
      `Lavrov</b></p></div><p style="${shows}"><i id="outer" style="${shows}">Aleppo</i></p>`;
    const inner = document.getElementById('inner')!;
    const outer = document.getElementById('outer')!;
    // happy-dom lays nothing out: the clipping div's box is empty, so what is inside it is clipped away.
    const fresh = (el: Element) => visibleParts(el, rect(10, 10, 40, 16), new ClipCache());
    expect(fresh(inner)).toEqual([]);
    expect(fresh(outer)).toHaveLength(1);
    for (const order of [
      [inner, outer],
      [outer, inner],
    ]) {
      const cache = new ClipCache();
      for (const el of order) expect(visibleParts(el, rect(10, 10, 40, 16), cache)).toEqual(fresh(el));
      // The ancestors of both were read once: every element on the way up has its chain.
      expect(cache.chains.get(inner)).toHaveLength(1);
      expect(cache.chains.get(outer)).toHaveLength(0);
      expect(cache.chains.get(document.body)).toHaveLength(0);
    }
  });
});
