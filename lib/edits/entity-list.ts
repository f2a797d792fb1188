/**
 * `entities.list`: every entity with its counts, filtered by a query over name
 * and aliases, the most mentioned first (scripts and tests; the options page
 * pages through `corpus.entities`, lib/query/corpus-tables.ts). Pure; the counts are computed once per loaded corpus.
 */
import type { CorpusData } from '../query/corpus-data';
import type { EntitySummary } from '../query/corpus-tables';
import { foldTerm } from '../search/index-options';

/** One row of the entity editor (the options page's paged table: lib/query/corpus-tables.ts). */
export type { EntitySummary };

/** A page of the list and the number of matches before the limit. */
export interface EntityListPage {
  total: number;
  entities: EntitySummary[];
}

const cache = new WeakMap<CorpusData, EntitySummary[]>();

function summaries(data: CorpusData): EntitySummary[] {
  let list = cache.get(data);
  if (list) return list;
  const { mentions } = data.model;
  list = data.model.entities
    .map((e, n) => {
      const rows = data.mentionsByEntity.of(n);
      return {
        id: e.id,
        name: e.name,
        type: e.type,
        aliases: e.aliases.filter((a) => a !== e.name),
        hidden: e.hidden === true,
        mentionCount: rows.length,
        documentCount: new Set(Array.from(rows, (i) => mentions.doc[i]!)).size,
        quoteCount: data.quotesOf(n).length,
      };
    })
    .sort((a, b) => b.mentionCount - a.mentionCount || a.name.localeCompare(b.name));
  cache.set(data, list);
  return list;
}

/** Entities whose name or an alias contains `query` (case and accents ignored), most mentioned first. */
export function listEntities(data: CorpusData, query = '', limit = 200): EntityListPage {
  const q = foldTerm(query.trim());
  const all = summaries(data);
  const matches = q ? all.filter((e) => [e.name, ...e.aliases].some((n) => foldTerm(n).includes(q))) : all;
  return { total: matches.length, entities: matches.slice(0, limit) };
}
