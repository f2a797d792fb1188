/**
 * The gate-only content script of child frames (entrypoints/content-gate.ts). Every same-origin child frame
 * of a page runs it (`allFrames`, about:blank and srcdoc frames included), so it is kept tiny (≈ 2 KB
 * gzipped): no webextension-polyfill, no protocol, no engine. It waits until the frame shows text
 * (lib/page/frame-gate.ts), then loads the engine (content-script.js) into this frame with a dynamic
 * `import()` of the extension's own file; most child frames of a news page (empty ad slots, trackers) never
 * get that far. The top frame runs the engine from the manifest directly.
 *
 * What a page can learn from it (see lib/page/README.md, "What a page can observe"): the engine's file is
 * web-accessible so that a content script may import it. In Chrome its address changes every session
 * (`use_dynamic_url`), so no page can probe for it; Firefox gives every install its own random address,
 * as for popover.html. The load leaves no resource-timing entry in the page (tests/e2e/frames.spec.ts,
 * tests/firefox/smoke.ts). Whether a frame loads it depends on the frame's text, never on the corpus.
 */
import { waitForFrameText, type FrameGateOptions } from '../page/frame-gate';
import { isScannableFrame } from '../page/frames';

/** The runtime API the gate needs, `browser.runtime` in Firefox and `chrome.runtime` in Chromium, without the polyfill. */
interface GateRuntime {
  getURL(path: string): string;
}

/** The engine's file in the build (entrypoints/content-script.ts), web-accessible (wxt.config.ts). */
export const ENGINE_PATH = '/content-script.js';

function runtimeOf(global: typeof globalThis): GateRuntime | null {
  const g = global as unknown as { browser?: { runtime?: GateRuntime }; chrome?: { runtime?: GateRuntime } };
  return g.browser?.runtime ?? g.chrome?.runtime ?? null;
}

/** Loads the engine into the current frame's content-script world. */
function importEngine(): Promise<unknown> {
  const runtime = runtimeOf(globalThis);
  if (!runtime) return Promise.reject(new Error('no extension runtime (the extension was updated or removed)'));
  return import(/* @vite-ignore */ runtime.getURL(ENGINE_PATH));
}

/**
 * Starts the gate in `win`: in a same-origin child frame, loads the engine once the frame shows text; in the
 * top frame (which runs the engine already) and across origins, does nothing. Returns a function that stops
 * waiting. `load` defaults to importing the engine's file; `options` are the frame gate's (tests).
 */
export function startFrameGate(
  win: Window,
  load: () => Promise<unknown> = importEngine,
  options: FrameGateOptions = {},
): () => void {
  if (win === win.top || !isScannableFrame(win)) return () => undefined;
  const gate = waitForFrameText(win.document, options);
  void gate.ready.then(() =>
    load().catch((error: unknown) => {
      console.warn('Dossier: not active in this frame:', error instanceof Error ? error.message : error);
    }),
  );
  return () => gate.cancel();
}
