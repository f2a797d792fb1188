import type { JSX } from 'preact';
import { Alert } from '../options/Alert';
import type { EntitiesModel } from './entities-model';
import { EntityEditorView } from './EntityEditorView';

export interface EntitiesProps {
  model: EntitiesModel;
}

/** The entity editor panel: search, list, and the editor for the chosen entity. */
export function Entities({ model }: EntitiesProps): JSX.Element {
  const page = model.page.value;
  const selected = model.selected.value;
  return (
    <section class="panel" aria-labelledby="entities-title">
      <h2 id="entities-title">Entities</h2>
      <div class="toolbar">
        <p class="hint">
          {page ? `${page.total.toLocaleString()} ${page.total === 1 ? 'entity' : 'entities'}` : 'Loading…'}
          {page && page.total > page.entities.length ? `, first ${page.entities.length} shown` : ''}. Your changes are
          kept when you import more articles.
        </p>
        <input
          type="search"
          aria-label="Search entities"
          placeholder="Name or alias"
          value={model.query.value}
          onInput={(e) => void model.search(e.currentTarget.value)}
        />
      </div>
      {model.problem.value ? (
        <Alert kind="error" onDismiss={() => (model.problem.value = null)}>
          {model.problem.value}
        </Alert>
      ) : null}
      {selected ? (
        <EntityEditorView
          entity={selected}
          others={model.targets.value.filter((e) => e.id !== selected.id)}
          busy={model.busy.value}
          onRename={(name) => void model.rename(selected.id, name)}
          onType={(type) => void model.setType(selected.id, type)}
          onAddAlias={(alias) => void model.addAlias(selected.id, alias)}
          onRemoveAlias={(alias) => void model.removeAlias(selected.id, alias)}
          onHidden={(hidden) => void model.setHidden(selected.id, hidden)}
          onMerge={(into) => void model.merge(selected.id, into)}
          onClose={() => model.select(null)}
        />
      ) : null}
      <div class="table-wrap">
        <table class="documents entities" aria-label="Entities">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col" class="num">
                Mentions
              </th>
              <th scope="col" class="num">
                Articles
              </th>
              <th scope="col" class="num">
                Quotes
              </th>
              <th scope="col" class="num">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(page?.entities ?? []).map((e) => (
              <tr key={e.id} data-entity-id={e.id} class={e.hidden ? 'is-hidden' : undefined}>
                <th scope="row">
                  {e.name}
                  {e.hidden ? <span class="doc-source">not marked on pages</span> : null}
                  {e.aliases.length ? <span class="doc-source">{e.aliases.join(', ')}</span> : null}
                </th>
                <td>
                  <span class={`type type-${e.type}`}>{e.type}</span>
                </td>
                <td class="num">{e.mentionCount}</td>
                <td class="num">{e.documentCount}</td>
                <td class="num">{e.quoteCount}</td>
                <td class="row-actions">
                  <button type="button" class="small" aria-label={`Edit ${e.name}`} onClick={() => model.select(e.id)}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
