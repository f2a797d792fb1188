/**
 * The page's marks summed up per entity, for the popup's "On this page" list.
 */
import type { EntityType } from '../pack/types';
import { liveRange, type Mark } from './marks';

/** One entity found on the page. */
export interface EntityOnPage {
  entityId: string;
  type: EntityType;
  count: number;
  /** Range of its first mark in document order (scroll target). */
  firstRange: Range;
}

/** Counts `marks` per entity; most marked first, then by id. */
export function entitiesOf(marks: Iterable<Mark>): EntityOnPage[] {
  const byId = new Map<string, { type: EntityType; count: number; first: Mark }>();
  for (const mark of marks) {
    const e = byId.get(mark.entityId);
    if (!e) byId.set(mark.entityId, { type: mark.type, count: 1, first: mark });
    else {
      e.count++;
      // DOCUMENT_POSITION_PRECEDING: the new mark comes before the current first.
      if (e.first.startNode.compareDocumentPosition(mark.startNode) & 2) e.first = mark;
    }
  }
  return [...byId]
    .map(([entityId, e]) => ({ entityId, type: e.type, count: e.count, firstRange: liveRange(e.first) }))
    .sort((a, b) => b.count - a.count || a.entityId.localeCompare(b.entityId));
}
