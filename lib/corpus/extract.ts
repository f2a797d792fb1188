/**
 * Text → knowledge: the pipeline behind every pack. Pure (no fs, no DOM): runs in the
 * build script, the CLI and the import worker.
 */
import type { Entity, EntityType, Knowledge, Mention, Passage, Quote } from '../pack/types';
import { CapitalizationStats, isTitleCaseHeadline, type CapitalizationCounts } from './capitalization';
import {
  addTypeVotes,
  clusterNames,
  summariseCluster,
  type Cluster,
  type ClusterEvidence,
  type NameOcc,
} from './clustering';
import { compiledLexicon, fold, type CompiledLexicon } from './compiled-lexicon';
import { analyseDocument, type DocStructure } from './document';
import { appositive, titleBefore, typeVotes, type TypeVotes } from './evidence';
import {
  emptyExtractionState,
  isUsableState,
  mergeEvidence,
  nextState,
  StateView,
  type ExtractionState,
} from './extraction-state';
import { AliasIndex, aliasWords, findMentions } from './mentions';
import { indexOfSorted } from './sorted-strings';
import { chunkSentence, confirmedPieces, isNameToken, type Chunk } from './names';
import type { Token } from './segment';
import { findQuotes } from './quotes';
import type { Lexicon, SourceDocument } from './types';

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
      if (isFragment(s.tokens, c, lex) || isNamePiece(s.tokens, c, lex, stats)) continue;
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
        // "Congress", "Parliament": head words, but also names the lexicon knows.
        ((lex.orgWords.has(surface) && lex.known.get(surface) !== 'organization') ||
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

/** Lowercase words inside a Title Case name: "Medal of Science", "Lord of the Rings", "War on Drugs". */
const NAME_JOINERS = /^(?:of|the|for|on|against)$/;

/**
 * Whether a one-word candidate is a common word that is only a piece of a longer
 * Title Case name here, one the chunker did not join because it has no head word:
 * "Science" in "National Medal of Science", "Rings" in "Lord of the Rings", "War" in
 * "the War on Drugs", "Life" in "Life and Liberty Party", "Creative" in "Creative
 * Commons-licensed". The piece is no evidence of a name of its own; where the word
 * stands alone elsewhere ("the journal Science"), that occurrence counts. Only words
 * the import also writes in lowercase are judged, so "Iwasaki of Kobe" keeps both
 * names; names the lexicon knows and given names are never pieces.
 */
function isNamePiece(tokens: readonly Token[], c: Chunk, lex: CompiledLexicon, stats: CapitalizationStats): boolean {
  if (c.first !== c.last) return false;
  const w = tokens[c.first]!.text;
  if (lex.known.has(w) || lex.givenNames.has(w) || !stats.seenLowercase(w)) return false;
  /** The capitalised word across one or two joiners from the piece, if any. */
  const capitalAcross = (from: number, step: 1 | -1): Token | undefined => {
    let k = from + step;
    let joiners = 0;
    while (joiners < 2 && NAME_JOINERS.test(tokens[k]?.text ?? '')) {
      k += step;
      joiners++;
    }
    const t = tokens[k];
    if (joiners === 0 || !t || !isNameToken(t)) return undefined;
    // A sentence's first word is capitalised anyway: "In the Senate".
    if (step === -1 && (k === 0 || /^["“«„:–—-]$/.test(tokens[k - 1]!.text))) return undefined;
    // "Lee of Ohio", "Science in January": places and dates are their own names.
    return lex.dateWords.has(t.text) || lex.known.get(t.text) === 'place' ? undefined : t;
  };
  if (capitalAcross(c.first, -1)) return true;
  const next = tokens[c.last + 1]?.text ?? '';
  // "Creative Commons-licensed": the name runs on into a hyphenated word.
  if (/^\p{Lu}\p{Ll}+[-‐]\p{Ll}/u.test(next)) return true;
  // "Life and Liberty Party": joined by "and" to a name that ends in a head word.
  if (next === 'and' && isNameToken(tokens[c.last + 2])) {
    let k = c.last + 2;
    while (isNameToken(tokens[k + 1])) k++;
    const head = tokens[k]!.text;
    if (k > c.last + 2 && (lex.orgWords.has(head) || lex.placeWords.has(head))) return true;
  }
  return capitalAcross(c.last, 1) !== undefined;
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
 * Whether a new entity would be a given name alone ("David", "Sally") that no full name
 * of its documents explains (clustering attaches those) and that nothing marks as a
 * person: on pages it would mark every David, and no card can say who it is. A given
 * name the text treats as a person's name ("Pope Francis", "\"…,\" Bob said") stays,
 * and so do names the lexicon knows.
 */
function isLoneGivenName(c: Cluster, lex: CompiledLexicon): boolean {
  if (c.type !== 'other') return false;
  for (const n of c.evidence.forms.keys()) if (!lex.givenNames.has(n) || lex.known.has(n)) return false;
  return true;
}

/**
 * Extracts passages, entities, mentions and quotes from `docs`.
 * Entity ids are slugs of canonical names, unique within the result. The result does not
 * depend on `options`, only the time and memory it takes. The same as {@link extractAgainst}
 * from an empty table and state: a full build is an increment from nothing.
 */
export function extractKnowledge(docs: SourceDocument[], lexicon: Lexicon, options: ExtractOptions = {}): Knowledge {
  return extractAgainst(docs, lexicon, [], emptyExtractionState(), { ...options, state: false }).knowledge;
}

/** Options of {@link extractAgainst}. */
export interface ExtractAgainstOptions extends ExtractOptions {
  /** Whether to compute the state after the documents (default true; a full build that only wants knowledge skips it). */
  state?: boolean;
}

/**
 * Extracts `docs` as documents joining a corpus whose entity table is `table` and whose
 * remembered statistics are `state` (lib/corpus/increment.ts describes the contract).
 * Every corpus-wide stage sees the earlier documents through the state: capitalisation
 * counts, type votes and counts per name, full names by surname, and the entity each name
 * went to. Returns the whole updated table (existing entities first, same ids and order,
 * maybe more aliases and an updated name/type/description where the user did not edit
 * them; then the new ones), the new documents' passages, mentions and quotes, and the new
 * state. Pure.
 */
export function extractAgainst(
  docs: SourceDocument[],
  lexicon: Lexicon,
  table: readonly Entity[],
  state: ExtractionState,
  options: ExtractAgainstOptions = {},
): { knowledge: Knowledge; state: ExtractionState } {
  const lex = compiledLexicon(lexicon);
  const passes = new DocPasses(docs, lex, 0, options.keepStructuresChars);
  const steps = extractionSteps(docs, lex, table, state, options);
  for (let step = steps.next(); ;) {
    if (step.done) return step.value;
    step = steps.next(passes.run(step.value));
  }
}

/** The lexicon's lookup tables, compiled once per lexicon object (lib/corpus/compiled-lexicon.ts). */
export { compiledLexicon };

/**
 * What the corpus-wide part of the extraction asks of the per-document passes, in this
 * order (see {@link extractionSteps}):
 * - `analyse`: segment every document and count its capitalisation on top of `base`; with
 *   `collectTokens`, also every token text (only aliases starting with one are searched);
 * - `names`: the candidate names of every document, judged with the corpus's capitalisation;
 * - `link`: passages, mentions of these aliases and quotes of every document, in document order.
 * Each pass reads only its own document besides what the request carries, so a pool of
 * workers can run them on slices of the documents and concatenate the answers in order
 * (lib/import/extract-pool.ts); {@link DocPasses} runs them in this thread.
 */
export type PassRequest =
  | { pass: 'analyse'; base: CapitalizationCounts; collectTokens: boolean }
  | { pass: 'names'; stats: CapitalizationStats }
  | {
      pass: 'link';
      aliases: { id: string; words: readonly string[] }[];
      weight: Map<string, number>;
      entities: Map<string, Entity>;
    };

/** What an `analyse` pass answers: the counts and, when asked, the tokens. */
export interface AnalyseReply {
  stats: CapitalizationStats;
  tokens?: Set<string>;
}

/** What a `link` pass answers, in document order. */
export interface LinkReply {
  passages: Passage[];
  mentions: Mention[];
  quotes: Quote[];
}

/** The answer to each {@link PassRequest}: `analyse` → {@link AnalyseReply}, `names` → `NameOcc[]`, `link` → {@link LinkReply}. */
export type PassReply = AnalyseReply | NameOcc[] | LinkReply;

/**
 * The per-document passes of the extraction over `docs` (document `i` is numbered
 * `offset + i` in name occurrences), run in the calling thread. The analysed structure
 * of up to `keepChars` characters of text is kept between passes (see {@link KEEP_STRUCTURES_CHARS}).
 */
export class DocPasses {
  private readonly kept: (DocStructure | undefined)[];

  constructor(
    private readonly docs: readonly SourceDocument[],
    private readonly lex: CompiledLexicon,
    private readonly offset = 0,
    private readonly keepChars = KEEP_STRUCTURES_CHARS,
  ) {
    this.kept = new Array<DocStructure | undefined>(docs.length);
  }

  /** Answers one request (the reply type follows the request's `pass`). */
  run(request: PassRequest): PassReply {
    if (request.pass === 'analyse') return this.analyse(request.base, request.collectTokens);
    if (request.pass === 'names') return this.names(request.stats);
    return this.link(request.aliases, request.weight, request.entities);
  }

  private structureOf(i: number): DocStructure {
    return this.kept[i] ?? analyseDocument(this.docs[i]!.text, this.lex);
  }

  /** Pass 1: segments every document and counts its capitalisation on top of `base`. */
  analyse(base: CapitalizationCounts, collectTokens: boolean): AnalyseReply {
    const stats = new CapitalizationStats(base);
    const tokens = collectTokens ? new Set<string>() : undefined;
    let budget = this.keepChars;
    this.docs.forEach((d, i) => {
      const st = analyseDocument(d.text, this.lex);
      for (const s of st.sentences) {
        stats.addSentence(s.tokens);
        if (tokens) for (const t of s.tokens) tokens.add(t.text);
      }
      if (d.text.length <= budget) {
        this.kept[i] = st;
        budget -= d.text.length;
      }
    });
    return tokens ? { stats, tokens } : { stats };
  }

  /** Pass 2: the candidate names of every document. */
  names(stats: CapitalizationStats): NameOcc[] {
    const occs: NameOcc[] = [];
    this.docs.forEach((d, i) =>
      occs.push(...nameOccurrences(this.offset + i, d.text, this.structureOf(i), this.lex, stats)),
    );
    return occs;
  }

  /** Pass 3: passages, mentions and quotes of every document; the structures are let go. */
  link(
    aliases: readonly { id: string; words: readonly string[] }[],
    weight: ReadonlyMap<string, number>,
    byId: ReadonlyMap<string, Entity>,
  ): LinkReply {
    const index = new AliasIndex(aliases, weight, this.lex.givenNames);
    const passages: Passage[] = [];
    const mentions: Mention[] = [];
    const quotes: Quote[] = [];
    this.docs.forEach((d, i) => {
      const st = this.structureOf(i);
      this.kept[i] = undefined; // last pass over this document: let its tokens go
      st.paragraphs.forEach((p, k) => passages.push({ id: `${d.id}#${k}`, docId: d.id, start: p.start, end: p.end }));
      const ms = findMentions(d.id, st.sentences, index);
      mentions.push(...ms);
      quotes.push(...findQuotes(d, st, ms, byId, this.lex));
    });
    return { passages, mentions, quotes };
  }
}

/**
 * The extraction of `docs` against `table` and `state` (see {@link extractAgainst}) as steps:
 * the corpus-wide work runs here, the per-document passes are yielded as {@link PassRequest}s
 * and resumed with their {@link PassReply}. Whoever drives it (this thread, or a pool of
 * workers) gets the same result.
 */
export function* extractionSteps(
  docs: readonly SourceDocument[],
  lex: CompiledLexicon,
  table: readonly Entity[],
  state: ExtractionState,
  options: ExtractAgainstOptions = {},
): Generator<PassRequest, { knowledge: Knowledge; state: ExtractionState }, PassReply> {
  const usable = isUsableState(state) ? state : emptyExtractionState();
  const fresh = table.length === 0 && usable.keys.keys.length === 0 && usable.entities.ids.length === 0;
  const view = new StateView(usable, table, lex);

  /** Tokens of the new documents: only aliases starting with one can be found in them. */
  const analysed = (yield { pass: 'analyse', base: usable.capitalization, collectTokens: !fresh }) as AnalyseReply;
  const stats = analysed.stats;
  const tokens = fresh ? undefined : analysed.tokens;

  const occs = (yield { pass: 'names', stats }) as NameOcc[];
  const clustered = clusterNames(occs, lex, (w) => stats.seenLowercase(w), fresh ? undefined : view);
  const created = clustered.clusters.filter(
    (c) => c.existing !== undefined || (!isCommonWordsEntity(c, lex, stats) && !isLoneGivenName(c, lex)),
  );

  // Existing entities the new documents continue: their evidence grows, and so may their names.
  const entities: Entity[] = table.slice();
  const evidence = new Map<number, ClusterEvidence>();
  const produced = new Map<number, { name: string; type: EntityType; description?: string }>();
  const clusterEntity = new Map<Cluster, number>();
  for (const c of created) {
    if (c.existing === undefined) continue;
    const t = c.existing;
    clusterEntity.set(c, t);
    evidence.set(t, mergeEvidence(evidence.get(t) ?? view.evidenceOf(t), c.evidence));
  }
  for (const [t, ev] of evidence) {
    const before = table[t]!;
    const was = view.produced(t);
    const now = summariseCluster(ev, lex);
    produced.set(t, now);
    const aliases = before.aliases.slice();
    const have = new Set(aliases);
    for (const a of now.aliases) {
      // An alias the extraction gave before and the table lacks was removed by the user.
      if (have.has(a) || view.hadAlias(t, a)) continue;
      aliases.push(a);
      have.add(a);
    }
    const after: Entity = { ...before, aliases };
    // The user's name, type and description win; the extraction's are updated with the new evidence.
    if (before.name === was.name) after.name = now.name;
    if (before.type === was.type) after.type = now.type;
    if ((before.description ?? '') === (was.description ?? '')) {
      if (now.description) after.description = now.description;
      else delete after.description;
    }
    entities[t] = after;
  }

  // New entities, most frequent first, under ids no table entity has or had.
  const taken = (id: string): boolean => indexOfSorted(usable.issued, id) >= 0 || used.has(id);
  const used = new Set<string>();
  for (let t = 0; t < table.length; t++) if (view.stateOf[t]! < 0) used.add(table[t]!.id);
  const weight = new Map<string, number>();
  for (const c of created.filter((c) => c.existing === undefined).sort((a, b) => b.count - a.count)) {
    let id = slug(c.name);
    for (let n = 2; taken(id); n++) id = `${slug(c.name)}-${n}`;
    used.add(id);
    const e: Entity = { id, name: c.name, type: c.type, aliases: c.aliases };
    if (c.description) e.description = c.description;
    clusterEntity.set(c, entities.length);
    evidence.set(entities.length, c.evidence);
    produced.set(entities.length, {
      name: c.name,
      type: c.type,
      ...(c.description ? { description: c.description } : {}),
    });
    weight.set(id, c.count);
    entities.push(e);
  }

  // The alias index: new entities' aliases, and the table's whose first token occurs in the new documents.
  const wordsOfAlias = new Map<string, string[] | undefined>();
  const tokensOf = (a: string): string[] | undefined => {
    if (!wordsOfAlias.has(a)) wordsOfAlias.set(a, aliasWords(a, lex));
    return wordsOfAlias.get(a);
  };
  const wanted = (w: string): boolean => tokens === undefined || tokens.has(w);
  const found: { t: number; words: readonly string[] }[] = view.aliasesOfTable(wanted, (t) =>
    evidence.has(t) ? entities[t]!.aliases : undefined,
  );
  for (let t = table.length; t < entities.length; t++) {
    for (const a of entities[t]!.aliases) {
      const words = tokensOf(a);
      if (words) found.push({ t, words });
    }
  }
  const searchedEntities = new Set(found.map((a) => a.t));
  for (const t of searchedEntities) {
    const id = entities[t]!.id;
    if (!weight.has(id)) weight.set(id, evidence.get(t)?.count ?? view.weightOf(t));
  }

  const byId = new Map<string, Entity>();
  for (const t of searchedEntities) byId.set(entities[t]!.id, entities[t]!);
  const { passages, mentions, quotes } = (yield {
    pass: 'link',
    aliases: found.map((a) => ({ id: entities[a.t]!.id, words: a.words })),
    weight,
    entities: byId,
  }) as LinkReply;
  const knowledge = { passages, entities, mentions, quotes };
  if (options.state === false) return { knowledge, state: usable };

  // The state after these documents.
  const keyVotes = new Map<string, TypeVotes>();
  const keyCounts = new Map<string, number>();
  for (const o of occs) {
    const k = fold(o.text);
    const v = keyVotes.get(k) ?? {};
    addTypeVotes(v, o.votes);
    keyVotes.set(k, v);
    keyCounts.set(k, (keyCounts.get(k) ?? 0) + 1);
  }
  const keyHomes = new Map<string, number>();
  occs.forEach((_o, i) => {
    const t = clusterEntity.get(clustered.clusters[clustered.clusterOf[i]!]!);
    if (t !== undefined && !keyHomes.has(clustered.assigned[i]!)) keyHomes.set(clustered.assigned[i]!, t);
  });
  const next = nextState(
    {
      view,
      documents: usable.documents + docs.length,
      capitalization: stats.counts(),
      keyVotes,
      keyCounts,
      keyHomes,
      table: entities,
      evidence,
      produced,
      aliasWordsOf: (t, a, j) => view.storedAliasWords(t, a, j) ?? (tokensOf(a) ?? []).join('\u0000'),
    },
    lex,
  );
  return { knowledge, state: next };
}
