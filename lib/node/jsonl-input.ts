/**
 * `.jsonl` input: one JSON object a line, `{ id, title, date, url, text }` (other fields
 * such as `source` or `kind` are tolerated). Streams the file, gunzipping `.gz`, so a
 * 129 MB corpus is never held as one string. Node only.
 */
import { createReadStream } from 'node:fs';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { idFromFileName, isoDate, normalizeParagraphs } from '../import/text';
import type { InputDocument, InputIssue, ReadResult } from './input-result';

/** Past this many bad lines in one file, the rest are counted, not listed. */
const MAX_LISTED = 10;

/**
 * The lines of a text file, gunzipped when its name ends with `.gz`. Stopping early (break)
 * closes the file. Read errors (missing file, corrupt gzip) are thrown by the iteration.
 */
export async function* fileLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  let stream: Readable = source;
  if (file.toLowerCase().endsWith('.gz')) {
    const gunzip = createGunzip();
    source.on('error', (e) => gunzip.destroy(e));
    stream = source.pipe(gunzip);
  }
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  try {
    yield* rl;
  } finally {
    rl.close();
    stream.destroy();
    source.destroy();
  }
}

/** Reads a `.jsonl` or `.jsonl.gz` file; at most `limit` documents when given. */
export async function readJsonlFile(file: string, limit?: number): Promise<ReadResult> {
  return readJsonlLines(file, fileLines(file), limit);
}

/**
 * Turns JSON lines into documents. A line that is not JSON, not an object or has no text is
 * an error naming its line; blank lines are skipped. Never throws for bad lines; a read
 * error of the stream (e.g. a corrupt `.gz`) becomes an error issue too.
 */
export async function readJsonlLines(file: string, lines: AsyncIterable<string>, limit?: number): Promise<ReadResult> {
  const docs: InputDocument[] = [];
  const issues: InputIssue[] = [];
  const fileId = idFromFileName(file);
  let lineNo = 0;
  let bad = 0;
  let sawContent = false;
  const report = (line: number, message: string, severity: InputIssue['severity'] = 'error'): void => {
    if (severity === 'error') bad++;
    if (severity === 'error' && bad > MAX_LISTED) return;
    issues.push({ file, line, severity, message });
  };
  try {
    for await (const raw of lines) {
      lineNo++;
      if (limit !== undefined && docs.length >= limit) break;
      if (!raw.trim()) continue;
      sawContent = true;
      if (raw.includes('\u0000')) {
        report(lineNo, 'binary data, not JSON text');
        if (lineNo === 1) break; // a binary file: one message is enough
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        report(lineNo, `bad JSON (${(err as Error).message})`);
        continue;
      }
      const doc = toDocument(value, `${fileId}-${lineNo}`, (m, s) => report(lineNo, m, s));
      if (doc) docs.push({ ...doc, origin: `${file}:${lineNo}`, keepId: true });
    }
  } catch (err) {
    issues.push({
      file,
      line: lineNo || undefined,
      severity: 'error',
      message: `cannot read on (${(err as Error).message})`,
    });
  }
  if (bad > MAX_LISTED)
    issues.push({ file, severity: 'error', message: `${bad - MAX_LISTED} more bad lines not listed` });
  if (!sawContent && issues.length === 0) issues.push({ file, severity: 'error', message: 'the file is empty' });
  return { docs, issues };
}

type Report = (message: string, severity?: InputIssue['severity']) => void;

/** One parsed line → a document, or undefined after reporting why not. */
function toDocument(
  value: unknown,
  fallbackId: string,
  report: Report,
): Omit<InputDocument, 'origin' | 'keepId'> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report('expected a JSON object like {"id", "title", "date", "url", "text"}');
    return undefined;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.text !== 'string') {
    report('"text" is missing or not a string');
    return undefined;
  }
  const text = normalizeParagraphs(o.text);
  if (!text) {
    report('"text" is empty');
    return undefined;
  }
  let id = typeof o.id === 'number' ? String(o.id) : typeof o.id === 'string' ? o.id.trim() : '';
  if (!id) {
    report(`no "id"; using "${fallbackId}"`, 'warning');
    id = fallbackId;
  }
  const title = str(o.title) ?? text.slice(0, 80).replace(/\s\S*$/, '…');
  const doc: Omit<InputDocument, 'origin' | 'keepId'> = { id, title, text };
  const date = str(o.date);
  if (date && isoDate(date)) doc.date = isoDate(date);
  else if (date) report(`"date" ${JSON.stringify(date)} is not an ISO date (YYYY-MM-DD); left out`, 'warning');
  const url = str(o.url);
  if (url) doc.url = url;
  const source = str(o.source);
  if (source) doc.source = source;
  return doc;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
