/**
 * Reads the command-line tool's inputs into documents, one reader per format: `.txt`,
 * `.md`, `.html` (html-input.ts) and `.jsonl` (jsonl-input.ts). Node only. A bad file or
 * line becomes an {@link InputIssue} naming it; the readers never throw for bad input, so
 * the good inputs still make a pack.
 */
import { readFile } from 'node:fs/promises';
import type { SourceDocument } from '../corpus/types';
import { leadingTitle, markdownToText, normalizeParagraphs } from '../import/text';
import { readHtmlInput } from './html-input';
import { fail, single, titleFromFileName, type InputDocument, type InputIssue, type ReadResult } from './input-result';
import { readJsonlFile } from './jsonl-input';

/** Options of {@link readInputFile}. */
export interface ReadOptions {
  /** Read at most this many documents from a `.jsonl` file. */
  limit?: number;
}

/** The file types the tool reads, by how their names end (lower case). */
export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.jsonl', '.ndjson', '.jsonl.gz'];

/** The supported extension `file` ends with, or undefined. */
export function inputExtension(file: string): string | undefined {
  const lower = file.toLowerCase();
  return SUPPORTED_EXTENSIONS.filter((e) => lower.endsWith(e)).sort((a, b) => b.length - a.length)[0];
}

/** "x.jsonl:17: bad JSON …" — one issue as a line for the terminal. */
export function formatIssue(issue: InputIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return `${where}: ${issue.severity === 'warning' ? 'warning: ' : ''}${issue.message}`;
}

/**
 * Decodes a whole-file input as UTF-8 text, or says why it cannot: empty, binary (a NUL
 * byte in the first 8 KB) or not UTF-8.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.length === 0) return { problem: 'the file is empty' };
  if (bytes.subarray(0, 8192).includes(0)) return { problem: 'this is a binary file, not text' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { problem: 'the file is not UTF-8 text; save it as UTF-8 and try again' };
  }
}

/** A plain-text article: the first line is the title when it reads like one, else the file name is. */
export function readTextInput(file: string, content: string): ReadResult {
  let text = normalizeParagraphs(content);
  const title = leadingTitle(text);
  if (title) text = text.slice(text.indexOf('\n') + 1);
  return single(file, text, { title: title ?? titleFromFileName(file) });
}

/** A Markdown article: markup stripped, paragraphs kept, the first `# heading` is the title. */
export function readMarkdownInput(file: string, content: string): ReadResult {
  const md = markdownToText(content);
  const meta: Partial<SourceDocument> = { title: md.title ?? titleFromFileName(file) };
  if (md.date) meta.date = md.date;
  return single(file, md.text, meta);
}

/**
 * Reads one input file of any supported type.
 * Never throws for bad content; an unreadable file (missing, no permission) becomes an error issue.
 */
export async function readInputFile(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  const ext = inputExtension(file);
  if (!ext) return fail(file, `unsupported file type; give ${SUPPORTED_EXTENSIONS.join(', ')} files`);
  try {
    if (ext.startsWith('.jsonl') || ext === '.ndjson') return await readJsonlFile(file, options.limit);
    const decoded = decodeText(await readFile(file));
    if ('problem' in decoded) return fail(file, decoded.problem);
    if (ext === '.txt') return readTextInput(file, decoded.text);
    if (ext === '.md' || ext === '.markdown') return readMarkdownInput(file, decoded.text);
    return readHtmlInput(file, decoded.text);
  } catch (err) {
    return fail(file, `cannot read it (${(err as Error).message})`);
  }
}

/**
 * Makes the documents' ids unique across all inputs: ids given by an input (`.jsonl`) are
 * kept, and a repeated one is an error that drops the later document; ids made from file
 * names get `-2`, `-3`, … when taken. Returns plain {@link SourceDocument}s in input order.
 */
export function assignIds(docs: InputDocument[], issues: InputIssue[]): SourceDocument[] {
  const taken = new Set<string>();
  const dropped = new Set<InputDocument>();
  for (const d of docs) {
    if (!d.keepId) continue;
    if (taken.has(d.id)) {
      const [file, line] = splitOrigin(d.origin);
      issues.push({ file, line, severity: 'error', message: `the id "${d.id}" is used before; ids must be unique` });
      dropped.add(d);
    }
    taken.add(d.id);
  }
  const out: SourceDocument[] = [];
  for (const d of docs) {
    if (dropped.has(d)) continue;
    const { origin: _origin, keepId, ...doc } = d;
    if (!keepId) {
      let id = doc.id;
      for (let n = 2; taken.has(id); n++) id = `${doc.id}-${n}`;
      doc.id = id;
      taken.add(id);
    }
    out.push(doc);
  }
  return out;
}

function splitOrigin(origin: string): [string, number | undefined] {
  const m = /^(.*):(\d+)$/.exec(origin);
  return m ? [m[1]!, Number(m[2])] : [origin, undefined];
}
