/**
 * What the importer accepts, in one place so the UI can say it. Limits keep a
 * mistaken pick (a 2 GB video, a whole disk of PDFs) from freezing the page or
 * filling the profile's storage.
 */

/** Largest file read, in bytes. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Largest total of one batch, in bytes. */
export const MAX_BATCH_BYTES = 256 * 1024 * 1024;
/** Most documents in one batch. */
export const MAX_BATCH_DOCUMENTS = 20_000;
/** Longest document text, in characters (a long report is ~200,000). */
export const MAX_DOCUMENT_CHARS = 2_000_000;

/** File name endings the importer reads, and what it makes of them. */
export const ACCEPTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.jsonl', '.json'] as const;

/** The limits in words, for the import panel. */
export function limitsText(): string {
  const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
  return `Up to ${mb(MAX_FILE_BYTES)} a file and ${mb(MAX_BATCH_BYTES)} or ${MAX_BATCH_DOCUMENTS.toLocaleString('en')} articles an import.`;
}

/** Human size, e.g. "1.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
