import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The content scripts (unlisted scripts: see entrypoints/content-script.ts why
 * not WXT's defineContentScript). Every frame runs its own session (see
 * lib/page/README.md, "Frames"); about:blank and srcdoc frames inherit their
 * parent's origin, so they are matched too. The top frame runs the engine at
 * once; every child frame runs only the gate (entrypoints/content-gate.ts,
 * ~2 KB gzipped), which imports the engine into that frame once it shows
 * text: most child frames of a news page (empty ad slots, trackers) never do.
 */
const CONTENT_SCRIPT = {
  matches: ['http://*/*', 'https://*/*'],
  js: ['content-script.js'],
  all_frames: false,
  match_about_blank: true,
  run_at: 'document_idle',
};
const CONTENT_GATE = { ...CONTENT_SCRIPT, js: ['content-gate.js'], all_frames: true };

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Several builds may run side by side (e.g. a benchmark while tests run).
  outDir: process.env.DOSSIER_OUT_DIR ?? '.output',
  // Our own code is imported explicitly; auto-imports hide where things come from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
    // DOSSIER_NO_MINIFY=1: readable function names in CPU profiles (tests/bench/page/where-time.ts).
    ...(process.env.DOSSIER_NO_MINIFY === '1' ? { build: { minify: false } } : {}),
  }),
  hooks: {
    // The bundled corpus is turned into a pack file here, at build time, by the
    // same code the command-line tool uses, and its search indexes beside it by
    // the code that indexes every stored corpus: browsers never re-extract or
    // index it. Imported lazily so that loading this config stays cheap.
    'build:publicAssets': async (wxt, files) => {
      const { buildBundledPack, bundledIndexFile } = await import('./lib/node/bundled-corpus');
      const { toPackFile } = await import('./lib/pack/file');
      const { BUNDLED_INDEX_PATH } = await import('./lib/search/index-file');
      const pack = await buildBundledPack(wxt.config.root);
      files.push({ relativeDest: 'corpus/pack.json', contents: JSON.stringify(toPackFile(pack)) });
      files.push({ relativeDest: BUNDLED_INDEX_PATH.slice(1), contents: JSON.stringify(bundledIndexFile(pack)) });
    },
  },
  manifest: ({ browser }) => ({
    name: 'Dossier',
    description:
      'See what your own news corpus says about the people, organisations and places named on any page. Runs locally.',
    // activeTab + scripting: "Add this page to Dossier" reads the page the user clicked on, and only that
    // one, with no host permission (lib/clip/clip-tab.ts).
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'alarms', 'activeTab', 'scripting'],
    // Subscriptions ask for their host at the moment the user subscribes (lib/subscriptions).
    // MV2 (Firefox) has no optional_host_permissions: hosts go in optional_permissions there.
    ...(browser === 'firefox'
      ? { optional_permissions: ['<all_urls>'] }
      : { optional_host_permissions: ['<all_urls>'] }),
    commands: {
      'lookup-selection': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: 'Look up the selected name in Dossier',
      },
    },
    content_scripts: [CONTENT_SCRIPT, CONTENT_GATE],
    // Web-accessible: the popover frame, and the engine, which a child frame's gate imports (a content script
    // may import only web-accessible files; lib/content/gate.ts). `use_dynamic_url` (Chrome): pages can load
    // them only through an address that changes every session, which only our content script knows, so a page
    // can neither embed them nor probe for Dossier with them. Firefox (MV2) gives every install its own random
    // moz-extension address. (scripting.executeScript into the frame instead would need host permissions for
    // every site: content script matches do not allow it.)
    web_accessible_resources: [
      { resources: ['popover.html', 'content-script.js'], matches: ['<all_urls>'], use_dynamic_url: true },
    ],
    ...(browser === 'firefox'
      ? {
          // 140 (ESR): the CSS Custom Highlight API and ::highlight() that paint the marks arrived in 140,
          // as did data_collection_permissions on desktop; Android has the latter from 142 (README, "Firefox").
          browser_specific_settings: {
            gecko: {
              id: 'dossier@example.org',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
