/**
 * Downloads and checks one subscribed pack: conditional request with the last
 * ETag, SHA-256 against the publisher's (URL fragment or `<url>.sha256`
 * sidecar), full pack validation. `fetch` is injected so tests need no network.
 */
import { DownloadLimitError, fetchBytes, type DownloadLimits } from '../import/fetch-bytes';
import type { Pack } from '../pack/types';
import { validatePack } from '../import/validate';
import { checkPackCost, PACK_COST_LIMITS, tooManyEntities } from './pack-cost';
import type { Subscription } from './types';

/** Refuse larger downloads (the importer's own cap for one batch). */
export const MAX_PACK_BYTES = 256 * 1024 * 1024;

/**
 * Limits of a check: the pack's size cap, and time. Ten minutes is 256 MB at
 * about 0.4 MB/s; a server silent for a minute is taken to be down.
 */
export const PACK_DOWNLOAD_LIMITS: DownloadLimits = {
  maxBytes: MAX_PACK_BYTES,
  timeoutMs: 10 * 60_000,
  idleMs: 60_000,
};

/** Limits of the `.sha256` sidecar: one line of `sha256sum` output. */
const SIDECAR_LIMITS: DownloadLimits = { maxBytes: 64 * 1024, timeoutMs: 30_000, idleMs: 30_000 };

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
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function sidecarHash(url: string, fetchFn: typeof fetch, limits: DownloadLimits): Promise<string | undefined> {
  const sidecar = await fetchBytes(`${url}.sha256`, {
    ...SIDECAR_LIMITS,
    timeoutMs: Math.min(SIDECAR_LIMITS.timeoutMs, limits.timeoutMs),
    idleMs: Math.min(SIDECAR_LIMITS.idleMs, limits.idleMs),
    init: { cache: 'no-store', credentials: 'omit' },
    fetchFn,
    wantBody: (response) => response.ok,
  }).catch(() => null);
  if (!sidecar?.bytes) return undefined;
  const hex = /^\s*([0-9a-fA-F]{64})\b/.exec(new TextDecoder().decode(sidecar.bytes))?.[1];
  return hex?.toLowerCase();
}

/**
 * Checks `sub` once.
 * @throws Error with a message for the user (network, HTTP status, size,
 *   hash mismatch, not a pack); the caller keeps the previous version then.
 */
export async function fetchPack(
  sub: Subscription,
  fetchFn: typeof fetch = fetch,
  limits: DownloadLimits = PACK_DOWNLOAD_LIMITS,
): Promise<FetchResult> {
  const headers: Record<string, string> = sub.etag ? { 'If-None-Match': sub.etag } : {};
  let download: Awaited<ReturnType<typeof fetchBytes>>;
  try {
    download = await fetchBytes(sub.url, {
      ...limits,
      init: { headers, cache: 'no-cache', credentials: 'omit' },
      fetchFn,
      wantBody: (response) => response.ok,
    });
  } catch (error) {
    if (error instanceof DownloadLimitError)
      throw new Error(
        `${error.message}. Dossier keeps the version it has and tries again at the next check${error.reason === 'too-large' ? '; ask the publisher for a smaller pack' : ''}.`,
      );
    throw new Error(
      `Could not reach ${sub.url} (${error instanceof Error ? error.message : String(error)}). Check the address and your connection, or allow Dossier to read that site.`,
    );
  }
  const { response, bytes } = download;
  if (response.status === 304) return { kind: 'unchanged' };
  if (!response.ok || !bytes)
    throw new Error(
      `${sub.url} answered ${response.status} ${response.statusText}; the publisher may have moved the pack.`,
    );
  const expected = sub.sha256 ?? (await sidecarHash(sub.url, fetchFn, limits));
  if (expected) {
    const actual = await sha256Hex(bytes as Uint8Array<ArrayBuffer>);
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
  // The cheap count first: a pack far too large is refused before it is validated object by object.
  const entities = (json as { entities?: unknown } | null)?.entities;
  if (Array.isArray(entities) && entities.length > PACK_COST_LIMITS.entities)
    throw new Error(tooManyEntities(sub.url, entities.length));
  const check = validatePack(json, sub.url);
  if (!check.ok) throw new Error(check.error);
  const cost = checkPackCost(check.pack, sub.url);
  if (cost) throw new Error(cost);
  const etag = response.headers.get('etag') ?? undefined;
  const same = sub.version?.createdAt === check.pack.createdAt && sub.version.generator === check.pack.generator;
  if (same) return etag ? { kind: 'unchanged', etag } : { kind: 'unchanged' };
  return etag ? { kind: 'updated', pack: check.pack, etag } : { kind: 'updated', pack: check.pack };
}
