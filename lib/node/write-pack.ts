/**
 * Writes a pack to a file in its file form (lib/pack/file.ts) as JSON, one
 * piece at a time. `JSON.stringify` of a whole pack of thousands of documents
 * can exceed V8's largest string (~512 MB) and abort Node; written piecewise, a
 * pack is limited by the disk only. The output is the same JSON
 * `JSON.stringify(toPackFile(pack))` would give.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { toPackFile } from '../pack/file';
import type { Pack } from '../pack/types';

/** List fields of a pack file, written an item at a time. */
const LISTS = ['documents', 'entities'] as const;
/** Column groups of a pack file, written a column at a time. */
const COLUMNS = ['passages', 'mentions', 'quotes'] as const;

/**
 * Writes `pack` to `file` and resolves with the number of bytes written.
 * @throws the stream's error (disk full, no permission).
 */
export async function writePackFile(file: string, pack: Pack): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let bytes = 0;
  const write = async (chunk: string) => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  const body = (async () => {
    const file = toPackFile(pack);
    const head: Record<string, unknown> = { ...file };
    for (const key of [...LISTS, ...COLUMNS]) delete head[key];
    // Scalars first, exactly as JSON.stringify would write them, without the closing brace.
    await write(JSON.stringify(head).slice(0, -1));
    for (const key of LISTS) {
      await write(`,${JSON.stringify(key)}:[`);
      const list = file[key] as readonly unknown[];
      for (let i = 0; i < list.length; i++) await write((i ? ',' : '') + JSON.stringify(list[i]));
      await write(']');
    }
    for (const key of COLUMNS) {
      await write(`,${JSON.stringify(key)}:{`);
      const columns = Object.entries(file[key]);
      for (let i = 0; i < columns.length; i++)
        await write(`${i ? ',' : ''}${JSON.stringify(columns[i]![0])}:${JSON.stringify(columns[i]![1])}`);
      await write('}');
    }
    await write('}');
    out.end();
    await once(out, 'finish');
  })();
  await Promise.race([body, failed]);
  return bytes;
}
