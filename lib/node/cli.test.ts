import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validatePack } from '../import/validate';
import { PACK_FORMAT, PACK_VERSION } from '../pack/types';
import { runCli } from './cli';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'tests/fixtures/cli');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** Collects what the tool prints instead of writing to the terminal. */
function capture(): { log: (l: string) => void; warn: (l: string) => void; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { log: (l) => out.push(l), warn: (l) => err.push(l), out, err };
}

describe('corpus build, end to end', () => {
  it('turns every fixture into a pack, keeps jsonl ids, attributes the Lavrov quote', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-')), 'nested/pack.json');
    const run = promisify(execFile)(tsx, ['lib/node/cli.ts', 'build', fixtures, '--out', out], { cwd: root });
    // The fixtures hold one bad jsonl line: reported, skipped, exit code 1.
    const failure = await run.then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/wire\.jsonl:2: bad JSON/);
    expect(failure?.stdout).toMatch(/documents\s+5 from 4 files/);

    const file = JSON.parse(readFileSync(out, 'utf8')) as { format: unknown; version: unknown };
    expect(file.format).toBe(PACK_FORMAT);
    expect(file.version).toBe(PACK_VERSION);
    const check = validatePack(file, out);
    if (!check.ok) throw new Error(check.error);
    const { pack } = check;
    expect(pack.generator).toMatch(/^dossier-cli \d/);
    expect(pack.documents.map((d) => d.id).sort()).toEqual([
      'aleppo-brief',
      'ceasefire-explainer',
      'geneva-talks',
      'wire-001',
      'wire-003',
    ]);
    const lavrov = pack.entities.find((e) => e.name === 'Sergey Lavrov');
    expect(lavrov).toBeDefined();
    const quote = pack.quotes.find((q) => q.docId === 'wire-001' && q.kind === 'direct');
    expect(quote).toMatchObject({ text: 'This is a turning point for Syria', speakerId: lavrov!.id });
    const htmlQuote = pack.quotes.find((q) => q.docId === 'geneva-talks' && q.text.startsWith('We have agreed'));
    expect(htmlQuote?.speakerId).toBe(lavrov!.id);
  }, 60_000);
});

describe('runCli', () => {
  it('prints help and exits 0 with --help', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out.join('\n')).toMatch(/Usage:\n\s+npm run corpus -- build/);
  });

  it('exits 2 on an unknown option or command, saying what to do', async () => {
    const io = capture();
    expect(await runCli(['build', '--colour'], io)).toBe(2);
    expect(await runCli(['make', 'x.txt'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/--help/);
  });

  it('with --strict writes nothing when a line is bad', async () => {
    const io = capture();
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-')), 'pack.json');
    expect(await runCli(['build', path.join(fixtures, 'wire.jsonl'), '--strict', '-o', out], io)).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(io.err.at(-1)).toMatch(/--strict: 1 problem above/);
  });

  it('exits 0 and summarises when every input is good', async () => {
    const io = capture();
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-')), 'pack.json');
    expect(await runCli(['build', path.join(fixtures, 'aleppo-brief.txt'), '--out', out], io)).toBe(0);
    expect(io.out[0]).toMatch(/^Wrote .*pack\.json \(\d+\.\d MB\) in \d+\.\d s$/);
    expect(io.err).toEqual([]);
  });
});
