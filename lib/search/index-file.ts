/**
 * The bundled corpus's search indexes as a file, built at build time beside
 * the pack (wxt.config.ts) by the code that indexes every stored corpus
 * (./records.ts), so the browser never indexes the bundled corpus: the names
 * index is MiniSearch's own serialisation (`toJSON`, read back with
 * `MiniSearch.loadJSON`), the text index its typed arrays as lists of numbers.
 *
 * A serialised MiniSearch index loads only with the options it was built with,
 * and `loadJSON` cannot tell when they differ: it would answer wrongly. So the
 * file carries fingerprints of how it was made ({@link indexOptionsKey}) and of
 * the corpus it indexes ({@link corpusKey}); a file that does not match is
 * refused with the reason, and the caller builds the indexes instead.
 */
import type MiniSearch from 'minisearch';
import { Fnv1a } from '../pack/fnv';
import type { CorpusModel } from '../pack/model';
import { indexOptions, type SearchRecord } from './index-options';
import { entityRecord, loadNamesIndex, textIndexKey, type SearchIndexes } from './records';
import { searchTerms, TextIndex, type TextIndexData } from './text-index';

/** Where the build puts the bundled corpus's indexes inside the extension (beside the pack). */
export const BUNDLED_INDEX_PATH = '/corpus/indexes.json';

const FORMAT = 'dossier-search-indexes';
/** Bump when the file's layout, or what either index holds, changes. */
const VERSION = 1;

/** The file form of a corpus's {@link SearchIndexes}. */
export interface SearchIndexFile {
  format: typeof FORMAT;
  version: typeof VERSION;
  /** How terms were made and what the names index holds, when it was built ({@link indexOptionsKey}). */
  optionsKey: string;
  /** The corpus the indexes are of ({@link corpusKey}). */
  corpusKey: string;
  /** The names index: `JSON.stringify` of the MiniSearch index (its `toJSON`), as `MiniSearch.loadJSON` reads it. */
  names: string;
  /** The text index's arrays as lists of numbers. */
  text: { terms: string[]; termStart: number[]; records: number[]; freqs: number[]; lengths: number[] };
  textKey: string;
}

/**
 * Text that exercises everything that turns text into terms: MiniSearch's
 * tokenizer (punctuation, hyphens, apostrophes, digits), folding (case,
 * diacritics) and the stop words. Its terms go into {@link indexOptionsKey}, so
 * a change to any of these shows as a different key, with no list to keep.
 */
const TERM_PROBE =
  'The U.S.-Russia deal: Erdoğan’s aides, São Paulo & ZÜRICH met at 10:30 — "it\'s a road-map," said al-Sham\'s Lavrov (2016).';

/** Fingerprint of how both indexes are made now: the names index's fields and the terms of {@link TERM_PROBE}. */
export function indexOptionsKey(): string {
  const fnv = new Fnv1a().number(VERSION);
  fnv.string(JSON.stringify([indexOptions.fields, indexOptions.storeFields ?? [], indexOptions.idField ?? 'id']));
  fnv.string(searchTerms(TERM_PROBE).join('\u0000'));
  return fnv.hex();
}

/** Fingerprint of what the indexes are built from: the names index's records and the text index's ranges. */
export function corpusKey(model: CorpusModel): string {
  const fnv = new Fnv1a();
  for (const e of model.entities) fnv.string(JSON.stringify(entityRecord(e)));
  return `${fnv.hex()}-${textIndexKey(model)}`;
}

/** The file form of `indexes`, which were built from `model`. */
export function toIndexFile(model: CorpusModel, indexes: SearchIndexes): SearchIndexFile {
  const t = indexes.text;
  return {
    format: FORMAT,
    version: VERSION,
    optionsKey: indexOptionsKey(),
    corpusKey: corpusKey(model),
    names: indexes.names,
    text: {
      terms: t.terms,
      termStart: [...t.termStart],
      records: [...t.records],
      freqs: [...t.freqs],
      lengths: [...t.lengths],
    },
    textKey: indexes.textKey,
  };
}

/** The indexes of a file that fits the corpus, with the names index already loaded. */
export interface LoadedIndexFile {
  indexes: SearchIndexes;
  names: MiniSearch<SearchRecord>;
}

const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((n) => Number.isInteger(n) && n >= 0);

/**
 * Reads an index file for `model` and loads its names index (`MiniSearch.loadJSON`).
 * @throws Error saying why the file does not fit: not an index file, built with
 *   other options, built for another corpus, or damaged.
 */
export function fromIndexFile(value: unknown, model: CorpusModel): LoadedIndexFile {
  const file = value as Partial<SearchIndexFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== FORMAT)
    throw new Error('not a Dossier search-index file');
  if (file.version !== VERSION) throw new Error(`index file version ${String(file.version)}, expected ${VERSION}`);
  if (file.optionsKey !== indexOptionsKey())
    throw new Error(`built with other index options (${String(file.optionsKey)}, now ${indexOptionsKey()})`);
  if (file.corpusKey !== corpusKey(model)) throw new Error('built for another corpus than the bundled pack');
  const t = file.text;
  if (
    typeof file.names !== 'string' ||
    typeof file.textKey !== 'string' ||
    !t ||
    !Array.isArray(t.terms) ||
    !t.terms.every((term) => typeof term === 'string') ||
    ![t.termStart, t.records, t.freqs, t.lengths].every(isNumbers)
  )
    throw new Error('the index file is damaged (a field is missing or has the wrong type)');
  const text: TextIndexData = {
    terms: t.terms,
    termStart: Uint32Array.from(t.termStart),
    records: Uint32Array.from(t.records),
    freqs: Uint8Array.from(t.freqs),
    lengths: Uint16Array.from(t.lengths),
  };
  try {
    new TextIndex(text); // checks that the arrays fit together
  } catch (error) {
    throw new Error(`the text index is damaged: ${error instanceof Error ? error.message : String(error)}`);
  }
  let names: MiniSearch<SearchRecord>;
  try {
    names = loadNamesIndex(file.names);
  } catch (error) {
    throw new Error(`the names index does not load: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { indexes: { names: file.names, text, textKey: file.textKey }, names };
}
