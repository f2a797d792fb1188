import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SearchHit } from '../../messages/protocol';
import { termRanges } from '../../search/term-ranges';
import { Highlighted } from '../common/Highlighted';
import { Source } from '../common/Source';
import { CopyCitation } from '../card/CopyCitation';

export interface SearchResultsViewProps {
  hits: SearchHit[];
  total: number;
  /** Called when a result is chosen (click or Enter). */
  onOpen: (hit: SearchHit) => void;
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

function HitBody({ hit }: { hit: SearchHit }): JSX.Element {
  switch (hit.kind) {
    case 'entity': {
      const e = hit.entity;
      return (
        <>
          <span class="hit-title">
            <strong>
              <Highlighted text={e.name} ranges={termRanges(e.name, hit.terms)} />
            </strong>{' '}
            <span class={`type type-${e.type}`}>{e.type}</span>
          </span>
          {e.description ? <span class="hit-text">{e.description}</span> : null}
          <span class="hit-meta">{e.quoteCount === 1 ? '1 quote' : `${e.quoteCount} quotes`}</span>
        </>
      );
    }
    case 'quote': {
      const q = hit.quote;
      const s = snippet(q.text, termRanges(q.text, hit.terms));
      return (
        <>
          <span class={`hit-text ${q.kind}`}>
            {q.kind === 'direct' ? '“' : ''}
            {/* A statement that starts mid-sentence reads from its sentence's start: "Lee said that …". */}
            {q.kind === 'reported' && q.lead && !s.text.startsWith('…') ? <span class="lead">{q.lead}</span> : null}
            <Highlighted text={s.text} ranges={s.ranges} />
            {q.kind === 'direct' ? '”' : ''}
          </span>
          <span class="hit-meta">
            {q.speaker ? `— ${q.speaker.name}` : 'Speaker unknown'}
            {q.kind === 'reported' ? ' (reported)' : ''}
          </span>
          <Source doc={q.doc} />
        </>
      );
    }
    case 'passage': {
      const p = hit.passage;
      const s = snippet(p.text, termRanges(p.text, hit.terms));
      return (
        <>
          <span class="hit-text">
            <Highlighted text={s.text} ranges={s.ranges} />
          </span>
          <Source doc={p.doc} />
        </>
      );
    }
  }
}

const GROUPS = [
  { kind: 'entity', title: 'Names' },
  { kind: 'quote', title: 'Quotes' },
  { kind: 'passage', title: 'Passages' },
] as const;

/** Results painted in the first frame of an answer; the rest follow in the next (see {@link SearchResultsView}). */
export const FIRST_RESULTS = 12;

/** The hits in the order shown: names, then quotes, then passages, each with its group's title. */
function grouped(hits: readonly SearchHit[]): { kind: SearchHit['kind']; title: string; hits: SearchHit[] }[] {
  return GROUPS.map(({ kind, title }) => ({ kind, title, hits: hits.filter((h) => h.kind === kind) })).filter(
    (g) => g.hits.length > 0,
  );
}

/** The first `count` hits in the order shown (so the rest are added below, never above). */
export function firstShown(hits: readonly SearchHit[], count: number): SearchHit[] {
  return grouped(hits)
    .flatMap((g) => g.hits)
    .slice(0, count);
}

/**
 * Results in groups — names, quotes, passages — each a button, so Tab, arrows
 * (see Search.tsx) and Enter work; matched words are marked. A new answer
 * paints its first {@link FIRST_RESULTS} at once and the rest after that
 * frame, so the first rows are not held back by the last.
 */
export function SearchResultsView({ hits, total, onOpen }: SearchResultsViewProps): JSX.Element {
  const [complete, setComplete] = useState<SearchHit[] | null>(null);
  // Effects run after the browser painted: the rest of the hits are rendered then.
  useEffect(() => {
    if (hits.length > FIRST_RESULTS) setComplete(hits);
  }, [hits]);
  const visible = hits.length <= FIRST_RESULTS || complete === hits ? hits : firstShown(hits, FIRST_RESULTS);
  return (
    <>
      <p class="result-count" role="status">
        {total === 1 ? '1 result' : `${total} results`}
        {total > hits.length ? ` (showing ${hits.length})` : ''}
      </p>
      <ul class="results" aria-label="Results">
        {grouped(visible).flatMap(({ kind, title, hits: group }) => [
          <li key={kind} class="group-title" role="presentation" aria-hidden="true">
            {title}
          </li>,
          ...group.map((hit) => (
            <li key={hit.id} class={`hit hit-${hit.kind}`}>
              <button type="button" class="hit-button" data-result onClick={() => onOpen(hit)}>
                <HitBody hit={hit} />
              </button>
              {hit.kind === 'quote' ? (
                <span class="hit-actions">
                  <CopyCitation quote={hit.quote} />
                </span>
              ) : null}
            </li>
          )),
        ])}
      </ul>
    </>
  );
}
