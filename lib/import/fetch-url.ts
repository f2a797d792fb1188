/**
 * Import from a URL: download the page or file within limits (lib/import/fetch-bytes.ts)
 * and say what to parse it as.
 */
import { DownloadLimitError, fetchBytes, type DownloadLimits } from './fetch-bytes';
import { MAX_FILE_BYTES } from './limits';

/** Limits of a URL import: the size of one file, two minutes, 30 s of silence. */
export const URL_IMPORT_LIMITS: DownloadLimits = { maxBytes: MAX_FILE_BYTES, timeoutMs: 120_000, idleMs: 30_000 };

/** File name ending to parse a fetched resource as, from its content type and path. */
export function nameFor(url: string, contentType: string): string {
  const path = new URL(url).pathname;
  if (/\.(jsonl|json|md|markdown|txt|html?)$/i.test(path)) return path.split('/').pop()!;
  if (contentType.includes('json')) return 'download.json';
  if (contentType.includes('markdown')) return 'download.md';
  if (contentType.includes('text/plain')) return 'download.txt';
  return 'page.html';
}

/**
 * Downloads `url` for the importer.
 * @throws Error for the user: status, size or time limit, network failure.
 */
export async function fetchForImport(
  url: string,
  fetchFn: typeof fetch = fetch,
  limits: DownloadLimits = URL_IMPORT_LIMITS,
): Promise<{ name: string; bytes: Uint8Array }> {
  try {
    const { response, bytes } = await fetchBytes(url, {
      ...limits,
      init: { credentials: 'omit' },
      fetchFn,
      wantBody: (r) => r.ok,
    });
    if (!response.ok || !bytes) throw new Error(`the server answered ${response.status} ${response.statusText}`);
    return { name: nameFor(url, response.headers.get('content-type') ?? ''), bytes };
  } catch (error) {
    if (error instanceof DownloadLimitError)
      throw new Error(
        error.reason === 'too-large'
          ? `larger than ${Math.round(limits.maxBytes / 2 ** 20)} MB, more than one import file may be; download it and split it`
          : `${error.reason === 'idle' ? 'the server stopped sending' : 'the download took too long'} — try again later`,
      );
    throw error;
  }
}
