/**
 * Extraction of new articles against the corpus they join: the knowledge of
 * the new documents only, linked to the corpus's entity table, so adding an
 * article costs the article and not the corpus (issue #14).
 *
 * FIRST VERSION (interface fixed, body to be replaced by the incremental
 * extraction work): the new documents are extracted on their own, and each
 * entity found is linked to the table's entity that has one of its names,
 * else added under an id the table does not use. No corpus-wide statistics
 * are kept yet, so {@link ExtractionState} is empty.
 */
import type { Entity, Knowledge, Mention, Quote } from '../pack/types';
import { fold } from './compiled-lexicon';
import { extractKnowledge, slug } from './extract';
import type { Lexicon, SourceDocument } from './types';

/**
 * What the corpus remembers between increments besides its entity table.
 * Plain data (structured-clonable), stored with the corpus generation.
 */
export interface ExtractionState {
  version: 1;
}

/** The state of a corpus with no documents. */
export function emptyExtractionState(): ExtractionState {
  return { version: 1 };
}

/** What {@link extractIncrement} returns. */
export interface IncrementResult {
  /**
   * `entities`: the whole updated table: every entity of the table passed in,
   * same ids in the same order (possibly with more aliases), then the new ones.
   * `passages`, `mentions`, `quotes`: those of the new documents only.
   */
  knowledge: Knowledge;
  state: ExtractionState;
}

/**
 * Extracts `docs` as articles joining a corpus whose entity table is
 * `entities` (after the user's edits) and whose remembered state is `state`.
 * Pure: neither argument is changed.
 */
export function extractIncrement(
  docs: SourceDocument[],
  lexicon: Lexicon,
  entities: readonly Entity[],
  state: ExtractionState,
): IncrementResult {
  const found = extractKnowledge(docs, lexicon);
  const table = entities.map((e) => ({ ...e, aliases: [...e.aliases] }));
  const byName = new Map<string, Entity>();
  for (const e of table) for (const n of [e.name, ...e.aliases]) if (!byName.has(fold(n))) byName.set(fold(n), e);
  const used = new Set(table.map((e) => e.id));
  const idOf = new Map<string, string>();
  for (const e of found.entities) {
    const known = [e.name, ...e.aliases].map((n) => byName.get(fold(n))).find((x) => x !== undefined);
    if (known) {
      idOf.set(e.id, known.id);
      for (const a of e.aliases) if (!known.aliases.includes(a)) known.aliases.push(a);
      continue;
    }
    let id = slug(e.name);
    for (let n = 2; used.has(id); n++) id = `${slug(e.name)}-${n}`;
    used.add(id);
    idOf.set(e.id, id);
    const added = { ...e, id, aliases: [...e.aliases] };
    table.push(added);
    for (const n of [e.name, ...e.aliases]) if (!byName.has(fold(n))) byName.set(fold(n), added);
  }
  const mentions: Mention[] = found.mentions.map((m) => ({ ...m, entityId: idOf.get(m.entityId)! }));
  const quotes: Quote[] = found.quotes.map((q) => ({
    ...q,
    speakerId: q.speakerId === null ? null : idOf.get(q.speakerId)!,
  }));
  return { knowledge: { passages: found.passages, entities: table, mentions, quotes }, state: { ...state } };
}
