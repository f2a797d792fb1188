/**
 * Reported statements: "X said that …", "X, in turn, noted that …", "According to X, …",
 * "…, X said.", "He also said that …", "The expert suggested that …". The statement
 * text is the reported clause; the speaker phrase is resolved by the caller.
 */
import { CUE_ADVERB, REPORT_VERB, WEAK_REPORT_VERB } from './cue-verbs';
import { ANY_CLAUSE_SUBJECT, sentenceSubject, trailingCue } from './direct-quotes';
import type { Sentence } from './document';
import type { Span } from './segment';
import { maskAbbreviations, type Discourse, type SubjectMatch } from './speakers';
import { bestCue, contentSpan, lowerWords, sentenceView, type StatementModel } from './statement-model';

/** A reported clause with the phrase naming its speaker. */
export interface Reported {
  text: Span;
  speaker: SubjectMatch;
}

const REPORT = new RegExp(`\\b(?:${REPORT_VERB})\\b(?:\\s+that\\b)?`, 'g');
/** "told reporters (on Monday) that": the clause starts after "that" when it comes soon. */
const OBJECT_THAT = /^[^,.;"“”]{0,60}?\bthat\b/;
/** A verb or auxiliary in a subject phrase: "X is said", "X, who was said" are no cue. */
const NOT_A_SUBJECT =
  /\b(?:is|are|was|were|be|been|being|do|does|did|can|could|should|may|might|must|not|so|that|which|if|what|when|how|why|to)\b|^(?:it|there|this|you|i|we|they)$/i;
/** "…, said Ann Lee, an aide to the mayor.": the cue closes the sentence, verb first. */
const INVERTED_TRAILING = new RegExp(
  `(,\\s*(?:${REPORT_VERB})\\s+)(?=\\p{Lu}|the\\s|a\\s|an\\s|one\\s)[^,.;:!?"“”]*(?:,[^.;:!?"“”]*)?[.!?]?\\s*$`,
  'u',
);
const TRAILING = new RegExp(`(?:\\s*,\\s*in turn\\s*,|(?:\\s+(?:${CUE_ADVERB}))+)\\s*$`);

/** `, saying (that) …`: a participle of saying after a comma reports the clause after it. */
const PARTICIPLE_REPORT =
  /,\s+(?:(?:also|then|later|instead)\s+)?(?:saying|arguing|noting|adding|claiming|insisting|warning|suggesting|explaining|acknowledging|contending|predicting|declaring|asserting|stressing|charging)\s+(?:that\s+)?/;

/** A sentence closed by `, <up to 7 words> said (on Monday).`: the words are the speaker phrase. */
const TRAILING_ANY =
  /,\s+((?:[\p{L}\p{N}'’.-]+\s+){0,6}?[\p{L}'’.-]+)\s+(?:(?:also|later)\s+)?(?:said|say|says|added|noted|wrote|argued|told reporters)(?:\s+(?:on|in|last|this|late|early)\s+[\p{L}\s]{1,20})?[.!?]?\s*$/u;

/** The noun phrase after "according to" that names no known speaker: up to the next comma or the end. */
function unnamedSource(text: string, p: number, end: number): SubjectMatch | undefined {
  const m = /^[^,.;:!?"“”]{2,80}/.exec(text.slice(p, end));
  return m ? { start: p, end: p + m[0].length, subject: { kind: 'unresolved' } } : undefined;
}

function clause(text: string, s: number, e: number): Span | undefined {
  while (s < e && /[\s,:]/.test(text[s]!)) s++;
  while (e > s && /[\s.!?,;]/.test(text[e - 1]!)) e--;
  const words = text.slice(s, e).split(/\s+/).length;
  if (words < 3 || /^["“«„]/.test(text[s] ?? '')) return undefined;
  return { start: s, end: e };
}

/** Reported statements of one sentence `[s.start, s.end)` that holds no direct quote. */
export function findReported(text: string, s: Span, disc: Discourse, quoted: readonly Span[]): Reported[] {
  const inQuote = (pos: number): boolean => quoted.some((q) => pos >= q.start && pos < q.end);
  const seg = text.slice(s.start, s.end);
  // "According to X, clause" / "clause, according to X."
  const acc = /(?:^|,\s*)[Aa]ccording to\s+/.exec(seg);
  if (acc && !inQuote(s.start + acc.index)) {
    const p = s.start + acc.index + acc[0].length;
    // "according to people in attendance": any source counts, named or not.
    const subj = disc.subjectAt(p) ?? unnamedSource(text, p, s.end);
    if (subj) {
      if (acc.index === 0 || /^[A-Z]/.test(acc[0].trim())) {
        const t = clause(text, subj.end, s.end);
        if (t) return [{ text: t, speaker: subj }];
      } else {
        const t = clause(text, s.start, s.start + acc.index);
        if (t) return [{ text: t, speaker: subj }];
      }
    }
  }
  REPORT.lastIndex = 0;
  for (let m = REPORT.exec(seg); m; m = REPORT.exec(seg)) {
    const verbPos = s.start + m.index;
    if (inQuote(verbPos)) continue;
    const hasThat = /\sthat$/.test(m[0]);
    if (!hasThat && WEAK_REPORT_VERB.test(m[0])) continue;
    const subj = subjectOfVerb(text, s.start, verbPos, disc);
    if (!subj) continue;
    let from = verbPos + m[0].length;
    const rest = text.slice(from, s.end);
    // "said to a crowd", "agreed to talk": no reported clause; "said in a speech that …": after "that".
    if (!hasThat && /^(?:said|says|say)$/.test(m[0]) && /^\s*to\s/.test(rest)) continue;
    if (!hasThat && /^\s*(?:at|in|on|during|after|before|with|of|for|about|from|by|near|while|when)\b/.test(rest)) {
      const that = OBJECT_THAT.exec(rest);
      if (that) from += that[0].length;
    }
    const obj =
      /^(?:told|tells|tell|asked|warned|reminded|assured|informed)\b/.test(m[0]) &&
      OBJECT_THAT.exec(text.slice(from, s.end));
    if (obj) from += obj[0].length;
    const t = clause(text, from, s.end);
    if (t && quotedShare(t, quoted) <= 0.8) return [{ text: t, speaker: subj }];
  }
  // "X endorsed Y on Monday, saying (that) …": the participle reports for the sentence's subject.
  const part = PARTICIPLE_REPORT.exec(seg);
  if (part && !inQuote(s.start + part.index)) {
    const from = s.start + part.index + part[0].length;
    const t = clause(text, from, s.end);
    const subj = sentenceSubject(text, s.start, s.start + part.index, disc) ?? {
      start: s.start,
      end: s.start,
      subject: { kind: 'unresolved' },
    };
    if (t && quotedShare(t, quoted) <= 0.5) return [{ text: t, speaker: subj }];
  }
  const inv = INVERTED_TRAILING.exec(seg);
  if (inv && !inQuote(s.start + inv.index)) {
    const from = s.start + inv.index + inv[1]!.length;
    const subj = disc.phraseSubject(from, s.end);
    const t = subj && clause(text, s.start, s.start + inv.index);
    if (subj && t && quotedShare(t, quoted) <= 0.8) return [{ text: t, speaker: subj }];
  }
  const tr = trailingCue(text, s.start, s.end, disc);
  if (tr && !quoted.some((q) => q.end >= tr.clauseEnd - 2 && q.start < tr.clauseEnd)) {
    const t = clause(text, s.start, tr.clauseEnd);
    if (t) return [{ text: t, speaker: tr.subject }];
  }
  // "…, officials said." / "…, two people familiar with the talks said on Monday.": any short subject.
  const end = TRAILING_ANY.exec(seg);
  if (end && !inQuote(s.start + end.index) && !NOT_A_SUBJECT.test(end[1]!)) {
    const from = s.start + end.index + end[0].indexOf(end[1]!);
    const subj = disc.phraseSubject(from, from + end[1]!.length) ?? {
      start: from,
      end: from + end[1]!.length,
      subject: { kind: 'unresolved' },
    };
    const t = clause(text, s.start, s.start + end.index);
    if (t && quotedShare(t, quoted) <= 0.5) return [{ text: t, speaker: subj }];
  }
  return [];
}

/** The share of `t` inside quote marks: a clause that is mostly quoted is a direct quote. */
function quotedShare(t: Span, quoted: readonly Span[]): number {
  let inside = 0;
  for (const q of quoted) inside += Math.max(0, Math.min(q.end, t.end) - Math.max(q.start, t.start));
  return inside / Math.max(1, t.end - t.start);
}

/**
 * The subject of the verb at `verbPos`: the noun phrase right before it (an appositive, "in
 * turn", "also" or "has" may sit between), itself at the start of the sentence or after a comma
 * or a conjunction ("In turn, Lavrov stressed …", "…, but aides say …"). A phrase that names no
 * known speaker still counts ("Most voters say …") and gives a statement without a speaker.
 */
function subjectOfVerb(text: string, from: number, verbPos: number, disc: Discourse): SubjectMatch | undefined {
  const owner = possessorOf(text, from, verbPos, /^[\p{L}]*/u.exec(text.slice(verbPos))![0], disc);
  if (owner) return owner;
  const head = text.slice(from, verbPos).replace(TRAILING, '');
  const parts = head.split(',');
  let last = parts.length - 1;
  let end = from + head.length;
  if (parts[last]!.trim() === '' && parts.length >= 3) {
    // "X, a professor at Y, said": the subject is before the appositive. With several commas
    // ("X, chief of Y, a Z company, said", "In May, X, who …, said") the first part that names
    // a speaker is the subject.
    for (let i = 0, off = from; i < last - 2; off += parts[i]!.length + 1, i++) {
      const raw = parts[i]!.replace(/^\s*(?:and|but|yet|so|while|as)\s+/i, (w) => ' '.repeat(w.length));
      if (raw.trim().split(/\s+/).length > 8 || /["“”]/.test(raw)) continue;
      const subj = disc.phraseSubject(off, off + raw.length);
      if (subj && (subj.subject.kind === 'entity' || subj.subject.kind === 'pronoun')) return subj;
    }
    end = from + parts.slice(0, last - 1).join(',').length;
    last -= 2;
  }
  const start = from + parts.slice(0, last).join(',').length + (last > 0 ? 1 : 0);
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  let phrase = text.slice(start, end).trim();
  const opener =
    /^(?:and|but|while|as|though|although|because|since|so|yet|meanwhile|instead|still|now|however|even as)\s+/i.exec(
      phrase,
    );
  if (opener) phrase = phrase.slice(opener[0].length);
  if (/^(?:and|but)(?:\s+(?:also|then|later))?$/i.test(phrase) && last > 0) {
    // "She blamed the violence on X, and said …": the subject the sentence opens with.
    const subj = sentenceSubject(text, from, verbPos, disc);
    return subj && subj.subject.kind !== 'unresolved' ? subj : undefined;
  }
  if (/\s(?:and|but)$/.test(phrase) && last === 0) {
    // "Ann Lee became a delegate and said …": the subject of the sentence's first verb.
    const m = ANY_CLAUSE_SUBJECT.exec(text.slice(from, verbPos));
    const subj = m ? disc.phraseSubject(from, from + m[1]!.length) : undefined;
    return subj && subj.subject.kind !== 'unresolved' ? subj : undefined;
  }
  if (phrase === '' || /\band$/.test(phrase) || /^and\b/.test(phrase)) return undefined;
  // "Sen. Ann Lee (R-Ohio) said": the parenthesis is no part of the name.
  const masked = maskAbbreviations(phrase).replace(/\s*\([^)]*\)/g, '');
  // "Kerry and Lavrov reaffirmed": a compound subject reports, but is not one speaker.
  if (/\s(?:and|or)\s/.test(masked) && !/[.;:!?"“”()]/.test(masked) && masked.split(/\s+/).length <= 8) {
    // "Lee and her lawyers have denied …", "Lee and Ruiz both stressed …": what the first one, a
    // named person or organisation, said with the others; "Lee or Ruiz" says nothing of either.
    const and = /\s(?:and|or)\s/.exec(phrase)!;
    const first = /\sand\s/.test(and[0])
      ? disc.phraseSubject(end - phrase.length, end - phrase.length + and.index)
      : undefined;
    if (first && first.subject.kind === 'entity') return first;
    return { start: end - phrase.length, end, subject: { kind: 'unresolved' } };
  }
  if (NOT_A_SUBJECT.test(masked) || /[.;:!?"“”()]/.test(masked) || phrase.split(/\s+/).length > 8) return undefined;
  const subj = disc.phraseSubject(end - phrase.length, end);
  if (subj) return subj;
  if (
    /^(?:\p{Lu}|(?:the|a|an|some|many|most|several|few|both|all|other|their|his|her|its|our|critics|experts|officials|analysts|aides|voters)\b)/u.test(
      phrase,
    )
  )
    return { start: end - phrase.length, end, subject: { kind: 'unresolved' } };
  return undefined;
}

/** Nouns that report what their possessor said or holds: `Lee's claim that …`. */
const CUE_NOUN =
  /^(?:claims?|assertions?|arguments?|contentions?|beliefs?|insistence|promises?|pledges?|warnings?|critiques?|criticisms?|accusations?|allegations?|charges?|remarks?|comments?|statements?|suggestions?|views?|calls?|praise|denials?|descriptions?|vows?|threats?|proposals?|positions?|declarations?|admissions?|announcements?|predictions?|insinuations?|complaints?|boasts?|assurances?)$/i;

/**
 * The possessor of a cue noun: `Lee's (repeated) claim that …` is Lee's. Only for nouns: before a
 * verb the possessor is no subject (`Lee's spokesman said`).
 */
function possessorOf(
  text: string,
  from: number,
  cuePos: number,
  word: string,
  disc: Discourse,
): SubjectMatch | undefined {
  if (!CUE_NOUN.test(word)) return undefined;
  const m = /(['’]s|s['’])(?:\s+[\p{L}-]+){0,2}\s*$/u.exec(text.slice(from, cuePos));
  if (!m) return undefined;
  const end = from + m.index + (m[1]!.startsWith('s') ? 1 : 0);
  const s = disc.subjectEndingAt(from, end);
  return s && s.subject.kind === 'entity' ? s : undefined;
}

/** Auxiliaries and adverbs between a subject and its verb: `Lee has repeatedly argued`. */
const AUX_ADVERBS =
  /(?:\s+(?:has|have|had|would|will|could|can|did|does|do|is|are|was|were|may|might|must|should|also|again|still|then|later|even|already|never|often|long|once|both|all|nevertheless|now|\p{Ll}{3,}ly))*\s*$/u;

/**
 * The name or he/she right before the cue verb, past auxiliaries and adverbs: `…, while Lee
 * has repeatedly argued that`, `… after Lee accused him of …`. Not a passive (`Lee was
 * criticized`), not the object of a verb or a preposition (`a spokesman for Lee said`).
 */
function adjacentSubject(
  text: string,
  from: number,
  cuePos: number,
  word: string,
  disc: Discourse,
): SubjectMatch | undefined {
  const head = text.slice(from, cuePos);
  const aux = AUX_ADVERBS.exec(head)!;
  if (/\b(?:is|are|was|were)\b/.test(aux[0]) && /(?:ed|en)$/.test(word)) return undefined;
  const s = disc.subjectEndingAt(from, from + aux.index);
  if (!s || disc.isObject(s.start)) return undefined;
  return s;
}

/**
 * A statement the rules missed, found by the learned model (statement-model.ts): the sentence's
 * most likely cue word, when its probability reaches the model's threshold, with the content
 * after it (or the clause before a closing cue). The speaker is the subject phrase before the
 * cue, or the name or he/she the sentence opens with; otherwise the statement has none.
 * `quoted`: the document's quoted regions; `paraQuoted`: those of the sentence's paragraph.
 */
export function findModelStatement(
  text: string,
  s: Sentence,
  disc: Discourse,
  quoted: readonly Span[],
  paraQuoted: readonly Span[],
  model: StatementModel,
  firstInPara: boolean,
): Reported | undefined {
  // Lowercased once: the cue check and the model's features read the same words.
  const lower = lowerWords(s.tokens);
  if (!lower.some((w) => model.cues.has(w))) return undefined;
  const cue = bestCue(model, sentenceView(s.tokens, paraQuoted, { para: s.para, firstInPara }, lower));
  if (!cue || cue.p < model.threshold) return undefined;
  const t = contentSpan(s.tokens, cue.token, s, cue.before);
  if (!t || quotedShare(t, quoted) > 0.5) return undefined;
  const cueStart = s.tokens[cue.token]!.start;
  const unresolved: SubjectMatch = { start: s.start, end: s.start, subject: { kind: 'unresolved' } };
  if (t.start > cueStart) {
    const word = s.tokens[cue.token]!.text;
    const subj =
      adjacentSubject(text, s.start, cueStart, word, disc) ??
      subjectOfVerb(text, s.start, cueStart, disc) ??
      sentenceSubject(text, s.start, cueStart, disc) ??
      disc.lastNameBefore(s.start, cueStart, quoted);
    return { text: t, speaker: subj ?? unresolved };
  }
  // "…, <subject> cue.": the words between the comma and the cue name the speaker.
  let c = cue.token - 1;
  while (c > 0 && s.tokens[c]!.text !== ',') c--;
  const from = s.tokens[c + 1]?.start ?? cueStart;
  const subj =
    (from < cueStart ? disc.phraseSubject(from, s.tokens[cue.token - 1]!.end) : undefined) ??
    disc.lastNameBefore(from, s.end, quoted);
  return { text: t, speaker: subj ?? unresolved };
}
