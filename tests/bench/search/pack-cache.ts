/**
 * The large packs the search bench needs, built once from the White House
 * briefings with the same code as `npm run corpus -- build` and cached in
 * .cache/bench/ (building 10,000 documents takes minutes).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultLexicon } from '../../../lib/corpus/lexicon';
import { readJsonlFile } from '../../../lib/node/jsonl-input';
import { writePackFile } from '../../../lib/node/write-pack';
import { validatePack } from '../../../lib/import/validate';
import { buildPack } from '../../../lib/pack/build';
import type { Pack } from '../../../lib/pack/types';

/**
 * The pack file of the first `count` briefings as JSON text, built and cached
 * on first use. Returns the text and its path.
 */
export async function briefingsPackText(
  root: string,
  sharedDir: string,
  count: number,
  log: (line: string) => void,
): Promise<{ text: string; file: string }> {
  const file = path.join(root, '.cache', 'bench', `briefings-${count}.v2.pack.json`);
  if (!existsSync(file)) {
    log(`search: building a pack of ${count} briefings (cached in ${path.relative(root, file)}; takes minutes)`);
    const { docs } = await readJsonlFile(path.join(sharedDir, 'data/whitehouse-briefings.jsonl.gz'), count);
    const pack = buildPack(
      docs.map(({ origin: _o, keepId: _k, ...d }) => d),
      { lexicon: defaultLexicon, generator: 'dossier-bench' },
    );
    await mkdir(path.dirname(file), { recursive: true });
    await writePackFile(file, pack);
  }
  // A pack file is one JSON document: past V8's longest string (~512 MB) it
  // could not be read back in one piece.
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new Error(`${path.basename(file)} cannot be read as one string (${String(error)}); try fewer documents`);
  });
  return { text, file };
}

/**
 * The pack of the first `count` briefings, read and validated, and its path (see {@link briefingsPackText}).
 * @throws Error when the cached file is not a valid pack.
 */
export async function briefingsPack(
  root: string,
  sharedDir: string,
  count: number,
  log: (line: string) => void,
): Promise<{ pack: Pack; file: string }> {
  const { text, file } = await briefingsPackText(root, sharedDir, count, log);
  const check = validatePack(JSON.parse(text), file);
  if (!check.ok) throw new Error(check.error);
  return { pack: check.pack, file };
}
