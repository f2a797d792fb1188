import type { JSX } from 'preact';
import { ENTITY_TYPES, type EntityType } from '../../pack/types';
import type { EntitySummary } from '../../query/corpus-tables';
import { MergePicker, type MergePickerProps } from './MergePicker';
import { formatCount } from '../common/intl';

export interface EntityEditorViewProps {
  entity: EntitySummary;
  /** The merge target's search-as-you-type (every entity of the corpus). */
  merge: Omit<MergePickerProps, 'id'>;
  /** A change is being written: further changes wait. */
  busy: boolean;
  onRename: (name: string) => void;
  onType: (type: EntityType) => void;
  onAddAlias: (alias: string) => void;
  onRemoveAlias: (alias: string) => void;
  onHidden: (hidden: boolean) => void;
  /** Merges into the chosen target. */
  onMerge: () => void;
  onClose: () => void;
}

function field(event: JSX.TargetedSubmitEvent<HTMLFormElement>, name: string): string {
  event.preventDefault();
  const value = new FormData(event.currentTarget).get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** Edits one entity: name, type, aliases, page marking, merge. */
export function EntityEditorView(props: EntityEditorViewProps): JSX.Element {
  const { entity, merge, busy } = props;
  return (
    <div class="entity-editor" role="group" aria-label={`Edit ${entity.name}`}>
      <div class="editor-head">
        <h3>
          {entity.name} <span class={`type type-${entity.type}`}>{entity.type}</span>
        </h3>
        <button type="button" class="primary small" onClick={props.onClose}>
          Done
        </button>
      </div>
      {entity.description ? <p class="hint">{entity.description}</p> : null}
      <p class="hint">
        {formatCount(entity.mentionCount)} mentions in {formatCount(entity.documentCount)}{' '}
        {entity.documentCount === 1 ? 'article' : 'articles'}, {formatCount(entity.quoteCount)} quotes and statements.
      </p>
      <form
        class="editor-row"
        onSubmit={(e) => {
          const name = field(e, 'name');
          if (name && name !== entity.name) props.onRename(name);
        }}
      >
        <label class="field" for={`entity-name-${entity.id}`}>
          Name
        </label>
        <div class="input-row">
          <input id={`entity-name-${entity.id}`} name="name" defaultValue={entity.name} key={entity.name} required />
          <button type="submit" disabled={busy}>
            Rename
          </button>
        </div>
      </form>
      <div class="editor-row">
        <label class="field" for={`entity-type-${entity.id}`}>
          Type
        </label>
        <select
          id={`entity-type-${entity.id}`}
          value={entity.type}
          disabled={busy}
          onChange={(e) => props.onType(e.currentTarget.value as EntityType)}
        >
          {ENTITY_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div class="editor-row">
        <span class="field">Aliases</span>
        <ul class="chips" aria-label="Aliases">
          {entity.aliases.map((a) => (
            <li key={a}>
              {a}
              <button
                type="button"
                class="chip-remove"
                aria-label={`Remove alias ${a}`}
                disabled={busy}
                onClick={() => props.onRemoveAlias(a)}
              >
                ×
              </button>
            </li>
          ))}
          {entity.aliases.length === 0 ? <li class="muted chip-empty">none</li> : null}
        </ul>
        <form
          class="input-row"
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
      <div class="editor-row">
        <span class="field">On pages</span>
        <p class="inline-setting">
          {entity.hidden ? 'Not marked on pages.' : 'Marked on pages.'}
          <button type="button" disabled={busy} onClick={() => props.onHidden(!entity.hidden)}>
            {entity.hidden ? 'Mark on pages again' : 'Stop marking on pages'}
          </button>
        </p>
      </div>
      <form
        class="editor-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (merge.chosen) props.onMerge();
        }}
      >
        <label class="field" for={`entity-merge-${entity.id}`}>
          Merge into
        </label>
        <div class="input-row">
          <MergePicker id={`entity-merge-${entity.id}`} {...merge} />
          <button type="submit" class="danger" disabled={busy || !merge.chosen}>
            Merge
          </button>
        </div>
      </form>
    </div>
  );
}
