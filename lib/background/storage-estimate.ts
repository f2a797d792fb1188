/**
 * Usage and quota of the extension's origin, and whether its storage is
 * persistent, for the options page's storage panel.
 */
export async function storageEstimate(): Promise<{ usage: number; quota: number; persisted: boolean } | undefined> {
  if (!navigator.storage?.estimate) return undefined;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  const persisted = (await navigator.storage.persisted?.()) ?? false;
  return { usage, quota, persisted };
}
