/**
 * Reads the bundled corpus (assets/corpus) from disk. Node only: used by the
 * build to make the pack the extension ships.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultLexicon } from '../corpus/lexicon';
import type { SourceDocument } from '../corpus/types';
import { buildPack } from '../pack/build';
import { fromPackFile, toPackFile } from '../pack/file';
import { compactPack } from '../pack/model';
import type { Pack } from '../pack/types';
import { packGenerator } from '../import/pack-segment';
import { toIndexFile, type SearchIndexFile } from '../search/index-file';
import { buildSearchIndexes } from '../search/records';

interface ManifestEntry {
  file: string;
  id: string;
  title: string;
  source?: string;
  date?: string;
  url?: string;
}

/**
 * Loads every document the manifest lists.
 * @throws Error naming the manifest entry whose file is missing or empty.
 */
export async function readBundledCorpus(corpusDir: string): Promise<SourceDocument[]> {
  const manifestPath = path.join(corpusDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { documents: ManifestEntry[] };
  return Promise.all(
    manifest.documents.map(async ({ file, ...meta }) => {
      const text = (await readFile(path.join(corpusDir, file), 'utf8')).replace(/\r\n?/g, '\n').trim();
      if (!text) throw new Error(`${manifestPath}: "${file}" is empty`);
      return { ...meta, text };
    }),
  );
}

/** Builds the pack the extension ships, from `<root>/assets/corpus`. */
export async function buildBundledPack(root: string): Promise<Pack> {
  const docs = await readBundledCorpus(path.join(root, 'assets', 'corpus'));
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return buildPack(docs, { lexicon: defaultLexicon, generator: packGenerator(`dossier-build ${version}`) });
}

/**
 * The search indexes of the bundled pack, built as the store builds every
 * corpus's (lib/search/records.ts), for the file the extension ships beside the
 * pack. Built from the pack as the browser reads it back from its file, so the
 * model, and the fingerprint the browser checks, are the same.
 */
export function bundledIndexFile(pack: Pack): SearchIndexFile {
  const read = fromPackFile(toPackFile(pack));
  const model = compactPack(read);
  return toIndexFile(
    model,
    buildSearchIndexes(model, (doc) => read.documents[doc]!.text),
  );
}
