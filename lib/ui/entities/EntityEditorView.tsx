import type { JSX } from 'preact';
import type { EntitySummary } from '../../edits/entity-list';
import { ENTITY_TYPES, type EntityType } from '../../pack/types';

export interface EntityEditorViewProps {
  entity: EntitySummary;
  /** Other entities it could be merged into. */
  others: EntitySummary[];
  busy: boolean;
  onRename: (name: string) => void;
  onType: (type: EntityType) => void;
  onAddAlias: (alias: string) => void;
  onRemoveAlias: (alias: string) => void;
  onHidden: (hidden: boolean) => void;
  onMerge: (intoId: string) => void;
  onClose: () => void;
}

function field(event: JSX.TargetedSubmitEvent<HTMLFormElement>, name: string): string {
  event.preventDefault();
  const value = new FormData(event.currentTarget).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** Edits one entity: name, type, aliases, page marking, merge. */
export function EntityEditorView(props: EntityEditorViewProps): JSX.Element {
  const { entity, others, busy } = props;
  return (
    <div class="entity-editor" role="group" aria-label={`Edit ${entity.name}`}>
      <form
        onSubmit={(e) => {
          const name = field(e, 'name');
          if (name && name !== entity.name) props.onRename(name);
        }}
      >
        <label>
          Name <input name="name" defaultValue={entity.name} key={entity.name} required />
        </label>
        <button type="submit" disabled={busy}>
          Rename
        </button>
      </form>
      <label>
        Type{' '}
        <select value={entity.type} disabled={busy} onChange={(e) => props.onType(e.currentTarget.value as EntityType)}>
          {ENTITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <div>
        Aliases:{' '}
        <ul class="chips" aria-label="Aliases">
          {entity.aliases.map((a) => (
            <li key={a}>
              {a}{' '}
              <button
                type="button"
                aria-label={`Remove alias ${a}`}
                disabled={busy}
                onClick={() => props.onRemoveAlias(a)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <form
          onSubmit={(e) => {
            const alias = field(e, 'alias');
            if (alias) props.onAddAlias(alias);
            e.currentTarget.reset();
          }}
        >
          <input name="alias" aria-label="New alias" placeholder="Another name" />
          <button type="submit" disabled={busy}>
            Add alias
          </button>
        </form>
      </div>
      <p>
        {entity.hidden ? 'Not marked on pages. ' : 'Marked on pages. '}
        <button type="button" disabled={busy} onClick={() => props.onHidden(!entity.hidden)}>
          {entity.hidden ? 'Mark on pages again' : 'Stop marking on pages'}
        </button>
      </p>
      <form
        onSubmit={(e) => {
          const into = field(e, 'into');
          if (into) props.onMerge(into);
        }}
      >
        <label>
          Merge into{' '}
          <select name="into" aria-label="Merge into" required>
            <option value="">Choose an entity…</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.type})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          Merge
        </button>
      </form>
      <button type="button" onClick={props.onClose}>
        Done
      </button>
    </div>
  );
}
