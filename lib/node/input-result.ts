/**
 * What an input reader gives back: documents, and issues naming the bad file or line.
 * Shared by the readers of every format (inputs.ts, html-input.ts, jsonl-input.ts).
 */
import path from 'node:path';
import type { SourceDocument } from '../corpus/types';
import { idFromFileName } from '../import/text';

/** Something wrong with one input file or line. Errors drop the input; warnings do not. */
export interface InputIssue {
  file: string;
  /** 1-based line number, for line-based formats. */
  line?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** A document read from an input, before ids are made unique across all inputs. */
export interface InputDocument extends SourceDocument {
  /** Where it came from, for messages: "x.jsonl:17" or "notes.md". */
  origin: string;
  /** True when the id comes from the input itself (`.jsonl` `id`) and must be kept. */
  keepId: boolean;
}

/** What reading one input gave. */
export interface ReadResult {
  docs: InputDocument[];
  issues: InputIssue[];
}

/** A whole-file result with one document, or an error when the text is empty. */
export function single(file: string, text: string, meta: Partial<SourceDocument>): ReadResult {
  if (!text.trim()) return fail(file, 'no text found in the file');
  const doc: InputDocument = {
    id: idFromFileName(file),
    title: titleFromFileName(file),
    ...meta,
    text,
    origin: file,
    keepId: false,
  };
  return { docs: [doc], issues: [] };
}

/** A result with no documents and one error. */
export function fail(file: string, message: string, line?: number): ReadResult {
  const issue: InputIssue = { file, severity: 'error', message };
  if (line !== undefined) issue.line = line;
  return { docs: [], issues: [issue] };
}

/** "lavrov_talks-2016.txt" → "lavrov talks 2016": a readable stand-in when the file has no title. */
export function titleFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+(?:\.gz)?$/i, '');
  return base.replace(/[_-]+/g, ' ').trim() || base;
}
