/**
 * Mentions: every occurrence of every entity alias, by longest token match. An alias
 * shared by several entities (a surname) goes to the one mentioned most recently in the
 * document, else to the most frequent one.
 */
import type { Entity, Mention } from '../pack/types';
import type { CompiledLexicon } from './compiled-lexicon';
import { tokenize, type Token } from './segment';

interface AliasEntry {
  words: string[];
  ids: string[];
}

/** Alias lookup keyed by first word; build once per extraction. */
export class AliasIndex {
  private readonly byFirst = new Map<string, AliasEntry[]>();

  /** Indexes the aliases of `entities`; `weight` orders entities sharing an alias (frequency). */
  constructor(
    entities: readonly Entity[],
    private readonly weight: ReadonlyMap<string, number>,
    lex: CompiledLexicon,
  ) {
    const entries = new Map<string, AliasEntry>();
    for (const e of entities) {
      for (const a of e.aliases) {
        const words = tokenize(a, { start: 0, end: a.length }, lex.abbreviations).map((t) => t.text);
        if (words.length === 0) continue;
        if (words.length === 1 && (lex.nonNames.has(a) || lex.dateWords.has(a) || !/^\p{Lu}/u.test(a))) continue;
        const key = words.join('\u0000');
        const entry = entries.get(key) ?? { words, ids: [] };
        if (!entry.ids.includes(e.id)) entry.ids.push(e.id);
        entries.set(key, entry);
      }
    }
    for (const entry of entries.values()) {
      const list = this.byFirst.get(entry.words[0]!) ?? [];
      list.push(entry);
      this.byFirst.set(entry.words[0]!, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Finds the mentions in one paragraph's tokens; `lastSeen` carries recency across the document. */
  scan(docId: string, tokens: readonly Token[], lastSeen: Map<string, number>): Mention[] {
    const out: Mention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const list = this.byFirst.get(tokens[i]!.text);
      if (!list) continue;
      const hit = list.find((e) => e.words.every((w, k) => tokens[i + k]?.text === w));
      if (!hit) continue;
      const end = tokens[i + hit.words.length - 1]!.end;
      const entityId = this.choose(hit.ids, lastSeen);
      out.push({ entityId, docId, start: tokens[i]!.start, end });
      lastSeen.set(entityId, tokens[i]!.start);
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
