import type { EntityType } from '../pack/types';
import { loadStatementModel, type StatementModel } from './statement-model';
import type { Lexicon } from './types';

/** Lookup tables derived once from a {@link Lexicon}; every rule reads these. */
export interface CompiledLexicon {
  /** Exact name → type, from alias groups, countries, places, organisations. */
  known: Map<string, EntityType>;
  /** Folded name → canonical name of its curated alias group. */
  groupOf: Map<string, string>;
  /** Canonical name of a curated group → all its names. */
  groups: Map<string, string[]>;
  demonyms: Set<string>;
  /** Titles as token sequences, longest first ("Secretary of State" before "Secretary"). */
  titles: string[][];
  titleWords: Set<string>;
  /** Titles grouped by their first word, longest first. */
  titlesByFirst: Map<string, string[][]>;
  roles: Set<string>;
  roleClasses: Map<string, Set<string>>;
  honorifics: Set<string>;
  givenNames: Set<string>;
  nonNames: Set<string>;
  dateWords: Set<string>;
  orgWords: Set<string>;
  placeWords: Set<string>;
  particles: Set<string>;
  modifiers: Set<string>;
  groupNouns: Set<string>;
  abbreviations: Set<string>;
  /** Words that typically open a sentence after "U.S." ("The", "He"). */
  starters: Set<string>;
  /** Given name → the gender of most people who bear it ('m' or 'f'). */
  givenGender: Map<string, 'm' | 'f'>;
  /** The loaded statement model, when the lexicon has one. */
  statementModel?: StatementModel;
}

const foldCache = new Map<string, string>();
// Letters NFD does not decompose.
const SPECIAL_FOLD: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };

/** Lowercase, diacritics removed, curly apostrophes straightened: the key for comparing names. */
export function fold(s: string): string {
  let f = foldCache.get(s);
  if (f === undefined) {
    f = foldUncached(s);
    if (foldCache.size > 200_000) foldCache.clear();
    foldCache.set(s, f);
  }
  return f;
}

function foldUncached(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘]/g, "'")
    .toLowerCase()
    .replace(/[łøđßæœı]/g, (c) => SPECIAL_FOLD[c] ?? c);
}

/** Builds the lookup tables for `lex`. */
export function compileLexicon(lex: Lexicon): CompiledLexicon {
  const known = new Map<string, EntityType>();
  for (const c of lex.countries) known.set(c.name, 'place');
  for (const p of lex.places) known.set(p, 'place');
  for (const o of lex.organizations) known.set(o, 'organization');
  const groupOf = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const g of lex.aliasGroups) {
    const canon = g.names[0];
    if (!canon) continue;
    groups.set(canon, g.names);
    for (const n of g.names) {
      groupOf.set(fold(n), canon);
      if (g.type) known.set(n, g.type);
    }
  }
  const demonyms = new Set<string>();
  for (const c of lex.countries) for (const d of c.demonyms) demonyms.add(d);
  const titles = lex.titles.map((t) => t.split(' ')).sort((a, b) => b.length - a.length);
  const titlesByFirst = new Map<string, string[][]>();
  for (const t of titles) {
    const list = titlesByFirst.get(t[0]!) ?? [];
    list.push(t);
    titlesByFirst.set(t[0]!, list);
  }
  const titleWords = new Set(lex.titles.flatMap((t) => t.split(' ')).filter((w) => w !== 'of' && w !== 'the'));
  const roleClasses = new Map<string, Set<string>>();
  for (const [k, v] of Object.entries(lex.roleClasses)) {
    const set = new Set(v);
    for (const w of v) roleClasses.set(w, set);
    roleClasses.set(k, set);
  }
  const nonNames = new Set(lex.nonNames);
  return {
    known,
    groupOf,
    groups,
    demonyms,
    titles,
    titleWords,
    titlesByFirst,
    roles: new Set(lex.roles),
    roleClasses,
    honorifics: new Set(lex.honorifics),
    givenNames: new Set(lex.givenNames),
    nonNames,
    dateWords: new Set(lex.dateWords),
    orgWords: new Set(lex.orgWords),
    placeWords: new Set(lex.placeWords),
    particles: new Set(lex.particles),
    modifiers: new Set(lex.modifiers),
    groupNouns: new Set(lex.groups),
    abbreviations: new Set(lex.abbreviations),
    starters: new Set([...nonNames].filter((w) => /^\p{Lu}\p{Ll}/u.test(w))),
    givenGender: new Map([
      ...(lex.givenNameGenders?.male ?? []).map((n): [string, 'm'] => [n, 'm']),
      ...(lex.givenNameGenders?.female ?? []).map((n): [string, 'f'] => [n, 'f']),
    ]),
    statementModel: lex.statementModel ? loadStatementModel(lex.statementModel) : undefined,
  };
}

const compiled = new WeakMap<Lexicon, CompiledLexicon>();

/** The lexicon's lookup tables, compiled once per lexicon object. */
export function compiledLexicon(lexicon: Lexicon): CompiledLexicon {
  let lex = compiled.get(lexicon);
  if (!lex) {
    lex = compileLexicon(lexicon);
    compiled.set(lexicon, lex);
  }
  return lex;
}
