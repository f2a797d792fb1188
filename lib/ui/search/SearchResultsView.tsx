import type { JSX } from 'preact';
import type { SearchHit } from '../../messages/protocol';
import { termRanges } from '../../search/term-ranges';
import { Highlighted } from '../common/Highlighted';
import { Source } from '../common/Source';

export interface SearchResultsViewProps {
  hits: SearchHit[];
  total: number;
}

/** Longest text shown for a passage result before it is cut around the first match. */
const SNIPPET = 280;

/** Cuts long text to a window around its first highlighted range. */
export function snippet(text: string, ranges: [number, number][]): { text: string; ranges: [number, number][] } {
  if (text.length <= SNIPPET) return { text, ranges };
  const first = ranges[0]?.[0] ?? 0;
  const from = Math.max(0, Math.min(first - 80, text.length - SNIPPET));
  const to = Math.min(text.length, from + SNIPPET);
  const cut = `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  const shift = from > 0 ? 1 - from : 0;
  return {
    text: cut,
    ranges: ranges.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => [s + shift, e + shift]),
  };
}

function Hit({ hit }: { hit: SearchHit }): JSX.Element {
  switch (hit.kind) {
    case 'entity': {
      const e = hit.entity;
      return (
        <li class="hit hit-entity">
          <div class="hit-title">
            <strong>
              <Highlighted text={e.name} ranges={termRanges(e.name, hit.terms)} />
            </strong>{' '}
            <span class={`type type-${e.type}`}>{e.type}</span>
          </div>
          {e.description ? <p class="hit-text">{e.description}</p> : null}
          {e.quoteCount > 0 ? <p class="hit-meta">{e.quoteCount} quotes</p> : null}
        </li>
      );
    }
    case 'quote': {
      const q = hit.quote;
      const s = snippet(q.text, termRanges(q.text, hit.terms));
      return (
        <li class="hit hit-quote">
          <p class="hit-text">
            {q.kind === 'direct' ? '“' : ''}
            <Highlighted text={s.text} ranges={s.ranges} />
            {q.kind === 'direct' ? '”' : ''}
          </p>
          <p class="hit-meta">
            {q.speaker ? `— ${q.speaker.name}` : 'Unattributed'}
            {q.kind === 'reported' ? ' (reported)' : ''}
          </p>
          <Source doc={q.doc} />
        </li>
      );
    }
    case 'passage': {
      const p = hit.passage;
      const s = snippet(p.text, termRanges(p.text, hit.terms));
      return (
        <li class="hit hit-passage">
          <p class="hit-text">
            <Highlighted text={s.text} ranges={s.ranges} />
          </p>
          <Source doc={p.doc} />
        </li>
      );
    }
  }
}

/** The popup's result list: names, quotes and passages with the matched words marked. */
export function SearchResultsView({ hits, total }: SearchResultsViewProps): JSX.Element {
  return (
    <>
      <p class="result-count" role="status">
        {total === 1 ? '1 result' : `${total} results`}
        {total > hits.length ? ` (showing ${hits.length})` : ''}
      </p>
      <ul class="results" aria-label="Results">
        {hits.map((hit) => (
          <Hit key={hit.id} hit={hit} />
        ))}
      </ul>
    </>
  );
}
