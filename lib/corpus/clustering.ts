/**
 * Corpus-wide alias clustering: one entity per real-world referent. Merges exact
 * repeats, curated alias groups, parenthetical acronyms and renames, transliteration
 * variants of person names (Sergei / Sergey + same surname) and attaches bare surnames
 * to a full name, occurrence by occurrence, so two people sharing a surname stay apart.
 */
import type { EntityType } from '../pack/types';
import { fold, type CompiledLexicon } from './compiled-lexicon';
import type { TypeVotes } from './evidence';

/** One occurrence of a candidate name found by the chunker. */
export interface NameOcc {
  doc: number;
  start: number;
  end: number;
  text: string;
  votes: TypeVotes;
  description?: string;
  /** Surface of a parenthetical alias ("ISIS" after "Islamic State of ..."). */
  link?: string;
}

/** A cluster of occurrences: the entity before ids are assigned. */
export interface Cluster {
  name: string;
  type: EntityType;
  aliases: string[];
  description?: string;
  /** Number of occurrences found by the chunker. */
  count: number;
  /** What the name, type and description were decided from (to add later occurrences to). */
  evidence: ClusterEvidence;
  /** With a {@link ClusterPrior}: the existing entity (its index in the prior's table) this cluster continues. */
  existing?: number;
}

/** The occurrences of a cluster, summed: type votes, surface forms and descriptions with their counts. */
export interface ClusterEvidence {
  votes: TypeVotes;
  forms: Map<string, number>;
  descs: Map<string, number>;
  count: number;
}

/**
 * What earlier documents left for clustering new ones (lib/corpus/increment.ts): per folded
 * name (key) the type votes and occurrence count, the full person names by surname, and the
 * existing entity a key's occurrences went to. Without a prior, {@link clusterNames} is the
 * corpus-wide clustering of a full build.
 */
export interface ClusterPrior {
  /** Type votes of the earlier occurrences of `key`. */
  votes(key: string): TypeVotes | undefined;
  /** How many earlier occurrences `key` had. */
  count(key: string): number;
  /** Earlier keys of two or more words (particles stripped) whose transliterated last word is one of `surnames`. */
  keysBySurname(surnames: ReadonlySet<string>): ReadonlyMap<string, readonly string[]>;
  /** The existing entity (index in the table) the earlier occurrences of `key` went to. */
  home(key: string): number | undefined;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
  /** Every element ever united with another. */
  *nodes(): IterableIterator<string> {
    for (const [k, v] of this.parent) {
      yield k;
      yield v;
    }
  }
}

/** Spelling key for transliteration variants: Sergei/Sergey, Aleksandr/Alexander. */
function translit(s: string): string {
  return fold(s)
    .replace(/x/g, 'ks')
    .replace(/[yj]/g, 'i')
    .replace(/ii/g, 'i')
    .replace(/(.)\1/g, '$1')
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/e(?=r$)/, '');
}

function stripParticles(words: string[], lex: CompiledLexicon): string[] {
  return words
    .map((w) => w.replace(/^(?:al|el|ad|as|ash|an|ar|at|az)-/i, ''))
    .filter((w) => !lex.particles.has(w) && !/^(?:jr|sr|ii|iii)\.?$/i.test(w));
}

function argmax(v: TypeVotes): EntityType {
  let best: EntityType = 'other';
  let bw = 0;
  for (const [t, w] of Object.entries(v) as [EntityType, number][]) {
    if (w > bw) {
      best = t;
      bw = w;
    }
  }
  return best;
}

function addVotes(into: TypeVotes, v: TypeVotes, scale = 1): void {
  for (const [t, w] of Object.entries(v) as [EntityType, number][]) into[t] = (into[t] ?? 0) + w * scale;
}

/** The last word of a key of two or more words (particles stripped), transliterated; undefined otherwise. */
export function surnameKey(key: string, lex: CompiledLexicon): string | undefined {
  const words = stripParticles(key.split(/\s+/), lex);
  return words.length >= 2 ? translit(words[words.length - 1]!) : undefined;
}

/** The entity an {@link ClusterEvidence} describes: name, type, aliases, description. */
export function summariseCluster(
  c: ClusterEvidence,
  lex: CompiledLexicon,
): { name: string; type: EntityType; aliases: string[]; description?: string } {
  const type = argmax(c.votes);
  const groups = new Set<string>();
  for (const f of c.forms.keys()) {
    const canon = lex.groupOf.get(fold(f));
    if (canon) groups.add(canon);
  }
  const aliases = new Set(c.forms.keys());
  for (const g of groups) for (const n of lex.groups.get(g) ?? []) aliases.add(n);
  const byFreq = [...c.forms.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
  const multi = byFreq.find(([f]) => /\s/.test(f));
  const groupName = [...groups][0];
  const name = groupName ?? (type === 'person' && multi ? multi[0] : byFreq[0]![0]);
  // The most frequent description, or a longer one that contains it ("mayor" → "mayor of Gdańsk").
  const ranked = [...c.descs.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
  const top = ranked[0]?.[0];
  const longer = top
    ? ranked.find(([d]) => d.length > top.length && d.toLowerCase().includes(top.toLowerCase()))?.[0]
    : undefined;
  const desc = type !== 'person' ? undefined : (longer ?? top);
  return { name, type, aliases: [...aliases], ...(desc ? { description: desc } : {}) };
}

/** Adds `v` to the votes `into` (in place). */
export function addTypeVotes(into: TypeVotes, v: TypeVotes): void {
  addVotes(into, v);
}

/**
 * Groups name occurrences into clusters; returns clusters, per occurrence its cluster index,
 * and per occurrence the key it was counted under (its own folded name, or the full name a
 * bare surname was attached to). With a `prior`, the occurrences are new documents joining
 * earlier ones: type votes, counts and full names by surname include the earlier ones, and a
 * cluster that reaches a key an existing entity holds continues that entity (`existing`).
 */
export function clusterNames(
  occs: readonly NameOcc[],
  lex: CompiledLexicon,
  seenLowercase: (w: string) => boolean,
  prior?: ClusterPrior,
): { clusters: Cluster[]; clusterOf: number[]; assigned: string[] } {
  // Each occurrence's key, and each key's words and transliterations, are read many times
  // below: computed once (occurrences repeat a few thousand distinct names).
  const occKeys = occs.map((o) => fold(o.text));
  const particleFree = new Map<string, string[]>();
  /** The words of a key without particles (`al-`, `bin`, `Jr.`); do not modify. */
  const wordsOf = (k: string): string[] => {
    let w = particleFree.get(k);
    if (!w) particleFree.set(k, (w = stripParticles(k.split(/\s+/), lex)));
    return w;
  };
  const translits = new Map<string, string>();
  const translitOf = (w: string): string => {
    let t = translits.get(w);
    if (t === undefined) translits.set(w, (t = translit(w)));
    return t;
  };
  const keyVotes = new Map<string, TypeVotes>();
  for (let i = 0; i < occs.length; i++) {
    const k = occKeys[i]!;
    addVotes(keyVotes.get(k) ?? keyVotes.set(k, {}).get(k)!, occs[i]!.votes);
  }
  if (prior) {
    // Earlier votes first, as they came first in the corpus.
    for (const [k, v] of keyVotes) {
      const before = prior.votes(k);
      if (!before) continue;
      const merged: TypeVotes = { ...before };
      addVotes(merged, v);
      keyVotes.set(k, merged);
    }
  }
  const priorVotes = new Map<string, TypeVotes>();
  const votesOfKey = (k: string): TypeVotes => {
    const v = keyVotes.get(k);
    if (v || !prior) return v ?? {};
    let p = priorVotes.get(k);
    if (!p) priorVotes.set(k, (p = prior.votes(k) ?? {}));
    return p;
  };
  const typeOfKey = (k: string): EntityType => argmax(votesOfKey(k));

  const uf = new UnionFind();
  occs.forEach((o, i) => {
    const k = occKeys[i]!;
    const canon = lex.groupOf.get(k);
    if (canon) uf.union(`group:${canon}`, k);
    if (o.link) uf.union(k, fold(o.link));
  });

  // Person full names: merge transliteration / particle / middle-name variants by surname.
  const bySurname = new Map<string, string[]>();
  for (const k of keyVotes.keys()) {
    const words = wordsOf(k);
    if (words.length < 2 || typeOfKey(k) !== 'person') continue;
    const sur = translitOf(words[words.length - 1]!);
    const list = bySurname.get(sur) ?? [];
    if (!list.includes(k)) list.push(k);
    bySurname.set(sur, list);
  }
  if (prior) {
    // Earlier full person names with a surname the new documents use (full or bare).
    const wanted = new Set(bySurname.keys());
    for (const k of keyVotes.keys()) {
      const words = wordsOf(k);
      if (words.length === 1 && !k.includes(' ')) wanted.add(translitOf(words[0]!));
    }
    for (const [sur, keys] of prior.keysBySurname(wanted)) {
      for (const k of keys) {
        if (keyVotes.has(k) || typeOfKey(k) !== 'person') continue;
        const list = bySurname.get(sur) ?? [];
        if (!list.includes(k)) list.push(k);
        bySurname.set(sur, list);
      }
    }
  }
  for (const keys of bySurname.values()) {
    for (let a = 0; a < keys.length; a++) {
      for (let b = a + 1; b < keys.length; b++) {
        // Two earlier names: whether they are one person was decided with them.
        if (prior && !keyVotes.has(keys[a]!) && !keyVotes.has(keys[b]!)) continue;
        const ga = translitOf(keys[a]!.split(/\s+/)[0]!);
        const gb = translitOf(keys[b]!.split(/\s+/)[0]!);
        if (
          ga === gb ||
          (ga.length <= 2 && gb.startsWith(ga.replace('.', ''))) ||
          (gb.length <= 2 && ga.startsWith(gb.replace('.', '')))
        ) {
          uf.union(keys[a]!, keys[b]!);
        }
      }
    }
  }

  // Bare surnames: attach each occurrence to the most recent full name with that surname
  // in its document, else the corpus's most frequent one (unless the word is a known place/org).
  const fullCount = new Map<string, number>();
  for (const k of occKeys) fullCount.set(k, (fullCount.get(k) ?? 0) + 1);
  if (prior) {
    for (const list of bySurname.values())
      for (const k of list) fullCount.set(k, (fullCount.get(k) ?? 0) + prior.count(k));
  }
  const assigned: string[] = occKeys.slice();
  const ambiguous = new Set<number>();
  /** Occurrences whose own votes are replaced (a known name taken for a person). */
  const voteOverride = new Map<number, TypeVotes>();
  const lastFullInDoc = new Map<string, { key: string; pos: number }[]>();
  /** Full person names by document and given name: "Robert" after "Robert F. Kennedy". */
  const fullByGivenInDoc = new Map<string, { key: string; pos: number }[]>();
  const addTo = (map: Map<string, { key: string; pos: number }[]>, id: string, key: string, pos: number): void => {
    const list = map.get(id);
    if (list) list.push({ key, pos });
    else map.set(id, [{ key, pos }]);
  };
  occs.forEach((o, i) => {
    const k = occKeys[i]!;
    const words = wordsOf(k);
    if (words.length >= 2 && typeOfKey(k) === 'person') {
      addTo(lastFullInDoc, `${o.doc}|${translitOf(words[words.length - 1]!)}`, k, o.start);
      addTo(fullByGivenInDoc, `${o.doc}|${k.split(/\s+/)[0]!}`, k, o.start);
    }
  });
  occs.forEach((o, i) => {
    const k = occKeys[i]!;
    const words = wordsOf(k);
    if (words.length !== 1 || k.includes(' ')) return;
    const sur = translitOf(words[0]!);
    const local = lastFullInDoc.get(`${o.doc}|${sur}`);
    if (lex.known.has(o.text)) {
      // A known place or organisation that is also the surname of a person named before it in the
      // document is that person when the text treats it as one: `"…," Jordan said`, `Mr. Jordan`.
      const before = local?.filter((f) => f.pos < o.start) ?? [];
      if (before.length > 0 && (o.votes.person ?? 0) >= 2) {
        assigned[i] = before[before.length - 1]!.key;
        voteOverride.set(i, { person: o.votes.person! });
      }
      return;
    }
    // A bare surname, or a given name alone, is a full name of its document: the last named
    // before it, else the first after it (a lone given name names no entity of its own).
    const full = local?.length ? local : lex.givenNames.has(o.text) ? fullByGivenInDoc.get(`${o.doc}|${k}`) : undefined;
    if (full && full.length > 0) {
      const before = full.filter((f) => f.pos < o.start);
      assigned[i] = (before[before.length - 1] ?? full[0]!).key;
      if (new Set(full.map((f) => uf.find(f.key))).size > 1) ambiguous.add(i);
      return;
    }
    const strong = lex.known.has(o.text) || typeOfKey(k) === 'place' || typeOfKey(k) === 'organization';
    const global = bySurname.get(sur);
    if (!strong && !seenLowercase(o.text) && global && global.length > 0) {
      assigned[i] = [...global].sort((x, y) => (fullCount.get(y) ?? 0) - (fullCount.get(x) ?? 0))[0]!;
    }
  });

  // Build clusters from union-find roots of the assigned keys.
  const rootIndex = new Map<string, number>();
  const acc: ClusterEvidence[] = [];
  const clusterOf = occs.map((o, i) => {
    const root = uf.find(assigned[i]!);
    let ci = rootIndex.get(root);
    if (ci === undefined) {
      ci = acc.length;
      rootIndex.set(root, ci);
      acc.push({ votes: {}, forms: new Map(), descs: new Map(), count: 0 });
    }
    const c = acc[ci]!;
    c.count++;
    addVotes(c.votes, voteOverride.get(i) ?? o.votes);
    c.forms.set(o.text, (c.forms.get(o.text) ?? 0) + 1);
    if (o.description && !ambiguous.has(i)) c.descs.set(o.description, (c.descs.get(o.description) ?? 0) + 1);
    return ci;
  });
  const existing = prior ? existingEntities(uf, rootIndex, assigned, prior, lex) : new Map<number, number>();
  const clusters = acc.map((c, ci): Cluster => {
    const evidence: ClusterEvidence = { votes: c.votes, forms: c.forms, descs: c.descs, count: c.count };
    const home = existing.get(ci);
    return {
      ...summariseCluster(evidence, lex),
      count: c.count,
      evidence,
      ...(home === undefined ? {} : { existing: home }),
    };
  });
  return { clusters, clusterOf, assigned };
}

/**
 * Which clusters continue an existing entity: a cluster whose union-find set holds a key
 * (or a curated group) an existing entity holds. When a set reaches several entities (a new
 * rename link between two of them), the one its root key belongs to wins, else the first in
 * the table: existing entities are never merged by an increment.
 */
function existingEntities(
  uf: UnionFind,
  rootIndex: ReadonlyMap<string, number>,
  assigned: readonly string[],
  prior: ClusterPrior,
  lex: CompiledLexicon,
): Map<number, number> {
  const out = new Map<number, number>();
  const rootOwned = new Set<number>();
  const consider = (node: string): void => {
    const root = uf.find(node);
    const ci = rootIndex.get(root);
    if (ci === undefined || rootOwned.has(ci)) return;
    let home: number | undefined;
    if (node.startsWith('group:')) {
      for (const n of lex.groups.get(node.slice(6)) ?? []) if ((home = prior.home(fold(n))) !== undefined) break;
    } else home = prior.home(node);
    if (home === undefined) return;
    if (node === root) {
      out.set(ci, home);
      rootOwned.add(ci);
    } else if (!out.has(ci) || home < out.get(ci)!) out.set(ci, home);
  };
  for (const k of uf.nodes()) consider(k);
  for (const k of assigned) consider(k);
  return out;
}
