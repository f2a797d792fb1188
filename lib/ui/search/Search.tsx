import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { SearchHit, SearchResults } from '../../messages/protocol';
import { EntityCard } from '../card/EntityCard';
import { request } from '../../messages/client';
import type { SearchModel } from './search-model';
import { SearchFiltersView } from './SearchFilters';
import { SearchResultsView } from './SearchResultsView';

export interface SearchProps {
  model: SearchModel;
  /** Opens a quote or passage in the reader. */
  openInReader: (docId: string, at: number) => void;
  /** Closes the popup (Escape on an empty box). */
  close: () => void;
}

/** Moves focus between the box and the results with the arrow keys. */
function onArrows(event: KeyboardEvent, container: HTMLElement | null, input: HTMLInputElement | null): void {
  if (!container || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
  const items = [...container.querySelectorAll<HTMLElement>('[data-result]')];
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  event.preventDefault();
  if (event.key === 'ArrowDown') items[Math.min(at + 1, items.length - 1)]?.focus();
  else if (at <= 0) input?.focus();
  else items[at - 1]?.focus();
}

interface ResultsBodyProps {
  results: SearchResults;
  /** The query these results answer; null while a newer query is searched (they are then dimmed and busy). */
  answers: string | null;
  model: SearchModel;
  onOpen: (hit: SearchHit) => void;
}

/** Suggestions, filters and hits of one answer; `data-results-for` says which query it answers. */
function ResultsBody({ results, answers, model, onOpen }: ResultsBodyProps): JSX.Element {
  return (
    <div
      class={answers === null ? 'results-body stale' : 'results-body'}
      aria-busy={answers === null}
      data-results-for={answers ?? undefined}
    >
      {results.suggestions.length > 0 && !results.hits.some((h) => h.kind === 'entity') ? (
        <p class="suggestions">
          Names:{' '}
          {results.suggestions.map((s) => (
            <button key={s} type="button" class="link" onClick={() => model.setQuery(s)}>
              {s}
            </button>
          ))}
        </p>
      ) : null}
      <SearchFiltersView
        facets={results.facets}
        filters={model.filters.value}
        onChange={(key, value) => void model.setFilter(key, value)}
      />
      {results.hits.length === 0 ? (
        <p class="hint">Nothing in the corpus matches “{results.query}”.</p>
      ) : (
        <SearchResultsView hits={results.hits} total={results.total} onOpen={onOpen} />
      )}
    </div>
  );
}

/** Search box, suggestions, filters and grouped results, connected to a {@link SearchModel}. */
export function Search({ model, openInReader, close }: SearchProps): JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const state = model.state.value;
  const detail = model.detail.value;
  // A remembered query is searched again when the popup opens.
  useEffect(() => {
    if (model.query.value) void model.submit();
  }, [model]);

  const open = (hit: SearchHit) => {
    if (hit.kind === 'entity') void model.openEntity(hit.entity.id);
    else if (hit.kind === 'quote') openInReader(hit.quote.doc.id, hit.quote.start);
    else openInReader(hit.passage.doc.id, hit.passage.start);
  };
  // Keys are handled for the whole page: focus may be on the body after the
  // element that had it went away (a result replaced by the entity's card).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (detail.status !== 'none') model.closeEntity();
      else if (model.query.value) model.setQuery('');
      else close();
      input.current?.focus();
      return;
    }
    onArrows(event, body.current, input.current);
  };

  const keys = useRef(onKeyDown);
  keys.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
  // Opening a name moves focus to its card's "back" button, so keyboard users stay in it.
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (detail.status !== 'none') back.current?.focus();
  }, [detail.status]);

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
          ref={input}
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
      <div class="search-body" ref={body} aria-live="polite">
        {detail.status !== 'none' ? (
          <div class="detail">
            <button type="button" class="back" ref={back} onClick={() => model.closeEntity()}>
              ← Results
            </button>
            {detail.status === 'loading' ? (
              <p class="hint">Loading…</p>
            ) : detail.status === 'error' ? (
              <p class="hint error" role="alert">
                {detail.message}
              </p>
            ) : (
              <EntityCard
                card={detail.card}
                more={(token, list, from) => request('card.more', { token, list, from })}
                onSelectEntity={(id) => void model.openEntity(id)}
                onOpenReader={openInReader}
              />
            )}
          </div>
        ) : state.status === 'empty' ? (
          <p class="hint">Search the people, organisations, places, quotes and passages of your corpus.</p>
        ) : state.status === 'searching' && !state.previous ? (
          <p class="hint">Searching…</p>
        ) : state.status === 'error' ? (
          <p class="hint error" role="alert">
            Search failed: {state.message}
          </p>
        ) : (
          <ResultsBody
            results={state.status === 'done' ? state.results : state.previous!}
            answers={state.status === 'done' ? state.query : null}
            model={model}
            onOpen={open}
          />
        )}
      </div>
    </div>
  );
}
