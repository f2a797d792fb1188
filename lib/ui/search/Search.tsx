import type { JSX } from 'preact';
import type { SearchModel } from './search-model';
import { SearchResultsView } from './SearchResultsView';

export interface SearchProps {
  model: SearchModel;
}

/** Search box and results, connected to a {@link SearchModel}. */
export function Search({ model }: SearchProps): JSX.Element {
  const state = model.state.value;
  return (
    <div class="search">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void model.submit();
        }}
      >
        <input
          type="search"
          aria-label="Search the corpus"
          placeholder="Search names, quotes, passages…"
          value={model.query.value}
          onInput={(e) => model.setQuery(e.currentTarget.value)}
          autoFocus
          autoComplete="off"
          spellcheck={false}
        />
      </form>
      <div class="search-body" aria-live="polite">
        {state.status === 'empty' ? (
          <p class="hint">Search the people, organisations, places, quotes and passages of your corpus.</p>
        ) : state.status === 'searching' ? (
          <p class="hint">Searching…</p>
        ) : state.status === 'error' ? (
          <p class="hint error" role="alert">
            Search failed: {state.message}
          </p>
        ) : state.results.hits.length === 0 ? (
          <p class="hint">Nothing in the corpus matches “{state.results.query}”.</p>
        ) : (
          <SearchResultsView hits={state.results.hits} total={state.results.total} />
        )}
      </div>
    </div>
  );
}
