/**
 * The service worker's loaded corpus: the store's active generation, else the
 * bundled pack. Loaded on the first request after every start (MV3 stops idle
 * workers) and again on `corpus.reload` after a swap. No browser API: the
 * store, the bundled pack and the "corpus changed" signal come in as
 * parameters, so it is tested in Node.
 */
import type { CorpusStatus } from '../messages/protocol';
import { CorpusQuery, type CorpusParts } from '../query/corpus-query';
import { countsOfModel } from '../store/chunks';
import { SegmentGoneError } from '../store/posting-blocks';
import { PhaseTimes, type PhaseMarks } from '../store/phase-times';
import type { StoreStatus } from '../store/types';

/** What the holder needs. */
export interface CorpusHolderDeps {
  /** The store's active corpus, ready to answer; null when empty. */
  openActive(phases?: PhaseMarks): Promise<{ generation: string; parts: CorpusParts } | null>;
  storeStatus(): Promise<StoreStatus>;
  /** The bundled corpus, with the indexes the build made for it (lib/background/pack-source.ts). */
  loadBundled(): Promise<CorpusParts>;
  /** Called after every load with the corpus version (`generation id` or `bundled`). */
  loaded?(version: string): Promise<void>;
  /** Storage use of the origin, when the browser tells. */
  storage?(): Promise<CorpusStatus['storage']>;
}

interface Loaded {
  query: CorpusQuery;
  generation: string | null;
  loadError?: string;
  /** ms per phase of this load (filled as it goes: `warm` comes after the load resolved). */
  phases: PhaseTimes;
}

/** How long after a load the names index is loaded when no search asked for it first. */
export const NAMES_WARM_MS = 2000;

/** Version string of the bundled pack in `dossier:corpusVersion`. */
export const BUNDLED_VERSION = 'bundled';

/** Holds the loaded corpus of the service worker. */
export class CorpusHolder {
  private current: Promise<Loaded> | undefined;
  /** The reload {@link fresh} started for a corpus found stale. */
  private refreshing: { stale: CorpusQuery; done: Promise<void> } | undefined;

  constructor(private readonly deps: CorpusHolderDeps) {}

  /** @param keeping a store corpus already answering: a failed read then throws (the caller keeps it). */
  private async load(keeping?: Loaded): Promise<Loaded> {
    let loaded: Loaded;
    const phases = new PhaseTimes();
    try {
      const active = await this.deps.openActive(phases);
      phases.mark('open');
      loaded = active
        ? { query: new CorpusQuery(active.parts), generation: active.generation, phases }
        : { query: new CorpusQuery(await this.deps.loadBundled()), generation: null, phases };
      phases.mark('query');
    } catch (error) {
      if (keeping?.generation) throw error;
      // A damaged store must not leave the user without lookups: answer from the bundled pack and say why.
      const message = error instanceof Error ? error.message : String(error);
      loaded = {
        query: new CorpusQuery(await this.deps.loadBundled()),
        generation: null,
        loadError: message,
        phases,
      };
      phases.mark('bundled');
    }
    await this.deps.loaded?.(loaded.generation ?? BUNDLED_VERSION);
    phases.mark('announce');
    // Names are answered at once; the tables and the text searcher are built right after, before the first
    // card or search needs them; the names index (only a search needs it, and it is the largest load) once
    // the first question after a start has had the worker (a search that comes first loads it itself).
    const warm = (what: 'warm' | 'warmNames', ms: number) =>
      setTimeout(() => {
        try {
          if (what === 'warm') phases.skip();
          loaded.query[what]();
          if (what === 'warm') phases.mark('warm');
        } catch (error) {
          console.warn(
            'Dossier: the search index could not be loaded:',
            error instanceof Error ? error.message : error,
          );
        }
      }, ms);
    warm('warm', 0);
    warm('warmNames', NAMES_WARM_MS);
    return loaded;
  }

  private get loaded(): Promise<Loaded> {
    this.current ??= this.load().catch((error: unknown) => {
      this.current = undefined; // retried on the next request
      throw error;
    });
    return this.current;
  }

  /**
   * The corpus that answers lookups.
   * @throws Error when neither the store nor the bundled pack can be read.
   */
  corpus = async (): Promise<CorpusQuery> => (await this.loaded).query;

  /**
   * The corpus to ask again after `stale` failed with `error`, or undefined when asking again cannot help.
   * Only a {@link SegmentGoneError} qualifies: a merge (or a full write) deleted a segment whose posting
   * blocks `stale` had not read yet, before the page that wrote it told the worker to reload. The active
   * generation is loaded then (unless a newer corpus already answers), so the question is answered from
   * it rather than failing until that reload.
   */
  fresh = async (stale: CorpusQuery, error: unknown): Promise<CorpusQuery | undefined> => {
    if (!(error instanceof SegmentGoneError)) return undefined;
    const current = await this.current?.catch(() => undefined);
    if (!current || current.query === stale) {
      // Questions that failed together wait for one reload.
      if (this.refreshing?.stale !== stale) {
        const done = this.reload().then(() => undefined);
        this.refreshing = { stale, done };
        void done
          .finally(() => {
            if (this.refreshing?.done === done) this.refreshing = undefined;
          })
          .catch(() => undefined);
      }
      await this.refreshing.done;
    }
    const next = await this.corpus();
    return next === stale ? undefined : next;
  };

  /** What answers lookups, with the store's view and the last import. */
  async status(): Promise<CorpusStatus> {
    const [loaded, store, storage] = await Promise.all([
      this.loaded,
      this.deps.storeStatus(),
      this.deps.storage?.().catch(() => undefined),
    ]);
    return {
      source: loaded.generation ? 'store' : 'bundled',
      generation: loaded.generation,
      counts: countsOfModel(loaded.query.model),
      lastImport: store.lastImport,
      ...(loaded.loadError ? { loadError: loaded.loadError } : {}),
      ...(storage ? { storage } : {}),
      loadPhases: loaded.phases.snapshot(),
    };
  }

  /**
   * Drops the cached corpus and loads the active one. Until the new one has
   * loaded, requests keep the old one; if it fails to load, the old one stays
   * (a store corpus is not swapped for the bundled pack because a read failed).
   * @throws Error when the new corpus cannot be loaded.
   */
  async reload(): Promise<CorpusStatus> {
    const previous = await this.current?.catch(() => undefined);
    const next = this.load(previous);
    await next;
    this.current = next;
    return this.status();
  }
}
