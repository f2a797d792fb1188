/**
 * Direct quotes: which quoted regions are speech, and whose. Cues are read after the
 * closing mark (`," he told X`, `," said Kerry`), before the opening mark
 * (`Kerry said: "`, `telling the Nevada Independent: "`, `", Cengiz said, "`), at the
 * end of the sentence (`…", the article read.`), or inherited from the previous quote
 * of the paragraph / a quote continuing from the previous paragraph.
 */
import type { QuoteSpan } from './quote-spans';
import type { Span } from './segment';
import { SPEECH_VERB, type Discourse, type SubjectMatch } from './speakers';

/** How a quoted region was classified. */
export type DirectResult =
  { kind: 'speech'; speaker: SubjectMatch | null; cuePos: number } | { kind: 'unattributed' } | { kind: 'not-quote' };

const VERB_AFTER = new RegExp(
  `^\\s*(?:,[^,"“”]{1,200},\\s*)?(?:(?:also|then|later|further|again|once again)\\s+)?(?:${SPEECH_VERB})\\b`,
);
const VERB_FIRST = new RegExp(`^(?:${SPEECH_VERB})\\s+`);
const VERB_ANY = new RegExp(`\\b(?:${SPEECH_VERB}|telling|saying|adding|noting|writing|speaking|spoke|spoken)\\b`, 'g');
const TERM_BEFORE =
  /(?:so-called|so called|dubbed|called|named|titled|entitled|known as|term|terms|word|words|phrase|slogan|label|hashtag|motto|headline|banner|nicknamed|branded|as)\s*$/i;
const VERB_END = new RegExp(`\\b(?:${SPEECH_VERB}|tweeted|posted)$`);
const TRAILING = new RegExp(`\\s(?:(?:also|then|later)\\s+)?(?:${SPEECH_VERB})\\s*[.!?]?\\s*$`);

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
  if (TERM_BEFORE.test(before) && words <= 8) return { kind: 'not-quote' };
  if (words < 2) return { kind: 'not-quote' };
  // A label line: "Recommended: "Title"", "Also read : "Title"".
  const afterEnd = Math.min(nextStart, Math.max(sentence.end, q.close + 1));
  const lineBefore = text.slice(para.start, q.open).trim();
  const lineAfter = q.close < 0 ? '' : text.slice(q.close + 1, para.end).trim();
  if (
    /:$/.test(lineBefore) &&
    wordCount(lineBefore) <= 3 &&
    !disc.hasSubjectIn(para.start, q.open) &&
    lineAfter.length <= 1
  )
    return { kind: 'not-quote' };

  if (q.close >= 0) {
    let a = q.close + 1;
    while (a < afterEnd && /[\s,.!?—–-]/.test(text[a]!)) a++;
    const after = text.slice(a, afterEnd);
    const inv = VERB_FIRST.exec(after);
    if (inv) {
      const s = disc.subjectAt(a + inv[0].length);
      if (s) return { kind: 'speech', speaker: s, cuePos: s.start };
    }
    // The subject may follow a title: `," SpaceX founder Elon Musk told …`.
    for (let p = a; p < Math.min(afterEnd, a + 80); p++) {
      if (p > a && !/\s/.test(text[p - 1]!)) continue;
      if (/[,.;:!?"“”]/.test(text.slice(a, p))) break;
      const s = disc.subjectAt(p);
      if (s && VERB_AFTER.test(text.slice(s.end, afterEnd))) return { kind: 'speech', speaker: s, cuePos: s.start };
    }
  }
  const bt = before.trimEnd();
  if (/[:,]$/.test(bt) || VERB_END.test(bt) || (bt === '' && prevEnd > para.start)) {
    VERB_ANY.lastIndex = 0;
    let verbPos = -1;
    for (let m = VERB_ANY.exec(before); m; m = VERB_ANY.exec(before)) verbPos = beforeFrom + m.index;
    if (verbPos >= 0) {
      const s = subjectBefore(text, beforeFrom, verbPos, disc) ?? subjectBefore(text, sentence.start, verbPos, disc);
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
  // Partial quote inside a sentence: "Lavrov described it as a "significant …" package".
  if (bt !== '' && !/[:,]$/.test(bt) && words >= 3) {
    const s = subjectBefore(text, sentence.start, q.open, disc);
    if (s && s.subject.kind === 'entity') return { kind: 'speech', speaker: s, cuePos: s.start };
  }
  return { kind: 'unattributed' };
}
