/**
 * Mentions: every occurrence of every entity alias, by longest token match. An alias
 * shared by several entities (a surname) goes to the one mentioned most recently in the
 * document, else to the most frequent one.
 */
import type { Entity, Mention } from '../pack/types';
import type { CompiledLexicon } from './compiled-lexicon';
import { tokenize, type Token } from './segment';

interface AliasEntry {
  words: readonly string[];
  ids: string[];
  /** A given name alone: its mentions do not make their entity the recent holder of a shared surname. */
  given: boolean;
}

/**
 * The tokens an alias is searched as, or undefined when it is not searched
 * (no token; one word that is a non-name, a date word or lowercase).
 */
export function aliasWords(alias: string, lex: CompiledLexicon): string[] | undefined {
  const words = tokenize(alias, { start: 0, end: alias.length }, lex.abbreviations).map((t) => t.text);
  if (words.length === 0) return undefined;
  if (words.length === 1 && (lex.nonNames.has(alias) || lex.dateWords.has(alias) || !/^\p{Lu}/u.test(alias)))
    return undefined;
  return words;
}

/** A word of three or more letters written in capitals only ("RUSSIA", "AL-AIN"). */
function isCapsWord(w: string): boolean {
  const c = w.charCodeAt(0);
  return w.length >= 3 && ((c >= 65 && c <= 90) || c > 127) && /^\p{Lu}[\p{Lu}'’-]*\p{Lu}$/u.test(w);
}

/** "RUSSIA" → "Russia", "AL-AIN" → "Al-Ain". */
function titleCase(w: string): string {
  return w.toLowerCase().replace(/(^|['’-])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/**
 * The first alias of `list` (longest first) whose words are the tokens from `i` on, or, in a
 * heading in capitals (`caps`), their capitals. Plain loops: this runs for every token that
 * starts an alias.
 */
function aliasAt(
  list: readonly AliasEntry[],
  tokens: readonly Token[],
  i: number,
  caps: boolean,
): AliasEntry | undefined {
  for (const e of list) {
    let k = 0;
    for (; k < e.words.length; k++) {
      const t = tokens[i + k]?.text;
      const w = e.words[k]!;
      if (t !== w && !(caps && t === w.toUpperCase())) break;
    }
    if (k === e.words.length) return e;
  }
  return undefined;
}

/** Alias lookup keyed by first word; build once per extraction. */
export class AliasIndex {
  private readonly byFirst = new Map<string, AliasEntry[]>();

  /** Indexes the aliases of `entities`; `weight` orders entities sharing an alias (frequency). */
  static of(entities: readonly Entity[], weight: ReadonlyMap<string, number>, lex: CompiledLexicon): AliasIndex {
    const aliases: { id: string; words: readonly string[] }[] = [];
    for (const e of entities) {
      for (const a of e.aliases) {
        const words = aliasWords(a, lex);
        if (words) aliases.push({ id: e.id, words });
      }
    }
    return new AliasIndex(aliases, weight, lex.givenNames);
  }

  /**
   * Indexes aliases already split into tokens (see {@link aliasWords}), in table order;
   * `weight` orders entities sharing an alias (frequency). A mention by a one-word alias in
   * `givenNames` ("Melania") does not count as the entity's latest mention when a shared
   * alias is resolved: the "Trump" after "Melania and her husband" is not hers by recency.
   */
  constructor(
    aliases: Iterable<{ id: string; words: readonly string[] }>,
    private readonly weight: ReadonlyMap<string, number>,
    givenNames: ReadonlySet<string> = new Set(),
  ) {
    const entries = new Map<string, AliasEntry>();
    for (const { id, words } of aliases) {
      const key = words.join('\u0000');
      const entry = entries.get(key) ?? { words, ids: [], given: words.length === 1 && givenNames.has(words[0]!) };
      if (!entry.ids.includes(id)) entry.ids.push(id);
      entries.set(key, entry);
    }
    for (const entry of entries.values()) {
      const list = this.byFirst.get(entry.words[0]!) ?? [];
      list.push(entry);
      this.byFirst.set(entry.words[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Every entity id some alias of the index names. */
  *entityIds(): IterableIterator<string> {
    for (const list of this.byFirst.values()) for (const e of list) yield* e.ids;
  }

  /** Finds the mentions in one paragraph's tokens; `lastSeen` carries recency across the document. */
  scan(docId: string, tokens: readonly Token[], lastSeen: Map<string, number>): Mention[] {
    const out: Mention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let list = this.byFirst.get(tokens[i]!.text);
      // A headline or dateline in capitals names what the text names in title case ("RUSSIA").
      const caps = !list && isCapsWord(tokens[i]!.text);
      if (caps) list = this.byFirst.get(titleCase(tokens[i]!.text));
      if (!list) continue;
      const hit = aliasAt(list, tokens, i, caps);
      if (!hit) continue;
      const end = tokens[i + hit.words.length - 1]!.end;
      const entityId = this.choose(hit.ids, lastSeen);
      out.push({ entityId, docId, start: tokens[i]!.start, end });
      if (!hit.given) lastSeen.set(entityId, tokens[i]!.start);
      i += hit.words.length - 1;
    }
    return out;
  }

  private choose(ids: string[], lastSeen: Map<string, number>): string {
    if (ids.length === 1) return ids[0]!;
    let best = ids[0]!;
    let bestPos = -1;
    for (const id of ids) {
      const p = lastSeen.get(id) ?? -1;
      if (p > bestPos || (p === bestPos && (this.weight.get(id) ?? 0) > (this.weight.get(best) ?? 0))) {
        best = id;
        bestPos = p;
      }
    }
    return best;
  }
}

/** Mentions of a whole document, sentence by sentence (names never cross a sentence end). */
export function findMentions(docId: string, sentences: readonly { tokens: Token[] }[], index: AliasIndex): Mention[] {
  const lastSeen = new Map<string, number>();
  const out: Mention[] = [];
  for (const s of sentences) for (const m of index.scan(docId, s.tokens, lastSeen)) out.push(m);
  return out;
}
