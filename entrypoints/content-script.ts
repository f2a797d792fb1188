import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startController } from '../lib/content/controller';
import { isScannableFrame } from '../lib/page/frames';

// The content script of every http(s) page and frame, declared in the manifest
// by wxt.config.ts (`content_scripts`: see CONTENT_SCRIPT there).
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
