/**
 * A `.jsonl` or `.jsonl.gz` file of any size, read as a stream: bytes →
 * (gunzip) → text → lines → checked articles, handed out in batches so the
 * importer can commit each one and nothing ever holds the whole file. Lines
 * are checked exactly as {@link parseFile} checks a small `.jsonl` (same skip
 * reasons, same line numbers). Uses only `Blob.stream`, `DecompressionStream`
 * and `TextDecoder`, which Chromium (80+), Firefox (113+) and Node 18+ all
 * have, so it runs in the import worker and in Node alike.
 */
import type { SourceDocument } from '../corpus/types';
import { MAX_LINE_CHARS, STREAM_BATCH_CHARS, STREAM_BATCH_DOCUMENTS, formatBytes } from './limits';
import { parseJsonlLine } from './parse-file';
import { idFromFileName } from './text';

/** One batch of a streamed file. */
export interface StreamBatch {
  /** Articles that passed the checks, in file order. */
  docs: SourceDocument[];
  /** Lines left out, one message each (`name line 17: not JSON (…)`). */
  skipped: string[];
  /** Bytes of the file (compressed, for a .gz) consumed so far. */
  bytesRead: number;
  /** The file's size in bytes. */
  bytesTotal: number;
}

/** Options of {@link streamJsonl}. */
export interface StreamOptions {
  /** A batch is handed out once its articles hold this many characters of text (default {@link STREAM_BATCH_CHARS}). */
  batchChars?: number;
  /** …or this many articles (default {@link STREAM_BATCH_DOCUMENTS}). */
  batchDocuments?: number;
  /** Longest line read, in characters (default {@link MAX_LINE_CHARS}); a longer one is skipped with a reason. */
  maxLineChars?: number;
}

/** Whether {@link streamJsonl} reads this file (by its name). */
export function isStreamable(name: string): boolean {
  return /\.jsonl(\.gz)?$/i.test(name);
}

/**
 * Splits text that arrives in pieces into lines: a line may be cut across
 * pieces, end in LF or CRLF (a CR alone is kept: JSON.parse treats it as white
 * space), and the last one may have no line break. A line longer than
 * `maxChars` is not kept: it comes out as `{ tooLong: chars }` once its end is
 * seen, and meanwhile at most `maxChars` characters are held.
 */
export class LineSplitter {
  private partial = '';
  private partialChars = 0;
  private skipping = false;

  constructor(private readonly maxChars: number = MAX_LINE_CHARS) {}

  /** Feeds a piece of text. @returns the lines it completed. */
  push(text: string): (string | { tooLong: number })[] {
    const out: (string | { tooLong: number })[] = [];
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      this.take(text.slice(from, nl));
      out.push(this.finish());
      from = nl + 1;
    }
    if (from < text.length) this.take(text.slice(from));
    return out;
  }

  /** The end of the text. @returns the last line when it had no line break. */
  end(): (string | { tooLong: number })[] {
    return this.partialChars > 0 ? [this.finish()] : [];
  }

  private take(piece: string): void {
    this.partialChars += piece.length;
    if (this.skipping) return;
    if (this.partialChars > this.maxChars) {
      // Past the limit: forget what was held and only count until the line ends.
      this.skipping = true;
      this.partial = '';
      return;
    }
    this.partial += piece;
  }

  private finish(): string | { tooLong: number } {
    const line = this.skipping ? { tooLong: this.partialChars } : this.partial.replace(/\r$/, '');
    this.partial = '';
    this.partialChars = 0;
    this.skipping = false;
    return line;
  }
}

const GZIP = [0x1f, 0x8b];
const WHAT_WE_READ = 'Dossier imports .txt, .md, .html, .jsonl (.jsonl.gz) and .json packs';

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** A pass-through that counts the bytes going by (the compressed ones, for progress against the file size). */
function byteCounter(onBytes: (n: number) => void): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      onBytes(chunk.byteLength);
      controller.enqueue(chunk);
    },
  });
}

/** The decoder for a text's first bytes: UTF-16 with a byte-order mark, else UTF-8 (its BOM dropped). */
function decoderFor(first: Uint8Array): TextDecoder {
  if (startsWith(first, [0xff, 0xfe])) return new TextDecoder('utf-16le', { fatal: true });
  if (startsWith(first, [0xfe, 0xff])) return new TextDecoder('utf-16be', { fatal: true });
  return new TextDecoder('utf-8', { fatal: true });
}

/**
 * Reads a `.jsonl` or `.jsonl.gz` file (gzip is recognised by its first bytes,
 * whatever the name says) and yields its articles in batches. Memory held: one
 * batch, one line and the stream's buffers — never the file.
 * @param name the file name, for messages and for ids of lines without one.
 * @throws Error naming the file when it cannot be read on (a truncated or
 *   corrupt gzip, bytes that are not UTF-8): batches yielded before stay valid.
 */
export async function* streamJsonl(
  file: Blob,
  name: string,
  options: StreamOptions = {},
): AsyncGenerator<StreamBatch, void, undefined> {
  const batchChars = options.batchChars ?? STREAM_BATCH_CHARS;
  const batchDocuments = options.batchDocuments ?? STREAM_BATCH_DOCUMENTS;
  const bytesTotal = file.size;
  if (bytesTotal === 0) throw new Error(`${name}: the file is empty`);
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const gzipped = startsWith(head, GZIP);
  let bytesRead = 0;
  let source: ReadableStream<Uint8Array> = file.stream().pipeThrough(byteCounter((n) => (bytesRead += n)));
  if (gzipped)
    source = source.pipeThrough(
      new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
  const reader = source.getReader();
  const base = idFromFileName(name);
  const splitter = new LineSplitter(options.maxLineChars ?? MAX_LINE_CHARS);
  let decoder: TextDecoder | undefined;
  let lineNo = 0;
  let batch: StreamBatch = { docs: [], skipped: [], bytesRead: 0, bytesTotal };
  let chars = 0;
  let lines = 0;

  const take = (line: string | { tooLong: number }) => {
    lineNo++;
    if (typeof line !== 'string') {
      batch.skipped.push(
        `${name} line ${lineNo}: the line is ${line.tooLong.toLocaleString('en')} characters, more than the ${(options.maxLineChars ?? MAX_LINE_CHARS).toLocaleString('en')} a line may have`,
      );
      return;
    }
    const doc = parseJsonlLine(name, base, lineNo, line);
    if (doc === null) return;
    lines++;
    if (typeof doc === 'string') batch.skipped.push(doc);
    else {
      batch.docs.push(doc);
      chars += doc.text.length;
    }
  };
  const full = () => chars >= batchChars || batch.docs.length >= batchDocuments;
  const handOut = (): StreamBatch => {
    const out = { ...batch, bytesRead };
    batch = { docs: [], skipped: [], bytesRead: 0, bytesTotal };
    chars = 0;
    return out;
  };

  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new Error(
          gzipped
            ? `${name}: the gzip data is damaged or cut short after ${formatBytes(bytesRead)} of ${formatBytes(bytesTotal)} (${(error as Error).message}) — the rest of the file could not be read`
            : `${name}: the file could not be read after ${formatBytes(bytesRead)} (${(error as Error).message})`,
          { cause: error },
        );
      }
      if (next.done) break;
      const chunk = next.value;
      if (!decoder) {
        // A NUL byte never occurs in UTF-8 text; it does in every binary format.
        if (!startsWith(chunk, [0xff, 0xfe]) && !startsWith(chunk, [0xfe, 0xff]) && chunk.subarray(0, 8192).includes(0))
          throw new Error(`${name}: binary file — ${WHAT_WE_READ}`);
        decoder = decoderFor(chunk);
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw notText(name, lineNo);
      }
      for (const line of splitter.push(text)) {
        take(line);
        if (full()) yield handOut();
      }
    }
    let rest = '';
    try {
      rest = decoder?.decode() ?? '';
    } catch {
      throw notText(name, lineNo);
    }
    for (const line of [...splitter.push(rest), ...splitter.end()]) {
      take(line);
      if (full()) yield handOut();
    }
    if (lines === 0 && !batch.skipped.length) throw new Error(`${name}: the file holds only white space`);
    // Always a last batch (maybe empty): it says the whole file was read.
    yield handOut();
  } finally {
    // Stops the file read and the decompressor when the consumer stops early (cancel, a failed commit).
    await reader.cancel().catch(() => undefined);
  }
}

function notText(name: string, lineNo: number): Error {
  return new Error(
    `${name}: not UTF-8 text after line ${lineNo} — save it as UTF-8 (or UTF-16 with a byte-order mark) and import it again`,
  );
}
