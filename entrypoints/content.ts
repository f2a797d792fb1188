import { defineContentScript } from 'wxt/utils/define-content-script';
import { startController } from '../lib/content/controller';
import { isScannableFrame } from '../lib/page/frames';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Every frame runs its own session (see lib/page/README.md, "Frames"); about:blank
  // and srcdoc frames inherit their parent's origin, so they are matched too.
  allFrames: true,
  matchAboutBlank: true,
  runAt: 'document_idle',
  main(ctx) {
    // Cross-origin child frames (ads, embeds) stand down before any work.
    if (!isScannableFrame(window)) return;
    // Stops everything when this script is orphaned by an update or uninstall.
    ctx.onInvalidated(startController(document));
  },
});
