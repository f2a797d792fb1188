import type { JSX } from 'preact';
import { Alert } from '../options/Alert';
import { PendingChange } from '../options/PendingChange';
import { SortHeader, TablePager } from '../options/TablePager';
import type { EntitiesModel } from './entities-model';
import { EntityEditorView } from './EntityEditorView';
import { formatCount } from '../common/intl';

export interface EntitiesProps {
  model: EntitiesModel;
}

/** The entity editor panel: filter, sort and page through every entity, and the editor for the chosen one. */
export function Entities({ model }: EntitiesProps): JSX.Element {
  const { table } = model;
  const shown = table.shown.value;
  const selected = model.selected.value;
  const pending = model.pending.value;
  const sort = table.sort.value;
  const onSort = (by: typeof sort.by) => void table.sortBy(by);
  const offset = shown?.page.offset ?? 0;
  return (
    <section class="panel" aria-labelledby="entities-title">
      <h2 id="entities-title">Entities</h2>
      <div class="toolbar">
        <p class="hint">
          {shown ? `${formatCount(shown.page.all)} ${shown.page.all === 1 ? 'entity' : 'entities'}` : 'Loading…'}. Your
          changes are kept when you import more articles.
        </p>
        <input
          type="search"
          aria-label="Search entities"
          placeholder="Name or alias"
          value={table.filter.value}
          onInput={(e) => table.setFilter(e.currentTarget.value)}
        />
      </div>
      {table.error.value ? (
        <Alert kind="error" onDismiss={() => (table.error.value = null)}>
          The entities could not be read: {table.error.value}
        </Alert>
      ) : null}
      {model.problem.value ? (
        <Alert kind="error" onDismiss={() => (model.problem.value = null)}>
          {model.problem.value}
        </Alert>
      ) : null}
      {pending ? <PendingChange what={pending.what} since={pending.since} /> : null}
      {selected ? (
        <EntityEditorView
          entity={selected}
          busy={pending !== null}
          merge={{
            query: model.mergeQuery.value,
            options: model.mergeOptions.value,
            chosen: model.mergeTarget.value,
            onQuery: model.findTarget,
            onChoose: model.chooseTarget,
          }}
          onRename={(name) => void model.rename(selected.id, name)}
          onType={(type) => void model.setType(selected.id, type)}
          onAddAlias={(alias) => void model.addAlias(selected.id, alias)}
          onRemoveAlias={(alias) => void model.removeAlias(selected.id, alias)}
          onHidden={(hidden) => void model.setHidden(selected.id, hidden)}
          onMerge={() => void model.merge()}
          onClose={() => void model.select(null)}
        />
      ) : null}
      <TablePager table={table} noun="entities" label="Entities" />
      <div class="table-wrap">
        <table
          class="documents entities"
          aria-label="Entities"
          aria-rowcount={(shown?.page.total ?? 0) + 1}
          aria-busy={table.busy.value ? 'true' : 'false'}
          data-filter={shown?.filter ?? ''}
        >
          <thead>
            <tr aria-rowindex={1}>
              <SortHeader label="Name" by="name" sort={sort} onSort={onSort} />
              <SortHeader label="Type" by="type" sort={sort} onSort={onSort} />
              <SortHeader label="Mentions" by="mentions" sort={sort} onSort={onSort} class="num" />
              <SortHeader label="Articles" by="documents" sort={sort} onSort={onSort} class="num" />
              <SortHeader label="Quotes" by="quotes" sort={sort} onSort={onSort} class="num" />
              <th scope="col" class="num">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {/* Keyed by position: a new page or filter patches the rows' text in place instead of building new
                nodes (the garbage of 50 rows a keystroke made long GC tasks). */}
            {(shown?.page.rows ?? []).map((e, i) => (
              <tr
                key={i}
                data-entity-id={e.id}
                aria-rowindex={offset + i + 2}
                class={e.hidden ? 'is-hidden' : undefined}
              >
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
                  <button
                    type="button"
                    class="small"
                    aria-label={`Edit ${e.name}`}
                    aria-pressed={selected?.id === e.id ? 'true' : 'false'}
                    onClick={() => void model.select(e.id)}
                  >
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
