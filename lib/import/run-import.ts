/**
 * The import itself, as the worker runs it (and the benchmark, in Node):
 * take the write lock, merge the batch into the active corpus (or the bundled
 * pack), extract and index everything, write a new generation and swap it in.
 * Its I/O comes in as parameters, so it runs anywhere.
 */
import type { Lexicon } from '../corpus/types';
import { buildPack } from '../pack/build';
import type { Pack } from '../pack/types';
import type { CorpusStore } from '../store/corpus-store';
import type { ImportStatus } from '../store/types';
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
  /** Last change to the built pack before it is written, e.g. applying the user's edit log (lib/edits). */
  finalize?: (pack: Pack) => Pack;
}

/**
 * Imports a batch. The previous corpus keeps answering until the new one is
 * written and verified; any failure leaves it active.
 * @throws Error with a message for the user (also recorded as the last import status).
 */
export async function runImport(batch: ImportBatch, deps: ImportDeps): Promise<ImportResult> {
  const { store, signal, onProgress } = deps;
  const offered = batch.docs.length + batch.packs.reduce((n, p) => n + p.documents.length, 0);
  onProgress?.({ phase: 'waiting', done: 0, total: offered });
  return store.withWriteLock(async () => {
    const t0 = performance.now();
    await store.sweep();
    const status: ImportStatus = { state: 'started', startedAt: new Date().toISOString(), offered };
    await store.setLastImport(status);
    let generation: string | undefined;
    try {
      if (offered === 0) throw new Error('Nothing to import: no article passed the checks.');
      if (offered > MAX_BATCH_DOCUMENTS)
        throw new Error(`${offered} articles is more than the ${MAX_BATCH_DOCUMENTS} one import may have.`);
      onProgress?.({ phase: 'reading', done: 0, total: offered });
      const existing = (await store.readActive())?.pack ?? (await deps.loadBundled());
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
      const pack = deps.finalize ? deps.finalize(built) : built;
      onProgress?.({ phase: 'building', done: plan.docs.length, total: plan.docs.length });
      signal?.throwIfAborted();
      generation = await store.write(pack, {
        ...(signal ? { signal } : {}),
        onGeneration: (g) => {
          generation = g;
          deps.onGeneration?.(g);
        },
        onProgress: (done, total) => onProgress?.({ phase: done === total ? 'verifying' : 'saving', done, total }),
      });
      const result = {
        generation,
        added: plan.added,
        skipped: plan.skipped,
        total: pack.documents.length,
        ms: Math.round(performance.now() - t0),
      };
      await store.setLastImport({
        ...status,
        state: 'finished',
        endedAt: new Date().toISOString(),
        added: result.added,
        skipped: result.skipped.length,
        total: result.total,
        generation,
      });
      return result;
    } catch (error) {
      const cancelled = signal?.aborted === true;
      const message = error instanceof Error ? error.message : String(error);
      await store.setLastImport({
        ...status,
        state: cancelled ? 'cancelled' : 'failed',
        endedAt: new Date().toISOString(),
        ...(generation ? { generation } : {}),
        ...(cancelled ? {} : { error: message }),
      });
      throw error;
    }
  });
}
