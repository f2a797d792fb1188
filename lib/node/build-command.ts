/**
 * `corpus build`: read the inputs, make the pack through the same `buildPack` the extension's
 * build uses, write it, and summarise. Node only; cli.ts parses the arguments.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { defaultLexicon } from '../corpus/lexicon';
import { buildPack } from '../pack/build';
import { expandInputs } from './input-paths';
import type { InputDocument, InputIssue } from './input-result';
import { assignIds, formatIssue, readInputFile } from './inputs';
import { writePackFile } from './write-pack';

/** What `corpus build` was asked to do. */
export interface BuildCommand {
  inputs: string[];
  /** Where to write the pack. */
  out: string;
  /** Refuse to write a pack when any input or line is bad. Default false: skip the bad ones. */
  strict: boolean;
  /** At most this many documents from each `.jsonl` file. */
  limit?: number;
  /** Recorded in the pack, e.g. "dossier-cli 0.1.0". */
  generator: string;
}

/** Where the command prints: `log` for the summary, `warn` for problems (stderr). */
export interface ConsoleLike {
  log(line: string): void;
  warn(line: string): void;
}

/** Counts behind the summary line; also returned for tests. */
export interface BuildSummary {
  files: number;
  documents: number;
  entities: number;
  mentions: number;
  directQuotes: number;
  statements: number;
  bytes: number;
  errors: number;
  warnings: number;
  ms: { read: number; build: number; write: number; total: number };
}

/**
 * Runs `corpus build`. Returns the process exit code: 0 when every input was read, 1 when
 * some were bad (the pack is still written from the good ones unless `strict`) or nothing
 * was left to build.
 */
export async function runBuild(cmd: BuildCommand, io: ConsoleLike): Promise<{ code: number; summary?: BuildSummary }> {
  const t0 = performance.now();
  const issues: InputIssue[] = [];
  const report = (list: InputIssue[]): void => {
    for (const i of list) io.warn(formatIssue(i));
    issues.push(...list);
  };
  const { files, issues: argIssues } = await expandInputs(cmd.inputs);
  report(argIssues);
  const read: InputDocument[] = [];
  for (const file of files) {
    const r = await readInputFile(file, cmd.limit === undefined ? {} : { limit: cmd.limit });
    report(r.issues);
    read.push(...r.docs);
  }
  const idIssues: InputIssue[] = [];
  const docs = assignIds(read, idIssues);
  report(idIssues);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  if (!docs.length) {
    io.warn(
      `No documents to build a pack from${errors ? ` (${plural(errors, 'problem')} above)` : ''}; nothing written.`,
    );
    return { code: 1 };
  }
  if (cmd.strict && errors) {
    io.warn(`--strict: ${plural(errors, 'problem')} above, so ${cmd.out} was not written. Fix them or drop --strict.`);
    return { code: 1 };
  }
  const t1 = performance.now();
  const pack = buildPack(docs, { lexicon: defaultLexicon, generator: cmd.generator });
  const t2 = performance.now();
  await mkdir(path.dirname(path.resolve(cmd.out)), { recursive: true });
  // Write then rename, so an interrupted run never leaves half a pack where a good one was.
  const tmp = `${cmd.out}.${process.pid}.tmp`;
  const bytes = await writePackFile(tmp, pack).catch(async (error: unknown) => {
    await rm(tmp, { force: true });
    throw error;
  });
  await rename(tmp, cmd.out);
  const t3 = performance.now();
  const summary: BuildSummary = {
    files: files.length,
    documents: docs.length,
    entities: pack.entities.length,
    mentions: pack.mentions.length,
    directQuotes: pack.quotes.filter((q) => q.kind === 'direct').length,
    statements: pack.quotes.filter((q) => q.kind === 'reported').length,
    bytes,
    errors,
    warnings,
    ms: { read: t1 - t0, build: t2 - t1, write: t3 - t2, total: t3 - t0 },
  };
  printSummary(cmd.out, summary, io);
  return { code: errors ? 1 : 0, summary };
}

function printSummary(out: string, s: BuildSummary, io: ConsoleLike): void {
  const n = (x: number): string => x.toLocaleString('en-US');
  const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const chars = s.bytes / 1e6;
  io.log(`Wrote ${out} (${chars.toFixed(1)} MB) in ${sec(s.ms.total)}`);
  io.log(`  documents   ${n(s.documents)} from ${plural(s.files, 'file')}`);
  io.log(`  entities    ${n(s.entities)} (${n(s.mentions)} mentions)`);
  io.log(`  quotes      ${n(s.directQuotes)} direct`);
  io.log(`  statements  ${n(s.statements)} reported`);
  io.log(`  time        read ${sec(s.ms.read)}, extract + index ${sec(s.ms.build)}, write ${sec(s.ms.write)}`);
  if (s.errors || s.warnings)
    io.log(`  problems    ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} (listed above)`);
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
