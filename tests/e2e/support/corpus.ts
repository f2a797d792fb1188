/**
 * What the tests know about the bundled seed corpus, read from
 * `assets/corpus/manifest.json` so titles are not duplicated here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../support/static-server';

/** Number of articles in the bundled seed corpus. */
export const SEED_DOCUMENT_COUNT = 3;

/** Picks `title` strings out of an array of documents. */
const titlesOf = (list: unknown): string[] | null => {
  if (!Array.isArray(list)) return null;
  const titles = list.map((d: unknown) => (d && typeof d === 'object' ? (d as { title?: unknown }).title : undefined));
  return titles.every((t): t is string => typeof t === 'string') ? titles : null;
};

/**
 * The seed articles' titles, or null when the manifest does not exist yet.
 * Accepts a top-level array of documents or `{ documents: [...] }`.
 * @throws when the manifest exists but has no readable titles (the tests should say so).
 */
export function seedTitles(): string[] | null {
  const path = join(PROJECT_ROOT, 'assets', 'corpus', 'manifest.json');
  if (!existsSync(path)) return null;
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const list = Array.isArray(data) ? data : (data as { documents?: unknown } | null)?.documents;
  const titles = titlesOf(list);
  if (!titles) throw new Error(`${path}: expected an array of { title } (or { documents: [...] })`);
  return titles;
}
