import { browser, type PublicPath } from 'wxt/browser';
import type { Pack } from '../pack/types';
import { BUNDLED_PACK_PATH, fetchBundledPack } from '../store/bundled';

export { BUNDLED_PACK_PATH };

/**
 * Reads the pack that ships with the extension.
 * @throws Error when the file is missing or is not a valid pack.
 */
export function loadBundledPack(): Promise<Pack> {
  return fetchBundledPack(browser.runtime.getURL(BUNDLED_PACK_PATH as PublicPath));
}
