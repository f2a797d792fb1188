/**
 * `npm run quality`: the extraction's quality figures (issue #12) for PolNeAR train and the seed
 * gold, beside the same figures for the commit before. "Before" is HEAD when the working tree has
 * changes, else HEAD~1; its figures are measured once on an export of that commit (`git archive`,
 * no network) and cached in .cache/quality/<commit>.json. Skips with a message when ../shared is
 * absent. Options: --no-compare (this tree only), --against <commit>.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figures } from './quality/measure';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(root, '../shared');
const cache = path.join(root, '.cache/quality');
const measureScript = path.join(root, 'tests/tools/quality/measure.ts');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** The rows of the table: label, figure key, how to show it, target. */
const ROWS: { label: string; key: string; show: (f: Figures) => string; target: string }[] = [
  {
    label: 'PolNeAR direct-quote detection F1',
    key: 'polnear.direct.F1',
    show: (f) => num(f['polnear.direct.F1']),
    target: '≥ 0.95',
  },
  {
    label: '  precision / recall',
    key: 'polnear.direct.R',
    show: (f) => `${num(f['polnear.direct.P'])} / ${num(f['polnear.direct.R'])}`,
    target: '',
  },
  {
    label: '  recall of 1–3-word quotes',
    key: 'polnear.direct.shortR',
    show: (f) => pct(f['polnear.direct.shortR']),
    target: '≥ 70 %',
  },
  {
    label: 'PolNeAR speaker right, named speakers',
    key: 'polnear.speaker.acc',
    show: (f) => num(f['polnear.speaker.acc']),
    target: '≥ 0.90',
  },
  {
    label: '  matched quotes with no speaker',
    key: 'polnear.speaker.none',
    show: (f) => String(f['polnear.speaker.none'] ?? '–'),
    target: '',
  },
  {
    label: 'PolNeAR end-to-end speaker F1, named',
    key: 'polnear.e2e.F1',
    show: (f) => num(f['polnear.e2e.F1']),
    target: '≥ 0.85',
  },
  {
    label: 'PolNeAR reported statements recall',
    key: 'polnear.statements.R',
    show: (f) => num(f['polnear.statements.R']),
    target: '≥ 0.45',
  },
  {
    label: '  at precision',
    key: 'polnear.statements.P',
    show: (f) => num(f['polnear.statements.P']),
    target: '≥ 0.90',
  },
  {
    label: '  speaker right, named',
    key: 'polnear.statements.speakerAcc',
    show: (f) => num(f['polnear.statements.speakerAcc']),
    target: '',
  },
  {
    label: 'Seed gold entities clustered',
    key: 'seed.entities',
    show: (f) => ratio(f, 'seed.entities', 'seed.entities.n'),
    target: 'all',
  },
  {
    label: 'Seed gold entities typed',
    key: 'seed.typed',
    show: (f) => ratio(f, 'seed.typed', 'seed.entities.n'),
    target: 'all',
  },
  {
    label: 'Seed gold descriptions',
    key: 'seed.descriptions',
    show: (f) => ratio(f, 'seed.descriptions', 'seed.descriptions.n'),
    target: 'all',
  },
  {
    label: 'Seed gold direct quotes, right speaker',
    key: 'seed.quotes',
    show: (f) => ratio(f, 'seed.quotes', 'seed.quotes.n'),
    target: 'all',
  },
  {
    label: 'Seed gold not-quotes given a speaker',
    key: 'seed.notQuotesAttributed',
    show: (f) => ratio(f, 'seed.notQuotesAttributed', 'seed.notQuotes.n'),
    target: 'none',
  },
  {
    label: 'Seed gold statements, right speaker',
    key: 'seed.statements',
    show: (f) => ratio(f, 'seed.statements', 'seed.statements.n'),
    target: 'all',
  },
];

/** The entity-typing table (tests/tools/quality/entity-typing.ts): one row per labelled set. */
const ENTITY_SETS: { label: string; prefix: string }[] = [
  { label: 'news, dev half (15 articles)', prefix: 'ents.dev' },
  { label: 'news, held-out half (15)', prefix: 'ents.heldout' },
  { label: 'news, all 30', prefix: 'ents.all' },
  { label: 'own CoNLL-style passages', prefix: 'ents.passages' },
];
/** The columns of the entity-typing table: figure key suffix and heading. */
const ENTITY_COLS: { key: string; head: string }[] = [
  { key: 'typed.F1', head: 'typed F1' },
  { key: 'typed.P', head: 'P' },
  { key: 'typed.R', head: 'R' },
  { key: 'PER.F1', head: 'PER' },
  { key: 'ORG.F1', head: 'ORG' },
  { key: 'LOC.F1', head: 'LOC' },
  { key: 'untyped.F1', head: 'untyped F1' },
];

function num(v: number | undefined): string {
  return v === undefined ? '–' : v.toFixed(3);
}
function pct(v: number | undefined): string {
  return v === undefined ? '–' : `${(100 * v).toFixed(1)} %`;
}
function ratio(f: Figures, a: string, b: string): string {
  return f[a] === undefined ? '–' : `${f[a]}/${f[b]}`;
}

/** Prints a markdown table. */
function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

/** Measures the tree at `dir` in a child process (so its own code is imported). */
function measure(dir: string, outFile: string): Figures {
  execFileSync(tsx, [measureScript, dir, outFile], {
    cwd: dir,
    env: { ...process.env, DOSSIER_SHARED: shared },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return JSON.parse(fs.readFileSync(outFile, 'utf8')) as Figures;
}

/** Figures of `commit`, from the cache or measured on an export of its tree. */
function figuresOf(commit: string): Figures {
  const cached = path.join(cache, `${commit}.json`);
  if (fs.existsSync(cached)) {
    const f = JSON.parse(fs.readFileSync(cached, 'utf8')) as Figures;
    if (f['ents.all.typed.F1'] !== undefined) return f; // older caches lack the entity-typing figures
  }
  const dir = path.join(cache, `tree-${commit.slice(0, 12)}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  try {
    const tar = execFileSync(
      'git',
      ['archive', '--format=tar', commit, 'lib', 'assets', 'package.json', 'tsconfig.json'],
      {
        cwd: root,
        maxBuffer: 1 << 30,
      },
    );
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    if (fs.existsSync(path.join(root, '.wxt'))) fs.symlinkSync(path.join(root, '.wxt'), path.join(dir, '.wxt'));
    const f = measure(dir, path.join(dir, 'figures.json'));
    fs.writeFileSync(cached, JSON.stringify(f, null, 1));
    return f;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  if (
    !fs.existsSync(path.join(shared, 'tools/quality/score')) ||
    !fs.existsSync(path.join(shared, 'corpus/seed-gold.json'))
  ) {
    console.log(`quality: skipped — ${shared} (the labelled data and its scorer) is absent; nothing to measure.`);
    return;
  }
  const args = process.argv.slice(2);
  fs.mkdirSync(cache, { recursive: true });
  const dirty = git('status', '--porcelain', '--', 'lib', 'assets') !== '';
  const against = args.includes('--no-compare')
    ? undefined
    : args.includes('--against')
      ? git('rev-parse', args[args.indexOf('--against') + 1] ?? 'HEAD')
      : git('rev-parse', dirty ? 'HEAD' : 'HEAD~1');
  console.log(
    `Measuring this tree${dirty ? ' (with uncommitted changes)' : ` (${git('rev-parse', '--short', 'HEAD')})`}…`,
  );
  const now = measure(root, path.join(cache, 'current.json'));
  let before: Figures | undefined;
  if (against) {
    console.log(`Figures of ${against.slice(0, 9)} (cached after the first run)…`);
    before = figuresOf(against);
  }
  const head = ['figure', 'now', ...(before ? [`${against!.slice(0, 9)}`] : []), 'target'];
  console.log('');
  printTable(
    head,
    ROWS.map((r) => [r.label, r.show(now), ...(before ? [r.show(before)] : []), r.target]),
  );
  console.log(
    '\nEntity types, CoNLL-style exact spans (tests/fixtures/entity-types; person/organization/place = PER/ORG/LOC,' +
      '\n"other" = MISC: not counted as typed, counted in untyped). Target: typed F1 ≥ 0.85.' +
      (before ? ` Each cell: now (${against!.slice(0, 9)}).` : ''),
  );
  printTable(
    ['labelled set', ...ENTITY_COLS.map((c) => c.head)],
    ENTITY_SETS.map((s) => [
      s.label,
      ...ENTITY_COLS.map((c) => {
        const k = `${s.prefix}.${c.key}`;
        return before ? `${num(now[k])} (${num(before[k])})` : num(now[k]);
      }),
    ]),
  );
  console.log(`\nPer-quote errors of this tree: ${path.join(cache, 'score/polnear-train.errors.jsonl')}`);
}

try {
  main();
} catch (err) {
  console.error(`quality: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
