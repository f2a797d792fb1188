/**
 * "Add this page to Dossier": read the article of a tab, show it, check the
 * corpus does not have it yet, import it through the importer the options
 * page uses (one article, through the import worker), and say how it went.
 * The same model serves the toolbar popup and the window the context menu
 * opens. I/O comes in as {@link ClipApi}, so it is tested without a browser.
 */
import { signal } from '@preact/signals';
import type { ClipDuplicate } from '../../clip/duplicate';
import type { ClippedArticle } from '../../clip/extract';
import type { TabClip } from '../../clip/clip-tab';
import { problemMessage } from '../../clip/page-access';
import type { SourceDocument } from '../../corpus/types';
import type { ImportBatch } from '../../import/merge';
import { cleanDocument } from '../../import/parse-file';
import type { ImportProgress, ImportResult } from '../../import/run-import';
import { Fnv1a } from '../../pack/fnv';

/** A running import as the model sees it (what lib/ui/import/import-worker.ts returns). */
export interface ClipRun {
  done: Promise<ImportResult>;
  cancel(): Promise<boolean>;
}

/** The outside world of clipping. */
export interface ClipApi {
  /** Reads the article of the tab (lib/clip/clip-tab.ts). */
  extract(): Promise<TabClip>;
  /** The corpus's copy of this article, if any (`clip.check`). */
  check(doc: SourceDocument): Promise<ClipDuplicate | null>;
  /** Starts the import worker with one article. */
  start(batch: ImportBatch, onProgress: (p: ImportProgress) => void): ClipRun;
  /** After the corpus changed: the background loads it and tells the tabs (their marks follow). */
  changed(): Promise<void>;
}

/** Where clipping is. */
export type ClipState =
  | { status: 'idle' }
  | { status: 'reading' }
  | { status: 'problem'; message: string }
  | { status: 'preview'; article: ClippedArticle; doc: SourceDocument; duplicate: ClipDuplicate | null }
  | { status: 'importing'; article: ClippedArticle; progress: ImportProgress }
  | { status: 'done'; article: ClippedArticle; result: ImportResult; docId: string }
  | { status: 'failed'; article: ClippedArticle; message: string };

/** The document id of a clipped page: the same address gives the same id, so the importer skips it twice over. */
export function clipId(article: ClippedArticle): string {
  return `clip-${new Fnv1a().string(article.url).hex()}-${new Fnv1a().string(article.title).hex()}`;
}

/** The article as the importer takes it, or a message when it is not importable. */
export function clipDocument(article: ClippedArticle): SourceDocument | string {
  return cleanDocument(
    {
      id: clipId(article),
      title: article.title,
      text: article.text,
      url: article.url,
      ...(article.source ? { source: article.source } : {}),
      ...(article.date ? { date: article.date } : {}),
    },
    article.title || 'This page',
  );
}

/** Creates the model. */
export function createClipModel(api: ClipApi) {
  const state = signal<ClipState>({ status: 'idle' });
  let run: ClipRun | undefined;

  /** Reads the page and checks the corpus; ends in `preview` or `problem`. */
  async function read(): Promise<void> {
    if (state.value.status === 'reading' || state.value.status === 'importing') return;
    state.value = { status: 'reading' };
    try {
      const clip = await api.extract();
      if (!clip.ok) {
        state.value = { status: 'problem', message: problemMessage(clip.problem) };
        return;
      }
      const doc = clipDocument(clip.article);
      if (typeof doc === 'string') {
        state.value = { status: 'problem', message: doc };
        return;
      }
      const duplicate = await api.check(doc);
      state.value = { status: 'preview', article: clip.article, doc, duplicate };
    } catch (error) {
      state.value = { status: 'problem', message: `Dossier could not read this page: ${messageOf(error)}` };
    }
  }

  /** Imports the previewed article (not when the corpus already has it). */
  async function importArticle(): Promise<void> {
    const s = state.value;
    if (s.status !== 'preview' || s.duplicate) return;
    const { article, doc } = s;
    state.value = { status: 'importing', article, progress: { phase: 'waiting', done: 0, total: 1 } };
    run = api.start({ docs: [doc], packs: [] }, (progress) => {
      if (state.value.status === 'importing') state.value = { status: 'importing', article, progress };
    });
    try {
      const result = await run.done;
      // The background answers from the new corpus, and tabs reload their names, before we say it is done.
      await api.changed();
      state.value = { status: 'done', article, result, docId: doc.id };
    } catch (error) {
      if (state.value.status === 'importing') {
        state.value = { status: 'failed', article, message: messageOf(error) };
        await api.changed().catch(() => undefined);
      }
    } finally {
      run = undefined;
    }
  }

  /** Stops a running import; the corpus stays as it was unless the swap had already happened. */
  async function cancel(): Promise<void> {
    const s = state.value;
    if (!run || s.status !== 'importing') return;
    const running = run;
    const swapped = await running.cancel().catch(() => false);
    await api.changed().catch(() => undefined);
    state.value = swapped
      ? { status: 'failed', article: s.article, message: 'Cancelled too late: the article had already been added.' }
      : { status: 'failed', article: s.article, message: 'Cancelled: the corpus is unchanged.' };
  }

  return { state, read, importArticle, cancel };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type ClipModel = ReturnType<typeof createClipModel>;
