import { browser, type PublicPath } from 'wxt/browser';
import { assertPack } from '../pack/check';
import type { Pack } from '../pack/types';

/** Where the build puts the bundled pack inside the extension. */
export const BUNDLED_PACK_PATH = '/corpus/pack.json';

/**
 * Reads the pack that ships with the extension.
 * @throws Error when the file is missing or is not a valid pack.
 */
export async function loadBundledPack(): Promise<Pack> {
  const url = browser.runtime.getURL(BUNDLED_PACK_PATH as PublicPath);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`bundled pack: ${response.status} ${response.statusText}`);
  const pack: unknown = await response.json();
  assertPack(pack, 'bundled pack');
  return pack;
}
