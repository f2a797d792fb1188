/**
 * The proper-noun chunker: capitalised token runs (with name particles, hyphens,
 * "of" inside organisation names) → candidate names, with sentence-initial common
 * words, dates and titles stripped off.
 */
import type { CapitalizationStats } from './capitalization';
import { fold, type CompiledLexicon } from './compiled-lexicon';
import type { Token } from './segment';

/** A candidate name as token indices [first, last] of a sentence, plus a title prefix if one was split off. */
export interface Chunk {
  first: number;
  last: number;
  /** Tokens of a title written before the name ("Russian Foreign Minister"), if any. */
  titleFirst?: number;
  /** Parenthetical acronym or former name linked to this chunk ("ISIS" / "Jabhat al-Nusra"). */
  link?: Chunk;
}

const PARTICLE_HYPHEN = /^(?:al|el|ad|as|ash|an|ar|at|az|bin|ibn|abu|ben)-\p{Lu}/u;
const CONNECTORS = new Set(['of', 'for', 'de', 'on']);
/** Longer tokens are not words (base64 blobs, URLs run together). */
const MAX_TOKEN_CHARS = 40;
/** Longer runs are not one name: "United States Court of Appeals for the Federal Circuit" has 9 tokens. */
const MAX_CHUNK_TOKENS = 12;
/** A run of this many capitals-only words is a heading or a shouted line, not a name ("FOR THE VICE PRESIDENT …"). */
const SHOUTED_WORDS = 4;

/** True when the token can be part of a name: capitalised, or a particle-prefixed word ("al-Sham"). */
export function isNameToken(t: Token | undefined): boolean {
  if (!t || t.text.length > MAX_TOKEN_CHARS) return false;
  const code = t.text.charCodeAt(0);
  if (code >= 65 && code <= 90) return true; // A-Z
  if (code < 128) return code >= 97 && code <= 122 && t.text.includes('-') && PARTICLE_HYPHEN.test(t.text);
  const c = t.text[0] ?? '';
  return /\p{Lu}/u.test(c) ? /\p{L}/u.test(t.text) : PARTICLE_HYPHEN.test(t.text);
}

function isAcronym(t: string): boolean {
  return (
    /^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,6}$/u.test(t) ||
    (/^\p{Lu}[\p{L}&]{1,6}$/u.test(t) && (t.match(/\p{Lu}/gu)?.length ?? 0) >= 2)
  );
}

/** Context the chunker needs besides the tokens. */
export interface ChunkContext {
  lex: CompiledLexicon;
  stats: CapitalizationStats;
}

function isWordStart(tokens: readonly Token[], i: number): boolean {
  // First word of the sentence, or right after an opening quote / colon / dash.
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k]!.text;
    if (/^["“«„(:–—\-]$/.test(t)) return true;
    return false;
  }
  return true;
}

function hasHeadWord(tokens: readonly Token[], a: number, b: number, lex: CompiledLexicon): boolean {
  for (let k = a; k <= b; k++) {
    const w = tokens[k]!.text;
    if (lex.known.get(w) === 'place') continue; // "recognition by the U.S. of X": a country, not "U.S. Attorney"
    if (lex.orgWords.has(w) || lex.placeWords.has(w)) return true;
    // A title joins "of" only as the word right before it ("Secretary of State"): in "President
    // Hassan Rouhani of Iran" the title is split off later and "of Iran" is no part of the name.
    if (lex.titleWords.has(w) && k === b) return true;
  }
  return false;
}

/** Splits hyphenated compounds: "US-backed" → name part ends at "US"; returns whether to cut after. */
function hyphenCut(t: Token): boolean {
  if (/['’]\p{Ll}{1,2}$/u.test(t.text)) return true; // contractions: I'm, We've
  if (!t.text.includes('-') && !t.text.includes('‐')) return false; // most tokens: no array to split into
  const parts = t.text.split(/[-‐]/);
  if (parts.length < 2) return false;
  return parts.slice(1).some((p) => /^\p{Ll}/u.test(p));
}

/** Finds the candidate name chunks of one sentence's tokens. */
export function chunkSentence(tokens: readonly Token[], ctx: ChunkContext): Chunk[] {
  const { lex } = ctx;
  const out: Chunk[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!isNameToken(t) || hyphenCut(t)) {
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      const n1 = tokens[j + 1];
      const n2 = tokens[j + 2];
      if (n1 && isNameToken(n1) && !hyphenCut(n1)) {
        j++;
      } else if (n1 && lex.particles.has(n1.text) && isNameToken(n2)) {
        j += 2;
      } else if (n1 && CONNECTORS.has(n1.text) && hasHeadWord(tokens, i, j, lex)) {
        if (isNameToken(n2)) j += 2;
        else if (n2?.text === 'the' && isNameToken(tokens[j + 3])) j += 3;
        else break;
      } else break;
    }
    pushPieces(tokens, i, j, ctx, out);
    i = j + 1;
  }
  linkParentheses(tokens, out, lex);
  return out.filter(
    (c) =>
      c.last >= c.first &&
      c.last - c.first < MAX_CHUNK_TOKENS &&
      !isShouted(tokens, c) &&
      !isHeadlineLabel(tokens, c.first, c.last),
  );
}

/** Whether a chunk is a heading in capitals: {@link SHOUTED_WORDS} or more words, none with a lower-case letter. */
function isShouted(tokens: readonly Token[], c: Chunk): boolean {
  let words = 0;
  for (let k = c.first; k <= c.last; k++) {
    const w = tokens[k]!.text;
    if (/\p{Ll}/u.test(w)) return false;
    if (/\p{Lu}{2}/u.test(w)) words++;
  }
  return words >= SHOUTED_WORDS;
}

function isStopWord(w: string, lex: CompiledLexicon): boolean {
  return lex.nonNames.has(w) || lex.dateWords.has(w);
}

const MONTH = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;
/** Letters written after a name that are no part of it: "Durham Hall QC", "Jane Roe MP". */
const POST_NOMINAL = /^(?:QC|KC|MP|MEP|MSP|MLA|OBE|MBE|CBE|KBE|DBE|PhD|Ph\.D\.|Esq\.?)$/;

/**
 * Whether the stop word at token k still belongs to the run that precedes it: a month after a
 * given name is a surname ("Theresa May", "Ann April"), not a date, unless a number follows; an
 * organisation head word that is also a common word closes a name ("CBS News").
 */
function stopWordInName(tokens: readonly Token[], k: number, runStart: number, lex: CompiledLexicon): boolean {
  if (k <= runStart) return false;
  const w = tokens[k]!.text;
  const prev = tokens[k - 1]!.text;
  if (MONTH.test(w) && lex.givenNames.has(prev)) return !/^\d/.test(tokens[k + 1]?.text ?? '');
  return lex.orgWords.has(w) && !lex.dateWords.has(w) && isNameToken(tokens[k - 1]) && !isStopWord(prev, lex);
}

/** Splits a raw run at dates/stop words, drops a common sentence-initial word, splits off titles. */
function pushPieces(tokens: readonly Token[], i: number, j: number, ctx: ChunkContext, out: Chunk[]): void {
  const { lex, stats } = ctx;
  let a = i;
  for (let k = i; k <= j + 1; k++) {
    const w = tokens[k]?.text;
    if (k <= j && w !== undefined && (!isStopWord(w, lex) || stopWordInName(tokens, k, a, lex))) continue;
    let s = a;
    // Sentence-initial capitalised word that is not a name ("Previously", "Establishment").
    if (s < k && isWordStart(tokens, s)) {
      const first = tokens[s]!.text;
      const known =
        knownNameAt(tokens, s, k - 1, lex) ||
        lex.givenNames.has(first) ||
        titleAt(tokens, s, k - 1, lex) > 0 ||
        isDateline(tokens, s, k - 1) ||
        isResultsLine(tokens) ||
        opensResult(tokens, s, k - 1);
      const adverbial = /\p{Ll}(?:ing|ly|ed)$/u.test(first);
      if (
        !known &&
        !isAcronym(first) &&
        !stats.looksLikeName(first) &&
        (k - s === 1 || adverbial || stats.seenLowercase(first))
      )
        s++;
    }
    // Trim connectors/particles at the edges.
    let e = k - 1;
    while (e >= s && (!isNameToken(tokens[e]) || (e > s && POST_NOMINAL.test(tokens[e]!.text)))) e--;
    while (s <= e && !isNameToken(tokens[s])) s++;
    // "told NPR Hamza bin Laden": a known name directly before a first name is separate.
    for (let m = s; m < e; m++) {
      const a = tokens[m]!.text;
      const b = tokens[m + 1]!.text;
      const knownSingle =
        lex.known.has(a) && !lex.known.has(`${a} ${b}`) && !lex.groupOf.has(`${a} ${b}`.toLowerCase());
      if (
        knownSingle &&
        /^\p{Lu}[\p{Ll}-]/u.test(b) &&
        !lex.orgWords.has(b) &&
        !lex.placeWords.has(b) &&
        !lex.titleWords.has(b) &&
        !lex.modifiers.has(b) &&
        isAcronym(a)
      ) {
        out.push({ first: s, last: m });
        s = m + 1;
        break;
      }
    }
    if (s < e && (lex.modifiers.has(tokens[s]!.text) || lex.demonyms.has(tokens[s]!.text))) {
      // "Republican Kevin McCarthy", "Russian Sergey Lavrov": the adjective is no part of the name.
      if (lex.givenNames.has(tokens[s + 1]!.text) && s + 1 < e) s++;
    }
    const person = s <= e ? personAfterPlace(tokens, s, e, lex) : -1;
    if (person > s) {
      // "Senator from Vermont Bernie Sanders": the place, then the person.
      out.push({ first: s, last: person - 1 });
      s = person;
    }
    if (s <= e && !isOnlyTitle(tokens, s, e, lex)) {
      const named = splitTitle(tokens, s, e, lex);
      // "United States Representative John Conyers": the country that opens the title is named too.
      const place = named.titleFirst === undefined ? 0 : knownLength(tokens, named.titleFirst, named.first - 2, lex);
      if (place > 0 && lex.known.get(tokenText(tokens, named.titleFirst!, place)) === 'place')
        out.push({ first: named.titleFirst!, last: named.titleFirst! + place - 1 });
      out.push(named);
    }
    a = k + 1;
  }
}

/** Verbs of a sports result: "Wigan beat Derby 2-1", "drew 0-0 with Bolton". */
export const RESULT_VERB =
  /^(?:beat|beats|defeated|defeats|drew|draw|draws|held|hold|holds|lost|lose|loses|edged|edges|thrashed|thrash|routed|upset|upsets|crushed|overcame|outplayed|won|win|wins|trounced|hammered|stunned)$/;
/** A match score: "2-1", "0-0", "88-80". */
export const SCORE = /^\d{1,3}-\d{1,3}$/;
/**
 * Whether a sentence opens with a team's name before a result verb and has a score: "Tolbury
 * beat Wrenford 3-1".
 */
function opensResult(tokens: readonly Token[], s: number, e: number): boolean {
  return s === e && RESULT_VERB.test(tokens[e + 1]?.text ?? '') && tokens.some((t) => SCORE.test(t.text));
}

/**
 * Whether a sentence is a line of sports results or a table row: one or two names, each
 * followed by numbers or scores, nothing else but brackets and punctuation ("Wigan 2 Derby 1",
 * "Keston United 15 9 4 2 30 12 31", "Halsey Rovers 2 (1) Carrow 1").
 */
export function isResultsLine(tokens: readonly Token[]): boolean {
  if (tokens.length > 24) return false;
  let numbers = 0;
  let names = 0;
  let inName = false;
  let depth = 0;
  for (const t of tokens) {
    const w = t.text;
    // A bracket may say anything: "Leeds 0 Newcastle 1 (halftime 0-0)".
    if (w === '(') depth++;
    else if (w === ')') depth = Math.max(0, depth - 1);
    if (depth > 0 || w === ')') continue;
    if (/^\d{1,3}(?:-\d{1,3})?$/.test(w)) {
      if (names === 0) return false;
      numbers++;
      inName = false;
    } else if (/^\p{Lu}/u.test(w) || (inName && /^(?:of|and|&|de|la)$/.test(w))) {
      if (!inName) names++;
      inName = true;
    } else if (!/^[()\-–:.,*]$/.test(w)) return false;
  }
  return numbers >= 2 && names >= 1 && names <= 2;
}

/**
 * Whether tokens s..e are the section label of a headline in capitals, "SOCCER" in
 * "SOCCER - UNITED HOLD LEADERS": the first word, a dash, more words in capitals.
 */
function isHeadlineLabel(tokens: readonly Token[], s: number, e: number): boolean {
  if (s !== 0 || e !== 0 || !CAPS_WORD.test(tokens[0]!.text)) return false;
  return /^[-–—]+$/.test(tokens[1]?.text ?? '') && /^\p{Lu}[\p{Lu}\d.'’-]+$/u.test(tokens[2]?.text ?? '');
}

/** Capitals-only word of a dateline: "ROME", "NEW YORK", "ST. LOUIS". */
const CAPS_WORD = /^\p{Lu}[\p{Lu}.'’-]*$/u;
/** What follows a dateline's place: a date, a comma, "(AP)", a dash. */
const DATELINE_NEXT = /^(?:\d.*|,|\(|-|–|—|--)$/u;

/**
 * Whether tokens s..e open their sentence as a news dateline: words in
 * capitals followed by a date, a comma, an agency in parentheses or a dash
 * ("ROME 1996-12-06", "TORVIK, Norway (Reuters) -", "DENVER (AP) —").
 */
export function isDateline(tokens: readonly Token[], s: number, e: number): boolean {
  if (s !== 0 || e < s) return false;
  for (let k = s; k <= e; k++) if (!CAPS_WORD.test(tokens[k]!.text) || tokens[k]!.text.length < 2) return false;
  const next = tokens[e + 1]?.text ?? '';
  if (!DATELINE_NEXT.test(next)) return false;
  // "SOCCER - UNITED HOLD LEADERS": a dash before more capitals is a headline's section label.
  if (/^[-–—]+$/.test(next)) return !/^\p{Lu}[\p{Lu}\d.'’-]+$/u.test(tokens[e + 2]?.text ?? 'x');
  return true;
}

/**
 * In a title-case headline, only the words that the import's prose also
 * writes capitalised (or the lexicon knows) can be names: the chunk is cut at
 * every other word ("Police Arrest" in "Police Arrest Two Suspects…").
 */
export function confirmedPieces(tokens: readonly Token[], chunk: Chunk, ctx: ChunkContext): Chunk[] {
  const { lex, stats } = ctx;
  const out: Chunk[] = [];
  let start = -1;
  for (let k = chunk.first; k <= chunk.last + 1; k++) {
    const w = tokens[k]?.text ?? '';
    const ok =
      k <= chunk.last &&
      (!isNameToken(tokens[k]) ||
        lex.known.has(w) ||
        lex.givenNames.has(w) ||
        isAcronym(w) ||
        stats.looksLikeName(w) ||
        lex.orgWords.has(w) ||
        lex.placeWords.has(w));
    if (ok && start < 0) start = k;
    if (!ok && start >= 0) {
      let e = k - 1;
      while (e >= start && !isNameToken(tokens[e])) e--;
      // A lone head word ("Police", "Robbery") is no name on its own.
      const single = e === start && (lex.orgWords.has(tokens[e]!.text) || lex.placeWords.has(tokens[e]!.text));
      if (e >= start && !single) out.push({ first: start, last: e });
      start = -1;
    }
  }
  return out;
}

/**
 * Where a person's name starts after a known place that opens the run ("Vermont
 * Bernie Sanders", "New Mexico Deb Haaland"): the place must be followed by a
 * given name and at least one more word. -1 when the run is not that.
 */
function personAfterPlace(tokens: readonly Token[], s: number, e: number, lex: CompiledLexicon): number {
  for (let len = Math.min(3, e - s - 1); len >= 1; len--) {
    const place = tokens
      .slice(s, s + len)
      .map((t) => t.text)
      .join(' ');
    if (lex.known.get(place) !== 'place') continue;
    const next = s + len;
    return lex.givenNames.has(tokens[next]!.text) && next < e ? next : -1;
  }
  return -1;
}

/**
 * Whether tokens s..e are a title and nothing else ("Prime Minister", "Republican
 * Senate Majority Leader", "U.S. Vice President"): an office named without its
 * holder is not an entity. Modifiers, demonyms, known places and organisations
 * ("Senate Majority Leader", "Pentagon Press Secretary") may come first.
 */
function isOnlyTitle(tokens: readonly Token[], s: number, e: number, lex: CompiledLexicon): boolean {
  let k = s;
  while (k < e) {
    const w = tokens[k]!.text;
    const long = knownLength(tokens, k, e - 1, lex);
    if (long > 1) {
      // "United States Representative", "New York Gov.": a place or organisation of several words.
      k += long;
      continue;
    }
    const kind = lex.known.get(w);
    if (
      !lex.modifiers.has(w) &&
      !lex.demonyms.has(w) &&
      !lex.orgWords.has(w) &&
      kind !== 'place' &&
      kind !== 'organization'
    )
      break;
    k++;
  }
  let titles = 0;
  while (k <= e) {
    const len = titleAt(tokens, k, e, lex);
    if (len === 0) return false;
    k += len;
    titles++;
  }
  return titles > 0;
}

/**
 * Whether a name the lexicon knows starts at token s and ends by token e: "New
 * York", "New Zealand" and "United States" open a sentence without their first
 * word being the common word it also is.
 */
function knownNameAt(tokens: readonly Token[], s: number, e: number, lex: CompiledLexicon): boolean {
  let name = '';
  for (let k = s; k <= Math.min(e, s + 3); k++) {
    name = k === s ? tokens[k]!.text : `${name} ${tokens[k]!.text}`;
    if (lex.known.has(name) || lex.groupOf.has(fold(name))) return true;
  }
  return false;
}

/** The text of `len` tokens from k, joined by spaces (as the lexicon writes names). */
function tokenText(tokens: readonly Token[], k: number, len: number): string {
  return tokens
    .slice(k, k + len)
    .map((t) => t.text)
    .join(' ');
}

/** Tokens of the longest place or organisation of the lexicon (up to 4 words) starting at k and ending by e, or 0. */
function knownLength(tokens: readonly Token[], k: number, e: number, lex: CompiledLexicon): number {
  let name = '';
  let best = 0;
  for (let m = k; m <= Math.min(e, k + 3); m++) {
    name = m === k ? tokens[m]!.text : `${name} ${tokens[m]!.text}`;
    const kind = lex.known.get(name);
    if (kind === 'place' || kind === 'organization') best = m - k + 1;
  }
  return best;
}

/** Longest title (token sequence) starting at token k, or 0. */
function titleAt(tokens: readonly Token[], k: number, end: number, lex: CompiledLexicon): number {
  const candidates = lex.titlesByFirst.get(tokens[k]!.text);
  if (!candidates) return 0;
  for (const title of candidates) {
    if (k + title.length - 1 > end) continue;
    let ok = true;
    for (let m = 0; m < title.length && ok; m++) ok = tokens[k + m]!.text === title[m];
    if (ok) return title.length;
  }
  return 0;
}

/**
 * "U.S. Secretary of State John Kerry" → name "John Kerry" with title tokens before it.
 * The title is the last title found in the run that still leaves a name after it; the
 * run before it must be modifiers, demonyms, places or further titles.
 */
function splitTitle(tokens: readonly Token[], s: number, e: number, lex: CompiledLexicon): Chunk {
  let nameStart = -1;
  // An office, "Lord Mayor of Melbourne": the name is what follows "of (the)", not a person.
  for (let k = s; k < Math.min(e, s + 3); k++) {
    const len = titleAt(tokens, k, e, lex);
    if (len > 0 && tokens[k + len]?.text === 'of') {
      let n = k + len + 1;
      if (tokens[n]?.text === 'the') n++;
      // "President of the United States Donald Trump": the office, then its holder.
      const person = n < e ? personAfterPlace(tokens, n, e, lex) : -1;
      if (person > n) return { first: person, last: e, titleFirst: s };
      if (n <= e) return { first: n, last: e };
    }
  }
  for (let k = s; k < e; k++) {
    const len = titleAt(tokens, k, e, lex);
    const after = tokens[k + len]?.text;
    if (len > 0 && k + len <= e && after !== 'of' && after !== 'the') {
      nameStart = k + len;
      k += len - 1;
    }
  }
  if (nameStart < 0) return { first: s, last: e };
  const last = tokens[e]!.text;
  if (lex.orgWords.has(last) || lex.placeWords.has(last)) return { first: s, last: e };
  // Skip a leftover particle/connector between title and name.
  while (nameStart <= e && !isNameToken(tokens[nameStart])) nameStart++;
  if (nameStart > e) return { first: s, last: e };
  return { first: nameStart, last: e, titleFirst: s };
}

const RENAME = /^(?:the\s+)?(?:former(?:ly)?|formerly known as|also known as|aka|a\.k\.a\.|now|previously)\b/i;

/**
 * Links "Long Name (ACR)" and "New Name (the former Old Name)": the chunk inside the
 * parentheses becomes an alias of the one before. For an acronym the long name is
 * extended backwards over "of/and/the" while its initial matches the acronym's.
 */
function linkParentheses(tokens: readonly Token[], chunks: Chunk[], lex: CompiledLexicon): void {
  for (let c = 0; c + 1 < chunks.length; c++) {
    const before = chunks[c]!;
    const inside = chunks[c + 1]!;
    const open = tokens[before.last + 1];
    if (open?.text !== '(' || tokens[inside.last + 1]?.text !== ')') continue;
    const between = tokens
      .slice(before.last + 2, inside.first)
      .map((t) => t.text)
      .join(' ');
    const acr = inside.first === inside.last ? tokens[inside.first]!.text.replace(/\./g, '') : '';
    if (between === '' && isAcronym(acr)) {
      extendForAcronym(tokens, before, acr, lex);
      // "WASHINGTON (AP)": a dateline's place and the agency are two names.
      const head = tokens[before.first]!.text;
      if (head[0]?.toUpperCase() !== acr[0] && (isDateline(tokens, before.first, before.last) || lex.known.has(head)))
        continue;
      before.link = inside;
      for (let d = c - 1; d >= 0 && chunks[d]!.last >= before.first; d--) chunks[d]!.last = -1;
    } else if (RENAME.test(between)) {
      before.link = inside;
    }
  }
}

function extendForAcronym(tokens: readonly Token[], chunk: Chunk, acr: string, lex: CompiledLexicon): void {
  if (tokens[chunk.first]!.text[0] === acr[0]) return;
  let best = chunk.first;
  for (let k = chunk.first - 1; k >= 0; k--) {
    const w = tokens[k]!.text;
    if (isNameToken(tokens[k])) {
      if (isStopWord(w, lex)) break;
      if (w[0] === acr[0]) best = k;
    } else if (!['of', 'and', 'the', 'for', '&', 'de', 'on'].includes(w)) break;
  }
  if (best < chunk.first) {
    chunk.first = best;
    delete chunk.titleFirst;
  }
}
