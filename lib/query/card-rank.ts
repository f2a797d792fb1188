/**
 * The order of an entity card's lists: by how much each quote, statement or
 * passage shares with the words of the page being read (BM25 over the
 * corpus's own term statistics, through the text index), then newest first;
 * short fragments after whole sentences. Pure: no texts are read here, only
 * the model's columns and the index's postings, so a card costs what the
 * entity's own rows cost, not the corpus.
 */
import type { CardContext, CardList } from '../messages/protocol';
import { searchTerms, type TextSearcher } from '../search/text-index';
import type { CorpusData } from './corpus-data';

/** Fewer indexed words than this (stop words left out) is a fragment ("a very good deal"), shown after sentences. */
export const FRAGMENT_TERMS = 4;
/** A fragment's context score counts this much: a sentence that shares as much with the page comes first. */
const FRAGMENT_WEIGHT = 0.5;

/** What orders the items of a card's list, one entry per item. */
export interface RankKeys {
  /** BM25 of the item against the page's words; 0 without a context. */
  score: Float64Array;
  /** 1 for a fragment (fewer than {@link FRAGMENT_TERMS} indexed words). */
  fragment: Uint8Array;
  /** The document's rank from the newest (0). */
  recency: Uint32Array;
  /** Offset in the document (reading order within one). */
  start: Uint32Array;
}

/**
 * The positions of the items, best first: context score (fragments weigh half), then sentences before
 * fragments, then newest, then reading order. Columns rather than an object per item: an entity of
 * the 10,000-article corpus has over 10,000 passages.
 */
export function rankPositions({ score, fragment, recency, start }: RankKeys): Uint32Array {
  const n = score.length;
  const key = new Float64Array(n);
  const positions = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    key[i] = fragment[i] ? score[i]! * FRAGMENT_WEIGHT : score[i]!;
    positions[i] = i;
  }
  return positions.sort(
    (a, b) => key[b]! - key[a]! || fragment[a]! - fragment[b]! || recency[a]! - recency[b]! || start[a]! - start[b]!,
  );
}

/**
 * The terms a context ranks by: its title and text as the index cuts them, without the entity's own
 * names (every item of the card is about it, so they tell nothing apart).
 */
export function contextTerms(context: CardContext | undefined, names: readonly string[]): string[] {
  if (!context) return [];
  const own = new Set(names.flatMap((n) => searchTerms(n)));
  return [...new Set(searchTerms(`${context.title ?? ''}\n${context.text}`))].filter((t) => !own.has(t));
}

/** An entity's rows in card order, and whether a context ranked them. */
export interface CardOrder {
  ranked: boolean;
  rows: Record<CardList, Uint32Array>;
}

/** The entity's rows before ordering: quote rows (direct and reported) and passage rows. */
export interface CardRows {
  quotes: ArrayLike<number>;
  statements: ArrayLike<number>;
  passages: ArrayLike<number>;
}

/**
 * Orders an entity's rows for its card. Text index records are the quote rows, then the passage rows
 * (lib/search/records.ts); `terms` come from {@link contextTerms}.
 */
export function orderCard(data: CorpusData, index: TextSearcher, rows: CardRows, terms: readonly string[]): CardOrder {
  const { quotes: q, passages: p } = data.model;
  const quoteCount = q.doc.length;
  let ranked = false;
  const order = (list: ArrayLike<number>, passages: boolean): Uint32Array => {
    const offset = passages ? quoteCount : 0;
    const records = Uint32Array.from(list, (row) => row + offset).sort();
    const n = records.length;
    const scores = terms.length > 0 ? index.scoreRecords(terms, records) : new Float64Array(n);
    const columns = passages ? p : q;
    const fragment = new Uint8Array(n);
    const recency = new Uint32Array(n);
    const start = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const row = records[i]! - offset;
      if (scores[i]! > 0) ranked = true;
      fragment[i] = !passages && index.lengthOf(records[i]!) < FRAGMENT_TERMS ? 1 : 0;
      recency[i] = data.recency[columns.doc[row]!]!;
      start[i] = columns.start[row]!;
    }
    const positions = rankPositions({ score: scores, fragment, recency, start });
    return Uint32Array.from(positions, (i) => records[i]! - offset);
  };
  const result = {
    quotes: order(rows.quotes, false),
    statements: order(rows.statements, false),
    passages: order(rows.passages, true),
  };
  return { ranked, rows: result };
}

/**
 * Articles mentioning an entity per year, oldest first, from its mention rows; documents without a
 * date are left out.
 */
export function mentionYears(data: CorpusData, mentionRows: ArrayLike<number>): { year: number; documents: number }[] {
  const docs = new Set<number>();
  const mentionDoc = data.model.mentions.doc;
  for (let i = 0; i < mentionRows.length; i++) docs.add(mentionDoc[mentionRows[i]!]!);
  const counts = new Map<number, number>();
  for (const doc of docs) {
    const year = Number(data.model.documents[doc]!.date?.slice(0, 4));
    if (Number.isInteger(year) && year > 0) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a - b).map(([year, documents]) => ({ year, documents }));
}
