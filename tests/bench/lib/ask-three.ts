/**
 * Times three requests an extension page sends the service worker — names,
 * a search and a card — in ms since sending the first. Used by the benches
 * that restart the worker (worker, bundled).
 */
import type { Page } from 'playwright-core';

/** Milliseconds from sending `names.get` until each answer arrived. */
export interface Timings {
  names: number;
  search: number;
  card: number;
}

/**
 * Sends `names.get`, `search` for `query` and `entity.card` for `entityId`
 * from `page` (one of our pages). The script is a string, not a function: tsx
 * would wrap a function's inner arrows in a helper the page does not have.
 */
export function askThree(page: Page, entityId: string, query: string): Promise<Timings> {
  return page.evaluate<Timings>(`(async () => {
  const send = async (name, payload) => {
    const reply = await chrome.runtime.sendMessage({ dossier: 1, name, payload });
    if (!reply || !reply.ok) throw new Error(name + ': ' + JSON.stringify(reply));
    return reply.value;
  };
  const t0 = performance.now();
  await send('names.get', {});
  const names = performance.now() - t0;
  await send('search', { query: ${JSON.stringify(query)}, limit: 30 });
  const search = performance.now() - t0;
  await send('entity.card', { entityId: ${JSON.stringify(entityId)} });
  return { names, search, card: performance.now() - t0 };
})()`);
}
