/**
 * The extraction against the hand-made labels of the three seed articles
 * (../shared/corpus/seed-gold.json). Skipped when ../shared is absent (a user's clone).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entity, Knowledge } from '../pack/types';
import { extractKnowledge } from './extract';
import { defaultLexicon } from './lexicon';

const shared = path.resolve(__dirname, '../../../shared');
const goldPath = path.join(shared, 'corpus/seed-gold.json');
const hasShared = fs.existsSync(goldPath);
if (!hasShared) console.warn(`seed-gold.test: ${goldPath} not found, skipping the gold checks`);

interface Gold {
  entities: { id: string; type: string; name: string; aliases: string[]; description?: string }[];
  quotes: { doc: string; starts: string; speaker: string }[];
  not_quotes: { doc: string; starts: string }[];
  statements: { doc: string; starts: string; speaker: string }[];
}

describe.skipIf(!hasShared)('seed gold', () => {
  const gold = hasShared ? (JSON.parse(fs.readFileSync(goldPath, 'utf8')) as Gold) : undefined;
  const dir = path.join(shared, 'corpus/seed');
  const docs = hasShared
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => ({ id: f.replace(/\.txt$/, ''), title: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }))
    : [];
  const k: Knowledge = extractKnowledge(docs, defaultLexicon);
  const text = (doc: string): string => docs.find((d) => d.id === doc.replace(/\.txt$/, ''))!.text;
  const docId = (doc: string): string => doc.replace(/\.txt$/, '');
  const clusterOf = (aliases: string[]): Entity | undefined =>
    k.entities.find((e) => aliases.every((a) => e.aliases.includes(a)));
  const ours = (goldId: string): string | undefined =>
    clusterOf(gold!.entities.find((e) => e.id === goldId)!.aliases)?.id;

  it('finds every gold entity with all its aliases in one cluster', () => {
    const missing = gold!.entities.filter((g) => !clusterOf(g.aliases)).map((g) => g.id);
    expect(missing).toEqual([]);
  });

  it('types every gold entity correctly', () => {
    const wrong = gold!.entities
      .filter((g) => clusterOf(g.aliases)?.type !== g.type)
      .map((g) => `${g.id}:${clusterOf(g.aliases)?.type}`);
    expect(wrong).toEqual([]);
  });

  it('gives every gold description', () => {
    const wrong = gold!.entities
      .filter(
        (g) =>
          g.description &&
          !(clusterOf(g.aliases)?.description ?? '').toLowerCase().includes(g.description.toLowerCase()),
      )
      .map((g) => `${g.id}: ${clusterOf(g.aliases)?.description}`);
    expect(wrong).toEqual([]);
  });

  it('attributes all 13 direct quotes to the right person', () => {
    const wrong = gold!.quotes.filter((g) => {
      const pos = text(g.doc).indexOf(g.starts);
      const q = k.quotes.find((x) => x.kind === 'direct' && x.docId === docId(g.doc) && x.start <= pos && pos < x.end);
      return !q || q.speakerId !== ours(g.speaker);
    });
    expect(wrong.map((g) => g.starts)).toEqual([]);
  });

  it('attributes none of the not-quotes to anyone', () => {
    const wrong = gold!.not_quotes.filter((g) => {
      const pos = text(g.doc).indexOf(g.starts);
      return k.quotes.some((x) => x.docId === docId(g.doc) && x.start <= pos && pos < x.end && x.speakerId !== null);
    });
    expect(wrong.map((g) => g.starts)).toEqual([]);
  });

  it('finds every reported statement with the right speaker', () => {
    // `starts` opens the statement's sentence (often "X said that"); ours is the reported
    // clause, so it must overlap that sentence.
    const right = gold!.statements.filter((g) => {
      const t = text(g.doc);
      const pos = t.indexOf(g.starts);
      const stop = t.slice(pos + g.starts.length).search(/[.!?](?:\s|$)/);
      const end = stop < 0 ? t.length : pos + g.starts.length + stop;
      return k.quotes.some(
        (x) =>
          x.kind === 'reported' &&
          x.docId === docId(g.doc) &&
          x.start < end &&
          x.end > pos &&
          x.speakerId === ours(g.speaker),
      );
    });
    expect(right.length).toBe(gold!.statements.length);
  });

  it('keeps every quote text equal to its document slice', () => {
    for (const q of k.quotes) expect(text(q.docId).slice(q.start, q.end)).toBe(q.text);
  });
});
