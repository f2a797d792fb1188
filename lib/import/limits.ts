/**
 * What the importer accepts, in one place so the UI can say it. Limits keep a
 * mistaken pick (a 2 GB video, a whole disk of PDFs) from freezing the page or
 * filling the profile's storage.
 */

/**
 * Largest file read whole, in bytes: .json packs, .txt, .md and .html. A
 * `.jsonl` or `.jsonl.gz` of any size is read as a stream instead
 * (lib/import/stream.ts) and has no size limit.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/**
 * A `.jsonl` file up to this size goes to the review list (titles editable
 * before the import); a bigger one, and every `.jsonl.gz`, is imported as a
 * stream, in batches, without a review list.
 */
export const MAX_REVIEW_JSONL_BYTES = 4 * 1024 * 1024;
/**
 * Longest `.jsonl` line read as a stream, in characters: the longest article
 * text plus room for JSON escapes and the other fields. A longer line is
 * skipped with a reason; the reader never holds more than this of one line.
 */
export const MAX_LINE_CHARS = 3 * 2_000_000; // 3 × MAX_DOCUMENT_CHARS
/**
 * Characters of article text in one streamed batch (one commit). Measured
 * (docs/… see notes): extraction and indexing run ~700 characters/ms, so a
 * batch is a few seconds of work and a few tens of MB of worker memory; the
 * import's memory is bounded by it, not by the file.
 */
export const STREAM_BATCH_CHARS = 4_000_000;
/** Most articles in one streamed batch (many tiny articles). */
export const STREAM_BATCH_DOCUMENTS = 2_000;
/** Largest total of one batch, in bytes. */
export const MAX_BATCH_BYTES = 256 * 1024 * 1024;
/** Most documents in one batch. */
export const MAX_BATCH_DOCUMENTS = 20_000;
/** Longest document text, in characters (a long report is ~200,000). */
export const MAX_DOCUMENT_CHARS = 2_000_000;

/** File name endings the importer reads, and what it makes of them. */
export const ACCEPTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.jsonl', '.json'] as const;
/** What the file picker offers: the above and `.gz` (read only as `.jsonl.gz`). */
export const PICKER_EXTENSIONS = [...ACCEPTED_EXTENSIONS, '.gz'] as const;

/** The limits in words, for the import panel. */
export function limitsText(): string {
  const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
  return `.jsonl and .jsonl.gz files of any size are imported as a stream, in batches. Other files: up to ${mb(MAX_FILE_BYTES)} a file and ${mb(MAX_BATCH_BYTES)} or ${MAX_BATCH_DOCUMENTS.toLocaleString('en')} articles an import — for more, use .jsonl.`;
}

/** Human size, e.g. "1.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
