import { browser, type PublicPath } from 'wxt/browser';
import type { Pack } from '../pack/types';
import { partsOfBundledPack, type CorpusParts } from '../query/corpus-query';
import { BUNDLED_INDEX_PATH } from '../search/index-file';
import { BUNDLED_PACK_PATH, fetchBundledPack } from '../store/bundled';

export { BUNDLED_PACK_PATH };

/**
 * Reads the pack that ships with the extension.
 * @throws Error when the file is missing or is not a valid pack.
 */
export function loadBundledPack(): Promise<Pack> {
  return fetchBundledPack(browser.runtime.getURL(BUNDLED_PACK_PATH as PublicPath));
}

/** The index file the build wrote beside the bundled pack, or an Error saying why it could not be read. */
async function fetchIndexFile(): Promise<unknown> {
  try {
    const response = await fetch(browser.runtime.getURL(BUNDLED_INDEX_PATH as PublicPath));
    if (!response.ok) return new Error(`${BUNDLED_INDEX_PATH}: ${response.status} ${response.statusText}`);
    return (await response.json()) as unknown;
  } catch (error) {
    return new Error(`${BUNDLED_INDEX_PATH}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The bundled corpus ready to answer, with the search indexes built for it at
 * build time. An index file that is missing or does not fit is logged and the
 * indexes are built here instead: slower, never a wrong answer.
 * @throws Error when the pack is missing or is not a valid pack.
 */
export async function loadBundledCorpus(): Promise<CorpusParts> {
  const [pack, indexFile] = await Promise.all([loadBundledPack(), fetchIndexFile()]);
  return partsOfBundledPack(pack, indexFile, (why) =>
    console.warn(`Dossier: the bundled search index was not used (${why}); building it in the browser instead`),
  );
}
