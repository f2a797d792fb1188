/**
 * Edits the stored corpus: applies the whole log with the new edits to the
 * active pack, re-indexes what changed and writes the result as a new
 * generation; the store appends the new entries to the log in the transaction
 * that activates that generation, so an edit is in both or in neither, even
 * when the worker stops half-way. I/O comes in as {@link EditorDeps}, so this
 * runs in Node tests.
 */
import type { SegmentModel } from '../pack/segment';
import type { Pack } from '../pack/types';
import type { AmendBase, LogChange, ManifestAmendment } from '../store/corpus-store';
import { amendable, planDelete, planEntityEdit, planUndoDelete } from './amend-plan';
import { applyEdits, type CorpusData } from './apply-edits';
import type { Edit, LoggedEdit } from './types';

/** Makes a manifest change from the active manifest; `models` reads every listed segment's model. */
export type AmendPlan = (
  base: AmendBase,
  models: () => Promise<SegmentModel[]>,
) => Promise<ManifestAmendment | null> | ManifestAmendment | null;

/** What the editor needs from the outside world. */
export interface EditorDeps {
  /** Runs `fn` as the corpus's only writer. */
  withWriteLock<T>(fn: () => Promise<T>): Promise<T>;
  /** The active corpus (the bundled pack when the store is empty). */
  current(): Promise<Pack>;
  /**
   * Writes `pack` as the new active generation and makes `log` to the edit log
   * in the same transaction (CorpusStore.write); the lock is held.
   */
  write(pack: Pack, log: LogChange): Promise<void>;
  /**
   * Writes a new manifest over the active generation's segments (CorpusStore.amend)
   * and makes `log` in the same transaction; the lock is held. Resolves false,
   * writing nothing, when the active corpus is not stored in segments or `plan`
   * gives null (the editor then rewrites the whole corpus). Absent: always rewrite.
   */
  amend?(plan: AmendPlan, log: LogChange | ((base: AmendBase) => LogChange)): Promise<boolean>;
  /** The edit log, oldest first. */
  loadLog(): Promise<LoggedEdit[]>;
  /** Called after a successful write (reload the corpus, tell open tabs). */
  changed(): Promise<void>;
  now?: () => Date;
}

/** What a deletion removed, to put it back on undo (`data` absent: it was written as tombstones). */
interface DeletedSlice {
  editIds: string[];
  data?: CorpusData;
  /** Original positions of the deleted documents. */
  positions: Map<string, number>;
  expires: number;
}

/** How long an undo stays possible, ms (the options page shows its toast for 10 s). */
export const UNDO_WINDOW_MS = 60_000;

let counter = 0;
/** Unique across worker restarts and across browsers (an exported pack carries its log into another). */
const newId = (now: Date) =>
  `x-${now.getTime().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Edits of one corpus; one instance per service worker. */
export class CorpusEditor {
  private readonly undo = new Map<string, DeletedSlice>();
  constructor(private readonly deps: EditorDeps) {}

  private stamp(edits: readonly Edit[]): LoggedEdit[] {
    const now = this.deps.now?.() ?? new Date();
    return edits.map((e) => ({ ...e, id: newId(now), at: now.toISOString() }));
  }

  /**
   * Runs one read-modify-write of the corpus and the log under the write lock.
   * The log change is written with the corpus, in one transaction.
   */
  private async change(logChange: LogChange, nextData: (pack: Pack) => CorpusData): Promise<Pack> {
    const result = await this.deps.withWriteLock(async () => {
      const pack = await this.deps.current();
      const log = await this.deps.loadLog();
      const removed = new Set(logChange.remove ?? []);
      const updated = [...log.filter((e) => !removed.has(e.id)), ...(logChange.append ?? [])];
      const { edits: _edits, ...data } = pack;
      const next: Pack = { ...data, ...applyEdits(nextData(data), updated) };
      await this.deps.write(next, logChange);
      return { pack, next };
    });
    await this.deps.changed();
    return result.pack;
  }

  /**
   * Applies `edits` (in order) and keeps them in the log.
   * @returns the log ids of the new entries.
   * @throws Error when the corpus cannot be written; nothing changed then.
   */
  async apply(edits: readonly Edit[]): Promise<string[]> {
    const logged = this.stamp(edits);
    const amended = await this.amend({ append: logged }, (base, _models, log) =>
      amendable(edits, log) ? planEntityEdit(base.manifest, log) : null,
    );
    if (!amended) await this.change({ append: logged }, (pack) => pack);
    return logged.map((e) => e.id);
  }

  /**
   * Writes the change as a new manifest over the same segments when the store
   * can (deps.amend) and `plan` says so (given the log with the change made).
   * @returns whether it was written; false: nothing was, rewrite instead.
   */
  private async amend(
    logChange: LogChange | ((base: AmendBase) => LogChange),
    plan: (...args: [...Parameters<AmendPlan>, log: LoggedEdit[]]) => ReturnType<AmendPlan>,
  ): Promise<boolean> {
    const amend = this.deps.amend?.bind(this.deps);
    if (!amend) return false;
    const done = await this.deps.withWriteLock(async () => {
      const log = await this.deps.loadLog();
      // A change that depends on the manifest: the plan gets the log as it is.
      const known = typeof logChange === 'function' ? {} : logChange;
      const removed = new Set(known.remove ?? []);
      const updated = [...log.filter((e) => !removed.has(e.id)), ...(known.append ?? [])];
      return amend((base, models) => plan(base, models, updated), logChange);
    });
    if (done) await this.deps.changed();
    return done;
  }

  /**
   * Rewrites the corpus with `fn` (e.g. a subscription's layer replaced); the
   * edit log is applied to the result, so edits survive the change.
   * @throws Error from `fn` or the write; nothing changed then.
   */
  async rewrite(fn: (pack: Pack) => CorpusData): Promise<void> {
    await this.change({}, fn);
  }

  /**
   * Deletes documents; returns a token for {@link undoDelete}, valid for {@link UNDO_WINDOW_MS}.
   * @throws Error when the corpus cannot be written; nothing changed then.
   */
  async deleteDocuments(docIds: readonly string[]): Promise<string> {
    const logged = this.stamp(docIds.map((docId) => ({ op: 'docDelete' as const, docId })));
    const editIds = logged.map((e) => e.id);
    const token = logged[0]?.id ?? newId(new Date());
    // Tombstones when the corpus is in segments: the deletion is remembered in the manifest, for undo.
    const amended = await this.amend({ append: logged }, async (base, models) =>
      planDelete(base.manifest, await models(), docIds, editIds),
    );
    if (amended) {
      this.undo.set(token, { editIds, positions: new Map(), expires: Date.now() + UNDO_WINDOW_MS });
      return token;
    }
    const ids = new Set(docIds);
    const before = await this.change({ append: logged }, (pack) => pack);
    const positions = new Map<string, number>();
    before.documents.forEach((d, i) => {
      if (ids.has(d.id)) positions.set(d.id, i);
    });
    this.undo.set(token, {
      editIds,
      positions,
      expires: Date.now() + UNDO_WINDOW_MS,
      data: {
        documents: before.documents.filter((d) => ids.has(d.id)),
        passages: before.passages.filter((p) => ids.has(p.docId)),
        mentions: before.mentions.filter((m) => ids.has(m.docId)),
        quotes: before.quotes.filter((q) => ids.has(q.docId)),
        entities: before.entities,
      },
    });
    return token;
  }

  /**
   * Puts deleted documents back and removes their deletion from the log. A
   * deletion written as tombstones is undone from the manifest (also after a
   * worker restart), as long as no merge of segments dropped its documents
   * and no full rewrite came between; one written as a full rewrite from the
   * slice kept in memory for {@link UNDO_WINDOW_MS}.
   * @throws Error when the deletion cannot be undone any more or the corpus cannot be written.
   */
  async undoDelete(token: string): Promise<void> {
    const slice = this.undo.get(token);
    const expired = slice !== undefined && slice.expires < Date.now();
    if (slice?.data && !expired) {
      const data = slice.data;
      await this.change({ remove: slice.editIds }, (pack) => restore(pack, { ...slice, data }));
      this.undo.delete(token);
      return;
    }
    let remove: string[] = [];
    const undone =
      !expired &&
      (await this.amend(
        (base) => ({ remove: base.manifest.deletions?.find((d) => d.edits.includes(token))?.edits ?? [] }),
        async (base, models, log) => {
          // `log` here still holds the deletion: the plan takes it out itself.
          const planned = planUndoDelete(base.manifest, await models(), token, log);
          remove = planned?.remove ?? [];
          return planned?.change ?? null;
        },
      ));
    this.undo.delete(token);
    if (!undone || remove.length === 0)
      throw new Error('Undo is no longer possible; import the article again to get it back.');
  }
}

/** `pack` with a deleted slice put back at the documents' old positions. */
function restore(pack: Pack, slice: DeletedSlice & { data: CorpusData }): CorpusData {
  const documents = [...pack.documents];
  const back = [...slice.data.documents].sort((a, b) => slice.positions.get(a.id)! - slice.positions.get(b.id)!);
  for (const d of back) {
    if (documents.some((x) => x.id === d.id)) continue;
    documents.splice(Math.min(slice.positions.get(d.id)!, documents.length), 0, d);
  }
  // Entities in their old order: the current version where one exists.
  const current = new Map(pack.entities.map((e) => [e.id, e]));
  const before = new Set(slice.data.entities.map((e) => e.id));
  const entities = [
    ...slice.data.entities.map((e) => current.get(e.id) ?? e),
    ...pack.entities.filter((e) => !before.has(e.id)),
  ];
  return {
    documents,
    passages: [...pack.passages, ...slice.data.passages],
    entities,
    mentions: [...pack.mentions, ...slice.data.mentions],
    quotes: [...pack.quotes, ...slice.data.quotes],
  };
}
