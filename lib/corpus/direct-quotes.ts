/**
 * Direct quotes: which quoted regions are speech, and whose. Cues are read after the
 * closing mark (`," he told X`, `," said Kerry`), before the opening mark
 * (`Kerry said: "`, `telling the Nevada Independent: "`, `", Cengiz said, "`), at the
 * end of the sentence (`…", the article read.`), or inherited from the previous quote
 * of the paragraph / a quote continuing from the previous paragraph.
 */
import type { QuoteSpan } from './quote-spans';
import type { Span } from './segment';
import { CUE_ADVERB, SPEECH_PARTICIPLE, SPEECH_VERB, STANCE_VERB } from './cue-verbs';
import { maskAbbreviations, type Discourse, type SubjectMatch } from './speakers';

/** How a quoted region was classified. */
export type DirectResult =
  { kind: 'speech'; speaker: SubjectMatch | null; cuePos: number } | { kind: 'unattributed' } | { kind: 'not-quote' };

const VERB_ANY = new RegExp(`\\b(?:${SPEECH_VERB}|${SPEECH_PARTICIPLE})\\b`, 'g');
const TERM_BEFORE =
  /\b(?:so-called|so called|dubbed|called|named|titled|entitled|known as|term|terms|word|words|phrase|slogan|label|hashtag|motto|headline|banner|nicknamed|branded|as)\s*$/i;
/**
 * `described the plan as "…"`, `which he called "…"`: the `as` or `called` before the quote is the complement
 * of an evaluative verb of the clause's subject, so the fragment is that subject's words, not a term.
 */
const EVALUATED_AS =
  /\b(?:describ(?:ed|es|ing)|refer(?:red|s|ring)\s+to|characteri[sz](?:ed|es|ing)|dismiss(?:ed|es|ing)|criticiz(?:ed|es|ing)|criticis(?:ed|es|ing)|reject(?:ed|s|ing)|mock(?:ed|s|ing)|hail(?:ed|s|ing)|slamm(?:ed|ing)|slams|portray(?:ed|s|ing)|denounc(?:ed|es|ing)|blast(?:ed|s|ing)|lambast(?:ed|s|ing)|deride[ds]?|deriding|ridicul(?:ed|es|ing)|condemn(?:ed|s|ing)|introduc(?:ed|es|ing)|identifi(?:ed|es)|identifying|cast(?:s|ing)?|label(?:l?ed|s|l?ing)|brand(?:ed|s|ing))\b[^“”".;:!?]{0,80}\bas\s*$/i;
const CALLED_BY_SUBJECT =
  /\b(?:he|she|they|we|I|who|whom|what|which)\s+(?:(?:has|had|have|also|once|repeatedly|then|later)\s+)*called\s*$/;
/** A determiner or possessive pronoun right before a quote's opening mark. */
const DETERMINER_END = /(?:^|\s)(?:a|an|the|his|her|its|their|our|my|your|this|that|these|those)\s*$/i;
/** A verb of speech or stance (not the auxiliaries the stance list also holds) anywhere in a text. */
const VERB_OR_STANCE = new RegExp(
  `\\b(?:${SPEECH_VERB}|${SPEECH_PARTICIPLE}|${STANCE_VERB.split('|')
    .filter((v) => !/^(?:has|had|is|was)$/.test(v))
    .join('|')})\\b`,
);

/** Any speech verb or participle ending the text before a quote (`…, saying "…"`). */
const VERB_ANY_END = new RegExp(`\\b(?:${SPEECH_VERB}|${SPEECH_PARTICIPLE})$`);
const VERB_END = new RegExp(`\\b(?:${SPEECH_VERB}|tweeted|posted)$`);
const TRAILING = new RegExp(`\\s(?:(?:also|then|later)\\s+)?(?:${SPEECH_VERB})\\s*[.!?]?\\s*$`);

/** `," said Sen. Ann Lee`: an inverted cue, any speech verb or a past tense after attribution punctuation. */
const INVERTED = new RegExp(`^(?:(?:${CUE_ADVERB})\\s+)?(?:${SPEECH_VERB}|(\\p{Ll}{3,}ed))\\s+(?=[\\p{L}])`, 'u');
/** `," Ms. Lee said`, `," the campaign said in a statement`: the verb after the speaker phrase. */
const VERB_AFTER_PHRASE = new RegExp(
  `(?:,\\s*)?(?:\\s(?:${CUE_ADVERB}))?\\s+(?:${SPEECH_VERB}|(\\p{Ll}{3,}ed))\\b`,
  'gu',
);

/** A preposition opening the words after a quote: an adverbial, not the speaker. */
const LEADING_PREP =
  /^(?:in|on|at|during|with|without|for|from|by|about|over|into|to|of|than|like|under|against|through|across|among|amid|via|inside|outside|near|despite|toward|towards|onto|upon)\s/i;

/**
 * A speech verb then its speaker right before the quote (`Said Ann Lee,` / `added Lee:` / `Said Ann Lee, who
 * grew up here,`). Only verbs
 * whose inverted subject may follow them: not "told"/"asked", whose object follows them.
 */
const INVERTIBLE =
  'said|says|added|adds|continued|continues|wrote|writes|replied|responded|recalled|noted|explained|quipped|concluded|declared|insisted|argued|warned|stated|observed|countered|remarked|joked';
const INVERTED_BEFORE = new RegExp(
  `(?:^|[\\s,])(?:${INVERTIBLE}|${INVERTIBLE.replace(/(^|\|)(\w)/g, (_, bar: string, c: string) => bar + c.toUpperCase())})\\s+(\\p{Lu}[^,;:"“”]{0,100}?)(?:,\\s*(?:who|whose|an?|the)\\s[^;:"“”]{0,150}?)?\\s*[,:]$`,
  'du',
);

/**
 * The end of a noun phrase starting at `pos`: the first comma, clause punctuation or quote
 * mark; a period ends it only when it does not close an abbreviation ("Sen.", "J.", "U.S.").
 */
function phraseEnd(text: string, pos: number, limit: number): number {
  for (let i = pos; i < limit; i++) {
    const c = text[i]!;
    if (c === '.') {
      const word = /[\p{L}.]+$/u.exec(text.slice(Math.max(pos, i - 6), i))?.[0] ?? '';
      if (
        /^(?:\p{Lu}|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Adm|Maj|Sgt|Rev|Prof|St|Jr|Sr|Ft|Mt|(?:\p{Lu}\.)+\p{Lu})$/u.test(
          word,
        )
      )
        continue;
      return i;
    }
    if (/[,;:!?"“”(\n]/.test(c)) return i;
  }
  return limit;
}

/**
 * The cue after a closing mark: inverted (`," said Sen. Ann Lee of Ohio`) or speaker then verb
 * (`," Judicial Watch President Tom Fitton said`, `," she added`). `attributive` says whether the
 * quote ended with a comma, "?" or "!": then any past-tense verb counts (`," Lee scoffed`).
 */
function cueAfter(
  text: string,
  a: number,
  afterEnd: number,
  attributive: boolean,
  disc: Discourse,
): SubjectMatch | undefined {
  const after = text.slice(a, afterEnd);
  const inv = INVERTED.exec(after);
  if (inv && (attributive || !inv[1])) {
    const from = a + inv[0].length;
    const s = disc.phraseSubject(from, phraseEnd(text, from, Math.min(afterEnd, from + 150)));
    if (s) return s;
  }
  VERB_AFTER_PHRASE.lastIndex = 0;
  for (let m = VERB_AFTER_PHRASE.exec(after); m && m.index < 160; m = VERB_AFTER_PHRASE.exec(after)) {
    if (m[1] && !attributive) continue;
    const head = after.slice(0, m.index);
    // A clause boundary before the verb: the verb belongs to another subject.
    if (/[.;:!?"“”]\s/.test(maskAbbreviations(head))) break;
    // `…, "a disgrace," and threatened …`: a conjunction carries on the clause before the quote; so does
    // `"…" that Lee can win, said X`: a clause the quote began, not a speaker phrase.
    if (/^\s*(?:and|but|or|then|that)\b/.test(head)) break;
    // Words opening with a preposition are no subject: `" with the plan but lamented …`.
    if (LEADING_PREP.test(head) && !head.includes(',')) continue;
    const s = disc.phraseSubject(a, a + m.index);
    if (s) return s;
  }
  return undefined;
}

const MINOR_WORD = /^(?:of|the|a|an|and|or|for|to|in|on|with|at|by|from|as|is|de|la|el|vs\.?|&)$/;

/** Title Case words only (minor words aside), at most 10: a show, book or slogan, not speech. */
export function isTitleLike(inner: string): boolean {
  const words = inner
    .replace(/[.,!?:;'’‘]+$/g, '')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0 || words.length > 10) return false;
  if (!/^[\p{Lu}\p{N}]/u.test(words[0]!.replace(/^['‘’(]/, ''))) return false;
  return words.every((w) => /^['‘’(]?[\p{Lu}\p{N}]/u.test(w) || MINOR_WORD.test(w));
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * A trailing attribution in `[from, end)`: "…, Viktor Sergeyev, professor at X, said."
 * Returns the subject and the position of the comma that ends the reported clause.
 */
export function trailingCue(
  text: string,
  from: number,
  end: number,
  disc: Discourse,
): { subject: SubjectMatch; clauseEnd: number } | undefined {
  const seg = text.slice(from, end);
  const v = TRAILING.exec(seg);
  if (!v) return undefined;
  const verbPos = from + v.index;
  // Subject directly before the verb, or before an appositive ", …," before the verb.
  const ends = [verbPos];
  let k = verbPos;
  while (k > from && /\s/.test(text[k - 1]!)) k--;
  if (text[k - 1] === ',') {
    for (let c = k - 2, n = 0; c > from && n < 3; c--) {
      if (text[c] === ',') {
        ends.push(c);
        n++;
      }
    }
  }
  for (const e of ends) {
    const s = disc.subjectEndingAt(from, e);
    if (!s) continue;
    let b = s.start;
    while (b > from && /\s/.test(text[b - 1]!)) b--;
    if (text[b - 1] === ',') return { subject: s, clauseEnd: b - 1 };
  }
  return undefined;
}

const END_INVERTED = new RegExp(`,\\s+(?:(?:${CUE_ADVERB})\\s+)?(?:${SPEECH_VERB})\\s+(?=\\p{L})`, 'gu');
const END_PLAIN = new RegExp(`,\\s+([^,]{1,120}?)\\s+(?:(?:${CUE_ADVERB})\\s+)?(?:${SPEECH_VERB})\\b[^,]{0,60}$`, 'u');

/**
 * The cue that closes a sentence after its quotes: `…," in the 2008 primary, said Prof. Ann Lee.`
 * or `… "a great deal of weight," party spokesman Ann Lee said on Monday.` Quoted text in
 * `[from, end)` is skipped; the phrase after an inverted verb may carry an appositive.
 */
export function sentenceEndCue(text: string, from: number, end: number, disc: Discourse): SubjectMatch | undefined {
  const seg = text.slice(from, end).replace(/[“"][^”"]*[”"]/g, (m) => 'Q'.repeat(m.length));
  if (/[“”"]/.test(seg)) return undefined;
  END_INVERTED.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = END_INVERTED.exec(seg); m; m = END_INVERTED.exec(seg)) last = m;
  if (last) {
    const start = from + last.index + last[0].length;
    const tail = seg.slice(last.index + last[0].length);
    // Only the phrase and its appositives may follow the verb: no second clause with a verb of speech.
    if (!/[.!?;:]\s+\p{Lu}/u.test(maskAbbreviations(tail).replace(/[.!?\s]+$/, ''))) {
      const s = disc.phraseSubject(start, phraseEnd(text, start, end));
      if (s && s.subject.kind !== 'unresolved') return s;
    }
  }
  const trimmed = seg.replace(/[\s.!?]+$/, '');
  const plain = END_PLAIN.exec(trimmed);
  if (plain) {
    const start = from + plain.index + plain[0].indexOf(plain[1]!);
    const s = disc.phraseSubject(start, start + plain[1]!.length);
    if (s && s.subject.kind !== 'unresolved') return s;
  }
  return undefined;
}

/** The subject of a cue verb inside `[from, verbPos)`: the subject right before it, else the first non-object name. */
function subjectBefore(text: string, from: number, verbPos: number, disc: Discourse): SubjectMatch | undefined {
  let e = verbPos;
  const trimmed = text.slice(from, e).replace(/(?:,?\s*(?:also|then|later|in turn)\s*,?)\s*$/, '');
  e = from + trimmed.length;
  const direct = disc.subjectEndingAt(from, e);
  if (direct && !disc.isObject(direct.start)) return direct;
  const app = /,[^,]{1,200},\s*$/.exec(text.slice(from, e));
  if (app) {
    const s = disc.subjectEndingAt(from, from + app.index);
    if (s) return s;
  }
  for (let p = from; p < verbPos; p++) {
    if (p > from && !/[\s,(]/.test(text[p - 1]!)) continue;
    const s = disc.subjectAt(p);
    if (s && s.start === p && !disc.isObject(p)) return s;
  }
  return undefined;
}

const PARTICIPLE = new RegExp(`^(?:${SPEECH_PARTICIPLE})$`);
/** A speech participle at the start of a text (`adding, …`). */
const PARTICIPLE_AT = new RegExp(`^(?:${SPEECH_PARTICIPLE})\\b`);
const TRAILING_ADVERBS = new RegExp(`(?:\\s+(?:${CUE_ADVERB}))+\\s*$`);
/** A capitalised run (a name, maybe after a title) or he/she opening a clause, then a lowercase word. */
const NAME_OR_PRONOUN = `((?:(?:\\p{Lu}[\\p{L}.'’-]*|of|the|de|al|bin|van|von)\\s+)*\\p{Lu}[\\p{L}.'’-]*|he|she|He|She)\\s+`;
/** A name or he/she opening a clause, then a verb of speech or stance (or any past tense). */
const CLAUSE_SUBJECT = new RegExp(
  `^${NAME_OR_PRONOUN}(?:(?:${CUE_ADVERB})\\s+)?(?:${SPEECH_VERB}|${STANCE_VERB}|\\p{Ll}{3,}ed)\\b`,
  'u',
);
/** A name or he/she opening a clause, then any lowercase word: the subject before `…, saying "…"` or `… and said`. */
export const ANY_CLAUSE_SUBJECT = new RegExp(`^${NAME_OR_PRONOUN}(?=\\p{Ll})`, 'u');

/** A subordinating word right before a subject: its verb is no cue for the quote after the clause. */
const SUBORDINATE_BEFORE =
  /\b(?:[Ww]hen|[Ww]henever|[Ii]f|[Bb]ecause|[Ww]hile|[Aa]fter|[Bb]efore|[Ss]ince|[Aa]lthough|[Tt]hough|[Uu]nless|[Uu]ntil)\s+(?:\p{Lu}[\p{L}.’'-]*\s+){0,3}$/u;

/** After a name: lowercase role words, then another name (`… campaign spokesman Brian Fallon`). */
const ROLE_THEN_NAME = /^\s+((?:[\p{Ll}-]+\s+){1,3})(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*/u;
/** Words that may stand before a role in such a phrase (`campaign`, `senior`, `press`). */
const ROLE_MODIFIER =
  /^(?:campaign|press|communications|senior|former|national|deputy|policy|political|legal|chief|executive|general|foreign|economic|security|digital|top|longtime|veteran)$/;

/**
 * The length of `rest` (the text right after a name) that continues that name's phrase with role words and
 * another name: ` campaign spokesman Brian Fallon` after `Clinton`, whose subject is then the last name.
 * 0 when it does not (`Clinton attacked Sanders`: `attacked` is no role).
 */
function roleThenName(rest: string, disc: Discourse): number {
  const role = ROLE_THEN_NAME.exec(rest);
  if (!role) return 0;
  const words = role[1]!.trim().split(/\s+/);
  const isRole = (w: string) => disc.isRoleWord(w);
  return words.some(isRole) && words.every((w) => isRole(w) || ROLE_MODIFIER.test(w)) ? role[0].length : 0;
}

/** The noun phrase right before a verb at `verbPos`, skipping one appositive (`X, an aide, said`). */
function phraseBefore(text: string, from: number, verbPos: number, disc: Discourse): SubjectMatch | undefined {
  const head = text.slice(from, verbPos).replace(TRAILING_ADVERBS, '');
  const parts = head.split(',');
  let end = from + head.length;
  let last = parts.length - 1;
  if (parts[last]!.trim() === '' && parts.length >= 3) {
    end = from + parts.slice(0, last - 1).join(',').length;
    last -= 2;
  }
  let start = from + parts.slice(0, last).join(',').length + (last > 0 ? 1 : 0);
  // `on "New Day," Lee said`: the closing mark of a title before the phrase is no part of it.
  while (start < end && /[\s"”’]/.test(text[start]!)) start++;
  return disc.phraseSubject(start, end);
}

/** The subject of the last clause in `[from, to)` that opens with a name or he/she and a verb. */
function clauseSubject(
  text: string,
  from: number,
  to: number,
  disc: Discourse,
  pattern: RegExp = CLAUSE_SUBJECT,
): SubjectMatch | undefined {
  const parts = text.slice(from, to).split(',');
  let offset = to;
  for (let i = parts.length - 1; i >= 0; i--) {
    offset -= parts[i]!.length + (i < parts.length - 1 ? 1 : 0);
    const raw = parts[i]!;
    const lead = raw.length - raw.trimStart().length;
    let body = raw.trimStart();
    let start = offset + lead;
    const op = /^(?:and|but|while|as|so|yet|then|now|still|also|meanwhile)\s+/i.exec(body);
    if (op) {
      body = body.slice(op[0].length);
      start += op[0].length;
    }
    const m = pattern.exec(body);
    if (!m) continue;
    const s = disc.phraseSubject(start, start + m[1]!.length + roleThenName(body.slice(m[1]!.length), disc));
    if (s && s.subject.kind !== 'unresolved') return s;
  }
  return undefined;
}

/**
 * The speaker of a quote that sits inside a sentence: the subject of the last speech verb before
 * it (`Comey said that … "extremely careless"`), or for a participle (`…, saying "…"`) and for
 * other verbs (`X insists the deal was "a disaster"`) the subject of the sentence's clause.
 */
function clauseSpeaker(text: string, from: number, to: number, disc: Discourse): SubjectMatch | undefined {
  const seg = text.slice(from, to).replace(/[“"][^”"]*[”"]/g, (m) => 'Q'.repeat(m.length));
  VERB_ANY.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = VERB_ANY.exec(seg); m; m = VERB_ANY.exec(seg)) last = m;
  if (last && !PARTICIPLE.test(last[0])) {
    const s = phraseBefore(text, from, from + last.index, disc);
    if (s && s.subject.kind !== 'unresolved') return s;
  }
  // After a participle or before a colon, the main clause's verb may be any verb.
  const any = last !== null || /:\s*$/.test(seg);
  return clauseSubject(text, from, last ? from + last.index : to, disc, any ? ANY_CLAUSE_SUBJECT : CLAUSE_SUBJECT);
}

/**
 * The speaker of a paragraph that ends with a colon and introduces the quote of the next one
 * (`Lee told reporters:`, `As Lee put it in May:`): the subject of its last clause.
 */
export function colonCue(text: string, para: Span, disc: Discourse): SubjectMatch | undefined {
  const colon = para.end - 1;
  const head = maskAbbreviations(text.slice(para.start, colon));
  const stop = Math.max(head.lastIndexOf('. '), head.lastIndexOf('? '), head.lastIndexOf('! '));
  const from = stop < 0 ? para.start : para.start + stop + 2;
  if (/[“”"]/.test(text.slice(from, colon))) return undefined;
  return clauseSpeaker(text, from, colon, disc);
}

/**
 * Classifies one quoted region of a paragraph and finds its speaker phrase.
 * `sentence` is the sentence holding the quote; `prevEnd`/`nextStart` bound the
 * text between this quote and its neighbours in the paragraph.
 */
export function classifyQuote(
  text: string,
  q: QuoteSpan,
  para: Span,
  sentence: Span,
  prevEnd: number,
  nextStart: number,
  disc: Discourse,
): DirectResult {
  const inner = text.slice(q.inner.start, q.inner.end);
  const words = wordCount(inner);
  const beforeFrom = Math.max(sentence.start, prevEnd, para.start);
  const before = text.slice(beforeFrom, q.open);
  if (TERM_BEFORE.test(before) && words <= 8) {
    const evaluated = EVALUATED_AS.exec(before);
    const verbAt = evaluated ? evaluated.index : CALLED_BY_SUBJECT.test(before) ? before.lastIndexOf('called') : -1;
    if (verbAt < 0) return { kind: 'not-quote' };
    // The subject right before the evaluative verb owns the fragment (`Lee dismissed the plan as "absurd"`).
    const s = phraseBefore(text, sentence.start, beforeFrom + verbAt, disc);
    if (s && s.subject.kind !== 'unresolved') return { kind: 'speech', speaker: s, cuePos: s.start };
  }
  // A title (`on "Fox News Sunday."`, `the book "Crashing the Party"`) or a headline with its byline.
  const closedWithComma = q.close >= 0 && /[,?!]/.test(text[q.close - 1] ?? '');
  if (q.close >= 0 && !closedWithComma && isTitleLike(inner)) return { kind: 'not-quote' };
  // `the "establishment" candidate`, `a "unity" lunch`: a scare-quoted word after a determiner, in a sentence
  // with no verb of speech or stance before it, is the writer's, not anyone's speech.
  if (
    words <= 3 &&
    DETERMINER_END.test(before) &&
    q.close >= 0 &&
    !/[,?!]/.test(text[q.close - 1] ?? '') &&
    !VERB_OR_STANCE.test(text.slice(sentence.start, sentence.end).replace(/[“"][^”"]*[”"]/g, ' '))
  )
    return { kind: 'not-quote' };
  // `on CNN's "New Day," Sen. Lee said`: a title inside the sentence, its comma the sentence's. Speech
  // quoted mid-sentence follows punctuation or its verb (`Lee said, "No,"`), not a word of the sentence.
  if (
    q.close >= 0 &&
    closedWithComma &&
    text[q.close - 1] === ',' &&
    isTitleLike(inner) &&
    /[\p{L}\p{N}’']$/u.test(before.trimEnd()) &&
    !VERB_END.test(before.trimEnd()) &&
    !VERB_ANY_END.test(before.trimEnd())
  )
    return { kind: 'not-quote' };
  if (q.close >= 0 && /^[,\s]*by\s+\p{Lu}/u.test(text.slice(q.close + 1, q.close + 30))) return { kind: 'not-quote' };
  // A label line: "Recommended: "Title"", "Also read : "Title"".
  let afterEnd = Math.min(nextStart, Math.max(sentence.end, q.close + 1));
  if (q.close >= 0 && afterEnd <= q.close + 1 && /[?!]/.test(text[q.close - 1] ?? '')) {
    // `"Is that all?" Lee said.`: the question mark ended the sentence, the cue is in the next one.
    const rest = maskAbbreviations(text.slice(q.close + 1, Math.min(nextStart, para.end)));
    const stop = rest.search(/[.!?](?=\s|$)/);
    afterEnd = q.close + 1 + (stop < 0 ? rest.length : stop + 1);
  }
  const lineBefore = text.slice(para.start, q.open).trim();
  const lineAfter = q.close < 0 ? '' : text.slice(q.close + 1, para.end).trim();
  if (
    /:$/.test(lineBefore) &&
    wordCount(lineBefore) <= 3 &&
    !disc.hasSubjectIn(para.start, q.open) &&
    lineAfter.length <= 1
  )
    return { kind: 'not-quote' };

  let unresolvedAfter: SubjectMatch | undefined;
  if (q.close >= 0) {
    let a = q.close + 1;
    while (a < afterEnd && /[\s,.!?—–-]/.test(text[a]!)) a++;
    const attributive =
      /[,?!—–-]/.test(text[q.close - 1] ?? '') || /^\s*[,—–]/.test(text.slice(q.close + 1, q.close + 3));
    let s = cueAfter(text, a, afterEnd, attributive, disc);
    if (!s || s.subject.kind === 'unresolved') s = sentenceEndCue(text, q.close + 1, sentence.end, disc) ?? s;
    // `Lee said "…" every time he …`: words after a fragment that name nobody yield to a cue before it.
    if (s && (attributive || s.subject.kind !== 'unresolved')) return { kind: 'speech', speaker: s, cuePos: s.start };
    unresolvedAfter = s;
  }
  const bt = before.trimEnd();
  // `Said Comey, "…"`, `But, said Lee, "…"`, `Continued Lee: "…"`: the verb before its speaker.
  const inv = INVERTED_BEFORE.exec(bt);
  if (inv) {
    // The name, without an appositive after it (`Said Ann Lee, who grew up here, "…"`).
    const [from, to] = inv.indices![1]!;
    const s = disc.phraseSubject(beforeFrom + from, beforeFrom + to);
    if (s && s.subject.kind !== 'unresolved') return { kind: 'speech', speaker: s, cuePos: s.start };
  }
  if (/[:,]$/.test(bt) || VERB_END.test(bt) || (bt === '' && prevEnd > para.start)) {
    VERB_ANY.lastIndex = 0;
    const verbs: number[] = [];
    for (let m = VERB_ANY.exec(before); m; m = VERB_ANY.exec(before)) verbs.push(beforeFrom + m.index);
    const verbPos = verbs.length ? verbs[verbs.length - 1]! : -1;
    if (verbPos >= 0) {
      // `Lee said that when Ruiz railed against X, "…"`: a verb of a subordinate clause is not the cue;
      // the verb before it is.
      let s: SubjectMatch | undefined;
      for (let v = verbs.length - 1; v >= 0 && !s; v--) {
        // `Lee said, adding, "…"`: a participle after another verb shares that verb's subject.
        if (v > 0 && PARTICIPLE_AT.test(text.slice(verbs[v], verbs[v]! + 12))) continue;
        s = subjectBefore(text, beforeFrom, verbs[v]!, disc) ?? subjectBefore(text, sentence.start, verbs[v]!, disc);
        if (s && v > 0 && SUBORDINATE_BEFORE.test(text.slice(Math.max(sentence.start, s.start - 40), s.start)))
          s = undefined;
      }
      if (s) return { kind: 'speech', speaker: s, cuePos: s.start };
      const sub = /according to\s+/.exec(before);
      if (sub) {
        const s2 = disc.subjectAt(beforeFrom + sub.index + sub[0].length);
        if (s2) return { kind: 'speech', speaker: s2, cuePos: s2.start };
      }
    }
  }
  if (q.close >= 0) {
    const t = trailingCue(text, q.close + 1, sentence.end, disc);
    if (t) return { kind: 'speech', speaker: t.subject, cuePos: t.subject.start };
  }
  // Partial quote inside a sentence: "Lavrov described it as a "significant …" package",
  // `X insists the deal was "a disaster"`, `X issued a statement: "…"`.
  if (bt !== '') {
    const s = clauseSpeaker(text, sentence.start, q.open, disc);
    if (s) return { kind: 'speech', speaker: s, cuePos: s.start };
  }
  if (bt !== '') {
    const s = sentenceSubject(text, sentence.start, q.open, disc);
    if (s) return { kind: 'speech', speaker: s, cuePos: s.start };
  }
  if (unresolvedAfter) return { kind: 'speech', speaker: unresolvedAfter, cuePos: unresolvedAfter.start };
  return { kind: 'unattributed' };
}

/** Words before a sentence's subject: a conjunction, a time or place adverbial ("On Thursday,"). */
const SENTENCE_LEAD =
  /^(?:(?:and|but|so|yet|still|now|then|meanwhile|instead|also)\b[\s,]*)?(?:(?:on|in|at|during|last|this|earlier|later|after|before|since)\b[^,“”"]{0,40},\s*)?/i;

/**
 * The subject a sentence opens with, for a quoted fragment later in it that no cue claims:
 * `Lee, the mayor, called the plan "a disaster"`, `On Monday, Lee blamed "the court"`.
 * Only a name or he/she followed by a verb-like lowercase word, a comma or a parenthesis.
 */
export function sentenceSubject(text: string, from: number, to: number, disc: Discourse): SubjectMatch | undefined {
  const lead = SENTENCE_LEAD.exec(text.slice(from, to))!;
  let s = disc.subjectAt(from + lead[0].length);
  if (!s || s.end >= to || (s.subject.kind !== 'entity' && s.subject.kind !== 'pronoun')) return undefined;
  const role = s.subject.kind === 'entity' ? roleThenName(text.slice(s.end, to), disc) : 0;
  if (role) {
    const head = disc.phraseSubject(s.start, s.end + role);
    if (!head || head.subject.kind !== 'entity') return undefined;
    s = head;
  }
  return /^(?:\s+\p{Ll}|,|\s\()/u.test(text.slice(s.end, s.end + 3)) ? s : undefined;
}
