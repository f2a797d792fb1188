/**
 * The seed gold (../shared/corpus/seed-gold.json): the hand-made labels of the
 * three bundled articles, and the one way an extraction is checked against
 * them — by lib/corpus/seed-gold.test.ts (every check must hold) and by
 * `npm run quality` (tests/tools/quality/measure.ts counts how many do).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Entity, Knowledge } from '../../lib/pack/types';
import type { SourceDocument } from '../../lib/corpus/types';

/** The labels, as seed-gold.json has them. */
export interface SeedGold {
  entities: { id: string; type: string; name: string; aliases: string[]; description?: string }[];
  quotes: { doc: string; starts: string; speaker: string }[];
  not_quotes: { doc: string; starts: string }[];
  statements: { doc: string; starts: string; speaker: string }[];
}

type GoldEntity = SeedGold['entities'][number];
type GoldQuote = SeedGold['quotes'][number];
type GoldNotQuote = SeedGold['not_quotes'][number];

/** Reads the labels and the seed articles from `shared` (../shared). */
export function readSeedGold(shared: string): { gold: SeedGold; docs: SourceDocument[] } {
  const gold = JSON.parse(fs.readFileSync(path.join(shared, 'corpus/seed-gold.json'), 'utf8')) as SeedGold;
  const dir = path.join(shared, 'corpus/seed');
  const docs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ id: f.replace(/\.txt$/, ''), title: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  return { gold, docs };
}

/** The checks of one extraction `k` of `docs` against `gold`, one predicate per kind of label. */
export function seedGoldChecks(gold: SeedGold, docs: readonly SourceDocument[], k: Knowledge) {
  const docId = (doc: string): string => doc.replace(/\.txt$/, '');
  const text = (doc: string): string => docs.find((d) => d.id === docId(doc))!.text;
  /** Our entity that holds every alias of a gold entity, if one does. */
  const clusterOf = (g: GoldEntity): Entity | undefined =>
    k.entities.find((e) => g.aliases.every((a) => e.aliases.includes(a)));
  const ours = (goldId: string): string | undefined => clusterOf(gold.entities.find((e) => e.id === goldId)!)?.id;
  return {
    text,
    clusterOf,
    typed: (g: GoldEntity): boolean => clusterOf(g)?.type === g.type,
    /** Our description contains the gold one (true for entities without one). */
    described: (g: GoldEntity): boolean =>
      !g.description || (clusterOf(g)?.description ?? '').toLowerCase().includes(g.description.toLowerCase()),
    /** A direct quote of ours covers the gold quote's start and has its speaker. */
    quoteRight: (g: GoldQuote): boolean => {
      const pos = text(g.doc).indexOf(g.starts);
      const q = k.quotes.find((x) => x.kind === 'direct' && x.docId === docId(g.doc) && x.start <= pos && pos < x.end);
      return q !== undefined && q.speakerId === ours(g.speaker);
    },
    /** Something of ours at a not-quote's start is given a speaker. */
    notQuoteAttributed: (g: GoldNotQuote): boolean => {
      const pos = text(g.doc).indexOf(g.starts);
      return k.quotes.some((x) => x.docId === docId(g.doc) && x.start <= pos && pos < x.end && x.speakerId !== null);
    },
    /**
     * A reported statement of ours overlaps the gold statement's sentence and has its
     * speaker (`starts` opens the sentence, often "X said that"; ours is the reported clause).
     */
    statementRight: (g: GoldQuote): boolean => {
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
    },
  };
}
