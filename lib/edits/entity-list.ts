/**
 * The entity editor's list: every entity with its counts, filtered by a
 * query over name and aliases. Pure; the counts are computed once per pack.
 */
import type { EntityType, Pack } from '../pack/types';
import { foldTerm } from '../search/index-options';

/** One row of the entity editor. */
export interface EntitySummary {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  hidden: boolean;
  mentionCount: number;
  documentCount: number;
  /** Direct quotes and reported statements it is the speaker of. */
  quoteCount: number;
}

/** A page of the list and the number of matches before the limit. */
export interface EntityListPage {
  total: number;
  entities: EntitySummary[];
}

const cache = new WeakMap<Pack, EntitySummary[]>();

function summaries(pack: Pack): EntitySummary[] {
  let list = cache.get(pack);
  if (list) return list;
  const mentions = new Map<string, number>();
  const docs = new Map<string, Set<string>>();
  for (const m of pack.mentions) {
    mentions.set(m.entityId, (mentions.get(m.entityId) ?? 0) + 1);
    let set = docs.get(m.entityId);
    if (!set) docs.set(m.entityId, (set = new Set()));
    set.add(m.docId);
  }
  const quotes = new Map<string, number>();
  for (const q of pack.quotes) if (q.speakerId) quotes.set(q.speakerId, (quotes.get(q.speakerId) ?? 0) + 1);
  list = pack.entities
    .map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: e.aliases.filter((a) => a !== e.name),
      hidden: e.hidden === true,
      mentionCount: mentions.get(e.id) ?? 0,
      documentCount: docs.get(e.id)?.size ?? 0,
      quoteCount: quotes.get(e.id) ?? 0,
    }))
    .sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name));
  cache.set(pack, list);
  return list;
}

/** Entities whose name or an alias contains `query` (case and accents ignored), most mentioned first. */
export function listEntities(pack: Pack, query = '', limit = 200): EntityListPage {
  const q = foldTerm(query.trim());
  const all = summaries(pack);
  const matches = q ? all.filter((e) => [e.name, ...e.aliases].some((n) => foldTerm(n).includes(q))) : all;
  return { total: matches.length, entities: matches.slice(0, limit) };
}
