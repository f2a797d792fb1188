/**
 * What a published pack may cost the pages the user reads. Every frame of
 * every page compiles the corpus's names into its matcher, so a pack's names
 * are paid for once per frame: measured with `tests/tools/names-cost.ts` (on
 * a shared 2-core machine, load 23–34), 75,000–80,000 names take 1–4 s to
 * compile and 40–60 MB per frame, 600,000 names 5–10 s and 290 MB — a page
 * with 20 frames then needs minutes and gigabytes.
 * The 10,000-briefing corpus (`npm run corpus -- build`) has 66,726 entities,
 * 74,366 names, at most 51 for one entity, the longest 99 characters and
 * 1.35 million characters in all: well inside every limit below. A subscribed pack is used as the publisher
 * built it, so its size is checked when it is accepted; the name table sent to
 * pages is capped as well (lib/query/corpus-query.ts `names`), for corpora
 * that grow past it from several sources.
 */
import type { Pack } from '../pack/types';
import { MAX_PAGE_NAMES } from '../query/corpus-query';

/** Limits a subscribed pack must keep; the error says which one it passed. */
export const PACK_COST_LIMITS = {
  /** Entities. */
  entities: 100_000,
  /** Names and aliases of all entities together: what pages match; no more than pages are sent. */
  names: MAX_PAGE_NAMES,
  /** Names and aliases of one entity. */
  namesPerEntity: 128,
  /** Characters of one name or alias. */
  nameLength: 200,
  /** Characters of all names and aliases together. */
  nameChars: 4_000_000,
} as const;

/** The names a page would match for `pack`: each entity's name and aliases, once each. */
function namesOf(pack: Pack): {
  count: number;
  chars: number;
  widest?: { id: string; count: number };
  longest?: string;
} {
  let count = 0;
  let chars = 0;
  let widest: { id: string; count: number } | undefined;
  let longest: string | undefined;
  for (const e of pack.entities) {
    const names = new Set([e.name, ...e.aliases]);
    count += names.size;
    if (!widest || names.size > widest.count) widest = { id: e.id, count: names.size };
    for (const n of names) {
      chars += n.length;
      if (n.length > (longest?.length ?? 0)) longest = n;
    }
  }
  return { count, chars, ...(widest ? { widest } : {}), ...(longest ? { longest } : {}) };
}

const FIX = 'ask the publisher for a smaller pack (e.g. fewer articles, or only the names that matter to you)';
const fmt = (n: number) => n.toLocaleString('en');

/** The message for a pack of `count` entities, over the limit. */
export function tooManyEntities(origin: string, count: number): string {
  return `${origin} names ${fmt(count)} entities, more than the ${fmt(PACK_COST_LIMITS.entities)} Dossier marks on pages without slowing them down; ${FIX}.`;
}

/**
 * Checks `pack` against {@link PACK_COST_LIMITS}.
 * @returns null when it keeps them, else the first limit passed, in words the
 *   user (and the publisher) can act on, prefixed with `origin`.
 */
export function checkPackCost(pack: Pack, origin: string): string | null {
  const L = PACK_COST_LIMITS;
  const fix = FIX;
  if (pack.entities.length > L.entities) return tooManyEntities(origin, pack.entities.length);
  const names = namesOf(pack);
  if (names.count > L.names)
    return `${origin} has ${fmt(names.count)} names and aliases, more than the ${fmt(L.names)} Dossier marks on pages without slowing them down; ${fix}.`;
  if (names.widest && names.widest.count > L.namesPerEntity)
    return `${origin}: entity "${names.widest.id}" has ${fmt(names.widest.count)} names and aliases, more than ${L.namesPerEntity}; the pack looks damaged — ${fix}.`;
  if (names.longest && names.longest.length > L.nameLength)
    return `${origin}: a name of ${fmt(names.longest.length)} characters ("${names.longest.slice(0, 40)}…") is longer than ${L.nameLength}; the pack looks damaged — ${fix}.`;
  if (names.chars > L.nameChars)
    return `${origin}: its names take ${fmt(names.chars)} characters, more than ${fmt(L.nameChars)}; ${fix}.`;
  return null;
}
