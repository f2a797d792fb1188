/** Pure helpers of the card's lists: a further page added, the year line. */
import type { CardListPage, EntityCard } from '../../messages/protocol';

/** `card` with `page` added to the end of its list, and where that list goes on. */
export function appendPage(card: EntityCard, page: CardListPage): EntityCard {
  const next = { ...card.next, [page.list]: page.next };
  return page.list === 'passages'
    ? { ...card, passages: [...card.passages, ...page.items], next }
    : { ...card, [page.list]: [...card[page.list], ...page.items], next };
}

/** How many items of a list are not shown yet (repeats that will be skipped included), 0 when none. */
export function remaining(total: number, next: number | null): number {
  return next === null ? 0 : Math.max(0, total - next);
}

/**
 * "in the corpus since 2021, most in 2025" from the articles per year, when there are at least two years
 * to tell apart; null otherwise.
 */
export function yearSummary(years: readonly { year: number; documents: number }[]): string | null {
  if (years.length < 2) return null;
  let peak = years[0]!;
  for (const y of years)
    if (y.documents > peak.documents || (y.documents === peak.documents && y.year > peak.year)) peak = y;
  const first = years[0]!.year;
  return peak.year === first
    ? `in the corpus since ${first}, most in that year`
    : `in the corpus since ${first}, most in ${peak.year}`;
}

/** "X", "X and Y", "X, Y and Z". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}
