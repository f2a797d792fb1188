import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractArticle } from '../lib/clip/extract';

// Injected into the tab the user clips (lib/clip/clip-tab.ts: `scripting.executeScript`, allowed by the
// click's activeTab grant) in the extension's isolated world. Readability reads a clone of the document;
// the article comes back as the script's result. Nothing is written to the page or posted to it.
export default defineUnlistedScript(() => extractArticle(document, location.href));
