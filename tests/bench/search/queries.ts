/**
 * A fixed, reproducible mix of queries over a pack: entity names, single
 * words of the corpus, prefixes as a user types them, and two-word queries.
 */
import type { Pack } from '../../../lib/pack/types';

/** A small deterministic PRNG (mulberry32), so every run asks the same queries. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` queries drawn from the pack's own names and words. */
export function queryMix(pack: Pack, count: number, seed = 7): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const names = pack.entities.map((e) => e.name);
  const words: string[] = [];
  for (const d of pack.documents.slice(0, 200)) {
    for (const w of d.text.split(/[^\p{L}]+/u)) if (w.length >= 5) words.push(w.toLowerCase());
  }
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0) queries.push(pick(names));
    else if (kind === 1) queries.push(pick(words));
    else if (kind === 2) queries.push(pick(words).slice(0, 3 + Math.floor(next() * 3)));
    else queries.push(`${pick(words)} ${pick(words)}`);
  }
  return queries;
}

/**
 * `count` misspelt names drawn from the pack's own entities, as people mistype
 * them: two neighbouring letters swapped, a letter dropped, a letter doubled.
 */
export function typoMix(pack: Pack, count: number, seed = 11): string[] {
  const next = random(seed);
  const names = pack.entities.map((e) => e.name).filter((n) => /\p{L}{4,}/u.test(n));
  const queries: string[] = [];
  while (queries.length < count && names.length > 0) {
    const words = names[Math.floor(next() * names.length)]!.split(/\s+/);
    const w = words.findIndex((x) => x.length >= 4);
    const word = words[w]!;
    const at = 1 + Math.floor(next() * (word.length - 2));
    const kind = queries.length % 3;
    words[w] =
      kind === 0
        ? word.slice(0, at) + word[at + 1]! + word[at]! + word.slice(at + 2)
        : kind === 1
          ? word.slice(0, at) + word.slice(at + 1)
          : word.slice(0, at) + word[at]! + word.slice(at);
    queries.push(words.join(' ').toLowerCase());
  }
  return queries;
}
