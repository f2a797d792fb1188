/**
 * Reads the article of a tab for clipping: runs entrypoints/clip-extract.ts
 * in it with `scripting.executeScript` (the user's click on the toolbar
 * button or the context menu grants `activeTab`: no host permission is
 * needed). The one module that uses the scripting API.
 */
import { browser } from 'wxt/browser';
import type { ClippedArticle, ExtractOutcome } from './extract';
import { problemOfScriptError, problemWithUrl, type ClipProblem } from './page-access';

/** An article, or the problem to tell the user. */
export type TabClip = { ok: true; article: ClippedArticle } | { ok: false; problem: ClipProblem };

/** The active tab of the current window (the popup's page): its id, and its address when the browser tells. */
export async function activeTab(): Promise<{ id: number; url?: string } | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, ...(tab.url ? { url: tab.url } : {}) };
}

/** The address of tab `tabId` when the browser tells (it does for a tab the user granted with a click). */
export async function tabUrl(tabId: number): Promise<string | undefined> {
  try {
    return (await browser.tabs.get(tabId)).url;
  } catch {
    return undefined;
  }
}

function isOutcome(x: unknown): x is ExtractOutcome {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as { ok?: unknown; article?: { title?: unknown; text?: unknown }; reason?: unknown };
  return o.ok === true
    ? typeof o.article?.title === 'string' && typeof o.article.text === 'string'
    : typeof o.reason === 'string';
}

/** Extracts the article of the top frame of tab `tabId` (at `url`, when known). */
export async function clipTab(tabId: number, url: string | undefined): Promise<TabClip> {
  const known = problemWithUrl(url);
  if (known) return { ok: false, problem: known };
  let result: unknown;
  try {
    const [first] = await browser.scripting.executeScript({ target: { tabId }, files: ['/clip-extract.js'] });
    result = first?.result;
  } catch (error) {
    return { ok: false, problem: problemOfScriptError(error instanceof Error ? error.message : String(error)) };
  }
  if (!isOutcome(result)) return { ok: false, problem: 'unreachable' };
  return result.ok ? { ok: true, article: result.article } : { ok: false, problem: result.reason };
}
