import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { InputDocument, InputIssue } from './input-result';
import { assignIds, formatIssue, readInputFile } from './inputs';

const fixtures = path.resolve(__dirname, '../../tests/fixtures/cli');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dossier-inputs-'));
const write = (name: string, content: string | Uint8Array): string => {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
};

describe('readInputFile', () => {
  it('reads the article of an HTML page with its title, site, date and URL', async () => {
    const { docs, issues } = await readInputFile(path.join(fixtures, 'geneva-talks.html'));
    expect(issues).toEqual([]);
    expect(docs[0]).toMatchObject({
      id: 'geneva-talks',
      title: 'Kerry and Lavrov agree on a Syria ceasefire',
      source: 'Example News',
      date: '2016-09-10',
      url: 'https://news.example.org/2016/09/10/geneva-ceasefire',
    });
    const paragraphs = docs[0]!.text.split('\n');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[1]).toBe(
      '"We have agreed on a package of five documents," Lavrov told reporters after the talks. The documents will not be made public.',
    );
    expect(docs[0]!.text).not.toMatch(/Home|Privacy|tracker|Ann Reporter/);
  });

  it('reads Markdown: heading as title, front-matter date, markup stripped', async () => {
    const { docs } = await readInputFile(path.join(fixtures, 'ceasefire-explainer.md'));
    expect(docs[0]).toMatchObject({ title: 'What the Geneva ceasefire asks of each side', date: '2016-09-12' });
    expect(docs[0]!.text.split('\n')[0]).toBe(
      'The agreement reached by John Kerry and Sergey Lavrov in Geneva asks three things:',
    );
    expect(docs[0]!.text).not.toMatch(/[*_`[\]]|map\.png/);
  });

  it('reads plain text with its headline line as the title', async () => {
    const { docs } = await readInputFile(path.join(fixtures, 'aleppo-brief.txt'));
    expect(docs[0]).toMatchObject({ id: 'aleppo-brief', title: 'Aid convoys wait at the Turkish border' });
    expect(docs[0]!.text.startsWith('Trucks carrying food')).toBe(true);
  });

  it('keeps the good lines of a .jsonl and names the bad one with its line number', async () => {
    const file = path.join(fixtures, 'wire.jsonl');
    const { docs, issues } = await readInputFile(file);
    expect(docs.map((d) => d.id)).toEqual(['wire-001', 'wire-003']);
    expect(docs[1]!.date).toBe('2016-09-11');
    expect(issues).toHaveLength(1);
    expect(formatIssue(issues[0]!)).toMatch(/wire\.jsonl:2: bad JSON/);
  });

  it('reports .jsonl lines without text or not objects, and warns on a bad date', async () => {
    const file = write('mixed.jsonl', '[1]\n{"id":"a"}\n\n{"id":"b","text":"T.","date":"Sept 2016"}\n');
    const { docs, issues } = await readInputFile(file);
    expect(docs.map((d) => d.id)).toEqual(['b']);
    expect(issues.map((i) => [i.line, i.severity])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [4, 'warning'],
    ]);
  });

  it('reads a gzipped .jsonl up to a limit', async () => {
    const lines = [1, 2, 3].map((n) => JSON.stringify({ id: `g${n}`, title: 't', text: `Text ${n}.` })).join('\n');
    const { docs } = await readInputFile(write('feed.jsonl.gz', gzipSync(lines)), { limit: 2 });
    expect(docs.map((d) => d.id)).toEqual(['g1', 'g2']);
  });

  it('reports a corrupt .gz instead of throwing', async () => {
    const { docs, issues } = await readInputFile(write('broken.jsonl.gz', 'not gzip at all'));
    expect(docs).toEqual([]);
    expect(issues[0]!.message).toMatch(/cannot read/);
  });

  it.each([
    ['empty.txt', '', /the file is empty/],
    ['empty.jsonl', '', /the file is empty/],
    ['blank.md', '\n  \n', /no text found/],
    ['image.txt', new Uint8Array([137, 80, 78, 71, 0, 1, 2]), /binary file/],
    ['latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]), /not UTF-8/],
    ['notes.pdf', 'x', /unsupported file type/],
  ])('rejects %s with a message naming it', async (name, content, message) => {
    const { docs, issues } = await readInputFile(write(name, content));
    expect(docs).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(formatIssue(issues[0]!)).toMatch(new RegExp(`${name}: `));
    expect(issues[0]!.message).toMatch(message);
  });
});

describe('assignIds', () => {
  const doc = (id: string, keepId: boolean, origin = 'x'): InputDocument => ({
    id,
    title: id,
    text: 't',
    origin,
    keepId,
  });

  it('keeps input ids and numbers repeated file-name ids', () => {
    const issues: InputIssue[] = [];
    const docs = assignIds([doc('a', false), doc('a', true), doc('a', false)], issues);
    expect(docs.map((d) => d.id)).toEqual(['a-2', 'a', 'a-3']);
    expect(issues).toEqual([]);
  });

  it('drops a repeated input id with an error naming its line', () => {
    const issues: InputIssue[] = [];
    const docs = assignIds([doc('a', true, 'f.jsonl:1'), doc('a', true, 'f.jsonl:9')], issues);
    expect(docs).toHaveLength(1);
    expect(issues.map(formatIssue)).toEqual(['f.jsonl:9: the id "a" is used before; ids must be unique']);
    expect(docs[0]).not.toHaveProperty('origin');
  });
});
