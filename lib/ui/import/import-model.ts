/**
 * The options page's import: what the user has picked or pasted (a review
 * list with editable title, source, date and URL), the problems found per
 * file, and the running import with its progress. I/O comes in as
 * {@link ImportApi}, so the model is tested without a browser.
 */
import { computed, signal } from '@preact/signals';
import type { SourceDocument } from '../../corpus/types';
import type { Pack } from '../../pack/types';
import { MAX_BATCH_BYTES, MAX_REVIEW_JSONL_BYTES, formatBytes } from '../../import/limits';
import type { ImportBatch } from '../../import/merge';
import { cleanDocument, type ParsedFile } from '../../import/parse-file';
import type { ImportProgress, ImportResult } from '../../import/run-import';
import { isStreamable } from '../../import/stream';
import type { StreamProgress } from '../../import/stream-run';
import { createPromptTracker, promptMessage, PROMPT_TIMEOUT_MS } from '../options/permission-prompt';

/** A running import, as the page sees it. */
export interface ImportRun {
  /** Resolves with the result, rejects with a message for the user. */
  done: Promise<ImportResult>;
  /** Stops it at once; resolves with true if it had already swapped the corpus. */
  cancel(): Promise<boolean>;
}

/** A running import of streamed files. */
export interface StreamRun {
  /** Resolves with the result, rejects with a message for the user (and `added`: what was added before). */
  done: Promise<ImportResult>;
  /** Stops it at once; says whether it had already finished, and how many of the files' articles were added. */
  cancel(): Promise<CancelOutcome>;
}

/** What a cancel found. `swapped`: the import had finished. `added`: a streamed import's articles in the corpus. */
export interface CancelOutcome {
  swapped: boolean;
  added?: number;
}

/** Whether a picked file is imported as a stream rather than read into the review list. */
export function streamsFile(file: { name: string; size: number }): boolean {
  return isStreamable(file.name) && (/\.gz$/i.test(file.name) || file.size > MAX_REVIEW_JSONL_BYTES);
}

/** The outside world of the import panel. */
export interface ImportApi {
  /** Reads a file's bytes. */
  read(file: File): Promise<Uint8Array>;
  /** Parses bytes of a file (the page passes an inert HTML parser, lib/import/inert-html.ts). */
  parse(name: string, bytes: Uint8Array, url?: string): ParsedFile | Promise<ParsedFile>;
  /** Starts the worker. */
  start(batch: ImportBatch, onProgress: (p: ImportProgress) => void): ImportRun;
  /** Starts the worker on files it reads as streams (after `batch`, which may be empty). */
  startStream(
    files: File[],
    batch: ImportBatch,
    onProgress: (p: ImportProgress, s?: StreamProgress) => void,
  ): StreamRun;
  /** Asks for the URL's origin; must be called first thing in a click handler (a user gesture). */
  requestOrigin(url: string): Promise<boolean>;
  /** Fetches a URL: the bytes and the name to parse them as (from the content type). */
  fetchUrl(url: string): Promise<{ name: string; bytes: Uint8Array }>;
  /** Called after the corpus changed (the background reloads, panels refresh). */
  changed(): Promise<void>;
  /** Called after each committed batch of a streamed import: the background answers from it at once. */
  batchCommitted?(): Promise<void>;
  /** How long to wait for the permission prompt's answer, ms (default {@link PROMPT_TIMEOUT_MS}). */
  promptTimeoutMs?: number;
}

/** One article waiting in the review list. */
export interface ReviewItem {
  key: number;
  /** File name, URL or "Pasted text". */
  origin: string;
  doc: SourceDocument;
}

/** The time left of a streamed import, measured when the last batch was committed. */
export interface StreamEstimate {
  leftMs: number;
  /** When it was measured (ms since epoch). */
  at: number;
}

export type RunState =
  | { status: 'idle' }
  | {
      status: 'running';
      progress: ImportProgress;
      phaseStart: number;
      start: number;
      /** For streamed files: bytes read, articles added so far, and the time left. */
      stream?: StreamProgress;
      estimate?: StreamEstimate;
    }
  | { status: 'done'; result: ImportResult }
  /** `added`: articles of streamed files that were added before the failure (they stay). */
  | { status: 'failed'; message: string; added?: number }
  | { status: 'cancelled'; swapped: boolean; added?: number };

/** Creates the model. */
export function createImportModel(api: ImportApi) {
  const items = signal<ReviewItem[]>([]);
  const packs = signal<{ name: string; pack: Pack }[]>([]);
  /** `.jsonl`/`.jsonl.gz` files imported as streams: not read here, the worker reads them batch by batch. */
  const streams = signal<File[]>([]);
  const errors = signal<string[]>([]);
  const reading = signal(false);
  const run = signal<RunState>({ status: 'idle' });
  const now = signal(Date.now());
  let nextKey = 0;
  let current: StreamRun | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  const prompt = createPromptTracker(api.promptTimeoutMs ?? PROMPT_TIMEOUT_MS);

  const offered = computed(() => items.value.length + packs.value.reduce((n, p) => n + p.pack.documents.length, 0));

  function take(origin: string, parsed: ParsedFile): void {
    items.value = [...items.value, ...parsed.docs.map((doc) => ({ key: nextKey++, origin, doc }))];
    packs.value = [...packs.value, ...parsed.packs.map((pack) => ({ name: origin, pack }))];
    errors.value = [...errors.value, ...parsed.errors];
  }

  /** Reads picked or dropped files; the good ones join the review list, each problem is listed. */
  async function addFiles(picked: readonly File[]): Promise<void> {
    const streamed = picked.filter(streamsFile);
    if (streamed.length) streams.value = [...streams.value, ...streamed.filter((f) => !streams.value.includes(f))];
    const files = picked.filter((f) => !streamsFile(f));
    if (!files.length) return;
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > MAX_BATCH_BYTES) {
      errors.value = [
        ...errors.value,
        `These ${files.length} files are ${formatBytes(total)}, more than the ${formatBytes(MAX_BATCH_BYTES)} one import may have — pick fewer, or save the articles as .jsonl (one a line), which is imported as a stream whatever its size`,
      ];
      return;
    }
    reading.value = true;
    try {
      for (const file of files) {
        try {
          take(file.name, await api.parse(file.name, await api.read(file)));
        } catch (error) {
          errors.value = [...errors.value, `${file.name}: could not be read (${String(error)})`];
        }
      }
    } finally {
      reading.value = false;
    }
  }

  /** Adds a pasted article. @returns a message when it is not usable. */
  function addPasted(fields: {
    title: string;
    source: string;
    date: string;
    url: string;
    text: string;
  }): string | null {
    const doc = cleanDocument({ ...fields, id: `pasted-${Date.now().toString(36)}-${nextKey}` }, 'Pasted text');
    if (typeof doc === 'string') return doc;
    items.value = [...items.value, { key: nextKey++, origin: 'Pasted text', doc }];
    return null;
  }

  /**
   * Imports a page or file from a URL. Call it directly from the click handler:
   * the host permission is asked first, while the click still counts as a user gesture.
   */
  async function addUrl(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
      if (!/^https?:$/.test(parsed.protocol)) throw new Error('not http');
    } catch {
      errors.value = [...errors.value, `${url}: not a web address (https://…)`];
      return;
    }
    const request = api.requestOrigin(parsed.href);
    reading.value = true;
    try {
      // The prompt may never be answered (or shown): it has a timeout and a cancel.
      const outcome = await prompt.track(parsed.host, request);
      if (outcome.answer !== 'granted') {
        errors.value = [...errors.value, promptMessage(outcome, parsed.host)];
        return;
      }
      const { name, bytes } = await api.fetchUrl(parsed.href);
      take(parsed.href, await api.parse(name, bytes, parsed.href));
    } catch (error) {
      errors.value = [...errors.value, `${parsed.href}: ${error instanceof Error ? error.message : String(error)}`];
    } finally {
      reading.value = false;
    }
  }

  function update(key: number, patch: Partial<Pick<SourceDocument, 'title' | 'source' | 'date' | 'url'>>): void {
    items.value = items.value.map((i) => (i.key === key ? { ...i, doc: { ...i.doc, ...patch } } : i));
  }
  function remove(key: number): void {
    items.value = items.value.filter((i) => i.key !== key);
  }
  /** Empties the review list; the problems stay until {@link dismissErrors}. */
  function clear(): void {
    items.value = [];
    packs.value = [];
    streams.value = [];
  }
  /** Takes a streamed file off the list. */
  function removeStream(file: File): void {
    streams.value = streams.value.filter((f) => f !== file);
  }
  /** The user has read the problems. */
  function dismissErrors(): void {
    errors.value = [];
  }

  function stopTicker(): void {
    if (ticker !== undefined) clearInterval(ticker);
    ticker = undefined;
  }

  /** Imports everything in the review list. */
  async function start(): Promise<void> {
    // While files are still being read, the batch is not complete yet.
    if (run.value.status === 'running' || reading.value || (offered.value === 0 && !streams.value.length)) return;
    const batch: ImportBatch = {
      docs: items.value.map((i) => cleanUp(i.doc)),
      packs: packs.value.map((p) => p.pack),
    };
    const t = Date.now();
    const files = streams.value;
    run.value = {
      status: 'running',
      progress: { phase: 'waiting', done: 0, total: offered.value },
      phaseStart: t,
      start: t,
      // Shown from the start: the worker's first word may take a while (another change holds the lock).
      ...(files.length
        ? {
            stream: {
              files: files.map((f) => f.name),
              bytesRead: 0,
              bytesTotal: files.reduce((n, f) => n + f.size, 0),
              bytesCommitted: 0,
              added: 0,
              skipped: 0,
              batches: 0,
              batchDocs: 0,
            },
          }
        : {}),
    };
    ticker = setInterval(() => (now.value = Date.now()), 250);
    const onProgress = (progress: ImportProgress, stream?: StreamProgress) => {
      const prev = run.value;
      if (prev.status !== 'running') return;
      const at = Date.now();
      const phaseStart = prev.progress.phase === progress.phase ? prev.phaseStart : at;
      // A committed batch is in the corpus for good: the background should answer from it now.
      if (stream && stream.batches > (prev.stream?.batches ?? 0)) void api.batchCommitted?.().catch(() => undefined);
      const estimate =
        stream && stream.bytesCommitted !== prev.stream?.bytesCommitted
          ? estimateLeft(stream, at - prev.start, at)
          : prev.estimate;
      run.value = {
        ...prev,
        progress,
        phaseStart,
        ...(stream ? { stream: keepGrowing(prev.stream, stream) } : {}),
        ...(estimate ? { estimate } : {}),
      };
    };
    if (streams.value.length) current = api.startStream(streams.value, batch, onProgress);
    else {
      const plain = api.start(batch, onProgress);
      current = { done: plain.done, cancel: async () => ({ swapped: await plain.cancel() }) };
    }
    try {
      const result = await current.done;
      // The background answers from the new corpus before the page says it is done.
      const changing = performance.now();
      await api.changed();
      const changed = Math.round(performance.now() - changing);
      run.value = { status: 'done', result: { ...result, phases: { ...result.phases, 'page.changed': changed } } };
      clear();
    } catch (error) {
      if (run.value.status === 'running') {
        const added = (error as { added?: unknown } | null)?.added;
        run.value = {
          status: 'failed',
          message: String(error instanceof Error ? error.message : error),
          ...(typeof added === 'number' ? { added } : {}),
        };
        // The storage panel shows the recorded failure.
        await api.changed().catch(() => undefined);
      }
      // A cancel refreshes the panels itself, once the store says how the import ended.
    } finally {
      stopTicker();
      current = undefined;
    }
  }

  /** Stops the running import; the previous corpus stays unless the swap had already happened. */
  async function cancel(): Promise<void> {
    if (!current) return;
    const running = current;
    run.value = { status: 'cancelled', swapped: false };
    const outcome = await running.cancel().catch((): CancelOutcome => ({ swapped: false }));
    run.value = { status: 'cancelled', ...outcome };
    if (outcome.swapped) clear();
    // The files' committed batches are in the corpus: importing the same files again skips them.
    else if (outcome.added) items.value = [];
    // Only now is the cancellation recorded: the storage panel reads it from the store.
    await api.changed().catch(() => undefined);
  }

  return {
    items,
    packs,
    streams,
    errors,
    reading,
    run,
    now,
    offered,
    /** The permission prompt the URL import waits for, if any (with its cancel). */
    pendingPrompt: prompt.pending,
    addFiles,
    addPasted,
    addUrl,
    update,
    remove,
    removeStream,
    clear,
    dismissErrors,
    start,
    cancel,
  };
}

/** Date and URL as typed in the review list may be emptied or malformed: keep only good values. */
function cleanUp(doc: SourceDocument): SourceDocument {
  const out = cleanDocument(doc, doc.title);
  return typeof out === 'string' ? doc : out;
}

export type ImportModel = ReturnType<typeof createImportModel>;

/**
 * The time left of a streamed import from its measured rate: the time taken
 * so far for the bytes committed so far, applied to the bytes left. Unknown
 * until a first batch is committed.
 */
export function estimateLeft(stream: StreamProgress, elapsedMs: number, at: number): StreamEstimate | undefined {
  if (stream.bytesCommitted <= 0 || elapsedMs <= 0) return undefined;
  const left = Math.max(0, stream.bytesTotal - stream.bytesCommitted);
  return { leftMs: (elapsedMs * left) / stream.bytesCommitted, at };
}

/** Counts as shown: never smaller than what was shown before (a message may arrive late). */
function keepGrowing(prev: StreamProgress | undefined, next: StreamProgress): StreamProgress {
  if (!prev) return next;
  const max = (k: 'bytesRead' | 'bytesCommitted' | 'added' | 'skipped' | 'batches') => Math.max(prev[k], next[k]);
  return {
    ...next,
    bytesRead: max('bytesRead'),
    bytesCommitted: max('bytesCommitted'),
    added: max('added'),
    skipped: max('skipped'),
    batches: max('batches'),
  };
}

/** Overall fraction done (0–1), time left in ms (when known) and articles done, for the progress bar. */
export function progressOf(
  state: Extract<RunState, { status: 'running' }>,
  now: number,
): { fraction: number; leftMs?: number; articles: number } {
  const p = state.progress;
  if (state.stream) {
    const s = state.stream;
    const fraction = s.bytesTotal ? Math.min(1, s.bytesRead / s.bytesTotal) : 0;
    // Counts down between two measurements, never below zero.
    const leftMs = state.estimate ? Math.max(0, state.estimate.leftMs - (now - state.estimate.at)) : undefined;
    return { fraction, ...(leftMs !== undefined ? { leftMs } : {}), articles: s.added };
  }
  const elapsed = now - state.phaseStart;
  switch (p.phase) {
    case 'waiting':
    case 'reading':
      return { fraction: 0.02, articles: 0 };
    case 'building': {
      const est = p.estimateMs ?? 1;
      const f = p.done === p.total ? 1 : Math.min(0.95, elapsed / est);
      return { fraction: 0.05 + 0.8 * f, leftMs: Math.max(0, est - elapsed) * 1.15, articles: Math.round(p.total * f) };
    }
    case 'saving':
    case 'verifying':
      return { fraction: 0.85 + 0.14 * (p.done / Math.max(1, p.total)), articles: -1 };
  }
}
