/**
 * The one module that reads and writes subscriptions in `browser.storage.local`.
 */
import { browser } from 'wxt/browser';
import type { Subscription } from './types';

/** Storage key of the subscription list. */
export const SUBSCRIPTIONS_KEY = 'dossier:subscriptions';

function isSubscription(value: unknown): value is Subscription {
  const s = value as Partial<Subscription> | null;
  return typeof s === 'object' && s !== null && typeof s.id === 'string' && typeof s.url === 'string';
}

/** The stored subscriptions; malformed entries are left out. */
export async function loadSubscriptions(): Promise<Subscription[]> {
  const stored: unknown = (await browser.storage.local.get(SUBSCRIPTIONS_KEY))[SUBSCRIPTIONS_KEY];
  return Array.isArray(stored) ? stored.filter(isSubscription) : [];
}

/** Replaces the stored subscriptions. */
export async function saveSubscriptions(subscriptions: readonly Subscription[]): Promise<void> {
  await browser.storage.local.set({ [SUBSCRIPTIONS_KEY]: subscriptions });
}
