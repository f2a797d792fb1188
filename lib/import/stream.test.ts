import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseFile } from './parse-file';
import { LineSplitter, streamJsonl, type StreamBatch } from './stream';

const enc = new TextEncoder();

/** A Blob whose stream hands out `chunk`-byte pieces, so lines and characters are cut across chunks. */
function chunkedBlob(bytes: Uint8Array<ArrayBuffer>, chunk: number): Blob {
  const blob = new Blob([bytes]);
  return {
    size: bytes.length,
    slice: (a?: number, b?: number) => blob.slice(a, b),
    stream: () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) controller.close();
          else {
            controller.enqueue(bytes.slice(at, at + chunk));
            at += chunk;
          }
        },
      });
    },
  } as Blob;
}

async function collect(
  blob: Blob,
  name = 'feed.jsonl',
  options = {},
): Promise<{ batches: StreamBatch[]; docs: string[]; skipped: string[] }> {
  const batches: StreamBatch[] = [];
  for await (const b of streamJsonl(blob, name, options)) batches.push(b);
  return {
    batches,
    docs: batches.flatMap((b) => b.docs.map((d) => d.id)),
    skipped: batches.flatMap((b) => b.skipped),
  };
}

const line = (id: string, text = `Text of ${id}.`) => JSON.stringify({ id, title: `T ${id}`, text });

describe('LineSplitter', () => {
  it('joins a line cut across pieces', () => {
    const s = new LineSplitter();
    expect(s.push('{"a"')).toEqual([]);
    expect(s.push(':1}\n{"b"')).toEqual(['{"a":1}']);
    expect(s.push(':2}\n')).toEqual(['{"b":2}']);
    expect(s.end()).toEqual([]);
  });

  it('drops the CR of CRLF, even when CR and LF arrive in different pieces', () => {
    const s = new LineSplitter();
    expect(s.push('a\r\nb\r')).toEqual(['a']);
    expect(s.push('\nc')).toEqual(['b']);
    expect(s.end()).toEqual(['c']);
  });

  it('gives the last line without a line break at the end', () => {
    const s = new LineSplitter();
    expect(s.push('x\ny')).toEqual(['x']);
    expect(s.end()).toEqual(['y']);
  });

  it('turns an over-long line into its length and holds no more than the limit', () => {
    const s = new LineSplitter(10);
    expect(s.push('12345678')).toEqual([]);
    expect(s.push('9012345')).toEqual([]);
    expect((s as unknown as { partial: string }).partial).toBe('');
    expect(s.push('678\nok\n')).toEqual([{ tooLong: 18 }, 'ok']);
  });
});

describe('streamJsonl', () => {
  it('reads what parseFile reads from the same .jsonl: the same articles and the same skip reasons', async () => {
    const text = [line('a'), '', 'not json', '[1,2]', JSON.stringify({ title: 'no text' }), line('b'), '  '].join('\n');
    const bytes = enc.encode(text);
    const whole = parseFile('feed.jsonl', bytes);
    const streamed = await collect(chunkedBlob(bytes, 7));
    expect(streamed.docs).toEqual(whole.docs.map((d) => d.id));
    expect(streamed.skipped).toEqual(whole.errors);
    expect(streamed.skipped[0]).toMatch(/^feed\.jsonl line 3: not JSON/);
  });

  it('decodes a character whose bytes are cut across chunks, and drops a UTF-8 byte-order mark', async () => {
    const bytes = enc.encode(`\ufeff${line('a', 'Zoë Ünal said «bonjour» 😀.')}\r\n${line('b')}`);
    for (const size of [1, 2, 3, 5]) {
      const { batches } = await collect(chunkedBlob(bytes, size));
      const docs = batches.flatMap((b) => b.docs);
      expect(docs.map((d) => d.id)).toEqual(['a', 'b']);
      expect(docs[0]!.text).toBe('Zoë Ünal said «bonjour» 😀.');
    }
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const text = `${line('a')}\n${line('b')}\n`;
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect((await collect(chunkedBlob(bytes, 3))).docs).toEqual(['a', 'b']);
  });

  it('skips an over-long line with its line number and goes on', async () => {
    const long = line('big', 'x'.repeat(500));
    const bytes = enc.encode([line('a'), long, line('b')].join('\n'));
    const { docs, skipped } = await collect(chunkedBlob(bytes, 64), 'feed.jsonl', { maxLineChars: 200 });
    expect(docs).toEqual(['a', 'b']);
    expect(skipped).toEqual([
      `feed.jsonl line 2: the line is ${long.length} characters, more than the 200 a line may have`,
    ]);
  });

  it('hands out batches by characters of text, with bytes read growing to the file size', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => line(`d${i}`, `${'word '.repeat(40)}${i}.`));
    const bytes = enc.encode(lines.join('\n') + '\n');
    const { batches, docs } = await collect(chunkedBlob(bytes, 100), 'feed.jsonl', { batchChars: 1000 });
    expect(docs).toHaveLength(50);
    expect(batches.length).toBeGreaterThan(5);
    for (const b of batches.slice(0, -1))
      expect(b.docs.reduce((n, d) => n + d.text.length, 0)).toBeGreaterThanOrEqual(1000);
    const read = batches.map((b) => b.bytesRead);
    expect(read).toEqual([...read].sort((x, y) => x - y));
    expect(read.at(-1)).toBe(bytes.length);
    expect(batches.every((b) => b.bytesTotal === bytes.length)).toBe(true);
  });

  it('reads a .jsonl.gz, counting compressed bytes', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => line(`g${i}`));
    const gz = gzipSync(enc.encode(lines.join('\n')));
    const { batches, docs } = await collect(new Blob([gz]), 'feed.jsonl.gz', { batchDocuments: 64 });
    expect(docs).toEqual(lines.map((_, i) => `g${i}`));
    expect(batches.at(-1)!.bytesRead).toBe(gz.length);
    expect(batches.at(-1)!.bytesTotal).toBe(gz.length);
  });

  it('a cut-short gzip fails with a message naming the file, after the batches read before the cut', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => line(`g${i}`, `${'filler '.repeat(30)}${i}`));
    const gz = gzipSync(enc.encode(lines.join('\n')));
    const cut = gz.subarray(0, Math.floor(gz.length * 0.7));
    const got: string[] = [];
    const run = async () => {
      for await (const b of streamJsonl(chunkedBlob(cut, 256), 'feed.jsonl.gz', { batchDocuments: 20 }))
        got.push(...b.docs.map((d) => d.id));
    };
    await expect(run()).rejects.toThrow(/^feed\.jsonl\.gz: the gzip data is damaged or cut short after/);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(lines.slice(0, got.length).map((_, i) => `g${i}`));
  });

  it('a corrupt gzip fails with the same kind of message', async () => {
    const gz = gzipSync(enc.encode(Array.from({ length: 50 }, (_, i) => line(`g${i}`)).join('\n')));
    const bad = gz.slice();
    for (let i = 20; i < bad.length - 8; i += 7) bad[i] = bad[i]! ^ 0x5a;
    await expect(collect(new Blob([bad]), 'x.jsonl.gz')).rejects.toThrow(/^x\.jsonl\.gz: the gzip data is damaged/);
  });

  it('refuses a binary file, bytes that are not UTF-8, an empty file and a file of white space', async () => {
    await expect(collect(new Blob([new Uint8Array([0x25, 0x50, 0, 1, 2])]))).rejects.toThrow(/binary file/);
    await expect(collect(new Blob([enc.encode(`${line('a')}\n`), new Uint8Array([0xc3, 0x28])]))).rejects.toThrow(
      'feed.jsonl: not UTF-8 text after line 1',
    );
    await expect(collect(new Blob([]))).rejects.toThrow('feed.jsonl: the file is empty');
    await expect(collect(new Blob(['  \n\n  ']))).rejects.toThrow('feed.jsonl: the file holds only white space');
  });

  it('stops reading the file when the consumer stops early', async () => {
    let pulled = 0;
    const bytes = enc.encode(Array.from({ length: 1000 }, (_, i) => line(`d${i}`)).join('\n'));
    const blob = chunkedBlob(bytes, 100);
    const counting = {
      size: blob.size,
      slice: blob.slice.bind(blob),
      stream: () =>
        blob.stream().pipeThrough(
          new TransformStream({
            transform(c, ctl) {
              pulled++;
              ctl.enqueue(c);
            },
          }),
        ),
    } as Blob;
    for await (const b of streamJsonl(counting, 'feed.jsonl', { batchDocuments: 10 })) {
      expect(b.docs).toHaveLength(10);
      break;
    }
    expect(pulled).toBeLessThan(20);
  });
});
