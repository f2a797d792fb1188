/**
 * `npm run bench [-- --only name[,name]] [--quick]`: finds every `tests/bench/*.bench.ts`,
 * runs it, prints its table, and writes all results to `.cache/bench/latest.json`.
 * The module contract is in tests/bench/README.md and lib/contract.ts.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isBenchModule, type BenchContext, type BenchModule, type BenchSection } from './lib/contract';
import { collectGarbage, measure, peakMemory, timed } from './lib/measure';
import { renderTable } from './lib/table';

const HELP = `Usage: npm run bench [-- --only <name>[,<name>…]] [--quick] [--skip-before] [--list]

  --only <names>  run only these benches (by name; see --list)
  --quick         a fast smoke run on small inputs
  --skip-before   benches that compare with an older build (grow) measure only the current one
  --list          list the benches and exit
Results are printed and written to .cache/bench/latest.json.`;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '../..');

/** Imports every `*.bench.ts` beside this file, sorted by file name. */
async function discover(): Promise<BenchModule[]> {
  const files = (await readdir(benchDir)).filter((f) => f.endsWith('.bench.ts')).sort();
  const benches: BenchModule[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(benchDir, f)).href)) as { default?: unknown };
    const bench = mod.default;
    if (!isBenchModule(bench)) {
      throw new Error(
        `${f}: the default export is not a bench ({ name, description, run }); see tests/bench/README.md`,
      );
    }
    if (benches.some((b) => b.name === bench.name)) throw new Error(`${f}: a second bench named "${bench.name}"`);
    benches.push(bench);
  }
  return benches;
}

type Outcome = { name: string; description: string; ms: number } & (
  { section: BenchSection } | { skipped: string } | { error: string }
);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      quick: { type: 'boolean', default: false },
      'skip-before': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return (console.log(HELP), 0);
  const all = await discover();
  if (values.list) return (all.forEach((b) => console.log(`${b.name.padEnd(14)} ${b.description}`)), 0);
  const only = (values.only ?? []).flatMap((s) => s.split(',')).filter(Boolean);
  const unknown = only.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length) {
    console.error(`No bench named ${unknown.join(', ')}. Known: ${all.map((b) => b.name).join(', ') || 'none'}.`);
    return 2;
  }
  const selected = only.length ? all.filter((b) => only.includes(b.name)) : all;
  const shared = process.env.DOSSIER_SHARED ?? path.resolve(root, '../shared');
  const ctx: BenchContext = {
    root,
    sharedDir: existsSync(shared) ? shared : null,
    quick: values.quick,
    skipBefore: values['skip-before'],
    measure,
    timed,
    peakMemory,
    collectGarbage,
    log: (line) => console.error(`  … ${line}`),
  };
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const outcomes: Outcome[] = [];
  for (const b of selected) {
    console.log(`\n## ${b.name} — ${b.description}${ctx.quick ? ' (quick)' : ''}\n`);
    const t0 = performance.now();
    const base = { name: b.name, description: b.description };
    if (b.needsShared && !ctx.sharedDir) {
      const skipped = `${shared} not found (it holds the data sets); skipped`;
      console.log(skipped);
      outcomes.push({ ...base, ms: 0, skipped });
      continue;
    }
    try {
      const result = await b.run(ctx);
      const ms = Math.round(performance.now() - t0);
      if ('skipped' in result) {
        console.log(`skipped: ${result.skipped}`);
        outcomes.push({ ...base, ms, skipped: result.skipped });
        continue;
      }
      for (const line of renderTable(result.rows)) console.log(line);
      for (const note of result.notes ?? []) console.log(`\n${note}`);
      outcomes.push({ ...base, ms, section: result });
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`bench "${b.name}" failed: ${error}`);
      outcomes.push({ ...base, ms: Math.round(performance.now() - t0), error });
    }
  }
  const out = path.join(root, '.cache/bench/latest.json');
  await mkdir(path.dirname(out), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    loadavg: os.loadavg(),
    quick: ctx.quick,
    results: outcomes,
  };
  await writeFile(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nWrote ${path.relative(process.cwd(), out)}`);
  return outcomes.some((o) => 'error' in o) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
