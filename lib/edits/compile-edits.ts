/**
 * Folds an ordered edit log into the final state it asks for, so that applying
 * it is idempotent (applying the log to its own output changes nothing) and
 * independent of how the knowledge was re-extracted in between.
 *
 * Rules, in the words a user would use:
 * - Merges form chains: after "A into B" and "B into C", A and B are part of C.
 *   Each merge is recorded between the entities as they were at that moment,
 *   so a later "B into A" (already one entity) is a no-op and no cycle forms.
 * - A rename, type change, hide or unhide made after a merge applies to the
 *   merged entity, whichever of its old ids the edit names; one made on an
 *   entity before it was merged away is dropped with its identity (the target
 *   keeps its own name).
 * - For each alias of a merged entity the last add or remove wins, whichever
 *   member it was made on.
 * - Document metadata changes are folded field by field; a deletion is final
 *   until its log entry is removed (undo).
 */
import type { EntityType } from '../pack/types';
import type { DocMetaChange, Edit } from './types';

/** Field overrides for one entity. */
export interface EntityOverlay {
  name?: string;
  type?: EntityType;
  hidden?: boolean;
}

/** The log as final state; see the module comment for the rules. */
export interface CompiledEdits {
  /** from → into, between the roots of the time (a forest: no cycles). */
  merges: Map<string, string>;
  /** Keyed by the entity's root id when the edit was made. */
  entities: Map<string, EntityOverlay>;
  /** Root id at the time → alias → [log position, added?]. */
  aliases: Map<string, Map<string, [seq: number, add: boolean]>>;
  docMeta: Map<string, DocMetaChange>;
  deletedDocs: Set<string>;
}

/** Follows recorded merges to the entity an id is part of now. */
export function rootOf(merges: ReadonlyMap<string, string>, id: string): string {
  let current = id;
  // The forest property bounds the walk; the cap guards a tampered log.
  for (let i = 0; i <= merges.size; i++) {
    const next = merges.get(current);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

/** Compiles a log (in order) into its final state. Never throws. */
export function compileEdits(log: readonly Edit[]): CompiledEdits {
  const out: CompiledEdits = {
    merges: new Map(),
    entities: new Map(),
    aliases: new Map(),
    docMeta: new Map(),
    deletedDocs: new Set(),
  };
  const overlay = (id: string): EntityOverlay => {
    const key = rootOf(out.merges, id);
    let o = out.entities.get(key);
    if (!o) out.entities.set(key, (o = {}));
    return o;
  };
  const aliasOp = (id: string, alias: string, seq: number, add: boolean) => {
    const key = rootOf(out.merges, id);
    let ops = out.aliases.get(key);
    if (!ops) out.aliases.set(key, (ops = new Map<string, [number, boolean]>()));
    ops.set(alias, [seq, add]);
  };
  log.forEach((edit, seq) => {
    switch (edit.op) {
      case 'rename':
        overlay(edit.entityId).name = edit.name;
        break;
      case 'type':
        overlay(edit.entityId).type = edit.type;
        break;
      case 'hide':
      case 'unhide':
        overlay(edit.entityId).hidden = edit.op === 'hide';
        break;
      case 'alias+':
      case 'alias-':
        aliasOp(edit.entityId, edit.alias, seq, edit.op === 'alias+');
        break;
      case 'merge': {
        const from = rootOf(out.merges, edit.from);
        const into = rootOf(out.merges, edit.into);
        if (from !== into) out.merges.set(from, into);
        break;
      }
      case 'docMeta':
        out.docMeta.set(edit.docId, { ...out.docMeta.get(edit.docId), ...edit.change });
        break;
      case 'docDelete':
        out.deletedDocs.add(edit.docId);
        break;
    }
  });
  return out;
}
