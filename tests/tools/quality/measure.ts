/**
 * Measures one source tree's extraction quality: the seed gold (../shared/corpus/seed-gold.json,
 * counted as in lib/corpus/seed-gold.test.ts) and PolNeAR train (../shared/tools/quality/score).
 * Run as a child process by quality.ts — `tsx measure.ts <root> <out.json>` — so that the tree it
 * measures (this checkout, or an export of an older commit) is the one whose code is imported.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knowledge } from '../../../lib/pack/types';
import type { Lexicon, SourceDocument } from '../../../lib/corpus/types';

/** The figures of one tree; each value is a fraction or a count, keys as in {@link FIGURES}. */
export type Figures = Record<string, number>;

interface SeedGold {
  entities: { id: string; type: string; aliases: string[]; description?: string }[];
  quotes: { doc: string; starts: string; speaker: string }[];
  not_quotes: { doc: string; starts: string }[];
  statements: { doc: string; starts: string; speaker: string }[];
}

type Extract = (docs: SourceDocument[], lexicon: Lexicon) => Knowledge;

/** Seed gold counts: right / total for each check of seed-gold.test.ts. */
export function seedGoldFigures(shared: string, extract: Extract, lexicon: Lexicon): Figures {
  const gold = JSON.parse(fs.readFileSync(path.join(shared, 'corpus/seed-gold.json'), 'utf8')) as SeedGold;
  const dir = path.join(shared, 'corpus/seed');
  const docs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ id: f.replace(/\.txt$/, ''), title: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const k = extract(docs, lexicon);
  const docId = (doc: string): string => doc.replace(/\.txt$/, '');
  const text = (doc: string): string => docs.find((d) => d.id === docId(doc))!.text;
  const cluster = (aliases: string[]) => k.entities.find((e) => aliases.every((a) => e.aliases.includes(a)));
  const ours = (id: string) => cluster(gold.entities.find((e) => e.id === id)!.aliases)?.id;
  const quoteRight = gold.quotes.filter((g) => {
    const pos = text(g.doc).indexOf(g.starts);
    const q = k.quotes.find((x) => x.kind === 'direct' && x.docId === docId(g.doc) && x.start <= pos && pos < x.end);
    return q !== undefined && q.speakerId === ours(g.speaker);
  }).length;
  const notQuoteWrong = gold.not_quotes.filter((g) => {
    const pos = text(g.doc).indexOf(g.starts);
    return k.quotes.some((x) => x.docId === docId(g.doc) && x.start <= pos && pos < x.end && x.speakerId !== null);
  }).length;
  const statementRight = gold.statements.filter((g) => {
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
  }).length;
  const described = gold.entities.filter((g) => g.description);
  return {
    'seed.entities': gold.entities.filter((g) => cluster(g.aliases)).length,
    'seed.entities.n': gold.entities.length,
    'seed.typed': gold.entities.filter((g) => cluster(g.aliases)?.type === g.type).length,
    'seed.descriptions': described.filter((g) =>
      (cluster(g.aliases)?.description ?? '').toLowerCase().includes(g.description!.toLowerCase()),
    ).length,
    'seed.descriptions.n': described.length,
    'seed.quotes': quoteRight,
    'seed.quotes.n': gold.quotes.length,
    'seed.notQuotesAttributed': notQuoteWrong,
    'seed.notQuotes.n': gold.not_quotes.length,
    'seed.statements': statementRight,
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
