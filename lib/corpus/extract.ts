/**
 * Text → knowledge: the pipeline behind every pack. Pure (no fs, no DOM): runs in the
 * build script, the CLI and the import worker.
 */
import type { Entity, Knowledge, Mention, Passage, Quote } from '../pack/types';
import { CapitalizationStats, isTitleCaseHeadline } from './capitalization';
import { clusterNames, type Cluster, type NameOcc } from './clustering';
import { compileLexicon, fold, type CompiledLexicon } from './compiled-lexicon';
import { analyseDocument, type DocStructure } from './document';
import { appositive, titleBefore, typeVotes } from './evidence';
import { AliasIndex, findMentions } from './mentions';
import { chunkSentence, confirmedPieces, type Chunk } from './names';
import type { Token } from './segment';
import { findQuotes } from './quotes';
import type { Lexicon, SourceDocument } from './types';

const compiled = new WeakMap<Lexicon, CompiledLexicon>();

/**
 * How much text (UTF-16 code units) may have its analysed structure (sentences, tokens) kept
 * between the three passes over the corpus. Kept structures cost about 16 MB of memory per MB
 * of text (measured on the White House briefings); past this budget a document is analysed
 * again in each pass instead, ~12% more CPU on that part, so memory stops growing with tokens.
 */
export const KEEP_STRUCTURES_CHARS = 4_000_000;

/** Options of {@link extractKnowledge}. */
export interface ExtractOptions {
  /** Text whose structure is kept between passes; default {@link KEEP_STRUCTURES_CHARS}. */
  keepStructuresChars?: number;
}

/** Characters of an entity id at most (pack ids are limited to 1,000). */
const MAX_SLUG = 80;

/** An entity's id from its name: folded, lower case, words joined by `-` (lib/edits finds renamed ids with it). */
export function slug(name: string): string {
  return (
    fold(name)
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, MAX_SLUG)
      .replace(/^-+|-+$/g, '') || 'entity'
  );
}

/** Candidate names of one analysed document, with type votes and descriptions. */
function nameOccurrences(
  docIndex: number,
  text: string,
  st: DocStructure,
  lex: CompiledLexicon,
  stats: CapitalizationStats,
): NameOcc[] {
  const out: NameOcc[] = [];
  for (const s of st.sentences) {
    const ctx = { lex, stats };
    let chunks = chunkSentence(s.tokens, ctx);
    if (isTitleCaseHeadline(s.tokens)) chunks = chunks.flatMap((c) => confirmedPieces(s.tokens, c, ctx));
    for (const c of chunks) {
      // "((WN))": an editorial marker, not a name.
      if (
        s.tokens[c.first - 1]?.text === '(' &&
        s.tokens[c.first - 2]?.text === '(' &&
        s.tokens[c.last + 2]?.text === ')'
      )
        continue;
      if (isFragment(s.tokens, c, lex)) continue;
      const start = s.tokens[c.first]!.start;
      const end = s.tokens[c.last]!.end;
      const surface = text.slice(start, end);
      // An initial on its own ("S.", "D"), not a name: pages would mark every lone letter.
      if (!/[\p{L}\p{N}].*[\p{L}\p{N}]/su.test(surface) && !lex.known.has(surface)) continue;
      const words = surface.split(/\s+/);
      if (
        words.length === 1 &&
        surface.includes('-') &&
        surface.split('-').some((w) => lex.demonyms.has(w) || lex.known.has(w))
      )
        continue;
      if (
        words.length === 1 &&
        (lex.orgWords.has(surface) ||
          lex.placeWords.has(surface) ||
          lex.demonyms.has(surface) ||
          lex.modifiers.has(surface) ||
          lex.groupNouns.has(surface) ||
          lex.titleWords.has(surface) ||
          lex.honorifics.has(surface))
      )
        continue;
      const votes = typeVotes(s.tokens, c, text, lex, (w) => stats.seenLowercase(w));
      const desc =
        (s.tokens[c.last + 1]?.text === ',' ? appositive(s.tokens, c.last + 1, text, lex) : undefined) ??
        titleBefore(s.tokens, c, text, lex);
      const occ: NameOcc = { doc: docIndex, start, end, text: surface, votes };
      if (desc) occ.description = desc;
      if (c.link) {
        occ.link = text.slice(s.tokens[c.link.first]!.start, s.tokens[c.link.last]!.end);
        // Named with an acronym in parentheses: an organisation, rarely a person.
        if (/^\p{Lu}[\p{L}&.]{1,7}$/u.test(occ.link) && occ.link !== surface)
          votes.organization = (votes.organization ?? 0) + 3;
      }
      out.push(occ);
    }
  }
  return out;
}

const FRAGMENT_BEFORE = /^(?:the|a|an|so-called|"|“|‘|')$/;
const NOT_INNER =
  /^(?:and|or|of|to|in|on|at|for|with|by|from|as|is|was|are|were|has|had|have|will|would|could|should|can|may|might|said|says|told|tells|asked|urged|the|a|an)$/;

/**
 * Whether a one-word chunk is the first word of a name the writer capitalised
 * only in part: `the so-called "Joint monitoring Group"` gives no entity
 * "Joint". Article or opening quote before, a lowercase word, then an
 * organisation or place head word.
 */
function isFragment(tokens: readonly Token[], c: Chunk, lex: CompiledLexicon): boolean {
  if (c.first !== c.last) return false;
  const w = tokens[c.first]!.text;
  if (lex.known.has(w) || lex.givenNames.has(w) || !FRAGMENT_BEFORE.test(tokens[c.first - 1]?.text ?? '')) return false;
  const inner = tokens[c.first + 1]?.text ?? '';
  if (!/^\p{Ll}{3,}$/u.test(inner) || NOT_INNER.test(inner) || /ed$/.test(inner)) return false;
  const head = tokens[c.first + 2]?.text ?? '';
  return lex.orgWords.has(head) || lex.placeWords.has(head);
}

/**
 * Whether an entity is common words written with capitals: heading words in
 * capitals ("FACT SHEET", "DAY", "AND" from "MYTH:" lists) or a capitalised
 * word the chunker could not tell from a name ("Day", "Medical"). Decided by
 * the import's own text, for every name of the entity and every word of it
 * (see `CapitalizationStats.isCommonWord`): "ICE" stays where "ice" is rare,
 * "Cook" where "Cook" is the usual spelling. Only one-word names and names in
 * capitals are judged; names from the lexicon and given names always stay.
 */
function isCommonWordsEntity(c: Cluster, lex: CompiledLexicon, stats: CapitalizationStats): boolean {
  return [c.name, ...c.aliases].every((n) => {
    // Hyphens: "el-Sisi" is the same name as "El-Sisi".
    if (n.includes('-') || lex.known.has(n) || lex.groupOf.has(fold(n)) || lex.givenNames.has(n)) return false;
    const words = n.split(/\s+/);
    if (words.length > 1 && /\p{Ll}/u.test(n)) return false;
    return words.every((w) => stats.isCommonWord(w));
  });
}

/**
 * Extracts passages, entities, mentions and quotes from `docs`.
 * Entity ids are slugs of canonical names, unique within the result. The result does not
 * depend on `options`, only the time and memory it takes.
 */
export function extractKnowledge(docs: SourceDocument[], lexicon: Lexicon, options: ExtractOptions = {}): Knowledge {
  let lex = compiled.get(lexicon);
  if (!lex) {
    lex = compileLexicon(lexicon);
    compiled.set(lexicon, lex);
  }
  const kept: (DocStructure | undefined)[] = new Array<DocStructure | undefined>(docs.length);
  const structureOf = (i: number): DocStructure => kept[i] ?? analyseDocument(docs[i]!.text, lex);
  let budget = options.keepStructuresChars ?? KEEP_STRUCTURES_CHARS;
  const stats = new CapitalizationStats();
  docs.forEach((d, i) => {
    const st = analyseDocument(d.text, lex);
    for (const s of st.sentences) stats.addSentence(s.tokens);
    if (d.text.length <= budget) {
      kept[i] = st;
      budget -= d.text.length;
    }
  });

  const occs: NameOcc[] = [];
  docs.forEach((d, i) => occs.push(...nameOccurrences(i, d.text, structureOf(i), lex, stats)));
  const clusters = clusterNames(occs, lex, (w) => stats.seenLowercase(w)).clusters.filter(
    (c) => !isCommonWordsEntity(c, lex, stats),
  );

  const used = new Set<string>();
  const entities: Entity[] = [];
  const weight = new Map<string, number>();
  for (const c of clusters.sort((a, b) => b.count - a.count)) {
    let id = slug(c.name);
    for (let n = 2; used.has(id); n++) id = `${slug(c.name)}-${n}`;
    used.add(id);
    weight.set(id, c.count);
    const e: Entity = { id, name: c.name, type: c.type, aliases: c.aliases };
    if (c.description) e.description = c.description;
    entities.push(e);
  }

  const index = new AliasIndex(entities, weight, lex);
  const passages: Passage[] = [];
  const mentions: Mention[] = [];
  const quotes: Quote[] = [];
  const byId = new Map(entities.map((e) => [e.id, e]));
  docs.forEach((d, i) => {
    const st = structureOf(i);
    kept[i] = undefined; // last pass over this document: let its tokens go
    st.paragraphs.forEach((p, k) => passages.push({ id: `${d.id}#${k}`, docId: d.id, start: p.start, end: p.end }));
    const ms = findMentions(d.id, st.sentences, index);
    mentions.push(...ms);
    quotes.push(...findQuotes(d, st, ms, byId, lex));
  });
  return { passages, entities, mentions, quotes };
}
