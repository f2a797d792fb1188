/**
 * The import itself, as the worker runs it (and the benchmark, in Node):
 * take the write lock, read the active corpus's manifest (not the corpus),
 * leave out what it already has, extract the new articles against its entity
 * table (`extractIncrement`), apply the user's edit log to what is new, and
 * append it as one segment with a new manifest (lib/store/README.md). Costs the
 * new articles plus the manifest, not the corpus. Its I/O comes in as
 * parameters, so it runs anywhere.
 */
import { extractIncrement, extractWithState, type ExtractionState, type IncrementResult } from '../corpus/increment';
import type { Lexicon, SourceDocument } from '../corpus/types';
import { diffState } from '../corpus/state-delta';
import { applyEdits, type CorpusData } from '../edits/apply-edits';
import { forgetDeletions } from '../edits/reimport';
import type { LoggedEdit } from '../edits/types';
import type { Entity, Pack, PackDocument } from '../pack/types';
import { describeWriteError, type ActiveManifest, type CorpusStore } from '../store/corpus-store';
import { PhaseTimes } from '../store/phase-times';
import { MAX_SKIPPED_REASONS, type ImportStatus, type StreamRunInfo } from '../store/types';
import { MAX_BATCH_DOCUMENTS } from './limits';
import { carryOver, planAppend, textKey, type ImportBatch, type KnownDocument } from './merge';
import { extractedAsToday, joinPack } from './pack-segment';

/** Extraction and indexing speed of new articles used for the time-left estimate, in characters per millisecond (measured in Node on 2 cores: ~850). */
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
  /**
   * ms per phase (lib/store/phase-times.ts): `lock` (waiting for the write lock), `sweep`, `status`,
   * `read.layers`, `read.segments`, `dedupe`, `edits`, `extract`, `applyEdits`, the store's `append.*`,
   * `write`, `verify`, `activate`, then `cleanup`; the worker and the page add theirs (`merge`, `page.*`).
   * A streamed import sums them over its batches and adds `stream.read` (waiting on the reader),
   * `stream.status`, the pool's `extract.serial` / `extract.analyse|names|link` (part of `extract`),
   * and the counts `ahead.used` / `ahead.missed` (lib/import/extract-ahead.ts).
   */
  phases?: Record<string, number>;
  /**
   * Per pack of the batch, in order: its generator, how many of its articles were added, and
   * whether they joined as they are (`asIs`: its extraction is this build's, no extraction ran;
   * lib/import/pack-segment.ts) or were extracted again (a pack another version made).
   */
  packs?: PackOutcome[];
}

/** What became of one pack of an import: see {@link ImportResult.packs}. */
export interface PackOutcome {
  generator: string;
  added: number;
  asIs: boolean;
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
  /**
   * Extracts the new articles: `extractIncrement` or what gives exactly its result (the streamed
   * import's worker pool, lib/import/extract-pool.ts). Default: `extractIncrement` in this thread.
   */
  extract?: (
    docs: SourceDocument[],
    lexicon: Lexicon,
    entities: readonly Entity[],
    state: ExtractionState,
  ) => Promise<IncrementResult>;
  /**
   * Told, once its extraction and the edit log's pass are done and before anything is written, the
   * entity table and extraction state this import will store: what the next import extracts against
   * (the streamed import starts the next batch's extraction then, lib/import/extract-ahead.ts).
   */
  onExtracted?: (
    entities: readonly Entity[],
    state: ExtractionState,
    /**
     * What the next import's dedupe keeps of `docs` (this import's articles counted as stored);
     * absent when this import joins packs.
     */
    dedupe?: (docs: readonly SourceDocument[]) => SourceDocument[],
  ) => void;
}

/** `extractIncrement` in this thread, as {@link ImportDeps.extract} wants it. */
const extractHere: NonNullable<ImportDeps['extract']> = (docs, lexicon, entities, state) =>
  Promise.resolve(extractIncrement(docs, lexicon, entities, state));

/**
 * Imports a batch by appending its new articles to the corpus. The previous
 * corpus keeps answering until the new generation is written and verified;
 * any failure leaves it active. The user's edit log (in the store) is already
 * in the stored entity table and is applied to the new articles' entities and
 * mentions (a hidden entity stays hidden, a renamed or merged one gets the new
 * mentions), and the log's changes (deletions of articles imported again
 * forgotten, edits carried by an imported pack added) and the `finished`
 * status are written in the transaction that activates the new corpus: the
 * recorded status is the truth. A corpus not yet stored in segments (an older
 * layout, or the bundled pack) is first written as one segment: that costs
 * the corpus, once.
 * @throws Error with a message for the user (also recorded as the last import status).
 */
export async function runImport(batch: ImportBatch, deps: ImportDeps): Promise<ImportResult> {
  const { store, signal, onProgress } = deps;
  const offered = batch.docs.length + batch.packs.reduce((n, p) => n + p.documents.length, 0);
  onProgress?.({ phase: 'waiting', done: 0, total: offered });
  const times = new PhaseTimes();
  return store.withWriteLock(async () => {
    times.mark('lock');
    const t0 = performance.now();
    await store.sweep();
    times.mark('sweep');
    const status: ImportStatus = {
      state: 'started',
      ...(deps.runId ? { runId: deps.runId } : {}),
      startedAt: new Date().toISOString(),
      offered,
      ...(deps.stream ? { stream: deps.stream } : {}),
    };
    await store.setLastImport(status);
    times.mark('status');
    let generation: string | undefined;
    let extracting = false;
    try {
      if (offered === 0) throw new Error('Nothing to import: no article passed the checks.');
      if (offered > MAX_BATCH_DOCUMENTS)
        throw new Error(`${offered} articles is more than the ${MAX_BATCH_DOCUMENTS} one import may have.`);
      onProgress?.({ phase: 'reading', done: 0, total: offered });
      let base = await store.readManifest({ phases: times });
      // Not in segments yet: dedupe against the whole pack, which is written as the first segment below.
      const whole = base ? undefined : ((await store.readActive())?.pack ?? (await deps.loadBundled()));
      const known = base ? knownDocuments(base) : packDocuments(whole!);
      // Packs whose extraction is this build's join as they are (no extraction); the rest is extracted.
      const asIs = batch.packs.filter((p) => extractedAsToday(p.generator));
      const extracted = batch.packs.filter((p) => !asIs.includes(p));
      const plan = planAppend(known, { docs: batch.docs, packs: extracted });
      const joining = planPacks(known, plan, asIs);
      plan.added += joining.added;
      plan.skipped.push(...joining.skipped);
      if (plan.added === 0)
        throw new Error(
          `Nothing new to import: ${plan.skipped.length === 1 ? 'the article is' : 'all articles are'} already in the corpus.`,
        );
      signal?.throwIfAborted();
      times.mark('dedupe');
      if (!base) {
        // The state of a full extraction of the same articles: later increments then see the
        // corpus's capitalisation and name statistics, not an empty corpus (costs the corpus, once).
        const { state: extraction } = extractWithState(whole!.documents, deps.lexicon);
        await store.write(whole!, { ...(signal ? { signal } : {}), extraction });
        base = await store.readManifest();
        if (!base) throw new Error('The corpus could not be stored in segments.');
        times.mark('segment the corpus');
      }
      const log = await store.readEdits();
      const change = logChangeOf(log, batch);
      const removed = new Set(change.remove);
      times.mark('edits');
      const chars = plan.docs.reduce((n, d) => n + d.text.length, 0);
      onProgress?.({ phase: 'building', done: 0, total: plan.docs.length, estimateMs: chars / BUILD_CHARS_PER_MS });
      extracting = true;
      // Packs as they are first: the articles extracted next link to their entities.
      let table = base.manifest.entities;
      let before = base.manifest.extraction;
      const joined: Omit<CorpusData, 'entities'>[] = [];
      for (const { pack, keep } of joining.packs) {
        const j = joinPack(pack, table, before, deps.lexicon, { keep: (id) => keep.has(id) });
        joined.push(j.rows);
        table = j.entities;
        before = j.state;
      }
      if (joining.packs.length) times.mark('packs');
      const { knowledge, state } = plan.docs.length
        ? await (deps.extract ?? extractHere)(plan.docs, deps.lexicon, table, before)
        : { knowledge: { entities: table, passages: [], mentions: [], quotes: [] }, state: before };
      times.mark('extract');
      // Only packs carry entities over (a loop over the whole table: skipped for pasted articles).
      if (extracted.length)
        carryOver(
          knowledge.entities,
          extracted.flatMap((p) => p.entities),
        );
      const documents: PackDocument[] = [...joined.flatMap((j) => j.documents), ...plan.docs];
      knowledge.passages = [...joined.flatMap((j) => j.passages), ...knowledge.passages];
      knowledge.mentions = [...joined.flatMap((j) => j.mentions), ...knowledge.mentions];
      knowledge.quotes = [...joined.flatMap((j) => j.quotes), ...knowledge.quotes];
      const edits = [...log.filter((e) => !removed.has(e.id)), ...change.append];
      // applyEdits rebuilds every entity of the table (65,000 at 10k articles, ~0.5 s). With no edit to
      // apply it changes nothing: the increment's table and rows already are what it gives (checked in
      // run-import.test.ts), so that pass is skipped. With edits it runs over the whole table (a known gap).
      const added = edits.length ? applyEdits({ ...knowledge, documents }, edits) : { ...knowledge, documents };
      onProgress?.({ phase: 'building', done: plan.docs.length, total: plan.docs.length });
      const packs = packOutcomes(batch, asIs, joining, plan);
      signal?.throwIfAborted();
      times.mark('applyEdits');
      deps.onExtracted?.(
        added.entities,
        state,
        batch.packs.length
          ? undefined
          : (next) => {
              const stored = [...known, ...plan.docs.map((d) => ({ id: d.id, title: d.title, key: textKey(d.text) }))];
              return planAppend(stored, { docs: [...next], packs: [] }).docs;
            },
      );
      const total = base.counts.documents + added.documents.length;
      const finished: ImportStatus = {
        ...status,
        state: 'finished',
        endedAt: new Date().toISOString(),
        added: plan.added,
        skipped: plan.skipped.length,
        skippedReasons: plan.skipped.slice(0, MAX_SKIPPED_REASONS),
        ...(packs.length ? { packs } : {}),
        total,
        ms: Math.round(performance.now() - t0),
      };
      generation = await store.append(
        {
          documents: added.documents,
          passages: added.passages,
          mentions: added.mentions,
          quotes: added.quotes,
          generator: deps.generator,
        },
        // Only what changed from `base` (read above under this lock) is written: lib/store/layers.ts.
        { entities: added.entities, extraction: state, against: base },
        {
          ...(signal ? { signal } : {}),
          log: change,
          lastImport: finished,
          phases: times,
          onGeneration: (g) => {
            generation = g;
            deps.onGeneration?.(g);
            // Recorded before anything is written, so a status found later can be checked against the active corpus.
            void store.setLastImport({ ...status, generation: g }).catch(() => undefined);
          },
          onProgress: (done, all) => onProgress?.({ phase: done === all ? 'verifying' : 'saving', done, total: all }),
        },
      );
      times.mark('cleanup');
      return {
        generation,
        added: plan.added,
        skipped: plan.skipped,
        total,
        ms: finished.ms!,
        phases: times.snapshot(),
        ...(packs.length ? { packs } : {}),
      };
    } catch (error) {
      // Its extraction may have changed objects of the held table (carryOver): read it again next time.
      if (extracting) store.forgetHeld();
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
 * A short article {@link warmImport} extracts against the corpus and throws away: the first import of a
 * new worker otherwise pays for compiling the extraction and the state's diff (seconds under load).
 */
const WARM_UP_ARTICLE: SourceDocument = {
  id: 'dossier-warm-up',
  title: 'Warm-up',
  text:
    'Maria Lindqvist, the harbour director, met Tom Okafor in Rotterdam on Tuesday.\n\n' +
    '"The new berths open in May," Lindqvist said. Okafor told reporters the port would hire 200 workers.',
};

/**
 * Gets the import worker ready for its first import while the user is still choosing what to import:
 * reads the active manifest without the lock (so a store opened with held parts holds the entity table
 * and extraction state, lib/store/held-parts.ts), then runs one throw-away extraction of a short article
 * against them and its state diff, so the code the import runs is compiled. Writes nothing, and changes
 * neither the table nor the state (`extractIncrement` is pure).
 */
export async function warmImport(store: CorpusStore, lexicon: Lexicon): Promise<void> {
  const base = await store.readManifest();
  if (!base) return;
  const { state } = extractIncrement([WARM_UP_ARTICLE], lexicon, base.manifest.entities, base.manifest.extraction);
  diffState(base.manifest.extraction, state);
}

/** The packs that join as they are: per pack, the ids of its documents that are new (after `plan`'s and earlier packs'). */
function planPacks(
  known: readonly KnownDocument[],
  plan: { docs: readonly SourceDocument[] },
  packs: readonly Pack[],
): { packs: { pack: Pack; keep: Set<string> }[]; added: number; skipped: string[] } {
  const seen: KnownDocument[] = [
    ...known,
    ...plan.docs.map((d) => ({ id: d.id, title: d.title, key: textKey(d.text) })),
  ];
  const out: { pack: Pack; keep: Set<string> }[] = [];
  let added = 0;
  const skipped: string[] = [];
  for (const pack of packs) {
    const p = planAppend(seen, { docs: [], packs: [pack] });
    const keep = new Set(p.docs.map((d) => d.id));
    for (const d of p.docs) seen.push({ id: d.id, title: d.title, key: textKey(d.text) });
    added += p.added;
    skipped.push(...p.skipped);
    if (keep.size) out.push({ pack, keep });
  }
  return { packs: out, added, skipped };
}

/** What became of each pack of the batch (see {@link ImportResult.packs}). */
function packOutcomes(
  batch: ImportBatch,
  asIs: readonly Pack[],
  joining: { packs: { pack: Pack; keep: Set<string> }[] },
  plan: { docs: readonly SourceDocument[] },
): PackOutcome[] {
  // The articles extracted, less those of the batch's own articles and of earlier packs (dedupe keeps the first).
  const unclaimed = new Set(plan.docs.map((d) => d.id));
  for (const d of batch.docs) unclaimed.delete(d.id);
  return batch.packs.map((pack) => {
    const as = asIs.includes(pack);
    let added = 0;
    if (as) added = joining.packs.find((j) => j.pack === pack)?.keep.size ?? 0;
    else for (const d of pack.documents) if (unclaimed.delete(d.id)) added++;
    return { generator: pack.generator, added, asIs: as };
  });
}

/** The live documents of a segmented corpus, for dedupe: from the segments' records, no text read. */
function knownDocuments(base: ActiveManifest): KnownDocument[] {
  const deleted = new Set(base.manifest.deleted);
  return base.segments.flatMap((s) =>
    s.docIds.flatMap((id, i) => (deleted.has(id) ? [] : [{ id, title: s.titles[i]!, key: s.textKeys[i]! }])),
  );
}

function packDocuments(pack: Pack): KnownDocument[] {
  return pack.documents.map((d) => ({ id: d.id, title: d.title, key: textKey(d.text) }));
}

/**
 * Merges small segments when nobody writes (the import worker calls it after
 * an import; see lib/store/README.md for why there). Failures are logged, not
 * thrown: the corpus answers the same either way.
 * @returns the new generation, or null when nothing was merged.
 */
export async function mergeWhenIdle(store: CorpusStore, signal?: AbortSignal): Promise<string | null> {
  try {
    return await store.mergeWhenIdle(signal ? { signal } : {});
  } catch (error) {
    console.warn(`Dossier: segments were not merged (${describeWriteError(error)}); the next import tries again`);
    return null;
  }
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
