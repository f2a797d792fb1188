/**
 * Throughput measurement of {@link extractKnowledge}; pure so it runs anywhere. The
 * caller loads the documents (e.g. a Node script reading ../shared/data) and prints.
 */
import { extractKnowledge } from './extract';
import { defaultLexicon } from './lexicon';
import type { Lexicon, SourceDocument } from './types';

/** What one benchmark run measured. */
export interface ExtractionBench {
  docs: number;
  /** UTF-16 code units of text, ≈ bytes for mostly-ASCII news text. */
  chars: number;
  ms: number;
  /** Millions of characters per second (≈ MB/s). */
  mbPerSec: number;
  entities: number;
  mentions: number;
  quotes: number;
}

/** Runs the extraction once over `docs` and reports the wall time and output sizes. */
export function benchExtraction(docs: SourceDocument[], lexicon: Lexicon = defaultLexicon): ExtractionBench {
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  const t0 = performance.now();
  const k = extractKnowledge(docs, lexicon);
  const ms = performance.now() - t0;
  return {
    docs: docs.length,
    chars,
    ms: Math.round(ms),
    mbPerSec: Math.round((chars / 1e6 / (ms / 1000)) * 100) / 100,
    entities: k.entities.length,
    mentions: k.mentions.length,
    quotes: k.quotes.length,
  };
}
