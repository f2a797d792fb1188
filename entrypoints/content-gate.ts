import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startFrameGate } from '../lib/content/gate';

// The content script of every child frame (wxt.config.ts: CONTENT_GATE). It only waits until its frame shows
// text, then imports the engine (entrypoints/content-script.ts) into this frame (lib/content/gate.ts): most
// frames of a news page are empty ad slots and trackers that never need the engine's 80 KB.
// An unlisted script for the same reason as content-script.ts (WXT's content script context talks to the page).
export default defineUnlistedScript(() => startFrameGate(window));
