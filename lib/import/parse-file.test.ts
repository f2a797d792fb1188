import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { toPackFile } from '../pack/file';
import { makeTestPack } from '../query/test-pack';
import { parseFile } from './parse-file';

const utf8 = (s: string) => new TextEncoder().encode(s);
const parseHtml = (html: string) => parseHTML(html).document;

describe('parseFile', () => {
  it('reads a .jsonl file and names the bad lines', () => {
    const lines = [
      JSON.stringify({ id: 'a', title: 'A', date: '2020-01-02', url: 'https://x.org/a', text: 'Ana Ruiz spoke.' }),
      '{"id": "b", "title": ',
      JSON.stringify({ id: 'c', title: 'C' }),
      '[1,2]',
    ].join('\n');
    const out = parseFile('news.jsonl', utf8(lines));
    expect(out.docs).toEqual([
      { id: 'a', title: 'A', date: '2020-01-02', url: 'https://x.org/a', text: 'Ana Ruiz spoke.' },
    ]);
    expect(out.errors).toHaveLength(3);
    expect(out.errors[0]).toMatch(/^news\.jsonl line 2: not JSON \(/);
    expect(out.errors[1]).toBe('news.jsonl line 3: no "text"');
    expect(out.errors[2]).toBe('news.jsonl line 4: not an article object {id, title, date, url, text}');
  });

  it('refuses binary files, naming what they are', () => {
    const pdf = parseFile('scan.pdf.txt', utf8('%PDF-1.7 ...'));
    expect(pdf.errors).toEqual([
      'scan.pdf.txt: binary file (PDF document) — Dossier imports .txt, .md, .html, .jsonl and .json packs',
    ]);
    expect(parseFile('scan.pdf', utf8('%PDF')).errors[0]).toMatch(/^scan\.pdf: not a file Dossier reads/);
    expect(parseFile('x.txt', new Uint8Array([1, 2, 0, 4])).errors[0]).toMatch(/binary file/);
  });

  it('refuses text that is not UTF-8 and reads UTF-16 with a BOM', () => {
    expect(parseFile('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])).errors[0]).toMatch(
      /^latin1\.txt: not UTF-8 text — save it as UTF-8/,
    );
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Hello Lima.').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(parseFile('u16.txt', utf16).docs[0]?.text).toBe('Hello Lima.');
  });

  it('refuses an empty file', () => {
    expect(parseFile('empty.md', new Uint8Array()).errors).toEqual(['empty.md: the file is empty']);
  });

  it('reads a Markdown article with its title', () => {
    const out = parseFile('talks.md', utf8('# Talks in Lima\n\nAna Ruiz met **Tom Berg**.\n'));
    expect(out.docs[0]).toMatchObject({ id: 'talks', title: 'Talks in Lima', text: 'Ana Ruiz met Tom Berg.' });
  });

  it('extracts the article of an HTML page', () => {
    const body = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Ana Ruiz met Tom Berg in Lima, paragraph ${i}, to talk about the long ceasefire and what comes after it.</p>`,
    ).join('');
    const html = `<html><head><title>Talks in Lima</title><link rel="canonical" href="https://news.example/talks"></head><body><nav>Menu</nav><article><h1>Talks in Lima</h1>${body}</article></body></html>`;
    const out = parseFile('talks.html', utf8(html), { parseHtml });
    expect(out.errors).toEqual([]);
    expect(out.docs[0]).toMatchObject({ title: 'Talks in Lima', url: 'https://news.example/talks' });
    expect(out.docs[0]!.text.split('\n')).toHaveLength(6);
  });

  it('accepts a valid pack and names the first problem of a broken one', () => {
    const pack = makeTestPack();
    const file = toPackFile(pack);
    expect(parseFile('good.json', utf8(JSON.stringify(file))).packs).toEqual([pack]);
    const broken = { ...file, mentions: { ...file.mentions, end: [10_000, ...file.mentions.end.slice(1)] } };
    expect(parseFile('bad.json', utf8(JSON.stringify(broken))).errors).toEqual([
      'bad.json: mentions[0]: range 0–10000 is outside document "d1" (78 characters)',
    ]);
    const short = { ...file, quotes: { ...file.quotes, kind: [0] } };
    expect(parseFile('short.json', utf8(JSON.stringify(short))).errors).toEqual([
      'short.json: quotes.kind: 1 values, but quotes.doc has 2',
    ]);
    const dangling = { ...file, mentions: { ...file.mentions, entity: file.mentions.entity.map(() => 7) } };
    expect(parseFile('dangling.json', utf8(JSON.stringify(dangling))).errors).toEqual([
      'dangling.json: mentions.entity[0]: 7 is past the last entity',
    ]);
  });

  it('reads a version-1 pack (lists of objects and a search index it ignores)', () => {
    const pack = makeTestPack();
    const v1 = { ...pack, version: 1, index: { documentCount: 0, index: [] } };
    expect(parseFile('old.json', utf8(JSON.stringify(v1))).packs).toEqual([pack]);
  });
});
