import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestPack } from '../query/test-pack';
import { toPackFile } from '../pack/file';
import { writePackFile } from './write-pack';

describe('writePackFile', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes exactly what JSON.stringify of the file form gives, and says how many bytes', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dossier-pack-'));
    const file = path.join(dir, 'pack.json');
    const pack = makeTestPack();
    const bytes = await writePackFile(file, pack);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(JSON.stringify(toPackFile(pack)));
    expect(bytes).toBe(Buffer.byteLength(text));
  });

  it('fails with the stream error for an unwritable path', async () => {
    await expect(writePackFile('/nonexistent-dir/x/pack.json', makeTestPack())).rejects.toThrow(/ENOENT/);
  });
});
