/**
 * The pack that ships with the extension: the corpus while the store is
 * empty. Fetch only (no extension API), so the service worker and the import
 * worker both use it.
 */
import { validatePack } from '../import/validate';
import type { Pack } from '../pack/types';

/** Where the build puts the bundled pack inside the extension. */
export const BUNDLED_PACK_PATH = '/corpus/pack.json';

/**
 * Fetches and checks the bundled pack.
 * @param url its full address (`browser.runtime.getURL(BUNDLED_PACK_PATH)` or relative to a worker's location).
 * @throws Error when the file is missing or is not a valid pack.
 */
export async function fetchBundledPack(url: string): Promise<Pack> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`bundled pack: ${response.status} ${response.statusText}`);
  const check = validatePack(await response.json(), 'bundled pack');
  if (!check.ok) throw new Error(check.error);
  return check.pack;
}
