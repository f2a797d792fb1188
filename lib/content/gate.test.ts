// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameGateOptions, FrameProbe } from '../page/frame-gate';
import { startFrameGate } from './gate';

/**
 * A same-origin child frame as the gate sees it (happy-dom loads no iframe documents): a window whose
 * `frameElement` is an iframe of the test document, whose parent is the top, and whose document is its own.
 */
function childFrame(): { win: Window; options: FrameGateOptions } {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const doc = document.implementation.createHTMLDocument('');
  const win = { top: window, parent: window, frameElement: frame, document: doc } as unknown as Window;
  const probe: FrameProbe = {
    viewport: () => ({ width: 300, height: 250 }),
    frameElement: () => null,
    isShown: () => true,
  };
  return { win, options: { probe } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400)); // past the gate's 250 ms re-check

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('startFrameGate', () => {
  it('does nothing in the top frame: the manifest gives it the engine', async () => {
    const load = vi.fn(() => Promise.resolve());
    document.body.innerHTML = '<p>Sergey Lavrov met reporters.</p>';
    startFrameGate(window, load);
    await settle();
    expect(load).not.toHaveBeenCalled();
  });

  it('loads the engine into a child frame that shows text, once', async () => {
    const { win, options } = childFrame();
    win.document.body.innerHTML = '<p>John Kerry spoke.</p>';
    const load = vi.fn(() => Promise.resolve());
    startFrameGate(win, load, options);
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('waits in an empty child frame until its text arrives', async () => {
    const { win, options } = childFrame();
    const load = vi.fn(() => Promise.resolve());
    startFrameGate(win, load, options);
    await settle();
    expect(load).not.toHaveBeenCalled();
    win.document.body.append(Object.assign(win.document.createElement('p'), { textContent: 'Later, John Kerry.' }));
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never loads after being stopped', async () => {
    const { win, options } = childFrame();
    const load = vi.fn(() => Promise.resolve());
    const stop = startFrameGate(win, load, options);
    stop();
    win.document.body.innerHTML = '<p>John Kerry spoke.</p>';
    await settle();
    expect(load).not.toHaveBeenCalled();
  });

  it('reports a failed load without throwing (an updated or removed extension)', async () => {
    const { win, options } = childFrame();
    win.document.body.innerHTML = '<p>John Kerry spoke.</p>';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    startFrameGate(win, () => Promise.reject(new Error('Extension context invalidated.')), options);
    await settle();
    expect(warn).toHaveBeenCalledWith('Dossier: not active in this frame:', 'Extension context invalidated.');
  });
});
