// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  frameHasText,
  hasVisibleText,
  isTinyViewport,
  MIN_TEXT_UNITS,
  waitForFrameText,
  type FrameProbe,
} from './frame-gate';

/** happy-dom computes no layout: an element is hidden here when it (or an ancestor) has `data-hidden`. */
const isShown = (el: Element): boolean => el.closest('[data-hidden]') === null;

function probe(width = 300, height = 200, frame: Element | null = null): FrameProbe {
  return { viewport: () => ({ width, height }), frameElement: () => frame, isShown };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('isTinyViewport', () => {
  it('calls 1×1 pixels, collapsed slots and zero-size frames tiny', () => {
    expect(isTinyViewport(1, 1)).toBe(true);
    expect(isTinyViewport(0, 0)).toBe(true);
    expect(isTinyViewport(728, 0)).toBe(true);
    expect(isTinyViewport(300, 9)).toBe(true);
  });
  it('lets a one-line embed through', () => {
    expect(isTinyViewport(300, 20)).toBe(false);
  });
});

describe('hasVisibleText', () => {
  it('is false for an empty body, whitespace and punctuation', () => {
    document.body.innerHTML = '  <div> \n </div><p>— · !</p>';
    expect(hasVisibleText(document.body, MIN_TEXT_UNITS, isShown)).toBe(false);
  });
  it('does not count scripts, styles, form fields, editable regions or our own UI', () => {
    document.body.innerHTML =
      '<script>var longScriptText = 1</script><style>body { color: red }</style><textarea>Lavrov</textarea>' +
      '<div contenteditable>Lavrov</div><div data-dossier-ui>Lavrov</div><noscript>Lavrov</noscript>';
    expect(hasVisibleText(document.body, MIN_TEXT_UNITS, isShown)).toBe(false);
  });
  it('does not count hidden text', () => {
    document.body.innerHTML = '<div data-hidden><p>Sergey Lavrov met John Kerry</p></div><p hidden>Aleppo</p>';
    expect(hasVisibleText(document.body, MIN_TEXT_UNITS, isShown)).toBe(false);
  });
  it('counts letters and digits across text nodes up to the need, then stops asking', () => {
    document.body.innerHTML = '<span>U</span><b>S</b><p>more text after</p>';
    const asked: string[] = [];
    const spy = (el: Element) => (asked.push(el.localName), isShown(el));
    expect(hasVisibleText(document.body, 2, spy)).toBe(true);
    expect(asked).toEqual(['span', 'b']);
    expect(hasVisibleText(document.body, 3, isShown)).toBe(true);
    document.body.innerHTML = '<span>U</span>';
    expect(hasVisibleText(document.body, 2, isShown)).toBe(false);
  });
  it('counts non-Latin letters', () => {
    document.body.innerHTML = '<p>Лавров</p>';
    expect(hasVisibleText(document.body, MIN_TEXT_UNITS, isShown)).toBe(true);
  });
});

describe('frameHasText', () => {
  it('needs a viewport that is not tiny', () => {
    document.body.innerHTML = '<p>Lavrov</p>';
    expect(frameHasText(document, probe(300, 200))).toBe(true);
    expect(frameHasText(document, probe(1, 1))).toBe(false);
  });
  it('needs the embedding element to be shown', () => {
    document.body.innerHTML = '<p>Lavrov</p><div class="frame" data-hidden></div>';
    const frame = document.querySelector('.frame')!;
    expect(frameHasText(document, probe(300, 200, frame))).toBe(false);
    frame.removeAttribute('data-hidden');
    expect(frameHasText(document, probe(300, 200, frame))).toBe(true);
  });
});

describe('waitForFrameText', () => {
  const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

  it('opens at once on a frame that has text', async () => {
    document.body.innerHTML = '<p>Lavrov</p>';
    const gate = waitForFrameText(document, { probe: probe(), recheckMs: 0 });
    expect(gate.open).toBe(true);
    await gate.ready;
  });

  it('waits on an empty frame and opens when text is added', async () => {
    const gate = waitForFrameText(document, { probe: probe(), recheckMs: 0 });
    let opened = false;
    void gate.ready.then(() => (opened = true));
    document.body.append(document.createElement('div'));
    await tick(5);
    expect(opened).toBe(false);
    document.querySelector('div')!.textContent = 'Sergey Lavrov';
    await tick(5);
    expect(opened).toBe(true);
    expect(gate.open).toBe(true);
  });

  it('opens when character data grows past the need', async () => {
    document.body.innerHTML = '<p>A</p>';
    const gate = waitForFrameText(document, { probe: probe(), recheckMs: 0 });
    expect(gate.open).toBe(false);
    document.querySelector('p')!.firstChild!.textContent = 'Aleppo';
    await tick(5);
    expect(gate.open).toBe(true);
  });

  it('opens when a tiny frame is resized', async () => {
    document.body.innerHTML = '<p>Lavrov</p>';
    const size = { width: 1, height: 1 };
    const gate = waitForFrameText(document, {
      probe: { viewport: () => size, frameElement: () => null, isShown },
      recheckMs: 0,
    });
    expect(gate.open).toBe(false);
    size.width = 300;
    size.height = 250;
    window.dispatchEvent(new Event('resize'));
    await tick(5);
    expect(gate.open).toBe(true);
  });

  it('opens when the embedding page shows a hidden frame element', async () => {
    document.body.innerHTML = '<p>Lavrov</p><div class="frame" data-hidden style="display:none"></div>';
    const frame = document.querySelector('.frame')!;
    const gate = waitForFrameText(document, { probe: probe(300, 200, frame), recheckMs: 0 });
    expect(gate.open).toBe(false);
    frame.removeAttribute('data-hidden');
    frame.setAttribute('style', '');
    await tick(5);
    expect(gate.open).toBe(true);
  });

  it('re-checks a busy frame at most once per interval', async () => {
    let checks = 0;
    const counting: FrameProbe = { ...probe(), isShown: (el) => (checks++, isShown(el)) };
    document.body.innerHTML = '<p data-hidden>x</p>';
    const gate = waitForFrameText(document, { probe: counting, recheckMs: 50 });
    checks = 0;
    for (let i = 0; i < 20; i++) {
      document.body.append(Object.assign(document.createElement('p'), { textContent: `ad ${i}` }));
      document.body.lastElementChild!.setAttribute('data-hidden', '');
      await tick(1);
    }
    await tick(80);
    // Each check asks about the hidden paragraphs present then; 20 mutations, far fewer checks.
    expect(gate.open).toBe(false);
    expect(checks).toBeLessThan(20 * 10);
    gate.cancel();
  });

  it('stops watching when cancelled', async () => {
    const gate = waitForFrameText(document, { probe: probe(), recheckMs: 0 });
    gate.cancel();
    document.body.innerHTML = '<p>Lavrov</p>';
    await tick(5);
    expect(gate.open).toBe(false);
  });
});
