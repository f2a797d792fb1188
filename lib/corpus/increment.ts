/**
 * Extraction of new articles against the corpus they join: the knowledge of
 * the new documents only, linked to the corpus's entity table, so adding an
 * article costs the article and not the corpus (issue #14).
 *
 * The corpus-wide stages of the pipeline read the earlier documents through an
 * {@link ExtractionState} (lib/corpus/extraction-state.ts): capitalisation
 * counts, per folded name its type votes, count, surname and the entity its
 * occurrences went to, per entity its evidence (votes, forms, descriptions,
 * weight) and the tokens of its aliases. A full build is the increment from the
 * empty table and state (`extractKnowledge` is exactly that). What an
 * increment cannot see — old documents are not re-extracted — is listed in
 * lib/corpus/README.md ("Incremental extraction").
 */
import type { Entity, Knowledge } from '../pack/types';
import { extractAgainst } from './extract';
import { emptyExtractionState, type ExtractionState } from './extraction-state';
import type { Lexicon, SourceDocument } from './types';

export { emptyExtractionState, isUsableState, EXTRACTION_PIPELINE } from './extraction-state';
export type { ExtractionState } from './extraction-state';

/** What {@link extractIncrement} returns. */
export interface IncrementResult {
  /**
   * `entities`: the whole updated table: every entity of the table passed in,
   * same ids in the same order (possibly with more aliases, and a name, type or
   * description the new evidence changed where the user had not edited it),
   * then the new ones. `passages`, `mentions`, `quotes`: those of the new documents only.
   */
  knowledge: Knowledge;
  state: ExtractionState;
}

/**
 * Extracts `docs` as articles joining a corpus whose entity table is
 * `entities` (after the user's edits) and whose remembered state is `state`.
 * Pure: neither argument is changed. A state this code cannot use (another
 * version, damaged) is replaced by what the table alone gives; never throws on it.
 */
export function extractIncrement(
  docs: SourceDocument[],
  lexicon: Lexicon,
  entities: readonly Entity[],
  state: ExtractionState,
): IncrementResult {
  return extractAgainst(docs, lexicon, entities, state);
}

/**
 * A full build with its state: the knowledge is exactly `extractKnowledge(docs, lexicon)`,
 * and the state is what {@link extractIncrement} needs to add documents to it later.
 */
export function extractWithState(docs: SourceDocument[], lexicon: Lexicon): IncrementResult {
  return extractAgainst(docs, lexicon, [], emptyExtractionState());
}
