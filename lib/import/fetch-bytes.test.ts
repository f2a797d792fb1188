// Downloads stop at their limits, against a real local server that hangs,
// streams forever or sends too much; subscriptions check independently.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusData } from '../edits/apply-edits';
import { toPackFile } from '../pack/file';
import type { Pack } from '../pack/types';
import { makeTestPack } from '../query/test-pack';
import { SubscriptionManager } from '../subscriptions/subscription-manager';
import type { Subscription } from '../subscriptions/types';
import { fetchPack } from '../subscriptions/fetch-pack';
import { DownloadLimitError, fetchBytes } from './fetch-bytes';
import { fetchForImport } from './fetch-url';

const MB = 2 ** 20;
// Silence limit long enough that a loaded machine reading a live stream never trips it.
const limits = { maxBytes: 1 * MB, timeoutMs: 20_000, idleMs: 1_500 };

/** Bytes the server wrote on each `/forever` response, and whether the client hung up. */
const streams: { sent: number; closed: boolean }[] = [];
const hanging: ServerResponse[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/hang')) {
      hanging.push(res); // answers only when the test lets it (or never)
      return;
    }
    if (path === '/forever' || path === '/forever.json') {
      const stream = { sent: 0, closed: false };
      streams.push(stream);
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!stream.closed && res.write(chunk)) stream.sent += chunk.length;
        if (!stream.closed) stream.sent += chunk.length;
      };
      res.on('drain', pump);
      res.on('close', () => (stream.closed = true));
      pump();
      return;
    }
    if (path === '/declared-big') {
      res.writeHead(200, { 'content-length': String(5 * MB) });
      res.write('x');
      return;
    }
    if (path === '/silent-body') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('Some text, then nothing.');
      return;
    }
    if (path === '/pack.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(toPackFile(makeTestPack())));
      return;
    }
    if (path === '/article.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Talks in Quito\nTom Berg arrived in Quito on Monday.');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchBytes', () => {
  it('gives up on a server that never answers', { timeout: 20_000 }, async () => {
    const error = await fetchBytes(`${origin}/hang/1`, limits).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadLimitError);
    expect((error as DownloadLimitError).reason).toBe('idle');
  });

  it('gives up on a body that stops coming', { timeout: 20_000 }, async () => {
    const error = await fetchBytes(`${origin}/silent-body`, limits).catch((e: unknown) => e);
    expect((error as DownloadLimitError).reason).toBe('idle');
  });

  it('stops reading a body that never ends as soon as it passes the cap', { timeout: 20_000 }, async () => {
    const error = await fetchBytes(`${origin}/forever`, limits).catch((e: unknown) => e);
    expect((error as DownloadLimitError).reason).toBe('too-large');
    expect((error as Error).message).toMatch(/larger than 1 MB/);
    const stream = streams.at(-1)!;
    await expect.poll(() => stream.closed, { timeout: 10_000 }).toBe(true);
    // What the server managed to send before the client hung up: the cap plus what socket buffers held.
    expect(stream.sent).toBeLessThan(32 * MB);
  });

  it('refuses a declared size over the cap before reading', { timeout: 20_000 }, async () => {
    const error = await fetchBytes(`${origin}/declared-big`, limits).catch((e: unknown) => e);
    expect((error as DownloadLimitError).reason).toBe('too-large');
  });

  it('stops at the overall deadline even while bytes keep coming', { timeout: 20_000 }, async () => {
    const error = await fetchBytes(`${origin}/forever`, { maxBytes: 2 ** 40, timeoutMs: 300, idleMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect((error as DownloadLimitError).reason).toBe('timeout');
  });
});

describe('URL import', () => {
  it('reads a file, and says plainly when the server hangs or sends too much', { timeout: 20_000 }, async () => {
    expect((await fetchForImport(`${origin}/article.txt`, fetch, limits)).name).toBe('article.txt');
    await expect(fetchForImport(`${origin}/hang/2`, fetch, limits)).rejects.toThrow(/stopped sending/);
    await expect(fetchForImport(`${origin}/forever.json`, fetch, limits)).rejects.toThrow(/larger than 1 MB/);
  });
});

describe('subscription checks', () => {
  it(
    'a hanging source fails with its own error, and the pack is not read past the cap',
    { timeout: 20_000 },
    async () => {
      const sub = { id: 's1', url: `${origin}/hang/3`, addedAt: '' };
      await expect(fetchPack(sub, fetch, limits)).rejects.toThrow(/sent nothing/);
      await expect(fetchPack({ ...sub, url: `${origin}/forever.json` }, fetch, limits)).rejects.toThrow(
        /larger than 1 MB/,
      );
    },
  );

  it('one source that hangs holds up no other', { timeout: 30_000 }, async () => {
    let subs: Subscription[] = [
      { id: 'shang', url: `${origin}/hang/4`, addedAt: '' },
      { id: 'sgood', url: `${origin}/pack.json`, addedAt: '' },
    ];
    let corpus = makeTestPack();
    const manager = new SubscriptionManager({
      load: () => Promise.resolve(subs.map((s) => ({ ...s }))),
      save: (next) => {
        subs = [...next];
        return Promise.resolve();
      },
      rewrite: (fn: (pack: Pack) => CorpusData) => {
        corpus = { ...corpus, ...fn(corpus) };
        return Promise.resolve();
      },
      // A long silence allowed: the hanging check is still waiting when the other one is done.
      limits: { ...limits, idleMs: 60_000, timeoutMs: 60_000 },
    });
    const hangs = hanging.length;
    const all = manager.checkAll();
    await expect.poll(() => subs.find((s) => s.id === 'sgood')?.documentCount, { timeout: 10_000 }).toBe(2);
    expect(hanging.length).toBe(hangs + 1); // the hanging request is still open
    expect(corpus.documents.some((d) => d.id.startsWith('sgood/'))).toBe(true);
    hanging.at(-1)!.writeHead(503).end(); // let it end, so the test can finish
    const results = await all;
    expect(results.find((s) => s.id === 'shang')?.lastError).toMatch(/503/);
  });
});
