/**
 * Measures one source tree's extraction quality: the seed gold (../shared/corpus/seed-gold.json,
 * counted as in lib/corpus/seed-gold.test.ts), PolNeAR train (../shared/tools/quality/score) and
 * entity typing against the hand-labelled mentions of tests/fixtures/entity-types (entity-typing.ts).
 * Run as a child process by quality.ts — `tsx measure.ts <root> <out.json>` — so that the tree it
 * measures (this checkout, or an export of an older commit) is the one whose code is imported.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knowledge } from '../../../lib/pack/types';
import type { Lexicon, SourceDocument } from '../../../lib/corpus/types';
import { readSeedGold, seedGoldChecks } from '../../support/seed-gold';
import { entityTypingFigures } from './entity-typing';

/** The figures of one tree; each value is a fraction or a count, keys as in {@link FIGURES}. */
export type Figures = Record<string, number>;

type Extract = (docs: SourceDocument[], lexicon: Lexicon) => Knowledge;

/** Seed gold counts: right / total for each check of seed-gold.test.ts (tests/support/seed-gold.ts). */
export function seedGoldFigures(shared: string, extract: Extract, lexicon: Lexicon): Figures {
  const { gold, docs } = readSeedGold(shared);
  const check = seedGoldChecks(gold, docs, extract(docs, lexicon));
  const count = <T>(list: T[], ok: (g: T) => boolean): number => list.filter(ok).length;
  return {
    'seed.entities': count(gold.entities, (g) => check.clusterOf(g) !== undefined),
    'seed.entities.n': gold.entities.length,
    'seed.typed': count(gold.entities, check.typed),
    'seed.descriptions': count(
      gold.entities.filter((g) => g.description),
      check.described,
    ),
    'seed.descriptions.n': gold.entities.filter((g) => g.description).length,
    'seed.quotes': count(gold.quotes, check.quoteRight),
    'seed.quotes.n': gold.quotes.length,
    'seed.notQuotesAttributed': count(gold.not_quotes, check.notQuoteAttributed),
    'seed.notQuotes.n': gold.not_quotes.length,
    'seed.statements': count(gold.statements, check.statementRight),
    'seed.statements.n': gold.statements.length,
  };
}

interface Scores {
  direct: {
    P: number;
    R: number;
    F1: number;
    by_length: Record<string, [number, number]>;
    speaker: Record<string, { n: number; ok: number; none: number }>;
    e2e: Record<string, { P: number; R: number; F1: number }>;
  };
  statements: { P: number; R: number; F1: number; speaker: Record<string, { n: number; ok: number }> };
}

/** PolNeAR train figures: runs the shared scorer in `root` (it builds the pack with that tree's CLI). */
export function polnearFigures(shared: string, root: string, out: string): Figures {
  fs.mkdirSync(out, { recursive: true });
  execFileSync(path.join(shared, 'tools/quality/score'), [], {
    cwd: root,
    env: { ...process.env, OUT: out },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const s = JSON.parse(fs.readFileSync(path.join(out, 'polnear-train.scores.json'), 'utf8')) as Scores;
  const short = s.direct.by_length['1-3 words'] ?? [0, 1];
  const sp = s.direct.speaker.gold ?? { n: 1, ok: 0, none: 0 };
  const e2e = s.direct.e2e['gold names'] ?? { P: 0, R: 0, F1: 0 };
  const st = s.statements.speaker.gold ?? { n: 1, ok: 0 };
  return {
    'polnear.direct.P': s.direct.P,
    'polnear.direct.R': s.direct.R,
    'polnear.direct.F1': s.direct.F1,
    'polnear.direct.shortR': short[0] / short[1],
    'polnear.speaker.acc': sp.ok / sp.n,
    'polnear.speaker.none': sp.none,
    'polnear.e2e.P': e2e.P,
    'polnear.e2e.R': e2e.R,
    'polnear.e2e.F1': e2e.F1,
    'polnear.statements.P': s.statements.P,
    'polnear.statements.R': s.statements.R,
    'polnear.statements.speakerAcc': st.ok / st.n,
  };
}

async function main(): Promise<void> {
  const [root, outFile] = process.argv.slice(2);
  if (!root || !outFile) throw new Error('usage: tsx measure.ts <project root> <out.json>');
  const shared = process.env.DOSSIER_SHARED ?? path.resolve(root, '../shared');
  const { extractKnowledge } = (await import(pathToFileURL(path.join(root, 'lib/corpus/extract.ts')).href)) as {
    extractKnowledge: Extract;
  };
  const { defaultLexicon } = (await import(pathToFileURL(path.join(root, 'lib/corpus/lexicon.ts')).href)) as {
    defaultLexicon: Lexicon;
  };
  const started = Date.now();
  const figures: Figures = {
    ...seedGoldFigures(shared, extractKnowledge, defaultLexicon),
    ...polnearFigures(shared, root, path.join(path.dirname(outFile), 'score')),
    ...entityTypingFigures(shared, extractKnowledge, defaultLexicon).figures,
  };
  figures['seconds'] = (Date.now() - started) / 1000;
  fs.writeFileSync(outFile, JSON.stringify(figures, null, 1));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(`quality: measuring failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
