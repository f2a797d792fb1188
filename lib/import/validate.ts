/**
 * Checks a pack from outside (a file, a URL) before anything uses it: every
 * field of docs/pack-format.md, offsets inside their document, unique ids,
 * references that resolve, an index that is there. Pure.
 */
import * as v from 'valibot';
import { ENTITY_TYPES, PACK_FORMAT, PACK_VERSION, type Pack } from '../pack/types';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(1000));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date is YYYY, YYYY-MM or YYYY-MM-DD'));

/** Schema of a version-1 pack (structure only; {@link validatePack} adds the cross-checks). */
export const packSchema = v.object({
  format: v.literal(PACK_FORMAT),
  version: v.literal(PACK_VERSION),
  createdAt: v.string(),
  generator: v.string(),
  documents: v.array(
    v.object({
      id,
      title: v.string(),
      source: v.optional(v.string()),
      date: v.optional(isoDate),
      url: v.optional(v.string()),
      text: v.string(),
    }),
  ),
  passages: v.array(v.object({ id, docId: id, start: offset, end: offset })),
  entities: v.array(
    v.object({
      id,
      name: v.pipe(v.string(), v.minLength(1)),
      type: v.picklist(ENTITY_TYPES),
      aliases: v.array(v.string()),
      description: v.optional(v.string()),
      hidden: v.optional(v.boolean()),
    }),
  ),
  mentions: v.array(v.object({ entityId: id, docId: id, start: offset, end: offset })),
  quotes: v.array(
    v.object({
      id,
      docId: id,
      text: v.string(),
      speakerId: v.nullable(id),
      kind: v.picklist(['direct', 'reported']),
      start: offset,
      end: offset,
    }),
  ),
  index: v.pipe(
    v.record(v.string(), v.unknown()),
    v.check((i) => typeof i.documentCount === 'number' && 'index' in i, 'not a MiniSearch index'),
  ),
});

/** A checked pack, or the first problem found. */
export type PackCheck = { ok: true; pack: Pack } | { ok: false; error: string };

function pathOf(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? [])
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * Validates a parsed JSON value as a pack.
 * @param origin the file name or URL, prefixed to every message.
 */
export function validatePack(value: unknown, origin: string): PackCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: `${origin}: not a Dossier pack (a JSON object with "format": "dossier-pack")` };
  const raw = value as Record<string, unknown>;
  if (raw.format !== PACK_FORMAT)
    return {
      ok: false,
      error: `${origin}: not a Dossier pack ("format" is ${JSON.stringify(raw.format) ?? 'missing'})`,
    };
  if (raw.version !== PACK_VERSION)
    return {
      ok: false,
      error: `${origin}: pack version ${JSON.stringify(raw.version)} — this Dossier reads version ${PACK_VERSION}`,
    };
  const result = v.safeParse(packSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    return { ok: false, error: `${origin}: ${pathOf(issue) || 'pack'}: ${issue.message}` };
  }
  const pack = result.output as Pack;
  const problem = crossCheck(pack);
  return problem ? { ok: false, error: `${origin}: ${problem}` } : { ok: true, pack };
}

/** Returns the first id already seen, if any. */
function duplicate(ids: Iterable<string>): string | undefined {
  const seen = new Set<string>();
  for (const i of ids) {
    if (seen.has(i)) return i;
    seen.add(i);
  }
  return undefined;
}

/** Uniqueness, references and ranges; the first problem in words, or null. */
function crossCheck(pack: Pack): string | null {
  const textLength = new Map(pack.documents.map((d) => [d.id, d.text.length]));
  const entityIds = new Set(pack.entities.map((e) => e.id));
  for (const [list, ids] of [
    ['documents', pack.documents.map((d) => d.id)],
    ['passages', pack.passages.map((p) => p.id)],
    ['entities', pack.entities.map((e) => e.id)],
    ['quotes', pack.quotes.map((q) => q.id)],
  ] as const) {
    const dup = duplicate(ids);
    if (dup !== undefined) return `${list}: the id "${dup}" is used twice`;
  }
  const ranges = [
    ...pack.passages.map((p, i) => ({ where: `passages[${i}]`, ...p })),
    ...pack.mentions.map((m, i) => ({ where: `mentions[${i}]`, ...m })),
    ...pack.quotes.map((q, i) => ({ where: `quotes[${i}]`, ...q })),
  ];
  for (const r of ranges) {
    const length = textLength.get(r.docId);
    if (length === undefined) return `${r.where}: no document "${r.docId}"`;
    if (r.start > r.end || r.end > length)
      return `${r.where}: range ${r.start}–${r.end} is outside document "${r.docId}" (${length} characters)`;
  }
  for (const [i, m] of pack.mentions.entries())
    if (!entityIds.has(m.entityId)) return `mentions[${i}]: no entity "${m.entityId}"`;
  for (const [i, q] of pack.quotes.entries())
    if (q.speakerId !== null && !entityIds.has(q.speakerId)) return `quotes[${i}]: no speaker entity "${q.speakerId}"`;
  return null;
}
