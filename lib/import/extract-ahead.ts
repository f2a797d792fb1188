/**
 * The streamed import's extraction one batch ahead (issue #14: 10,000 briefings from one file
 * in ≤ 120 s on two cores). A batch's extraction depends on the batch before it only through the
 * entity table and extraction state that batch stores, and those are known as soon as its
 * extraction (and the edit log's pass over it) is done — before its segment is built, written
 * and verified. So the next batch, already read, can be extracted then, on the pool's workers,
 * while this thread writes the batch before: the write no longer leaves the workers idle.
 *
 * Nothing is guessed: the result started ahead is used only when the import asks for exactly
 * the extraction it ran — the same lexicon, the very table and state objects the batch before
 * stored (the store hands the same objects back while it holds them, lib/store/held-parts.ts),
 * and documents equal field by field to the ones it extracted (dedupe may leave some out). Any
 * other request is extracted anew, after the one ahead has ended, since the pool runs one
 * extraction at a time. An extraction is a pure function of those inputs (lib/corpus/increment.ts),
 * so the corpus is the one the batch-by-batch import stores (lib/import/stream-run.test.ts).
 */
import type { ExtractionState, IncrementResult } from '../corpus/increment';
import type { Lexicon, SourceDocument } from '../corpus/types';
import type { Entity } from '../pack/types';
import type { ExtractPool } from './extract-pool';
import { toSource } from './merge';

/** What {@link ExtractAhead} needs of the pool. */
export type AheadPool = Pick<ExtractPool, 'extract'> & Partial<Pick<ExtractPool, 'usesWorkers'>>;

interface Ahead {
  docs: SourceDocument[];
  lexicon: Lexicon;
  entities: readonly Entity[];
  state: ExtractionState;
  result: Promise<IncrementResult>;
}

const sameDoc = (a: SourceDocument, b: SourceDocument): boolean =>
  a.id === b.id &&
  a.title === b.title &&
  a.text === b.text &&
  a.source === b.source &&
  a.date === b.date &&
  a.url === b.url;

/** Extractions for a run's batches, each started as early as its inputs are known (see the module comment). */
export class ExtractAhead {
  private pending: Promise<Ahead | undefined> | undefined;
  /** Batches whose extraction started ahead was used, and started ahead but not used. */
  used = 0;
  missed = 0;
  /**
   * Set once the import asked to extract against another table or state than the batch before
   * stored (a store that holds no parts, or another writer in between): later batches would be
   * extracted twice, so none is started ahead any more.
   */
  private off = false;

  constructor(private readonly pool: AheadPool) {}

  /**
   * A batch's extraction is done and it will store `entities` and `state`: start extracting the
   * next batch against them once `next` (its articles, undefined at the end) is read, less what
   * `dedupe` leaves out (the import's own dedupe, with this batch counted as stored). Only where
   * the pool would use workers: in this thread it would only delay the write, for nothing.
   */
  start(
    next: Promise<readonly SourceDocument[] | undefined>,
    lexicon: Lexicon,
    entities: readonly Entity[],
    state: ExtractionState,
    dedupe: (docs: readonly SourceDocument[]) => SourceDocument[] = (docs) => docs.map(toSource),
  ): void {
    if (this.off) return;
    const before = this.pending;
    this.pending = next.then(
      async (docs) => {
        // One extraction at a time on the pool: one started ahead and never asked for ends first.
        const unused = await before;
        if (unused) await unused.result.catch(() => undefined);
        // The articles the import will extract: the next batch less what dedupe leaves out.
        const input = docs?.length ? dedupe(docs) : [];
        if (!input.length || !this.pool.usesWorkers?.(input, lexicon)) return undefined;
        const result = this.pool.extract(input, lexicon, entities, state);
        // Awaited (or dropped) later; a failure here means only "extract it again".
        result.catch(() => undefined);
        return { docs: input, lexicon, entities, state, result };
      },
      () => undefined,
    );
  }

  /**
   * {@link ExtractPool.extract}, as the import asks for it: the extraction started ahead when its
   * inputs are exactly these, else a new one.
   */
  async extract(
    docs: SourceDocument[],
    lexicon: Lexicon,
    entities: readonly Entity[],
    state: ExtractionState,
  ): Promise<IncrementResult> {
    const ahead = await this.pending;
    this.pending = undefined;
    if (ahead) {
      const base = ahead.lexicon === lexicon && ahead.entities === entities && ahead.state === state;
      if (!base) this.off = true;
      const same = base && ahead.docs.length === docs.length && ahead.docs.every((d, i) => sameDoc(d, docs[i]!));
      if (same) {
        try {
          const result = await ahead.result;
          this.used++;
          return result;
        } catch {
          // Extracted again below.
        }
      } else await ahead.result.catch(() => undefined);
      this.missed++;
    }
    return this.pool.extract(docs, lexicon, entities, state);
  }
}
