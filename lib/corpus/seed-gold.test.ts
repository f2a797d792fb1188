/**
 * The extraction against the hand-made labels of the three seed articles
 * (../shared/corpus/seed-gold.json; the checks are tests/support/seed-gold.ts,
 * which `npm run quality` counts too). Skipped when ../shared is absent (a user's clone).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeedGold, seedGoldChecks } from '../../tests/support/seed-gold';
import { extractKnowledge } from './extract';
import { defaultLexicon } from './lexicon';

const shared = path.resolve(__dirname, '../../../shared');
const goldPath = path.join(shared, 'corpus/seed-gold.json');
const hasShared = fs.existsSync(goldPath);
if (!hasShared) console.warn(`seed-gold.test: ${goldPath} not found, skipping the gold checks`);

describe.skipIf(!hasShared)('seed gold', () => {
  const { gold, docs } = hasShared ? readSeedGold(shared) : { gold: undefined, docs: [] };
  const k = extractKnowledge(docs, defaultLexicon);
  const check = gold && seedGoldChecks(gold, docs, k);

  it('finds every gold entity with all its aliases in one cluster', () => {
    expect(gold!.entities.filter((g) => !check!.clusterOf(g)).map((g) => g.id)).toEqual([]);
  });

  it('types every gold entity correctly', () => {
    const wrong = gold!.entities.filter((g) => !check!.typed(g)).map((g) => `${g.id}:${check!.clusterOf(g)?.type}`);
    expect(wrong).toEqual([]);
  });

  it('gives every gold description', () => {
    const wrong = gold!.entities
      .filter((g) => !check!.described(g))
      .map((g) => `${g.id}: ${check!.clusterOf(g)?.description}`);
    expect(wrong).toEqual([]);
  });

  it('attributes all 13 direct quotes to the right person', () => {
    expect(gold!.quotes.filter((g) => !check!.quoteRight(g)).map((g) => g.starts)).toEqual([]);
  });

  it('attributes none of the not-quotes to anyone', () => {
    expect(gold!.not_quotes.filter((g) => check!.notQuoteAttributed(g)).map((g) => g.starts)).toEqual([]);
  });

  it('finds every reported statement with the right speaker', () => {
    expect(gold!.statements.filter((g) => !check!.statementRight(g)).map((g) => g.starts)).toEqual([]);
  });

  it('keeps every quote text equal to its document slice', () => {
    for (const q of k.quotes) expect(check!.text(q.docId).slice(q.start, q.end)).toBe(q.text);
  });
});
