/**
 * Entity cards: what the corpus says about one entity, its quotes,
 * statements and passages in the order of lib/query/card-rank.ts, three of
 * each first and further pages on request, without showing one sentence
 * twice (lib/query/card-repeats.ts). Only the documents of the items shown
 * are read.
 */
import type {
  CardContext,
  CardList,
  CardListPage,
  EntityCard,
  EntityRef,
  PassageView,
  QuoteView,
} from '../messages/protocol';
import type { CorpusModel } from '../pack/model';
import type { TextSearcher } from '../search/text-index';
import { contextTerms, mentionYears, orderCard, type CardOrder } from './card-rank';
import { ShownItems } from './card-repeats';
import { ref, type CorpusData } from './corpus-data';

/** Items of each list on a card as it opens, and per further page. */
export const CARD_PAGE = { first: 3, more: 5 } as const;
/** How many related entities a card lists. */
export const CARD_RELATED = 8;

/** What a card is made from; {@link CorpusQuery} is one. */
export interface CardCorpus {
  readonly model: CorpusModel;
  readonly data: CorpusData;
  readonly textIndex: TextSearcher;
  texts(docs: Iterable<number>): Promise<ReadonlyMap<number, string>>;
}

/** A card being read: its order and what it showed, for its further pages. */
export interface CardState {
  entity: number;
  order: CardOrder;
  shown: ShownItems;
}

/** The passages mentioning entity `n`, each once, in mention order (its mentions are grouped by passage). */
function passagesOf(data: CorpusData, n: number): number[] {
  const m = data.model.mentions;
  const rows: number[] = [];
  const seen = new Set<number>();
  for (const i of data.mentionsByEntity.of(n)) {
    const p = data.passageAt(m.doc[i]!, m.start[i]!);
    if (p < 0 || seen.has(p)) continue;
    seen.add(p);
    rows.push(p);
  }
  return rows;
}

/** The ranges of entity `n`'s mentions in passage `row`, relative to it. */
function highlightsIn(data: CorpusData, n: number, row: number): [number, number][] {
  const { mentions: m, passages: p } = data.model;
  const start = p.start[row]!;
  return data
    .mentionsIn(row)
    .filter((i) => m.entity[i] === n)
    .map((i) => [m.start[i]! - start, m.end[i]! - start]);
}

/** Entities mentioned in the same passages, most often first (each counted once a passage). */
function related(data: CorpusData, n: number, passageRows: readonly number[]): (EntityRef & { count: number })[] {
  const entity = data.model.mentions.entity;
  // Per entity: how many passages name it, and the passage it was last counted in (+1; 0 = none).
  const counts = new Uint32Array(data.model.entities.length);
  const lastSeen = new Uint32Array(data.model.entities.length);
  const named: number[] = [];
  for (const row of passageRows) {
    data.forEachMentionIn(row, (i) => {
      const other = entity[i]!;
      if (other === n || lastSeen[other] === row + 1) return;
      lastSeen[other] = row + 1;
      const seen = counts[other]!;
      counts[other] = seen + 1;
      if (seen === 0) named.push(other);
    });
  }
  return named
    .map((other) => ({ ...ref(data.entity(other)), count: counts[other]! }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

/**
 * The next `count` items of `list` from position `from` of its order, skipping repeats of what the card
 * showed; reads the documents of a few candidates at a time.
 */
export async function takeItems(
  corpus: CardCorpus,
  state: CardState,
  list: CardList,
  from: number,
  count: number,
): Promise<CardListPage> {
  const rows = state.order.rows[list];
  const { data } = corpus;
  const columns = list === 'passages' ? corpus.model.passages : corpus.model.quotes;
  const quotes: QuoteView[] = [];
  const passages: PassageView[] = [];
  let cursor = Math.min(from, rows.length);
  while (quotes.length + passages.length < count && cursor < rows.length) {
    const need = count - quotes.length - passages.length;
    const batch = rows.subarray(cursor, cursor + need * 2 + 2);
    const texts = await corpus.texts(Array.from(batch, (row) => columns.doc[row]!));
    for (const row of batch) {
      cursor++;
      const doc = columns.doc[row]!;
      const start = columns.start[row]!;
      const end = columns.end[row]!;
      const text = texts.get(doc)!;
      const slice = text.slice(start, end);
      if (list === 'passages') {
        if (state.shown.repeatsPassage(doc, start, end, slice)) continue;
        passages.push(data.passageView(row, text, highlightsIn(data, state.entity, row)));
      } else {
        if (state.shown.repeatsQuote(doc, start, end, slice)) continue;
        quotes.push(data.quoteView(row, text));
      }
      state.shown.add(doc, start, end, slice);
      if (quotes.length + passages.length === count) break;
    }
  }
  const next = cursor < rows.length ? cursor : null;
  return list === 'passages' ? { list, items: passages, next } : { list, items: quotes, next };
}

/**
 * The card of entity number `n` ranked by `context` (newest first without one), with the state its
 * further pages need.
 */
export async function buildCard(
  corpus: CardCorpus,
  n: number,
  context?: CardContext,
): Promise<{ card: Omit<EntityCard, 'more'>; state: CardState }> {
  const { data, model } = corpus;
  const entity = data.entity(n);
  const q = model.quotes;
  const said = data.quotesOf(n);
  const hits = passagesOf(data, n);
  const terms = contextTerms(context, [entity.name, ...entity.aliases]);
  const order = orderCard(
    data,
    corpus.textIndex,
    {
      quotes: said.filter((row) => q.kind[row] === 0),
      statements: said.filter((row) => q.kind[row] === 1),
      passages: hits,
    },
    terms,
  );
  const state: CardState = { entity: n, order, shown: new ShownItems() };
  // In this order, so that a statement or passage that repeats a quote gives way to the quote.
  const quotes = await takeItems(corpus, state, 'quotes', 0, CARD_PAGE.first);
  const statements = await takeItems(corpus, state, 'statements', 0, CARD_PAGE.first);
  const passages = await takeItems(corpus, state, 'passages', 0, CARD_PAGE.first);
  const mentionRows = data.mentionsByEntity.of(n);
  const documents = new Set<number>();
  for (const i of mentionRows) documents.add(model.mentions.doc[i]!);
  const card: Omit<EntityCard, 'more'> = {
    entity: {
      ...ref(entity),
      aliases: entity.aliases.filter((a) => a !== entity.name),
      ...(entity.description ? { description: entity.description } : {}),
    },
    quotes: quotes.items as QuoteView[],
    statements: statements.items as QuoteView[],
    passages: passages.items as PassageView[],
    related: related(data, n, hits).slice(0, CARD_RELATED),
    totals: {
      quotes: order.rows.quotes.length,
      statements: order.rows.statements.length,
      passages: order.rows.passages.length,
      documents: documents.size,
    },
    next: { quotes: quotes.next, statements: statements.next, passages: passages.next },
    ranked: order.ranked,
    years: mentionYears(data, mentionRows),
  };
  return { card, state };
}
