/**
 * The two search indexes of a corpus and how they are built: MiniSearch over
 * entity names (small; prefix, fuzzy and suggestions), and the compact text
 * index over quotes and passages (./text-index.ts; large, loaded by structured
 * clone). Both are built when a corpus is stored, never when it is read.
 */
import MiniSearch from 'minisearch';
import { Fnv1a } from '../pack/fnv';
import type { CorpusModel } from '../pack/model';
import type { Entity } from '../pack/types';
import { indexOptions, type SearchRecord } from './index-options';
import { buildTextIndex, type TextIndexData } from './text-index';

/** What a stored corpus keeps beside its model, ready to load. */
export interface SearchIndexes {
  /** MiniSearch's JSON of the names index. */
  names: string;
  /** The text index: records are the quotes, then the passages, in model order. */
  text: TextIndexData;
  /** Fingerprint of what the text index was built from ({@link textIndexKey}): equal keys, same index. */
  textKey: string;
}

/** The names index record of an entity. */
export function entityRecord(e: Entity): SearchRecord {
  return {
    id: e.id,
    name: e.name,
    aliases: e.aliases.filter((a) => a !== e.name).join(' '),
    ...(e.description ? { description: e.description } : {}),
  };
}

/** Builds the names index of `entities` and serialises it. */
export function buildNamesIndex(entities: readonly Entity[]): string {
  const index = new MiniSearch<SearchRecord>(indexOptions);
  index.addAll(entities.map(entityRecord));
  return JSON.stringify(index);
}

/**
 * Loads a serialised names index.
 * @throws Error when it was not built with the current {@link indexOptions}.
 */
export function loadNamesIndex(json: string): MiniSearch<SearchRecord> {
  return MiniSearch.loadJSON<SearchRecord>(json, indexOptions);
}

/** Whether text index record `record` is a quote (quote row `record`); the passages come after the quotes. */
export function isQuoteRecord(model: CorpusModel, record: number): boolean {
  return record < model.quotes.doc.length;
}

/** Text index records: quote `r` for r < quote count, then passages. */
export function textRecord(model: CorpusModel, record: number): { kind: 'quote' | 'passage'; row: number } {
  return isQuoteRecord(model, record)
    ? { kind: 'quote', row: record }
    : { kind: 'passage', row: record - model.quotes.doc.length };
}

/** Fingerprint of everything the text index depends on: documents (ids, lengths), quote and passage ranges. */
export function textIndexKey(model: CorpusModel): string {
  const { passages: p, quotes: q } = model;
  const fnv = new Fnv1a();
  for (const d of model.documents) fnv.string(d.id).number(d.length);
  for (const column of [p.doc, p.start, p.end, q.doc, q.start, q.end]) {
    fnv.number(column.length);
    for (let i = 0; i < column.length; i++) fnv.number(column[i]!);
  }
  return fnv.hex();
}

/**
 * Builds both indexes of a model, reusing `previous.text` when the text it
 * indexes has not changed (edits of entities leave it as it was).
 * @param textOf the text of document number `doc`.
 */
export function buildSearchIndexes(
  model: CorpusModel,
  textOf: (doc: number) => string,
  previous?: SearchIndexes,
): SearchIndexes {
  const key = textIndexKey(model);
  const text =
    previous?.textKey === key
      ? previous.text
      : buildTextIndex(model.quotes.doc.length + model.passages.doc.length, (record) => {
          const { kind, row } = textRecord(model, record);
          const columns = kind === 'quote' ? model.quotes : model.passages;
          return textOf(columns.doc[row]!).slice(columns.start[row], columns.end[row]);
        });
  return { names: buildNamesIndex(model.entities), text, textKey: key };
}
