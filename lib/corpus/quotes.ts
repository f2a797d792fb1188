/**
 * Quotes of one document in reading order: direct quotes (with speaker carry-over
 * inside a paragraph and across a quote that continues into the next paragraph) and
 * reported statements. Speakers are resolved as we read, so "he" means the last
 * person named or quoted before.
 */
import type { Entity, Mention, Quote } from '../pack/types';
import type { CompiledLexicon } from './compiled-lexicon';
import { classifyQuote, colonCue, sentenceSubject } from './direct-quotes';
import type { DocStructure, Sentence } from './document';
import type { QuoteSpan } from './quote-spans';
import type { Span } from './segment';
import { Discourse } from './speakers';
import { findModelStatement, findReported } from './statements';
import type { SourceDocument } from './types';

interface Found {
  span: Span;
  kind: Quote['kind'];
  speakerId: string | null;
  /** Direct quotes only: no cue found, speaker may be inherited. */
  open?: boolean;
  para: number;
  unclosed?: boolean;
  /** Direct quotes only: the quote opens its paragraph. */
  leads?: boolean;
  /** Direct quotes only: the speaker was carried over from the previous paragraph. */
  continued?: boolean;
}

/**
 * The speaker a paragraph that opens with an uncued quote continues: the speaker of the
 * previous paragraph's last quote or statement (`…," Lee said.` ¶ `"…"`), or the subject
 * of a previous paragraph that ends with a colon (`Lee told reporters:` ¶ `"…"`).
 */
function continuedSpeaker(
  found: readonly Found[],
  prev: number,
  prevSpan: Span,
  text: string,
  disc: Discourse,
): string | null {
  const last = found[found.length - 1];
  if (last && last.para === prev) return last.speakerId;
  if (text[prevSpan.end - 1] !== ':') return null;
  const s = colonCue(text, prevSpan, disc);
  return s ? disc.resolve(s.subject, s.start) : null;
}

/**
 * The speaker a signature line names under a quote that ends its paragraph:
 * `"…"` ¶ `- Ann Lee, in a tweet.` / `— Sen. Ann Lee (D-Ohio)`.
 */
function signatureSpeaker(next: Span | undefined, text: string, disc: Discourse): string | null {
  if (!next || next.end - next.start > 160) return null;
  const dash = /^[-—–]\s*/.exec(text.slice(next.start, next.end));
  if (!dash) return null;
  // Only a name, maybe with titles, before its comma or parenthesis: a list item
  // (`- President Lee unveiled a plan`) is no signature.
  const head = text
    .slice(next.start + dash[0].length, next.end)
    .split(/[,(]/)[0]!
    .replace(/[.\s]+$/, '');
  if (!/^(?:\p{Lu}[\p{L}.'’-]*\s+){0,5}\p{Lu}[\p{L}.'’-]*$/u.test(head)) return null;
  const s = disc.phraseSubject(next.start + dash[0].length, next.end - (text[next.end - 1] === '.' ? 1 : 0));
  return s && s.subject.kind === 'entity' ? disc.resolve(s.subject, s.start) : null;
}

/**
 * The speaker of an uncued quote that opens a sentence after a sentence of the same paragraph
 * without quotes (`Lee recalled the flight. "I was terrified."`): the speaker of that sentence's
 * reported statement, else the name or he/she it opens with (followed by its verb).
 */
function previousSentenceSpeaker(
  found: readonly Found[],
  prev: Sentence,
  text: string,
  disc: Discourse,
): string | null {
  const last = found[found.length - 1];
  if (last && last.span.start >= prev.start && last.span.end <= prev.end)
    return last.kind === 'reported' ? last.speakerId : null;
  const s = sentenceSubject(text, prev.start, prev.end, disc);
  return s ? disc.resolve(s.subject, s.start) : null;
}

/** Direct quotes and reported statements of one document, ids `${docId}:q${i}` in text order. */
export function findQuotes(
  doc: SourceDocument,
  st: DocStructure,
  mentions: readonly Mention[],
  entities: ReadonlyMap<string, Entity>,
  lex: CompiledLexicon,
): Quote[] {
  const text = doc.text;
  const quoted: Span[] = st.quotes.flat().map((q) => q.inner);
  const disc = new Discourse(text, mentions, entities, lex, quoted, st.sentences);
  const found: Found[] = [];
  const lastSpeakerOfPara = new Map<number, string | null>();
  let lastPara = -1;
  let prevSentence: Sentence | undefined;
  for (const sent of st.sentences) {
    const para = st.paragraphs[sent.para]!;
    const qs = st.quotes[sent.para]!;
    const inSentence = qs.filter((q) => q.open >= sent.start && q.open < sent.end);
    for (const q of inSentence) {
      const idx = qs.indexOf(q);
      const prev: QuoteSpan | undefined = qs[idx - 1];
      const next: QuoteSpan | undefined = qs[idx + 1];
      const prevEnd = prev ? (prev.close < 0 ? para.end : prev.close + 1) : para.start;
      const r = classifyQuote(text, q, para, sent, prevEnd, next ? next.open : para.end, disc);
      if (r.kind === 'not-quote') continue;
      const f: Found = {
        span: q.inner,
        kind: 'direct',
        speakerId: null,
        para: sent.para,
        unclosed: q.close < 0,
        leads: q.open === para.start,
      };
      if (r.kind === 'speech') {
        f.speakerId = r.speaker ? disc.resolve(r.speaker.subject, r.speaker.start) : null;
        if (f.speakerId) disc.noteSpeaker(f.speakerId, r.cuePos);
        lastSpeakerOfPara.set(sent.para, f.speakerId);
      } else {
        f.open = true;
        const inherited = lastSpeakerOfPara.get(sent.para);
        const prevPara = found.filter((x) => x.kind === 'direct').pop();
        const signed =
          q.close >= 0 && text.slice(q.close + 1, para.end).trim() === ''
            ? signatureSpeaker(st.paragraphs[sent.para + 1], text, disc)
            : null;
        if (signed) f.speakerId = signed;
        else if (inherited !== undefined) f.speakerId = inherited;
        else if (prevPara && prevPara.unclosed && prevPara.para === sent.para - 1 && q.open === para.start)
          f.speakerId = prevPara.speakerId;
        else if (q.open === para.start && sent.para > 0) {
          f.speakerId = continuedSpeaker(found, sent.para - 1, st.paragraphs[sent.para - 1]!, text, disc);
          f.continued = true;
        } else if (q.open === sent.start && prevSentence && prevSentence.para === sent.para)
          f.speakerId = previousSentenceSpeaker(found, prevSentence, text, disc);
        if (f.speakerId) f.open = false;
      }
      found.push(f);
    }
    prevSentence = sent;
    const firstInPara = sent.para !== lastPara;
    lastPara = sent.para;
    if (inSentence.some((q) => q.open === sent.start)) continue;
    const reported = findReported(text, sent, disc, quoted);
    // The rules first (precise); the learned model only where they found nothing.
    const learned =
      reported.length === 0 && lex.statementModel
        ? findModelStatement(
            text,
            sent,
            disc,
            quoted,
            qs.map((q) => q.inner),
            lex.statementModel,
            firstInPara,
          )
        : undefined;
    if (learned) reported.push(learned);
    for (const r of reported) {
      const id = disc.resolve(r.speaker.subject, r.speaker.start);
      if (id) disc.noteSpeaker(id, r.speaker.start);
      found.push({ span: r.text, kind: 'reported', speakerId: id, para: sent.para });
    }
  }
  // A quote left open at a paragraph's end takes the speaker of its continuation; an uncued quote
  // that opens a paragraph takes the cue of the next quote in it (`"A." "B," Lee said.`).
  for (let i = found.length - 2; i >= 0; i--) {
    const f = found[i]!;
    const n = found[i + 1]!;
    if (f.open && f.unclosed && n.kind === 'direct' && n.para === f.para + 1 && n.speakerId) f.speakerId = n.speakerId;
    else if (
      (f.continued || (f.open && !f.speakerId)) &&
      f.leads &&
      n.kind === 'direct' &&
      n.para === f.para &&
      n.speakerId &&
      !n.open &&
      !n.continued
    )
      f.speakerId = n.speakerId;
  }
  const kept = found;
  kept.sort((a, b) => a.span.start - b.span.start);
  // A quoted fragment inside a reported statement is its speaker's: `Lee said she was "not ready"`.
  let owner: Found | undefined;
  for (const f of kept) {
    if (f.kind === 'reported') {
      if (f.speakerId && (!owner || f.span.end > owner.span.end)) owner = f;
    } else if (!f.speakerId && owner && f.span.start >= owner.span.start && f.span.end <= owner.span.end) {
      f.speakerId = owner.speakerId;
    }
  }
  return kept.map((f, i) => ({
    id: `${doc.id}:q${i}`,
    docId: doc.id,
    text: text.slice(f.span.start, f.span.end),
    speakerId: f.speakerId,
    kind: f.kind,
    start: f.span.start,
    end: f.span.end,
  }));
}
