/**
 * Type evidence and descriptions for one name occurrence, read from its context:
 * gazetteers, head words ("Institute"), titles and roles, speech verbs, prepositions.
 */
import type { EntityType } from '../pack/types';
import type { CompiledLexicon } from './compiled-lexicon';
import { isDateline, isResultsLine, RESULT_VERB, SCORE, type Chunk } from './names';
import type { Token } from './segment';

/** Votes per entity type; the cluster's type is the one with most weight. */
export type TypeVotes = Partial<Record<EntityType, number>>;

const SPEECH_AFTER =
  /^(?:said|says|told|tells|added|noted|stressed|explained|argued|warned|insisted|claimed|stated|wrote|tweeted|admitted|underscored|emphasi[sz]ed|suggested|replied|recalled|believes|thinks|announced)$/;
const ORG_NOUNS =
  /^(?:website|newspaper|paper|agency|channel|outlet|magazine|broadcaster|daily|weekly|company|firm|group|party|organi[sz]ation|network|station|publication|portal|bank|movement|militia|coalition|band|club|team|carrier|airline|retailer|maker|manufacturer|operator|insurer|brand|label|studio|charity|union|council)$/;
/** Last words of events, competitions and wars: "Korean War", "Gulf Cup", "Democratic National Convention". */
const EVENT_LAST =
  /^(?:War|Wars|Cup|Games|Olympics|Olympiad|Championship|Championships|Convention|Summit|Festival|Week|Awards|Prize|Trophy|Marathon|Primary|Expo)$/;
/** First words of place names read head first: "Gulf of Oman", "Strait of Hormuz", "Isle of Man". */
const PLACE_HEAD_OF =
  /^(?:Gulf|Strait|Straits|Bay|Sea|Isle|Island|Islands|Lake|Cape|Republic|Kingdom|Sultanate|Emirate|Principality|Commonwealth)$/;
/** Lowercase words after a place's name: "the Ural region", "Chelyabinsk regional officials". */
const PLACE_AFTER =
  /^(?:region|regional|province|provincial|district|county|oblast|prefecture|governorate|municipality)$/;
/** Lowercase nouns after a team's name: "Haldern manager Peter Dunmore", "Syria coach". */
const TEAM_AFTER = /^(?:manager|coach|striker|goalkeeper|midfielder|defender|winger|skipper|captain|fans|supporters)$/;
const PLACE_NOUNS = /^(?:city|town|village|province|region|district|state|county|island|country|capital|port)$/;
const PERSON_POSSESSED =
  /^(?:administration|government|presidency|wife|husband|son|daughter|campaign|family|father|mother|brother|sister|lawyer|spokesman|spokeswoman|aide|aides|office|cabinet|successor|predecessor|tenure|term|death|life|career)$/;
const DESC_STOP =
  /^(?:the|a|an|and|or|of|by|with|to|in|on|at|for|from|as|said|says|told|tells|that|this|who|which|is|was|are|were|has|had|have|be|been|according|via|after|before|when|while|newly|elected|former|late|then|also)$/;
const IN_PREP = /^(?:in|from|near|across|into|outside|around|towards?)$/;
/** A version number after a name: "Fedora 33", "CentOS 8.2", "Python 3". Not a year. */
const VERSION = /^(?:[1-9]\d?(?:\.\d+)*|\d+\.\d+(?:\.\d+)*)$/;

/** Lowercase nouns after a product's name: "the Fedora operating system", "a Minetest server". */
const PRODUCT_AFTER =
  /^(?:server|servers|release|releases|users|version|versions|kernel|distribution|distro|operating|software|app|apps|game|games|engine|platform|browser|codebase|devices?|smartphones?|console|update|updates|plugin|mod|mods)$/;
/** First words of place names: "San Bernardino", "Fort Worth", "Port Moresby". */
const PLACE_FIRST = /^(?:San|Santa|Santo|São|Los|Las|Fort|Port|Mount|Mt\.|Lake|Cape)$/;
const NAME_PARTICLE = /^(?:De|Da|Di|Du|Del|Della|La|Le|Van|Von|Der|Den|Ter|Bin|Ibn|Al|El)$/;

/** "NEW YORK" → "New York". */
function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s.'’-])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

function add(v: TypeVotes, t: EntityType, w: number): void {
  v[t] = (v[t] ?? 0) + w;
}

/** Collects type votes for `chunk` (tokens of its sentence) from gazetteers and context. */
export function typeVotes(
  tokens: readonly Token[],
  chunk: Chunk,
  text: string,
  lex: CompiledLexicon,
  seenLowercase: (w: string) => boolean,
): TypeVotes {
  const v: TypeVotes = {};
  const words = tokens.slice(chunk.first, chunk.last + 1).map((t) => t.text);
  const name = text.slice(tokens[chunk.first]!.start, tokens[chunk.last]!.end);
  // "MOSCOW" in a dateline is Moscow.
  const known = lex.known.get(name) ?? (/\p{Ll}/u.test(name) ? undefined : lex.known.get(titleCase(name)));
  if (known) add(v, known, 10);
  if (isDateline(tokens, chunk.first, chunk.last)) add(v, 'place', 6);
  const lastW = words[words.length - 1]!;
  if (lex.orgWords.has(lastW) || words.some((w, k) => lex.orgWords.has(w) && words[k + 1] === 'of'))
    add(v, 'organization', 5);
  else if (lex.placeWords.has(lastW)) add(v, 'place', 4);
  if (/^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,6}$/u.test(lastW) || words.some((w) => /^\p{Lu}{2,}$/u.test(w)))
    add(v, 'organization', 2);
  if (words.length > 1 && lex.givenNames.has(words[0]!)) add(v, 'person', 4);
  if (
    words.length > 2 &&
    words.slice(1, -1).some((w) => /^(?:bin|ibn|bint|van|von|de|da|di|du|del|der|la|le)$/.test(w))
  )
    add(v, 'person', 3);
  if (words.length > 1 && words.every((w) => !lex.orgWords.has(w) && !lex.placeWords.has(w))) {
    // Person names are rarely common words ("Red Hat", "Baltimore Sun" are not people).
    // Digits or an inner capital ("GitHub") point to a brand, unless it is a surname prefix (McGurk, DeSantis).
    // Name particles ("La Riva", "De La Fuente") are lowercase words elsewhere and say nothing.
    if (
      words.some(
        (w) =>
          (seenLowercase(w) && !lex.particles.has(w.toLowerCase()) && !NAME_PARTICLE.test(w)) ||
          /\p{N}/u.test(w) ||
          /\p{Ll}\p{Lu}/u.test(w.replace(SURNAME_PREFIX, '')),
      )
    )
      add(v, 'organization', 0.6);
    else add(v, 'person', 1);
  }
  if (words.some((w) => /\p{N}/u.test(w))) add(v, 'other', 1.5);
  if (words.length > 1 && PLACE_FIRST.test(words[0]!) && !lex.givenNames.has(words[1]!)) add(v, 'place', 3);
  if (words.length > 1 && lex.known.get(words[0]!) === 'place' && !lex.known.has(name)) add(v, 'organization', 1.5);
  if (chunk.titleFirst !== undefined) add(v, 'person', 6);
  const prev = tokens[chunk.first - 1]?.text ?? '';
  const prev2 = tokens[chunk.first - 2]?.text ?? '';
  const next = tokens[chunk.last + 1]?.text ?? '';
  if (lex.honorifics.has(prev) || lex.roles.has(prev)) add(v, 'person', 5);
  if (ORG_NOUNS.test(prev)) add(v, 'organization', 4);
  if (PLACE_NOUNS.test(prev2) && prev === 'of') add(v, 'place', 4);
  // "in X" hints at a place, not when X is spelt like a product ("iOS", "CentOS") or has a version after it.
  if (IN_PREP.test(prev) && words.length === 1 && !/\p{Ll}\p{Lu}|\p{N}/u.test(words[0]!) && !VERSION.test(next))
    add(v, 'place', 1.2);
  if ((VERSION.test(next) || PRODUCT_AFTER.test(next)) && !lex.known.has(name)) add(v, 'other', 2);
  const next2 = tokens[chunk.last + 2];
  if (EVENT_LAST.test(lastW) && words.length > 1 && !known) add(v, 'other', 7);
  if (!known && words.some((w, k) => k <= 1 && PLACE_HEAD_OF.test(w) && words[k + 1] === 'of')) add(v, 'place', 6);
  if (PLACE_AFTER.test(next)) add(v, 'place', 3);
  const team = teamEvidence(tokens, chunk);
  if (team > 0 && !(words.length > 1 && lex.givenNames.has(words[0]!))) add(v, 'organization', team);
  if (TEAM_AFTER.test(next)) add(v, 'organization', 2);
  if (next === ',') {
    const noun = appositiveNoun(tokens, chunk.last + 1);
    if (noun && ORG_NOUNS.test(noun)) add(v, 'organization', 3);
    else if (noun && PLACE_NOUNS.test(noun)) add(v, 'place', 3);
  }
  if (SPEECH_AFTER.test(next)) add(v, 'person', 2);
  if (next === ',' && next2 && lex.known.get(next2.text) === 'place' && tokens[chunk.last + 3]?.text !== 'and')
    add(v, 'place', 3);
  if ((next === "'" || next === '’') && PERSON_POSSESSED.test(tokens[chunk.last + 3]?.text ?? '')) add(v, 'person', 3);
  if (next === ',' && appositive(tokens, chunk.last + 1, text, lex)) add(v, 'person', 5);
  return v;
}

/**
 * How strongly a name's sentence shows it as a sports team: 14 on a results line, where names
 * alternate with scores ("Wigan 2 Derby 1", a table row "Keston United 15 9 4 2 30 12 31");
 * 3 as the subject or object of a result verb in a sentence with a score ("Wigan beat Derby
 * 2-1", "drew 0-0 with Bolton"); else 0.
 */
function teamEvidence(tokens: readonly Token[], chunk: Chunk): number {
  const next = tokens[chunk.last + 1]?.text ?? '';
  if (/^\d{1,3}$/.test(next) && isResultsLine(tokens)) return 14;
  let score = false;
  for (const t of tokens) if (SCORE.test(t.text)) score = true;
  if (!score) return 0;
  const prev = tokens[chunk.first - 1]?.text ?? '';
  const prev2 = tokens[chunk.first - 2]?.text ?? '';
  if (RESULT_VERB.test(next)) return 3;
  if (RESULT_VERB.test(prev)) return 3;
  if (/^(?:with|to|at|over|against)$/.test(prev) && (RESULT_VERB.test(prev2) || SCORE.test(prev2))) return 3;
  return 0;
}

/**
 * The head noun of an appositive that classifies a name: ", an athletic equipment company," →
 * "company"; ", a city in …" → "city". Starts at the comma token `k`; undefined when the
 * appositive is not an article and lowercase words up to a comma, a preposition or the end.
 */
function appositiveNoun(tokens: readonly Token[], k: number): string | undefined {
  if (!/^(?:a|an|the)$/.test(tokens[k + 1]?.text ?? '')) return undefined;
  let last: string | undefined;
  const end = Math.min(tokens.length, k + 7);
  for (let m = k + 2; m < end; m++) {
    const w = tokens[m]!.text;
    if (/^[,.;:)]$/.test(w) || /^(?:in|of|on|that|which|based|from|founded|owned|with)$/.test(w)) return last;
    if (!/^[\p{Ll}-]+$/u.test(w)) return undefined;
    last = w;
  }
  return end === tokens.length ? last : undefined;
}

/** Capitalised surname prefixes: "McGurk" has an inner capital but is no brand. */
const SURNAME_PREFIX = /^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|O['’])(?=\p{Lu})/u;

/**
 * The appositive after a name, if it names a role: ", professor of political science at
 * the X Institute," → "professor of political science at the X Institute". Starts at
 * the comma token `k`; ends at the next comma, semicolon or sentence end.
 */
export function appositive(
  tokens: readonly Token[],
  k: number,
  text: string,
  lex: CompiledLexicon,
): string | undefined {
  let s = k + 1;
  if (/^(?:a|an|the)$/.test(tokens[s]?.text ?? '')) s++;
  let e = s;
  while (e < tokens.length && !/^[,;:.!?"“”()]$/.test(tokens[e]!.text)) e++;
  if (e === s || e - s > 18) return undefined;
  const first = tokens[s]!.text;
  if (
    /(?:ed|ing)$/.test(first) ||
    /^(?:along|with|as|at|in|on|for|by|from|of|to|who|whose|which|where|when|now|then|also|both|all)$/.test(first)
  )
    return undefined;
  if (
    !/^\p{Ll}/u.test(first) &&
    !lex.titleWords.has(first) &&
    !lex.modifiers.has(first) &&
    !lex.demonyms.has(first) &&
    lex.known.get(first) !== 'place'
  )
    return undefined;
  for (let m = s; m < e; m++) if (/^(?:said|says|told|who|which|that|and|but)$/.test(tokens[m]!.text)) return undefined;
  // The role must be among the first words, lowercase ("senior analyst", "professor").
  let hasRole = false;
  for (let m = s; m < Math.min(e, s + 4) && !hasRole; m++) {
    const w = tokens[m]!.text;
    const two = m + 1 < e ? `${w} ${tokens[m + 1]!.text}` : '';
    hasRole =
      (lex.roles.has(w) || lex.roles.has(two.toLowerCase()) || (lex.titleWords.has(w) && m === s)) &&
      (/^\p{Ll}/u.test(w) || lex.titleWords.has(w));
  }
  if (!hasRole) return undefined;
  return text.slice(tokens[s]!.start, tokens[e - 1]!.end);
}

/**
 * A description written before the name: the split-off title ("Russian Foreign
 * Minister") or a lowercase role with capitalised modifiers ("Republican candidate").
 */
export function titleBefore(
  tokens: readonly Token[],
  chunk: Chunk,
  text: string,
  lex: CompiledLexicon,
): string | undefined {
  if (chunk.titleFirst !== undefined) {
    for (let k = chunk.titleFirst; k < chunk.first; k++) {
      if (!lex.honorifics.has(tokens[k]!.text))
        return text.slice(tokens[chunk.titleFirst]!.start, tokens[chunk.first - 1]!.end);
    }
    return undefined;
  }
  let s = chunk.first;
  let sawRole = false;
  let nouns = 0;
  let passedModifier = false;
  while (s > 0) {
    const w = tokens[s - 1]!.text;
    const lower = /^\p{Ll}/u.test(w);
    if (lower && lex.roles.has(w) && !passedModifier && (!sawRole || nouns === 0)) sawRole = true;
    else if (
      sawRole &&
      lower &&
      !passedModifier &&
      /^\p{Ll}[\p{Ll}-]+$/u.test(w) &&
      !/(?:ing|ed|ly)$/.test(w) &&
      !DESC_STOP.test(w) &&
      nouns < 2
    ) {
      nouns++; // "terrorism specialist", "committee member"
    } else if (
      !lower &&
      (lex.modifiers.has(w) || lex.demonyms.has(w) || lex.known.has(w) || (sawRole && /^\p{Lu}{2,6}$/u.test(w)))
    ) {
      passedModifier = true;
    } else break;
    s--;
  }
  if (!sawRole || s === chunk.first) return undefined;
  return text.slice(tokens[s]!.start, tokens[chunk.first - 1]!.end);
}
