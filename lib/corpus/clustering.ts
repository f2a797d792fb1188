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

/** Groups name occurrences into clusters; returns clusters and, per occurrence, its cluster index. */
export function clusterNames(
  occs: readonly NameOcc[],
  lex: CompiledLexicon,
  seenLowercase: (w: string) => boolean,
): { clusters: Cluster[]; clusterOf: number[] } {
  const keyOf = (s: string): string => fold(s);
  const keyVotes = new Map<string, TypeVotes>();
  for (const o of occs)
    addVotes(keyVotes.get(keyOf(o.text)) ?? keyVotes.set(keyOf(o.text), {}).get(keyOf(o.text))!, o.votes);
  const typeOfKey = (k: string): EntityType => argmax(keyVotes.get(k) ?? {});

  const uf = new UnionFind();
  for (const o of occs) {
    const k = keyOf(o.text);
    const canon = lex.groupOf.get(k);
    if (canon) uf.union(`group:${canon}`, k);
    if (o.link) uf.union(k, keyOf(o.link));
  }

  // Person full names: merge transliteration / particle / middle-name variants by surname.
  const bySurname = new Map<string, string[]>();
  for (const k of keyVotes.keys()) {
    const words = stripParticles(k.split(/\s+/), lex);
    if (words.length < 2 || typeOfKey(k) !== 'person') continue;
    const sur = translit(words[words.length - 1]!);
    const list = bySurname.get(sur) ?? [];
    if (!list.includes(k)) list.push(k);
    bySurname.set(sur, list);
  }
  for (const keys of bySurname.values()) {
    for (let a = 0; a < keys.length; a++) {
      for (let b = a + 1; b < keys.length; b++) {
        const ga = translit(keys[a]!.split(/\s+/)[0]!);
        const gb = translit(keys[b]!.split(/\s+/)[0]!);
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
  for (const o of occs) fullCount.set(keyOf(o.text), (fullCount.get(keyOf(o.text)) ?? 0) + 1);
  const assigned: string[] = occs.map((o) => keyOf(o.text));
  const ambiguous = new Set<number>();
  /** Occurrences whose own votes are replaced (a known name taken for a person). */
  const voteOverride = new Map<number, TypeVotes>();
  const lastFullInDoc = new Map<string, { key: string; pos: number }[]>();
  occs.forEach((o, i) => {
    const k = keyOf(o.text);
    const words = stripParticles(k.split(/\s+/), lex);
    if (words.length >= 2 && typeOfKey(k) === 'person') {
      const id = `${o.doc}|${translit(words[words.length - 1]!)}`;
      const list = lastFullInDoc.get(id) ?? [];
      list.push({ key: k, pos: o.start });
      lastFullInDoc.set(id, list);
    }
    void i;
  });
  occs.forEach((o, i) => {
    const k = keyOf(o.text);
    const words = stripParticles(k.split(/\s+/), lex);
    if (words.length !== 1 || k.includes(' ')) return;
    const sur = translit(words[0]!);
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
    if (local && local.length > 0) {
      const before = local.filter((f) => f.pos < o.start);
      assigned[i] = (before[before.length - 1] ?? local[0]!).key;
      if (new Set(local.map((f) => uf.find(f.key))).size > 1) ambiguous.add(i);
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
  const acc: {
    votes: TypeVotes;
    forms: Map<string, number>;
    descs: Map<string, number>;
    groups: Set<string>;
    count: number;
  }[] = [];
  const clusterOf = occs.map((o, i) => {
    const root = uf.find(assigned[i]!);
    let ci = rootIndex.get(root);
    if (ci === undefined) {
      ci = acc.length;
      rootIndex.set(root, ci);
      acc.push({ votes: {}, forms: new Map(), descs: new Map(), groups: new Set(), count: 0 });
    }
    const c = acc[ci]!;
    c.count++;
    addVotes(c.votes, voteOverride.get(i) ?? o.votes);
    c.forms.set(o.text, (c.forms.get(o.text) ?? 0) + 1);
    if (o.description && !ambiguous.has(i)) c.descs.set(o.description, (c.descs.get(o.description) ?? 0) + 1);
    const canon = lex.groupOf.get(keyOf(o.text));
    if (canon) c.groups.add(canon);
    return ci;
  });
  const clusters = acc.map((c): Cluster => {
    const type = argmax(c.votes);
    const aliases = new Set(c.forms.keys());
    for (const g of c.groups) for (const n of lex.groups.get(g) ?? []) aliases.add(n);
    const byFreq = [...c.forms.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
    const multi = byFreq.find(([f]) => /\s/.test(f));
    const groupName = [...c.groups][0];
    const name = groupName ?? (type === 'person' && multi ? multi[0] : byFreq[0]![0]);
    // The most frequent description, or a longer one that contains it ("mayor" → "mayor of Gdańsk").
    const ranked = [...c.descs.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
    const top = ranked[0]?.[0];
    const longer = top
      ? ranked.find(([d]) => d.length > top.length && d.toLowerCase().includes(top.toLowerCase()))?.[0]
      : undefined;
    const desc = type !== 'person' ? undefined : (longer ?? top);
    return { name, type, aliases: [...aliases], ...(desc ? { description: desc } : {}), count: c.count };
  });
  return { clusters, clusterOf };
}
