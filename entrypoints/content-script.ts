import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startController } from '../lib/content/controller';
import { isScannableFrame } from '../lib/page/frames';

// The engine: the content script of every http(s) top frame, declared in the
// manifest by wxt.config.ts (`content_scripts`: see CONTENT_SCRIPT there), and
// imported into a same-origin child frame once that frame's gate
// (entrypoints/content-gate.ts, lib/content/gate.ts) sees text.
//
// An unlisted script rather than WXT's `defineContentScript`: WXT wraps a
// content script in a ContentScriptContext that announces itself to the page
// (a `window.postMessage` and a DOM CustomEvent whose name holds the
// extension's id, in every frame, cross-origin ones included) and stops the
// script when a CustomEvent of that name arrives, which any page can forge.
// Nothing here talks to the page.
export default defineUnlistedScript(() => {
  // Cross-origin child frames (ads, embeds) stand down before any work.
  if (!isScannableFrame(window)) return;
  // Run twice in one frame, the second copy stands down. The flag lives in the content scripts' isolated
  // world: the page cannot see or set it.
  const started = globalThis as { dossierEngine?: true };
  if (started.dossierEngine) return;
  started.dossierEngine = true;
  const stop = startController(document);
  // After an update or uninstall this script is orphaned (`runtime.id` is gone):
  // stop marking when the user comes back to the tab.
  const checkOrphaned = () => {
    if (browser.runtime?.id) return;
    document.removeEventListener('visibilitychange', checkOrphaned);
    stop();
  };
  document.addEventListener('visibilitychange', checkOrphaned);
});
