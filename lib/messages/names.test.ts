import { describe, expect, it } from 'vitest';
import { fetchNameTable, type NamesRequest } from './names';
import type { NameEntry } from './protocol';

const entries = (n: number, tag: string): NameEntry[] =>
  Array.from({ length: n }, (_, i) => ({ text: `${tag}${i}`, entityId: `${tag}${i}`, type: 'person' }));

/** A background that serves `tables[k]` from its k-th request on (the corpus changing under the reader). */
function serve(tables: { version: string; names: NameEntry[] }[], pageSize = 3): NamesRequest {
  let calls = 0;
  return ({ from = 0 }) => {
    const table = tables[Math.min(calls++, tables.length - 1)]!;
    const next = from + pageSize;
    return Promise.resolve({
      version: table.version,
      names: table.names.slice(from, next),
      from,
      next: next < table.names.length ? next : null,
    });
  };
}

describe('fetchNameTable', () => {
  it('reads every page in order', async () => {
    const names = entries(8, 'a');
    expect(await fetchNameTable(serve([{ version: 'v1', names }]))).toEqual({ version: 'v1', names });
  });

  it('starts again when the corpus changes between pages', async () => {
    const old = { version: 'v1', names: entries(8, 'a') };
    const now = { version: 'v2', names: entries(5, 'b') };
    expect(await fetchNameTable(serve([old, now]))).toEqual(now);
  });

  it('gives up when the corpus keeps changing', async () => {
    const tables = Array.from({ length: 20 }, (_, k) => ({ version: `v${k}`, names: entries(8, 'a') }));
    await expect(fetchNameTable(serve(tables))).rejects.toThrow('kept changing');
  });
});
