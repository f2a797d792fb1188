/**
 * Downloads with limits, for everything Dossier fetches from the web (URL
 * import, subscriptions): a deadline for the whole download, a limit on how
 * long the server may stay silent, and a byte cap checked while the body
 * streams in — the download is aborted as soon as the cap is passed, so a
 * server that sends too much (or never stops) costs at most the cap.
 */

/** Limits of one download. */
export interface DownloadLimits {
  /** Most bytes read; more aborts the download. */
  maxBytes: number;
  /** The whole download, headers and body, ms. */
  timeoutMs: number;
  /** Longest silence before the answer starts or between two parts of the body, ms. */
  idleMs: number;
}

/** Why a download was stopped by its limits. */
export class DownloadLimitError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'idle' | 'too-large',
  ) {
    super(message);
    this.name = 'DownloadLimitError';
  }
}

/** Options of {@link fetchBytes}. */
export interface FetchBytesOptions extends DownloadLimits {
  init?: RequestInit;
  fetchFn?: typeof fetch;
  /**
   * Looks at the response before its body is read; return false to skip the
   * body (a 304, an error status the caller reports itself).
   */
  wantBody?: (response: Response) => boolean;
}

/** "256 MB", "30 s" */
const mb = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MB`;
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Fetches `url` within `limits`.
 * @returns the response and, unless `wantBody` said no, its body's bytes.
 * @throws DownloadLimitError when a limit stopped it (its message names the
 *   address and the limit); the fetch's own error when the network failed.
 */
export async function fetchBytes(
  url: string,
  options: FetchBytesOptions,
): Promise<{ response: Response; bytes: Uint8Array | null }> {
  const { maxBytes, timeoutMs, idleMs } = options;
  const controller = new AbortController();
  let stopped: DownloadLimitError | undefined;
  const stop = (error: DownloadLimitError) => {
    stopped ??= error;
    controller.abort(error);
  };
  const deadline = setTimeout(
    () => stop(new DownloadLimitError(`${url} took longer than ${seconds(timeoutMs)} to download`, 'timeout')),
    timeoutMs,
  );
  let idle: ReturnType<typeof setTimeout> | undefined;
  const quiet = () => {
    clearTimeout(idle);
    idle = setTimeout(
      () => stop(new DownloadLimitError(`${url} sent nothing for ${seconds(idleMs)}; the server may be down`, 'idle')),
      idleMs,
    );
  };
  const outer = options.init?.signal;
  const forward = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', forward);
  try {
    quiet();
    const response = await (options.fetchFn ?? fetch)(url, { ...options.init, signal: controller.signal });
    if (options.wantBody && !options.wantBody(response)) {
      await response.body?.cancel().catch(() => undefined);
      return { response, bytes: null };
    }
    const tooLarge = () =>
      new DownloadLimitError(`${url} is larger than ${mb(maxBytes)}; Dossier stopped reading it`, 'too-large');
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) {
      const error = tooLarge();
      stop(error);
      throw error;
    }
    const bytes = await readCapped(response, maxBytes, quiet, () => stop(tooLarge()), controller.signal);
    return { response, bytes };
  } catch (error) {
    throw stopped ?? error;
  } finally {
    clearTimeout(deadline);
    clearTimeout(idle);
    outer?.removeEventListener('abort', forward);
  }
}

/** The body's bytes, read part by part; calls `overflow` (which aborts) once more than `maxBytes` came. */
async function readCapped(
  response: Response,
  maxBytes: number,
  progress: () => void,
  overflow: () => void,
  signal: AbortSignal,
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  // An abort (deadline, silence) must end a read that is waiting for the server.
  const aborted = new Promise<never>((_resolve, reject) => {
    const fail = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      progress();
      total += value.byteLength;
      if (total > maxBytes) {
        overflow();
        throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      }
      parts.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}
