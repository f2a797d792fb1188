/**
 * Downloads and checks one subscribed pack: conditional request with the last
 * ETag, SHA-256 against the publisher's (URL fragment or `<url>.sha256`
 * sidecar), full pack validation. `fetch` is injected so tests need no network.
 */
import type { Pack } from '../pack/types';
import { validatePack } from '../import/validate';
import type { Subscription } from './types';

/** Refuse larger downloads (the importer's own cap for one file). */
export const MAX_PACK_BYTES = 256 * 1024 * 1024;

/** Outcome of a check that did not fail. */
export type FetchResult = { kind: 'unchanged'; etag?: string } | { kind: 'updated'; pack: Pack; etag?: string };

/** A URL the user typed, split into the pack URL and the expected hash. */
export function parseSubscriptionUrl(input: string): { url: string; sha256?: string } {
  let parsed: URL;
  try {
    parsed = new URL(input.trim());
  } catch {
    throw new Error(`"${input.trim()}" is not a web address; paste the full https://… address of the pack.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new Error(`Only http and https addresses can be subscribed to, not ${parsed.protocol}`);
  const hash = /^#sha256=([0-9a-fA-F]{64})$/.exec(parsed.hash)?.[1];
  parsed.hash = '';
  return hash ? { url: parsed.toString(), sha256: hash.toLowerCase() } : { url: parsed.toString() };
}

/** Hex SHA-256 of some bytes. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function sidecarHash(url: string, fetchFn: typeof fetch): Promise<string | undefined> {
  const response = await fetchFn(`${url}.sha256`, { cache: 'no-store' }).catch(() => null);
  if (!response?.ok) return undefined;
  const hex = /^\s*([0-9a-fA-F]{64})\b/.exec(await response.text())?.[1];
  return hex?.toLowerCase();
}

/**
 * Checks `sub` once.
 * @throws Error with a message for the user (network, HTTP status, size,
 *   hash mismatch, not a pack); the caller keeps the previous version then.
 */
export async function fetchPack(sub: Subscription, fetchFn: typeof fetch = fetch): Promise<FetchResult> {
  const headers: Record<string, string> = sub.etag ? { 'If-None-Match': sub.etag } : {};
  let response: Response;
  try {
    response = await fetchFn(sub.url, { headers, cache: 'no-cache', credentials: 'omit' });
  } catch (error) {
    throw new Error(
      `Could not reach ${sub.url} (${error instanceof Error ? error.message : String(error)}). Check the address and your connection, or allow Dossier to read that site.`,
    );
  }
  if (response.status === 304) return { kind: 'unchanged' };
  if (!response.ok)
    throw new Error(
      `${sub.url} answered ${response.status} ${response.statusText}; the publisher may have moved the pack.`,
    );
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_PACK_BYTES)
    throw new Error(`${sub.url} is larger than ${MAX_PACK_BYTES / 2 ** 20} MB; Dossier does not load it.`);
  const bytes = await response.arrayBuffer();
  if (bytes.byteLength > MAX_PACK_BYTES)
    throw new Error(`${sub.url} is larger than ${MAX_PACK_BYTES / 2 ** 20} MB; Dossier does not load it.`);
  const expected = sub.sha256 ?? (await sidecarHash(sub.url, fetchFn));
  if (expected) {
    const actual = await sha256Hex(bytes);
    if (actual !== expected)
      throw new Error(
        `${sub.url}: the file's SHA-256 does not match the publisher's (${expected.slice(0, 12)}…); it was not loaded.`,
      );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error(`${sub.url} is not JSON; it is not a Dossier pack (or it was cut off while downloading).`);
  }
  const check = validatePack(json, sub.url);
  if (!check.ok) throw new Error(check.error);
  const etag = response.headers.get('etag') ?? undefined;
  const same = sub.version?.createdAt === check.pack.createdAt && sub.version.generator === check.pack.generator;
  if (same) return etag ? { kind: 'unchanged', etag } : { kind: 'unchanged' };
  return etag ? { kind: 'updated', pack: check.pack, etag } : { kind: 'updated', pack: check.pack };
}
