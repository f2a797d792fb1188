import { defineContentScript } from 'wxt/utils/define-content-script';
import { startPageSession } from '../lib/content/page-session';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    startPageSession(document)
      .then((stop) => {
        // After an update or uninstall this script is orphaned: remove its marks.
        if (stop) ctx.onInvalidated(stop);
      })
      .catch((error: unknown) => {
        // A page without Dossier is still a working page: report and stand down.
        console.warn('Dossier: not active on this page:', error instanceof Error ? error.message : error);
      });
  },
});
