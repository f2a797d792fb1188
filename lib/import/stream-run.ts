/**
 * Imports `.jsonl`/`.jsonl.gz` files of any size: reads them as a stream
 * (lib/import/stream.ts) and commits each batch through {@link runImport}, so
 * memory is bounded by two batches (the next is read, and extracted,
 * lib/import/extract-ahead.ts, while one is written) and every committed batch
 * is in the corpus for good. The run holds the store's write lock from start to end (no other
 * change interleaves, and the storage panel sees it running), and every status
 * record it writes carries where it is ({@link StreamRunInfo}): a run stopped
 * anywhere — cancelled, failed, its tab closed — is described truthfully as
 * "N of the file's articles were added; the rest were not".
 */
import type { CorpusStore } from '../store/corpus-store';
import { MAX_SKIPPED_REASONS, type ImportStatus, type StreamRunInfo } from '../store/types';
import type { ImportBatch } from './merge';
import { ExtractAhead } from './extract-ahead';
import { ExtractPool } from './extract-pool';
import { runImport, type ImportDeps, type ImportProgress, type ImportResult } from './run-import';
import { streamJsonl, type StreamBatch, type StreamOptions } from './stream';

/** Where a streamed import is, for the progress bar. Counts never go down. */
export interface StreamProgress {
  files: string[];
  /** Bytes of all files read, and their size. */
  bytesRead: number;
  bytesTotal: number;
  /** Bytes read up to the end of the last committed batch (the measured rate counts these). */
  bytesCommitted: number;
  /** Articles committed to the corpus so far, and left out so far. */
  added: number;
  skipped: number;
  /** Batches committed. */
  batches: number;
  /** Articles in the batch being committed (0 while reading). */
  batchDocs: number;
}

/** A streamed import stopped before its end, with what it had added by then. */
export class StreamImportError extends Error {
  constructor(
    message: string,
    /** Articles of the files already in the corpus. */
    readonly added: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StreamImportError';
  }
}

/** What {@link runStreamImport} reads: the files, and articles from the review list imported first. */
export interface StreamInput {
  files: { name: string; blob: Blob }[];
  batch?: ImportBatch;
}

/** What {@link runStreamImport} needs besides {@link ImportDeps}. */
export interface StreamDeps extends Omit<ImportDeps, 'store' | 'stream' | 'onProgress'> {
  /** The store, to hold its write lock for the whole run. */
  store: CorpusStore;
  /**
   * The same database with a lock that counts as held: each batch's
   * {@link runImport} runs through it, inside the run's lock.
   */
  held: CorpusStore;
  onProgress?: (progress: ImportProgress, stream: StreamProgress) => void;
  reader?: StreamOptions;
  /**
   * Extracts each batch (default: a new {@link ExtractPool} for the run, ended with it): the
   * per-document passes on workers, the same result as in one thread.
   */
  pool?: Pick<ExtractPool, 'extract' | 'terminate'> & Partial<Pick<ExtractPool, 'phases' | 'usesWorkers'>>;
}

const isNothingNew = (error: unknown) => error instanceof Error && /^Nothing new to import/.test(error.message);

/**
 * Runs the import. Stops at the first batch that fails, or at a file that
 * cannot be read on (a cut-short gzip): what earlier batches added stays.
 * @throws StreamImportError with the count of articles added before the stop.
 */
export async function runStreamImport(input: StreamInput, deps: StreamDeps): Promise<ImportResult> {
  const { store, held, signal } = deps;
  const pool = deps.pool ?? new ExtractPool();
  const names = input.files.map((f) => f.name);
  const bytesTotal = input.files.reduce((n, f) => n + f.blob.size, 0);
  const t0 = performance.now();
  const p: StreamProgress = {
    files: names,
    bytesRead: 0,
    bytesTotal,
    bytesCommitted: 0,
    added: 0,
    skipped: 0,
    batches: 0,
    batchDocs: 0,
  };
  const reasons: string[] = [];
  const ahead = new ExtractAhead(pool);
  /** The read of the batch after the one being committed. */
  let next: Promise<IteratorResult<StreamBatch>> = Promise.resolve({ done: true, value: undefined });
  let inner: ImportProgress = { phase: 'waiting', done: 0, total: 0 };
  const report = () => deps.onProgress?.(inner, { ...p });
  const info = (more: boolean): StreamRunInfo => ({
    files: names,
    bytesRead: p.bytesRead,
    bytesTotal,
    addedBefore: p.added,
    skippedBefore: p.skipped,
    more,
  });
  const skip = (list: string[], count = list.length) => {
    p.skipped += count;
    for (const r of list) if (reasons.length < MAX_SKIPPED_REASONS) reasons.push(r);
  };
  let last: ImportResult | undefined;
  // Where the run's time went: each batch's phases summed, plus the reader's (gunzip, lines, checks)
  // and the status written between batches (tests/tools/import-time.ts prints them).
  const phases: Record<string, number> = {};
  const addPhase = (name: string, ms: number) => (phases[name] = (phases[name] ?? 0) + ms);
  const startedAt = new Date().toISOString();
  const base: ImportStatus = { state: 'started', ...(deps.runId ? { runId: deps.runId } : {}), startedAt, offered: 0 };

  const commit = async (batch: ImportBatch) => {
    signal?.throwIfAborted();
    const offered = batch.docs.length + batch.packs.reduce((n, x) => n + x.documents.length, 0);
    p.batchDocs = offered;
    report();
    try {
      last = await runImport(batch, {
        ...deps,
        store: held,
        extract: (docs, lexicon, entities, state) => ahead.extract(docs, lexicon, entities, state),
        // The next batch (being read ahead) is extracted while this one is written.
        onExtracted: (entities, state, dedupe) =>
          ahead.start(
            next.then((r) => (r.done ? undefined : r.value.docs)),
            deps.lexicon,
            entities,
            state,
            dedupe,
          ),
        stream: info(true),
        onProgress: (progress) => {
          inner = progress;
          report();
        },
      });
      p.added += last.added;
      skip(last.skipped);
      for (const [name, ms] of Object.entries(last.phases ?? {})) addPhase(name, ms);
    } catch (error) {
      if (!isNothingNew(error)) throw error;
      skip([`${offered} ${offered === 1 ? 'article is' : 'articles are'} already in the corpus`], offered);
    }
    p.batches++;
    p.batchDocs = 0;
    p.bytesCommitted = p.bytesRead;
    inner = { phase: 'reading', done: 0, total: 0 };
    report();
    const written = performance.now();
    // Between batches the record says "running, N added so far", without a generation: if the run
    // stops here, the store settles it as interrupted with exactly those N added.
    await held.setLastImport({ ...base, stream: info(true) });
    addPhase('stream.status', performance.now() - written);
  };

  report();
  return store.withWriteLock(async () => {
    inner = { phase: 'reading', done: 0, total: 0 };
    report();
    await held.setLastImport({ ...base, stream: info(true) });
    // The files' batches are read one ahead: the next is read (gunzip, lines, checks) while this
    // thread waits on the extraction workers and the store, and is ready to be extracted ahead.
    const batches = readAll(input.files, deps.reader);
    const readNext = () => {
      next = batches.next();
      // Awaited below; until then a failure to read must not count as unhandled.
      next.catch(() => undefined);
    };
    readNext();
    try {
      if (input.batch && (input.batch.docs.length || input.batch.packs.length)) await commit(input.batch);
      for (;;) {
        const reading = performance.now();
        const r = await next;
        addPhase('stream.read', performance.now() - reading);
        if (r.done) break;
        const batch = r.value;
        readNext();
        p.bytesRead = batch.bytesRead;
        skip(batch.skipped);
        if (batch.docs.length) await commit({ docs: batch.docs, packs: [] });
        else {
          p.bytesCommitted = p.bytesRead;
          report();
        }
      }
      if (!last) {
        throw new Error(
          p.skipped
            ? `Nothing new to import: all ${p.skipped.toLocaleString('en')} articles were left out (${reasons[0] ?? ''}${p.skipped > 1 ? ', …' : ''}).`
            : 'Nothing to import: no article passed the checks.',
        );
      }
      const ms = Math.round(performance.now() - t0);
      // The run's own record, replacing its last batch's: the whole run in one line.
      await held.setLastImport({
        ...base,
        state: 'finished',
        endedAt: new Date().toISOString(),
        offered: p.added + p.skipped,
        added: p.added,
        skipped: p.skipped,
        skippedReasons: reasons.slice(0, MAX_SKIPPED_REASONS),
        total: last.total,
        ms,
        generation: last.generation,
        stream: { ...info(false), addedBefore: 0, skippedBefore: 0 },
      });
      return {
        generation: last.generation,
        added: p.added,
        skipped: reasons,
        skippedCount: p.skipped,
        total: last.total,
        ms,
        phases: Object.fromEntries(
          Object.entries({
            ...phases,
            ...pool.phases?.(),
            // Batches whose extraction started ahead was used / was not (counts, not ms).
            'ahead.used': ahead.used,
            'ahead.missed': ahead.missed,
          }).map(([k, v]) => [k, Math.round(v)]),
        ),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A batch that failed has written its own `failed` record (with the count before it); a file
      // that could not be read on has not.
      const record = await held.lastImport().catch(() => null);
      if (record?.state !== 'failed' && !signal?.aborted)
        await held
          .setLastImport({
            ...base,
            state: 'failed',
            endedAt: new Date().toISOString(),
            error: message,
            stream: info(true),
          })
          .catch(() => undefined);
      throw new StreamImportError(message, p.added, { cause: error });
    } finally {
      // A run stopped early closes the reader once its pending read is done.
      void batches.return(undefined).catch(() => undefined);
      pool.terminate();
    }
  });
}

/** The batches of `files`, in order, each with `bytesRead` counted over all the files. */
async function* readAll(files: StreamInput['files'], reader?: StreamOptions): AsyncGenerator<StreamBatch> {
  let before = 0;
  for (const file of files) {
    for await (const batch of streamJsonl(file.blob, file.name, reader))
      yield { ...batch, bytesRead: before + batch.bytesRead };
    before += file.blob.size;
  }
}
