/**
 * Subscriptions: packs a newsroom publishes at a URL, checked daily and kept
 * as a layer of the active corpus (see README.md). Plain data: these cross the
 * message boundary and live in `browser.storage.local`.
 */

/** One subscribed pack and what Dossier knows of its last check. */
export interface Subscription {
  /** `s` + 8 hex digits of the URL's SHA-256; prefixes the layer's document ids. */
  id: string;
  /** Where the pack is published, without the `#sha256=` fragment. */
  url: string;
  /** Expected SHA-256 (hex) of the pack file, from `#sha256=<hex>` in the URL the user gave. */
  sha256?: string;
  /** ISO 8601 times. */
  addedAt: string;
  lastCheck?: string;
  lastSuccess?: string;
  /** Why the last check failed, in words for the user; absent after a good check. */
  lastError?: string;
  /** The HTTP `ETag` of the version in the corpus, sent back as `If-None-Match`. */
  etag?: string;
  /** The pack's own `createdAt` and `generator` of the version in the corpus. */
  version?: { createdAt: string; generator: string };
  /** Documents the layer holds now. */
  documentCount?: number;
}

/** How long between automatic checks, minutes. */
export const CHECK_PERIOD_MINUTES = 1440;

/** Name of the alarm that runs the daily check. */
export const CHECK_ALARM = 'dossier:subscriptions';

/** The prefix of a layer's document ids: `<subscription id>/`. */
export function layerPrefix(subscriptionId: string): string {
  return `${subscriptionId}/`;
}
