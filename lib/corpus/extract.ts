/**
 * Text → knowledge: the pipeline behind every pack. Pure (no fs, no DOM): runs in the
 * build script, the CLI and the import worker.
 */
import type { Entity, Knowledge, Mention, Passage, Quote } from '../pack/types';
import { CapitalizationStats } from './capitalization';
import { clusterNames, type NameOcc } from './clustering';
import { compileLexicon, fold, type CompiledLexicon } from './compiled-lexicon';
import { analyseDocument, type DocStructure } from './document';
import { appositive, titleBefore, typeVotes } from './evidence';
import { AliasIndex, findMentions } from './mentions';
import { chunkSentence } from './names';
import { findQuotes } from './quotes';
import type { Lexicon, SourceDocument } from './types';

const compiled = new WeakMap<Lexicon, CompiledLexicon>();

function slug(name: string): string {
  return (
    fold(name)
      .replace(/[^a-z0-9]+/g, '-')
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
    const chunks = chunkSentence(s.tokens, { lex, stats });
    for (const c of chunks) {
      const start = s.tokens[c.first]!.start;
      const end = s.tokens[c.last]!.end;
      const surface = text.slice(start, end);
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

/**
 * Extracts passages, entities, mentions and quotes from `docs`.
 * Entity ids are slugs of canonical names, unique within the result.
 */
export function extractKnowledge(docs: SourceDocument[], lexicon: Lexicon): Knowledge {
  let lex = compiled.get(lexicon);
  if (!lex) {
    lex = compileLexicon(lexicon);
    compiled.set(lexicon, lex);
  }
  const structures = docs.map((d) => analyseDocument(d.text, lex));
  const stats = new CapitalizationStats();
  for (const st of structures) for (const s of st.sentences) stats.addSentence(s.tokens);

  const occs: NameOcc[] = [];
  structures.forEach((st, i) => occs.push(...nameOccurrences(i, docs[i]!.text, st, lex, stats)));
  const { clusters } = clusterNames(occs, lex, (w) => stats.seenLowercase(w));

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
    const st = structures[i]!;
    st.paragraphs.forEach((p, k) => passages.push({ id: `${d.id}#${k}`, docId: d.id, start: p.start, end: p.end }));
    const ms = findMentions(d.id, st.sentences, index);
    mentions.push(...ms);
    quotes.push(...findQuotes(d, st, ms, byId, lex));
  });
  return { passages, entities, mentions, quotes };
}
