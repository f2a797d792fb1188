/**
 * The import itself, as the worker runs it (and the benchmark, in Node):
 * take the write lock, merge the batch into the active corpus (or the bundled
 * pack), extract and index everything, write a new generation and swap it in.
 * Its I/O comes in as parameters, so it runs anywhere.
 */
import type { Lexicon } from '../corpus/types';
import { applyEdits } from '../edits/apply-edits';
import { forgetDeletions } from '../edits/reimport';
import type { LoggedEdit } from '../edits/types';
import { buildPack } from '../pack/build';
import type { Pack } from '../pack/types';
import { describeWriteError, type CorpusStore } from '../store/corpus-store';
import { MAX_SKIPPED_REASONS, type ImportStatus, type StreamRunInfo } from '../store/types';
import { MAX_BATCH_DOCUMENTS } from './limits';
import { carryOver, planMerge, type ImportBatch } from './merge';

/** Extraction and indexing speed used for the time-left estimate, in characters per millisecond (measured in Node on 2 cores: ~850). */
export const BUILD_CHARS_PER_MS = 700;

/** Where an import is. `done` of `total` counts articles (build) or chunks (save). */
export interface ImportProgress {
  phase: 'waiting' | 'reading' | 'building' | 'saving' | 'verifying';
  done: number;
  total: number;
  /** For `building`: expected duration, since extraction reports no steps. */
  estimateMs?: number;
}

/** What a finished import did. */
export interface ImportResult {
  generation: string;
  added: number;
  skipped: string[];
  /** Documents in the corpus now. */
  total: number;
  ms: number;
  /** How many were left out, when `skipped` lists only the first ones (a streamed file). */
  skippedCount?: number;
}

/** What {@link runImport} needs from its host. */
export interface ImportDeps {
  store: CorpusStore;
  /** The bundled pack, the corpus when the store is empty. */
  loadBundled: () => Promise<Pack>;
  lexicon: Lexicon;
  /** Written into the pack, e.g. "dossier-import 0.1.0". */
  generator: string;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Told the new generation's id before it is written (so a canceller can check whether it became active). */
  onGeneration?: (generation: string) => void;
  /** Identifies this run in the recorded status (the options page picks it to find its import's outcome). */
  runId?: string;
  /** For one batch of a streamed file: where the run is, kept in every status record this batch writes. */
  stream?: StreamRunInfo;
}

/**
 * Imports a batch. The previous corpus keeps answering until the new one is
 * written and verified; any failure leaves it active. The user's edit log
 * (in the store) is applied to the re-extracted corpus, and the log's changes
 * (deletions of articles imported again forgotten, edits carried by an
 * imported pack added) and the `finished` status are written in the
 * transaction that activates the new corpus: the recorded status is the truth.
 * @throws Error with a message for the user (also recorded as the last import status).
 */
export async function runImport(batch: ImportBatch, deps: ImportDeps): Promise<ImportResult> {
  const { store, signal, onProgress } = deps;
  const offered = batch.docs.length + batch.packs.reduce((n, p) => n + p.documents.length, 0);
  onProgress?.({ phase: 'waiting', done: 0, total: offered });
  return store.withWriteLock(async () => {
    const t0 = performance.now();
    await store.sweep();
    const status: ImportStatus = {
      state: 'started',
      ...(deps.runId ? { runId: deps.runId } : {}),
      startedAt: new Date().toISOString(),
      offered,
      ...(deps.stream ? { stream: deps.stream } : {}),
    };
    await store.setLastImport(status);
    let generation: string | undefined;
    try {
      if (offered === 0) throw new Error('Nothing to import: no article passed the checks.');
      if (offered > MAX_BATCH_DOCUMENTS)
        throw new Error(`${offered} articles is more than the ${MAX_BATCH_DOCUMENTS} one import may have.`);
      onProgress?.({ phase: 'reading', done: 0, total: offered });
      const existing = (await store.readActive())?.pack ?? (await deps.loadBundled());
      const log = await store.readEdits();
      const plan = planMerge(existing, batch);
      if (plan.added === 0)
        throw new Error(
          `Nothing new to import: ${plan.skipped.length === 1 ? 'the article is' : 'all articles are'} already in the corpus.`,
        );
      signal?.throwIfAborted();
      const chars = plan.docs.reduce((n, d) => n + d.text.length, 0);
      onProgress?.({ phase: 'building', done: 0, total: plan.docs.length, estimateMs: chars / BUILD_CHARS_PER_MS });
      const built = buildPack(plan.docs, { lexicon: deps.lexicon, generator: deps.generator });
      carryOver(built.entities, [...existing.entities, ...batch.packs.flatMap((p) => p.entities)]);
      const change = logChangeOf(log, batch);
      const removed = new Set(change.remove);
      const pack = applyEdits(built, [...log.filter((e) => !removed.has(e.id)), ...change.append]);
      onProgress?.({ phase: 'building', done: plan.docs.length, total: plan.docs.length });
      signal?.throwIfAborted();
      const finished: ImportStatus = {
        ...status,
        state: 'finished',
        endedAt: new Date().toISOString(),
        added: plan.added,
        skipped: plan.skipped.length,
        skippedReasons: plan.skipped.slice(0, MAX_SKIPPED_REASONS),
        total: pack.documents.length,
        ms: Math.round(performance.now() - t0),
      };
      generation = await store.write(pack, {
        ...(signal ? { signal } : {}),
        log: change,
        lastImport: finished,
        onGeneration: (g) => {
          generation = g;
          deps.onGeneration?.(g);
          // Recorded before anything is written, so a status found later can be checked against the active corpus.
          void store.setLastImport({ ...status, generation: g }).catch(() => undefined);
        },
        onProgress: (done, total) => onProgress?.({ phase: done === total ? 'verifying' : 'saving', done, total }),
      });
      return {
        generation,
        added: plan.added,
        skipped: plan.skipped,
        total: pack.documents.length,
        ms: finished.ms!,
      };
    } catch (error) {
      const cancelled = signal?.aborted === true;
      // Free what the failed write took first: after a quota error, the status would not fit either.
      await store.sweep().catch(() => undefined);
      // If even that cannot be written, the record stays `started` and the store settles it as
      // `interrupted` when it is next read (CorpusStore.status): it never claims a running import.
      await store
        .setLastImport({
          ...status,
          state: cancelled ? 'cancelled' : 'failed',
          endedAt: new Date().toISOString(),
          ...(generation ? { generation } : {}),
          ...(cancelled ? {} : { error: describeWriteError(error) }),
        })
        .catch(() => undefined);
      throw cancelled ? error : new Error(describeWriteError(error), { cause: error });
    }
  });
}

/**
 * What an import changes in the edit log: deletions of the articles it brings
 * back are forgotten (lib/edits/reimport.ts), and the edits an exported pack
 * carries join the log (except deletions: a pack holds no deleted article).
 */
export function logChangeOf(
  log: readonly LoggedEdit[],
  batch: ImportBatch,
): { append: LoggedEdit[]; remove: string[] } {
  const importedIds = [...batch.docs.map((d) => d.id), ...batch.packs.flatMap((p) => p.documents.map((d) => d.id))];
  const kept = new Set(forgetDeletions(log, importedIds).map((e) => e.id));
  const known = new Set(log.map((e) => e.id));
  const append: LoggedEdit[] = [];
  for (const entry of batch.packs.flatMap((p) => p.edits ?? [])) {
    if (entry.op === 'docDelete' || known.has(entry.id)) continue;
    known.add(entry.id);
    append.push(entry);
  }
  return { append, remove: log.filter((e) => !kept.has(e.id)).map((e) => e.id) };
}
