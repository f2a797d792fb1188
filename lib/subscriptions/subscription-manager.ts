/**
 * Subscriptions as a service: add, remove, check one or all. Each check
 * downloads and validates the pack (within time and size limits, apart from
 * other checks: a hanging server delays no one else), then replaces the
 * subscription's layer in the corpus: one segment swapped (`deps.swap`,
 * ./swap-layer.ts), or the corpus rewritten through the editor (atomic swap,
 * edit log applied again; these writes take turns). A failed check changes nothing
 * but the subscription's `lastError`: the last good version stays in the
 * corpus. I/O comes in as {@link SubscriptionDeps}.
 */
import type { CorpusData } from '../edits/apply-edits';
import type { Pack } from '../pack/types';
import type { DownloadLimits } from '../import/fetch-bytes';
import { fetchPack, parseSubscriptionUrl, sha256Hex, type FetchResult } from './fetch-pack';
import { prefixLayer, removeLayer, replaceLayer } from './layer';
import { layerPrefix, type Subscription } from './types';

/** What the manager needs from the outside world. */
export interface SubscriptionDeps {
  load(): Promise<Subscription[]>;
  save(subscriptions: readonly Subscription[]): Promise<void>;
  /** Rewrites the corpus under the write lock, edits applied (CorpusEditor.rewrite); used when there is no `swap`. */
  rewrite(fn: (pack: Pack) => CorpusData): Promise<void>;
  /**
   * Replaces subscription `id`'s layer by `pack` (null: removes it) as one segment swap,
   * edits applied, and makes the background answer from it (./swap-layer.ts). Absent: `rewrite`.
   */
  swap?(id: string, pack: Pack | null): Promise<void>;
  fetch?: typeof fetch;
  /** Size and time limits of one download (default: fetch-pack.ts PACK_DOWNLOAD_LIMITS). */
  limits?: DownloadLimits;
  now?: () => Date;
}

/** Downloads at once in {@link SubscriptionManager.checkAll}: each within its own limits, none waiting on another. */
export const CHECK_CONCURRENCY = 4;

/** Subscriptions of this browser; one instance per service worker. */
export class SubscriptionManager {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly deps: SubscriptionDeps) {}

  /** Runs tasks one at a time, so two checks never interleave their saves. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private async update(id: string, change: (s: Subscription) => Subscription): Promise<Subscription> {
    const all = await this.deps.load();
    const index = all.findIndex((s) => s.id === id);
    if (index < 0) throw new Error('That subscription was removed in the meantime.');
    const next = change(all[index]!);
    all[index] = next;
    await this.deps.save(all);
    return next;
  }

  /** Every subscription, oldest first. */
  list(): Promise<Subscription[]> {
    return this.deps.load();
  }

  /**
   * Subscribes to a pack URL (`#sha256=<hex>` pins its hash) and checks it at once.
   * Returns the subscription; a failed first check shows as its `lastError`.
   * @throws Error when the address is not an http(s) URL.
   */
  add(input: string): Promise<Subscription> {
    const { url, sha256 } = parseSubscriptionUrl(input);
    return this.serial(async () => {
      const all = await this.deps.load();
      const existing = all.find((s) => s.url === url);
      if (existing) return existing;
      const hash = await sha256Hex(new TextEncoder().encode(url).buffer);
      const sub: Subscription = { id: `s${hash.slice(0, 8)}`, url, addedAt: this.now(), ...(sha256 ? { sha256 } : {}) };
      await this.deps.save([...all, sub]);
      return sub;
    }).then((sub) => this.check(sub.id));
  }

  /**
   * Unsubscribes and takes the subscription's documents out of the corpus.
   * @throws Error when the corpus cannot be written; the subscription stays then.
   */
  remove(id: string): Promise<void> {
    return this.serial(async () => {
      if (this.deps.swap) await this.deps.swap(id, null);
      else await this.deps.rewrite((pack) => removeLayer(pack, layerPrefix(id)));
      await this.deps.save((await this.deps.load()).filter((s) => s.id !== id));
    });
  }

  /**
   * Checks one subscription now; never throws for a failed download (see `lastError`).
   * The download runs at once; only writing its result waits for other changes.
   */
  async check(id: string, force = false): Promise<Subscription> {
    const sub = (await this.deps.load()).find((s) => s.id === id);
    if (!sub) throw new Error('No such subscription; it may have been removed.');
    const at = this.now();
    const asked = force ? { ...sub, etag: undefined, version: undefined } : sub;
    const fetched: FetchResult | { kind: 'failed'; error: unknown } = await fetchPack(
      asked,
      this.deps.fetch,
      this.deps.limits,
    ).catch((error: unknown) => ({ kind: 'failed' as const, error }));
    return this.serial(async () => {
      try {
        if (fetched.kind === 'failed') throw fetched.error;
        if (fetched.kind === 'unchanged') {
          return await this.update(id, (s) => ({
            ...withoutError(s),
            lastCheck: at,
            lastSuccess: at,
            etag: fetched.etag ?? s.etag,
          }));
        }
        const prefix = layerPrefix(id);
        if (this.deps.swap) await this.deps.swap(id, fetched.pack);
        else await this.deps.rewrite((pack) => replaceLayer(pack, prefix, prefixLayer(fetched.pack, prefix)));
        return await this.update(id, (s) => ({
          ...withoutError(s),
          lastCheck: at,
          lastSuccess: at,
          version: { createdAt: fetched.pack.createdAt, generator: fetched.pack.generator },
          documentCount: fetched.pack.documents.length,
          ...(fetched.etag ? { etag: fetched.etag } : {}),
        }));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return this.update(id, (s) => ({ ...s, lastCheck: at, lastError: message }));
      }
    });
  }

  /**
   * Checks every subscription (the daily alarm); `force` ignores ETags (after a
   * restore). Sources are independent: up to {@link CHECK_CONCURRENCY} download
   * at once, and one that fails or hangs (until its time limit) holds up no other.
   * @returns the subscriptions after their checks (those removed meanwhile left out).
   */
  async checkAll(force = false): Promise<Subscription[]> {
    const all = await this.deps.load();
    const results: (Subscription | undefined)[] = all.map(() => undefined);
    let next = 0;
    const worker = async () => {
      while (next < all.length) {
        const i = next++;
        results[i] = await this.check(all[i]!.id, force).catch(() => undefined);
      }
    };
    await Promise.allSettled(Array.from({ length: Math.min(CHECK_CONCURRENCY, all.length) }, worker));
    return results.filter((s): s is Subscription => s !== undefined);
  }
}

function withoutError(s: Subscription): Subscription {
  const { lastError: _lastError, ...rest } = s;
  return rest;
}
