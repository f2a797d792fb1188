/**
 * One document's structure, computed once: paragraphs, their quoted regions, and
 * sentences (never split inside a quote) with their tokens.
 */
import type { CompiledLexicon } from './compiled-lexicon';
import { findQuoteSpans, type QuoteSpan } from './quote-spans';
import { splitParagraphs, splitSentences, tokenize, type Span, type Token } from './segment';

/** A sentence with its tokens and the index of its paragraph. */
export interface Sentence extends Span {
  para: number;
  tokens: Token[];
}

/** The analysed structure of one document. */
export interface DocStructure {
  paragraphs: Span[];
  /** Quoted regions per paragraph (same order as `paragraphs`). */
  quotes: QuoteSpan[][];
  sentences: Sentence[];
}

/** Segments `text` into paragraphs, quotes, sentences and tokens. */
export function analyseDocument(text: string, lex: CompiledLexicon): DocStructure {
  const paragraphs = splitParagraphs(text);
  const quotes: QuoteSpan[][] = [];
  const sentences: Sentence[] = [];
  paragraphs.forEach((p, pi) => {
    const qs = findQuoteSpans(text, p);
    quotes.push(qs);
    const tokens = tokenize(text, p, lex.abbreviations);
    const protect = qs.map((q) => ({ start: q.open, end: q.close < 0 ? p.end : q.close }));
    let k = 0;
    for (const s of splitSentences(text, p, tokens, protect, lex.starters)) {
      const st: Token[] = [];
      while (k < tokens.length && tokens[k]!.start < s.end) st.push(tokens[k++]!);
      sentences.push({ start: s.start, end: s.end, para: pi, tokens: st });
    }
  });
  return { paragraphs, quotes, sentences };
}
