/**
 * Checks a pack from outside (a file, a URL) before anything uses it: every
 * field of docs/pack-format.md, offsets inside their document, unique ids,
 * references that resolve. Reads version 2 (columns) and version 1 (lists of
 * objects, whose search index is ignored: indexes are built when a corpus is
 * stored). Pure.
 */
import * as v from 'valibot';
import { readEditLog } from '../edits/types';
import { fromPackFile } from '../pack/file';
import { ENTITY_TYPES, PACK_FORMAT, PACK_VERSION, type Pack, type PackFile } from '../pack/types';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(1000));
const offset = v.pipe(v.number(), v.integer(), v.minValue(0));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date is YYYY, YYYY-MM or YYYY-MM-DD'));

const documentSchema = v.object({
  id,
  title: v.string(),
  source: v.optional(v.string()),
  date: v.optional(isoDate),
  url: v.optional(v.string()),
  text: v.string(),
});
const entitySchema = v.object({
  id,
  name: v.pipe(v.string(), v.minLength(1)),
  type: v.picklist(ENTITY_TYPES),
  aliases: v.array(v.string()),
  description: v.optional(v.string()),
  hidden: v.optional(v.boolean()),
});
const header = {
  format: v.literal(PACK_FORMAT),
  createdAt: v.string(),
  generator: v.string(),
  documents: v.array(documentSchema),
  entities: v.array(entitySchema),
  /** An exported pack's edit log: entries this version cannot read are dropped, as from the stored log. */
  edits: v.optional(v.array(v.unknown())),
};

/** Schema of a version-1 pack: every list as objects, plus a search index that is no longer read. */
export const packV1Schema = v.object({
  ...header,
  version: v.literal(1),
  passages: v.array(v.object({ id, docId: id, start: offset, end: offset })),
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
});

const column = v.array(offset);
/** Schema of a version-2 pack file (structure only; {@link validatePack} adds the cross-checks). */
export const packSchema = v.object({
  ...header,
  version: v.literal(PACK_VERSION),
  passages: v.object({ doc: column, start: column, end: column }),
  mentions: v.object({ entity: column, doc: column, start: column, end: column }),
  quotes: v.object({
    doc: column,
    start: column,
    end: column,
    speaker: v.array(v.pipe(v.number(), v.integer(), v.minValue(-1))),
    kind: v.array(v.picklist([0, 1])),
  }),
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
  if (raw.version !== PACK_VERSION && raw.version !== 1)
    return {
      ok: false,
      error: `${origin}: pack version ${JSON.stringify(raw.version)} — this Dossier reads versions 1 to ${PACK_VERSION}`,
    };
  const result = raw.version === 1 ? v.safeParse(packV1Schema, value) : v.safeParse(packSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    return { ok: false, error: `${origin}: ${pathOf(issue) || 'pack'}: ${issue.message}` };
  }
  let pack: Pack;
  if (result.output.version === 1) {
    const { edits: _edits, ...v1 } = result.output;
    pack = { ...v1, version: PACK_VERSION };
  } else {
    const { edits: _edits, ...rest } = result.output;
    const file = rest as PackFile;
    const problem = checkColumns(file);
    if (problem) return { ok: false, error: `${origin}: ${problem}` };
    pack = fromPackFile(file);
  }
  const edits = readEditLog(result.output.edits);
  if (edits.length) pack = { ...pack, edits };
  const problem = crossCheck(pack);
  return problem ? { ok: false, error: `${origin}: ${problem}` } : { ok: true, pack };
}

/** Columns of equal length whose numbers name documents and entities that exist; the first problem, or null. */
function checkColumns(file: PackFile): string | null {
  const refs: Record<string, number> = { doc: file.documents.length, entity: file.entities.length };
  for (const list of ['passages', 'mentions', 'quotes'] as const) {
    const columns: [string, number[]][] = Object.entries(file[list]);
    const length = columns[0]![1].length;
    for (const [name, values] of columns) {
      if (values.length !== length)
        return `${list}.${name}: ${values.length} values, but ${list}.${columns[0]![0]} has ${length}`;
      const limit = name === 'speaker' ? refs.entity : refs[name];
      if (limit === undefined) continue;
      const bad = values.findIndex((x) => x >= limit);
      if (bad >= 0)
        return `${list}.${name}[${bad}]: ${values[bad]} is past the last ${name === 'doc' ? 'document' : 'entity'}`;
    }
  }
  return null;
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
