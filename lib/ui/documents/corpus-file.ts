/**
 * Export and restore for the options page. Export reads the active pack from
 * the corpus store here, in the page, rather than through a message: a large
 * corpus is bigger than a runtime message may be (64 MiB in Chromium).
 */
import { signal } from '@preact/signals';
import type { LoggedEdit } from '../../edits/types';
import type { PackFile } from '../../pack/types';

/** File name of an export made on `date`: `dossier-pack-YYYY-MM-DD.json` (local date). */
export function exportFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `dossier-pack-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

/**
 * The exported file with the user's edit log, so importing it elsewhere (or
 * after "restore bundled") keeps renames, merges, aliases and types through
 * the re-extraction. Deletions stay out: the file holds no deleted article.
 */
export function withEdits(file: PackFile, log: readonly LoggedEdit[]): PackFile {
  const edits = log.filter((e) => e.op !== 'docDelete');
  return edits.length ? { ...file, edits } : file;
}

/** What the model needs; injected so tests need no browser. */
export interface CorpusFileApi {
  /** The active corpus in its file form (the store's, else the bundled one). */
  readPackFile(): Promise<PackFile>;
  /** Offers `blob` as a download named `name`. */
  download(blob: Blob, name: string): void;
  restoreBundled(): Promise<unknown>;
  now?: () => Date;
}

export type CorpusFileStatus =
  | { state: 'idle' }
  | { state: 'busy'; what: string }
  | { state: 'confirm-restore' }
  | { state: 'done'; message: string }
  | { state: 'error'; message: string };

/** Creates the export/restore model. */
export function createCorpusFileModel(api: CorpusFileApi) {
  const status = signal<CorpusFileStatus>({ state: 'idle' });
  const fail = (error: unknown) =>
    (status.value = { state: 'error', message: error instanceof Error ? error.message : String(error) });
  return {
    status,
    exportPack: async (): Promise<void> => {
      status.value = { state: 'busy', what: 'Preparing the export…' };
      try {
        const file = await api.readPackFile();
        const name = exportFileName(api.now?.() ?? new Date());
        api.download(new Blob([JSON.stringify(file)], { type: 'application/json' }), name);
        status.value = { state: 'done', message: `Exported ${file.documents.length} documents as ${name}.` };
      } catch (error) {
        fail(error);
      }
    },
    askRestore: (): void => {
      status.value = { state: 'confirm-restore' };
    },
    cancel: (): void => {
      status.value = { state: 'idle' };
    },
    restore: async (): Promise<void> => {
      status.value = { state: 'busy', what: 'Restoring the bundled corpus…' };
      try {
        await api.restoreBundled();
        status.value = { state: 'done', message: 'The bundled corpus is back.' };
      } catch (error) {
        fail(error);
      }
    },
  };
}

export type CorpusFileModel = ReturnType<typeof createCorpusFileModel>;

/** Saves a blob through a temporary Blob URL and `<a download>` (no `downloads` permission needed). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: the download starts asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
