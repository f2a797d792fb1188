/**
 * The user's edits to the corpus, kept as an ordered log so they survive a
 * re-extraction: after every import the log is applied again to the fresh
 * knowledge (see apply-edits.ts). Entities and documents are named by id;
 * an edit whose target is not in the corpus is skipped, not an error.
 */
import * as v from 'valibot';
import { ENTITY_TYPES, type EntityType } from '../pack/types';

/** New values for a document's metadata; `null` removes an optional field. */
export interface DocMetaChange {
  title?: string;
  source?: string | null;
  date?: string | null;
  url?: string | null;
}

/** One edit, without its log bookkeeping. */
export type Edit =
  | { op: 'rename'; entityId: string; name: string }
  | { op: 'type'; entityId: string; type: EntityType }
  | { op: 'alias+'; entityId: string; alias: string }
  | { op: 'alias-'; entityId: string; alias: string }
  /** `from` becomes part of `into`: its aliases, mentions and quotes follow. */
  | { op: 'merge'; from: string; into: string }
  | { op: 'hide'; entityId: string }
  | { op: 'unhide'; entityId: string }
  | { op: 'docMeta'; docId: string; change: DocMetaChange }
  | { op: 'docDelete'; docId: string };

export type EditOp = Edit['op'];

/** An edit as the log keeps it: with an id (to undo it) and when it was made (ISO 8601). */
export type LoggedEdit = Edit & { id: string; at: string };

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(512));
const label = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(300));
const optionalField = v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(2000))));

/** Schema of a document metadata change. */
export const docMetaChangeSchema = v.strictObject({
  title: v.optional(label),
  source: optionalField,
  date: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date must be YYYY-MM-DD')))),
  url: optionalField,
});

/** Schema of one edit (what the options page may send). */
export const editSchema = v.variant('op', [
  v.strictObject({ op: v.literal('rename'), entityId: id, name: label }),
  v.strictObject({ op: v.literal('type'), entityId: id, type: v.picklist(ENTITY_TYPES as EntityType[]) }),
  v.strictObject({ op: v.literal('alias+'), entityId: id, alias: label }),
  v.strictObject({ op: v.literal('alias-'), entityId: id, alias: label }),
  v.strictObject({ op: v.literal('merge'), from: id, into: id }),
  v.strictObject({ op: v.literal('hide'), entityId: id }),
  v.strictObject({ op: v.literal('unhide'), entityId: id }),
  v.strictObject({ op: v.literal('docMeta'), docId: id, change: docMetaChangeSchema }),
  v.strictObject({ op: v.literal('docDelete'), docId: id }),
]);

/** Schema of a log entry's bookkeeping; the edit itself is checked by {@link editSchema}. */
const bookkeepingSchema = v.object({ id, at: v.pipe(v.string(), v.maxLength(64)) });

// Compile-time check that the schema and the Edit type agree.
const _schemaMatches: v.InferOutput<typeof editSchema> extends Edit
  ? Edit extends v.InferOutput<typeof editSchema>
    ? true
    : never
  : never = true;
void _schemaMatches;

/**
 * Reads a stored log: entries that fail the schema are dropped (a log from a
 * newer Dossier may hold ops this one does not know), the rest kept in order.
 */
export function readEditLog(stored: unknown): LoggedEdit[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((entry) => {
    const edit = readLoggedEdit(entry);
    return edit ? [edit] : [];
  });
}

/**
 * One stored log entry, or null when it is not one this version can read. The
 * edit schema is strict (the options page may send nothing else), so the
 * entry's own `id` and `at` are checked apart from it.
 */
export function readLoggedEdit(entry: unknown): LoggedEdit | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const { id: logId, at, ...rest } = entry as Record<string, unknown>;
  const bookkeeping = v.safeParse(bookkeepingSchema, { id: logId, at });
  const edit = v.safeParse(editSchema, rest);
  return bookkeeping.success && edit.success ? { ...edit.output, ...bookkeeping.output } : null;
}
