// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mayReveal, revealedBlocks } from './mutations';

/** An attribute record as a MutationObserver with `attributeOldValue` reports it. */
function record(target: Element, attributeName: string, oldValue: string | null): MutationRecord {
  return { type: 'attributes', target, attributeName, oldValue } as unknown as MutationRecord;
}

describe('attribute changes that can show text', () => {
  it('counts a removed [hidden] and an opened <details>, not the reverse', () => {
    document.body.innerHTML = '<p id="p">Lavrov</p><details id="d" open><summary>s</summary>Lavrov</details>';
    const p = document.getElementById('p')!;
    const d = document.getElementById('d')!;
    expect(mayReveal(record(p, 'hidden', ''))).toBe(true);
    p.setAttribute('hidden', '');
    expect(mayReveal(record(p, 'hidden', null))).toBe(false);
    expect(mayReveal(record(d, 'open', null))).toBe(true);
    d.removeAttribute('open');
    expect(mayReveal(record(d, 'open', ''))).toBe(false);
  });

  it('counts inline styles only when a property that shows or hides changed', () => {
    document.body.innerHTML = '<div id="a" style="display: block; transform: translateX(4px)">Lavrov</div>';
    const a = document.getElementById('a')!;
    expect(mayReveal(record(a, 'style', 'display:none; transform: translateX(4px)'))).toBe(true);
    expect(mayReveal(record(a, 'style', 'display: block; transform: translateX(2px)'))).toBe(false);
    expect(mayReveal(record(a, 'style', 'DISPLAY:block;transform:none'))).toBe(false);
  });

  it('counts class changes, except on <html> and <body> and on our own UI', () => {
    document.body.innerHTML = '<div id="a" class="open">Lavrov</div><div data-dossier-ui id="ui" class="x"></div>';
    expect(mayReveal(record(document.getElementById('a')!, 'class', 'collapsed'))).toBe(true);
    expect(mayReveal(record(document.getElementById('a')!, 'class', 'open'))).toBe(false);
    expect(mayReveal(record(document.body, 'class', 'scrolled'))).toBe(false);
    expect(mayReveal(record(document.getElementById('ui')!, 'class', ''))).toBe(false);
  });

  it('walks the changed element’s block again, the outermost one once', () => {
    document.body.innerHTML = '<section id="s"><p id="p">A <span id="i">Lavrov</span></p></section>';
    const s = document.getElementById('s')!;
    const span = document.getElementById('i')!;
    expect(revealedBlocks([record(span, 'class', 'x')])).toEqual([document.getElementById('p')]);
    expect(revealedBlocks([record(span, 'class', 'x'), record(s, 'class', 'y')])).toEqual([s]);
  });
});
