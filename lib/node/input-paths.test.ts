import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs, globToRegExp } from './input-paths';

const root = mkdtempSync(path.join(os.tmpdir(), 'dossier-paths-'));
for (const f of ['a.txt', 'b.md', 'skip.pdf', 'sub/c.html', 'sub/deep/d.jsonl', '.hidden/e.txt']) {
  mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
  writeFileSync(path.join(root, f), 'x');
}
const rel = (files: string[]): string[] => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

describe('expandInputs', () => {
  it('searches a folder recursively for supported files, hidden folders left out', async () => {
    const { files, issues } = await expandInputs([root]);
    expect(rel(files)).toEqual(['a.txt', 'b.md', 'sub/c.html', 'sub/deep/d.jsonl']);
    expect(issues).toEqual([]);
  });

  it('matches glob patterns, ** included', async () => {
    expect(rel((await expandInputs([`${root}/**/*.{html,jsonl}`])).files)).toEqual(['sub/c.html', 'sub/deep/d.jsonl']);
    expect(rel((await expandInputs([`${root}/*.txt`])).files)).toEqual(['a.txt']);
  });

  it('lists a file once even when given twice', async () => {
    const a = path.join(root, 'a.txt');
    expect((await expandInputs([a, a])).files).toEqual([a]);
  });

  it('names missing files, unsupported files and empty patterns', async () => {
    const { files, issues } = await expandInputs([
      path.join(root, 'nope.txt'),
      path.join(root, 'skip.pdf'),
      `${root}/*.xml`,
    ]);
    expect(files).toEqual([]);
    expect(issues.map((i) => i.message)).toEqual([
      'no such file or folder',
      expect.stringMatching(/^unsupported file type/),
      'no supported file matches this pattern',
    ]);
  });
});

describe('globToRegExp', () => {
  it('keeps * inside one folder and lets ** cross folders', () => {
    expect(globToRegExp('*.md').test('a.md')).toBe(true);
    expect(globToRegExp('*.md').test('x/a.md')).toBe(false);
    expect(globToRegExp('**/*.md').test('a.md')).toBe(true);
    expect(globToRegExp('**/*.md').test('x/y/a.md')).toBe(true);
    expect(globToRegExp('a?.{md,txt}').test('ab.txt')).toBe(true);
  });
});
