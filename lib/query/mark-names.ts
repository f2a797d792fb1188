/**
 * Which names of the corpus are marked on pages: the name table the background
 * sends to content scripts (`names.get`). Every alias of every visible entity,
 * with three corrections:
 * - a one-word alias several entities share marks the entity whose whole name
 *   it is ("Jordan" the country, not Michael Jordan), else the holder the corpus
 *   mentions at least three times as often as all the others together ("Trump"
 *   for Donald, not Melania Trump), else none ("Clinton" when the corpus knows
 *   Bill and Hillary Clinton about as well);
 * - a person's bare given name ("John", "Hillary") is not marked: on a page it
 *   names someone else far more often than the corpus's person;
 * - a person known only by a full name gets the surname as a name too, when the
 *   surname is unambiguous in the corpus: no other person has it as the last
 *   word of a name and no entity has it as a name ("Trump" for Donald Trump, not
 *   "Biden" when the corpus knows Joe and Hunter Biden, not "Jordan" when Jordan
 *   is also a place, not "May" for Theresa May: a date word). The page matcher still refuses "Trump" inside "Melania
 *   Trump" or "Trump Tower" (lib/page/matcher.ts).
 */
import type { NameEntry } from '../messages/protocol';
import type { Entity } from '../pack/types';
import { dateWords as DATE_WORDS, givenNames as GIVEN_NAMES } from '../../assets/lexicon/words.json';

const givenNames = new Set(GIVEN_NAMES.map((n) => n.toLowerCase()));
const dateWords = new Set(DATE_WORDS);
const SUFFIX = /^(?:jr|sr|ii|iii|iv)\.?$/i;

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** The surname of a person's full name, or undefined ("Donald Trump" → "Trump", "Martin Luther King Jr." → "King"). */
export function surnameOf(name: string): string | undefined {
  const words = name.split(/\s+/).filter((w) => w && !SUFFIX.test(w.replace(/,$/, '')));
  if (words.length < 2) return undefined;
  const last = words[words.length - 1]!.replace(/,$/, '');
  // A real word of a name: capitalised, at least three letters, not an initial or a given name.
  if (!/^\p{Lu}[\p{Ll}'’-]*\p{Ll}[\p{L}'’-]*$/u.test(last) || last.replace(/[^\p{L}]/gu, '').length < 3)
    return undefined;
  if (givenNames.has(last.toLowerCase())) return undefined;
  // "Theresa May": a month or a day on a page is a date far more often than the surname.
  if (dateWords.has(last)) return undefined;
  return last;
}

/** How many times the corpus mentions an entity, by its index in the entity list. */
export type MentionCount = (entityIndex: number) => number;

/** A shared one-word name's holder marks it when mentioned this many times as often as all other holders together. */
const DOMINANT = 3;

/**
 * The names to mark for `entities` (hidden ones are left out), in the order the matcher
 * prefers them. `mentions` decides shared one-word names; without it they are not marked.
 */
export function markNames(entities: readonly Entity[], mentions?: MentionCount): NameEntry[] {
  // Every folded name of the corpus, with the entities (indices) that have it.
  const owners = new Map<string, number[]>();
  entities.forEach((e, i) => {
    for (const n of new Set([e.name, ...e.aliases].map(fold))) {
      const list = owners.get(n);
      if (list) list.push(i);
      else owners.set(n, [i]);
    }
  });
  /** Whether entity `i` marks the one-word name `n` that other entities have too. */
  const ownsShared = (i: number, n: string): boolean => {
    const holders = owners.get(n)!;
    if (fold(entities[i]!.name) === n) return true;
    if (!mentions || holders.some((h) => fold(entities[h]!.name) === n)) return false;
    let others = 0;
    for (const h of holders) if (h !== i) others += mentions(h);
    const own = mentions(i);
    return own > 0 && own >= DOMINANT * others;
  };
  // Surnames of persons' full names, with how many persons have them.
  const surnames = new Map<string, number>();
  for (const e of entities) {
    if (e.type !== 'person') continue;
    const set = new Set<string>();
    for (const n of [e.name, ...e.aliases]) {
      const s = surnameOf(n);
      if (s) set.add(fold(s));
    }
    for (const s of set) surnames.set(s, (surnames.get(s) ?? 0) + 1);
  }
  const out: NameEntry[] = [];
  entities.forEach((e, i) => {
    if (e.hidden) return;
    const names = new Set([e.name, ...e.aliases]);
    if (e.type === 'person') {
      for (const n of names) if (!/\s/.test(n) && givenNames.has(n.toLowerCase())) names.delete(n);
      const s = surnameOf(e.name);
      if (s && !names.has(s) && surnames.get(fold(s)) === 1 && !owners.has(fold(s))) names.add(s);
    }
    for (const text of names) {
      const n = fold(text);
      if (!/\s/.test(text) && (owners.get(n)?.length ?? 0) > 1 && !ownsShared(i, n)) continue;
      out.push({ text, entityId: e.id, type: e.type });
    }
  });
  return out;
}
