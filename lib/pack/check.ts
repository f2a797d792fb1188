import { PACK_FORMAT, PACK_VERSION, type Pack } from './types';

/**
 * A quick structural check of a parsed pack before it is used: format marker,
 * version and the presence of every top-level list.
 * @throws Error naming what is wrong, e.g. "pack.json: version 3 is newer than this Dossier (1)".
 */
export function assertPack(value: unknown, origin: string): asserts value is Pack {
  if (typeof value !== 'object' || value === null) throw new Error(`${origin}: not a JSON object`);
  const pack = value as Record<string, unknown>;
  if (pack.format !== PACK_FORMAT)
    throw new Error(`${origin}: not a Dossier pack (format is ${JSON.stringify(pack.format)})`);
  if (pack.version !== PACK_VERSION) {
    throw new Error(
      `${origin}: pack version ${JSON.stringify(pack.version)} is not supported by this Dossier (${PACK_VERSION})`,
    );
  }
  for (const key of ['documents', 'passages', 'entities', 'mentions', 'quotes'] as const) {
    if (!Array.isArray(pack[key])) throw new Error(`${origin}: "${key}" is missing or not a list`);
  }
  if (typeof pack.index !== 'object' || pack.index === null) throw new Error(`${origin}: the search index is missing`);
}
