/**
 * A tiny static HTTP server for browser tests and scripts. It serves
 * `tests/fixtures/` at `/` and, when present, `../shared/pages/` at `/shared/`,
 * on 127.0.0.1 with a random port. Only GET/HEAD of files under those roots are
 * answered; everything else is a 404, so a page can never read outside them.
 *
 * Extra response headers for a file (e.g. a Content-Security-Policy) come from
 * a sidecar `<file>.headers.json` holding one object of header names to values.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (two levels above this file). */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Where the local fixtures live. */
export const FIXTURES_DIR = join(PROJECT_ROOT, 'tests', 'fixtures');

/** Real saved pages, outside the repository; absent on a user's clone. */
export const SHARED_PAGES_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'pages');

/** True when `../shared/pages` exists, i.e. the real-page tests can run. */
export const hasSharedPages = (): boolean => existsSync(SHARED_PAGES_DIR);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

/** A running server: its origin (`http://127.0.0.1:<port>`), a URL helper and `close()`. */
export interface StaticServer {
  /** E.g. `http://127.0.0.1:41234`, no trailing slash. */
  origin: string;
  port: number;
  /** Absolute URL of a path on this server, e.g. `url('/demo-article.html')`. */
  url(path: string): string;
  close(): Promise<void>;
}

/** Options of {@link startStaticServer}; every field has a default. */
export interface StaticServerOptions {
  /** Served at `/`. Default: `tests/fixtures`. */
  root?: string;
  /** Served at `/shared/`. Default: `../shared/pages` (skipped when missing). */
  sharedRoot?: string;
  /** Port to listen on. Default: 0 (random free port). */
  port?: number;
}

/** Maps a URL path to a file under one of the roots, or null when outside them. */
function resolvePath(urlPath: string, root: string, sharedRoot: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const [base, rel] = decoded.startsWith('/shared/')
    ? [sharedRoot, decoded.slice('/shared/'.length)]
    : [root, decoded.slice(1)];
  const file = normalize(join(base, rel || 'index.html'));
  // Refuse `..` escapes: the file must stay inside its root.
  return file === base || file.startsWith(base + sep) ? file : null;
}

/**
 * Headers from `<file>.headers.json`, or none when there is no sidecar.
 * @throws when the sidecar is not a JSON object of strings (a broken fixture should fail loudly).
 */
async function sidecarHeaders(file: string): Promise<Record<string, string>> {
  const text = await readFile(`${file}.headers.json`, 'utf8').catch(() => null);
  if (text === null) return {};
  const headers: unknown = JSON.parse(text);
  if (typeof headers !== 'object' || headers === null || Object.values(headers).some((v) => typeof v !== 'string')) {
    throw new Error(`static-server: ${file}.headers.json must be an object of header names to strings`);
  }
  return headers as Record<string, string>;
}

/**
 * Starts the server. Resolves once it listens.
 * @throws when the port cannot be bound.
 */
export async function startStaticServer(options: StaticServerOptions = {}): Promise<StaticServer> {
  const root = resolve(options.root ?? FIXTURES_DIR);
  const sharedRoot = resolve(options.sharedRoot ?? SHARED_PAGES_DIR);
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const file = req.method === 'GET' || req.method === 'HEAD' ? resolvePath(path, root, sharedRoot) : null;
      const info = file ? await stat(file).catch(() => null) : null;
      if (!file || !info?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`static-server: not found: ${path}`);
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
        ...(await sidecarHeaders(file)),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`static-server: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => new URL(path, origin + '/').toString(),
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : ok()));
      }),
  };
}
