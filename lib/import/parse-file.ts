/**
 * One picked or dropped file → the articles (or packs) in it, plus a message
 * per problem, each naming the file and, for `.jsonl`, the line. Never throws:
 * a bad file, or a bad line, does not stop the good ones. Pure except for the
 * injected HTML parser.
 */
import type { SourceDocument } from '../corpus/types';
import type { Pack } from '../pack/types';
import { decodeText } from './decode';
import { htmlToDocument, type HtmlParser } from './html';
import { ACCEPTED_EXTENSIONS, MAX_DOCUMENT_CHARS, MAX_FILE_BYTES, formatBytes } from './limits';
import { idFromFileName, isoDate, leadingTitle, markdownToText, normalizeParagraphs } from './text';
import { validatePack } from './validate';

/** What a file yielded. */
export interface ParsedFile {
  docs: SourceDocument[];
  packs: Pack[];
  /** One message per problem, e.g. `wikinews.jsonl line 17: not JSON (Unexpected token…)`. */
  errors: string[];
}

/** Options of {@link parseFile}. */
export interface ParseOptions {
  /** Needed for `.html`; without it HTML files are refused. */
  parseHtml?: HtmlParser;
  /** For a page fetched from a URL: the address it came from. */
  url?: string;
}

function extensionOf(name: string): string {
  const m = /\.[a-z0-9]+$/i.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/**
 * Checks and tidies one article: text normalised to a paragraph a line, optional
 * fields kept only when well-formed.
 * @returns the document, or a message starting with `where`.
 */
export function cleanDocument(
  raw: Partial<Record<keyof SourceDocument, unknown>>,
  where: string,
): SourceDocument | string {
  if (typeof raw.text !== 'string') return `${where}: no "text"`;
  const text = normalizeParagraphs(raw.text);
  if (!text) return `${where}: the text is empty`;
  if (text.length > MAX_DOCUMENT_CHARS)
    return `${where}: the text is ${text.length.toLocaleString('en')} characters, more than ${MAX_DOCUMENT_CHARS.toLocaleString('en')}`;
  const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim().replace(/\s+/g, ' ') : undefined);
  const id = str(raw.id) ?? (typeof raw.id === 'number' ? String(raw.id) : undefined);
  if (!id) return `${where}: no "id"`;
  const title = str(raw.title) ?? text.split('\n')[0]!.slice(0, 120);
  const date = isoDate(str(raw.date));
  const url = str(raw.url);
  const source = str(raw.source);
  return {
    id: id.slice(0, 500),
    title,
    text,
    ...(source ? { source } : {}),
    ...(date ? { date } : {}),
    ...(url && /^https?:\/\//i.test(url) ? { url } : {}),
  };
}

/**
 * Checks one line of a `.jsonl` file (1-based `lineNo`), as the small-file
 * reader and the stream reader (lib/import/stream.ts) both do.
 * @param base the id prefix for a line without an `id` (from the file name).
 * @returns the article, a message saying why the line is left out, or null for a blank line.
 */
export function parseJsonlLine(
  name: string,
  base: string,
  lineNo: number,
  line: string,
): SourceDocument | string | null {
  if (!line.trim()) return null;
  const where = `${name} line ${lineNo}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `${where}: not JSON (${(error as Error).message.slice(0, 80)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `${where}: not an article object {id, title, date, url, text}`;
  const raw = value as Record<string, unknown>;
  return cleanDocument({ ...raw, id: raw.id ?? `${base}-${lineNo}` }, where);
}

function parseJsonl(name: string, text: string, out: ParsedFile): void {
  const base = idFromFileName(name);
  text.split(/\r?\n/).forEach((line, i) => {
    const doc = parseJsonlLine(name, base, i + 1, line);
    if (typeof doc === 'string') out.errors.push(doc);
    else if (doc) out.docs.push(doc);
  });
}

function parsePack(name: string, text: string, out: ParsedFile): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    out.errors.push(`${name}: not JSON (${(error as Error).message.slice(0, 80)})`);
    return;
  }
  const check = validatePack(value, name);
  if (check.ok) out.packs.push(check.pack);
  else out.errors.push(check.error);
}

/** Reads one file by its name's ending: .txt, .md, .html, .jsonl or a .json pack. */
export function parseFile(name: string, bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const out: ParsedFile = { docs: [], packs: [], errors: [] };
  const ext = extensionOf(name);
  if (!(ACCEPTED_EXTENSIONS as readonly string[]).includes(ext)) {
    out.errors.push(`${name}: not a file Dossier reads — Dossier imports .txt, .md, .html, .jsonl and .json packs`);
    return out;
  }
  if (bytes.length > MAX_FILE_BYTES) {
    out.errors.push(
      `${name}: ${formatBytes(bytes.length)} is more than the ${formatBytes(MAX_FILE_BYTES)} a file read whole may have — for a large import, save the articles as .jsonl or .jsonl.gz (one article a line), which is read as a stream whatever its size`,
    );
    return out;
  }
  const decoded = decodeText(name, bytes);
  if (!decoded.ok) {
    out.errors.push(decoded.error);
    return out;
  }
  const text = decoded.text.replace(/^\ufeff/, '');
  const id = idFromFileName(name);
  const push = (raw: Partial<Record<keyof SourceDocument, unknown>>) => {
    const doc = cleanDocument(raw, name);
    if (typeof doc === 'string') out.errors.push(doc);
    else out.docs.push(doc);
  };
  switch (ext) {
    case '.jsonl':
      parseJsonl(name, text, out);
      break;
    case '.json':
      parsePack(name, text, out);
      break;
    case '.md':
    case '.markdown': {
      const md = markdownToText(text);
      push({ id, title: md.title ?? name, date: md.date, text: md.text });
      break;
    }
    case '.html':
    case '.htm': {
      if (!options.parseHtml) {
        out.errors.push(`${name}: HTML cannot be read here`);
        break;
      }
      try {
        const html = htmlToDocument(name, text, options.parseHtml, options.url);
        if (html.ok) push(html.doc);
        else out.errors.push(html.error);
      } catch (error) {
        out.errors.push(`${name}: the page could not be read (${(error as Error).message.slice(0, 80)})`);
      }
      break;
    }
    default: {
      const normalized = normalizeParagraphs(text);
      const title = leadingTitle(normalized);
      push({ id, title: title ?? name, text: title ? normalized.slice(title.length + 1) : normalized });
    }
  }
  return out;
}
