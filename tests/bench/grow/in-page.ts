/**
 * Scripts the grow bench runs in an extension page (same origin as the service worker and
 * the store), and the worker's heap over CDP. Scripts are strings, not functions: tsx would
 * wrap a function's inner arrows in a helper the page does not have.
 */
import type { CDPSession, Page } from 'playwright-core';

/** One record of the extension's IndexedDB: estimated structured-clone bytes and a content fingerprint. */
export type RecordPrint = [bytes: number, hash: number];

/**
 * Every record of every IndexedDB database of the extension's origin, by `db/store/key`:
 * its estimated structured-clone size (strings 1 byte a char when Latin-1, else 2; typed
 * arrays and ArrayBuffers their bytes; numbers 9; a few bytes of tag per value and key) and
 * a hash of its shape and sampled content (so a record rewritten under the same key counts).
 */
export function snapshotStore(page: Page): Promise<Record<string, RecordPrint>> {
  return page.evaluate<Record<string, RecordPrint>>(`(async () => {
  const out = {};
  const mix = (h, x) => Math.imul(h ^ (x | 0), 16777619) >>> 0;
  const walk = (v, acc) => {
    if (v === null || v === undefined || typeof v === 'boolean') { acc.n += 1; acc.h = mix(acc.h, 7); return; }
    if (typeof v === 'number') { acc.n += 9; acc.h = mix(acc.h, v * 1000); return; }
    if (typeof v === 'bigint') { acc.n += 9; acc.h = mix(acc.h, Number(v)); return; }
    if (typeof v === 'string') {
      acc.n += 5 + (/[^\\u0000-\\u00ff]/.test(v) ? 2 : 1) * v.length;
      acc.h = mix(acc.h, v.length);
      const step = Math.max(1, Math.floor(v.length / 64));
      for (let i = 0; i < v.length; i += step) acc.h = mix(acc.h, v.charCodeAt(i));
      return;
    }
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      acc.n += 10 + bytes.length;
      acc.h = mix(acc.h, bytes.length);
      const step = Math.max(1, Math.floor(bytes.length / 64));
      for (let i = 0; i < bytes.length; i += step) acc.h = mix(acc.h, bytes[i]);
      return;
    }
    if (v instanceof Blob) { acc.n += 10 + v.size; acc.h = mix(acc.h, v.size); return; }
    if (v instanceof Date) { acc.n += 9; acc.h = mix(acc.h, v.getTime()); return; }
    if (Array.isArray(v)) { acc.n += 5; acc.h = mix(acc.h, v.length); for (const x of v) walk(x, acc); return; }
    if (v instanceof Map) { acc.n += 5; for (const [k, x] of v) { walk(k, acc); walk(x, acc); } return; }
    if (v instanceof Set) { acc.n += 5; for (const x of v) walk(x, acc); return; }
    acc.n += 5;
    for (const k of Object.keys(v)) { walk(k, acc); walk(v[k], acc); }
  };
  for (const { name } of await indexedDB.databases()) {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
      r.onblocked = () => reject(new Error('open blocked: ' + name));
    });
    try {
      for (const store of db.objectStoreNames) {
        await new Promise((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).openCursor();
          req.onsuccess = () => {
            const c = req.result;
            if (!c) return resolve();
            const acc = { n: 0, h: 2166136261 };
            walk(c.key, acc);
            walk(c.value, acc);
            out[name + '/' + store + '/' + JSON.stringify(c.key)] = [acc.n, acc.h];
            c.continue();
          };
          req.onerror = () => reject(req.error);
        });
      }
    } finally {
      db.close();
    }
  }
  return out;
})()`);
}

/** Bytes and count of the records in `after` that are new or changed since `before`. */
export function writtenSince(
  before: Record<string, RecordPrint>,
  after: Record<string, RecordPrint>,
): { bytes: number; records: number; deleted: number } {
  let bytes = 0;
  let records = 0;
  for (const [key, [size, hash]] of Object.entries(after)) {
    const old = before[key];
    if (old && old[0] === size && old[1] === hash) continue;
    bytes += size;
    records++;
  }
  const deleted = Object.keys(before).filter((k) => !(k in after)).length;
  return { bytes, records, deleted };
}

/** What one `search` request found, and how long the answer took in the page. */
export interface SearchProbe {
  ms: number;
  hits: number;
  /** Titles of the documents of the quote and passage hits. */
  titles: string[];
}

/** Sends `search` over the extension's message protocol from `page` (one of our pages). */
export function searchFrom(page: Page, query: string, limit = 30): Promise<SearchProbe> {
  return page.evaluate<SearchProbe>(`(async () => {
  const t0 = performance.now();
  const reply = await chrome.runtime.sendMessage({ dossier: 1, name: 'search', payload: { query: ${JSON.stringify(query)}, limit: ${limit} } });
  const ms = performance.now() - t0;
  if (!reply || !reply.ok) throw new Error('search: ' + JSON.stringify(reply));
  const titles = reply.value.hits.map((h) => (h.quote || h.passage || {}).doc).filter(Boolean).map((d) => d.title);
  return { ms, hits: reply.value.hits.length, titles };
})()`);
}

/** `corpus.status`: documents and the origin's storage use as the background reports them. */
export function corpusStatus(page: Page): Promise<{ documents: number; usage: number | null; source: string }> {
  return page.evaluate(`chrome.runtime.sendMessage({ dossier: 1, name: 'corpus.status', payload: {} }).then((r) => {
    if (!r || !r.ok) throw new Error('corpus.status: ' + JSON.stringify(r));
    return { documents: r.value.counts.documents, usage: r.value.storage ? r.value.storage.usage : null, source: r.value.source };
  })`);
}

/**
 * The extension service worker's JS heap (CDP `Runtime.getHeapUsage` on its target, after
 * `HeapProfiler.collectGarbage`), through `cdp` (a page's session: it attaches to the worker's
 * target in the non-flat mode, since Playwright gives no session on a service worker).
 * @throws when no service worker of `extensionId` is running.
 */
export async function workerHeap(cdp: CDPSession, extensionId: string): Promise<{ usedMB: number; totalMB: number }> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const target = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
  );
  if (!target) throw new Error(`grow: no running service worker of ${extensionId}`);
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 1;
  const pending = new Map<number, (value: { result?: unknown; error?: unknown }) => void>();
  const onMessage = (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const msg = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg);
  };
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  const call = async (method: string): Promise<unknown> => {
    const id = nextId++;
    const answer = new Promise<{ result?: unknown; error?: unknown }>((resolve, reject) => {
      pending.set(id, resolve);
      setTimeout(() => reject(new Error(`grow: ${method} on the worker: no answer in 30 s`)), 30_000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    const reply = await answer;
    if (reply.error) throw new Error(`grow: ${method} on the worker: ${JSON.stringify(reply.error)}`);
    return reply.result;
  };
  try {
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    const { usedSize, totalSize } = (await call('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    return { usedMB: usedSize / 2 ** 20, totalMB: totalSize / 2 ** 20 };
  } finally {
    cdp.off('Target.receivedMessageFromTarget', onMessage);
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}
