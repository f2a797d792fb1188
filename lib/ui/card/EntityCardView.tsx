import type { JSX } from 'preact';
import type { CardList, DocumentMeta, EntityCard, QuoteView } from '../../messages/protocol';
import { Highlighted } from '../common/Highlighted';
import { Source } from '../common/Source';
import { listNames, remaining, yearSummary } from './card-pages';
import { quotedText } from './citation';
import { CopyCitation } from './CopyCitation';

export interface EntityCardViewProps {
  card: EntityCard;
  /** Called with an entity id when a related name is chosen. */
  onSelectEntity?: (entityId: string) => void;
  /** Opens an article in the reader at a character offset ("Open in reader"). */
  onOpenReader?: (docId: string, at: number) => void;
  /** Searches the whole corpus ("Search the corpus"). */
  onSearch?: (query: string) => void;
  /** Loads the next page of a list ("N more in the corpus"); without it the count is only said. */
  onMore?: (list: CardList) => void;
  /** The list whose next page is loading. */
  loadingMore?: CardList | null;
  /** Why the last "more" failed. */
  moreError?: string | null;
}

type OpenReader = EntityCardViewProps['onOpenReader'];

function OpenLink({ doc, at, open }: { doc: DocumentMeta; at: number; open: OpenReader }): JSX.Element | null {
  // Every item has one: the accessible name says which article it opens.
  return open ? (
    <button
      type="button"
      class="link open"
      aria-label={`Open in reader: ${doc.title}`}
      onClick={() => open(doc.id, at)}
    >
      Open in reader
    </button>
  ) : null;
}

function QuoteItem({ quote, open }: { quote: QuoteView; open: OpenReader }): JSX.Element {
  const direct = quote.kind === 'direct';
  return (
    <li>
      <blockquote class={direct ? 'quote' : 'statement'}>
        <p>
          {!direct && quote.lead ? <span class="lead">{quote.lead}</span> : null}
          {!direct && quote.lead ? quote.text : quotedText(quote)}
        </p>
        <footer>
          <Source doc={quote.doc} />
          <span class="item-actions">
            <OpenLink doc={quote.doc} at={quote.start} open={open} />
            <CopyCitation quote={quote} />
          </span>
        </footer>
      </blockquote>
    </li>
  );
}

interface MoreProps {
  list: CardList;
  label: string;
  shown: number;
  total: number;
  next: number | null;
  props: EntityCardViewProps;
}

/** "N more in the corpus": a button that loads the next page when the card can page, else a line. */
function More({ list, label, total, next, props }: MoreProps): JSX.Element | null {
  const left = remaining(total, next);
  if (left === 0) return null;
  const text = `${left.toLocaleString()} more in the corpus`;
  if (!props.onMore) return <p class="more">{text}</p>;
  const loading = props.loadingMore === list;
  return (
    <p class="more">
      <button
        type="button"
        class="link more-button"
        aria-label={`${text}: show more ${label}`}
        aria-busy={loading}
        disabled={loading}
        onClick={() => props.onMore?.(list)}
      >
        {loading ? 'Loading…' : text}
      </button>
    </p>
  );
}

/** "Mentioned in N articles · in the corpus since 2021, most in 2025 · ordered by this page". */
function Counts({ card }: { card: EntityCard }): JSX.Element {
  const { documents } = card.totals;
  const years = yearSummary(card.years);
  const parts = [`Mentioned in ${documents.toLocaleString()} ${documents === 1 ? 'article' : 'articles'}`];
  if (years) parts.push(years);
  if (card.ranked) parts.push('ordered by what this page is about');
  return <p class="counts">{parts.join(' · ')}</p>;
}

/** One list of quotes or reported statements, with its "N more" control; nothing when the list is empty. */
function QuoteSection({
  list,
  heading,
  items,
  props,
}: {
  list: 'quotes' | 'statements';
  heading: string;
  items: EntityCardViewProps['card']['quotes'];
  props: EntityCardViewProps;
}): JSX.Element | null {
  if (items.length === 0) return null;
  const { totals, next } = props.card;
  return (
    <section aria-label={list === 'quotes' ? 'Quotes' : 'Statements'}>
      <h2>{heading}</h2>
      <ul>
        {items.map((q) => (
          <QuoteItem key={q.id} quote={q} open={props.onOpenReader} />
        ))}
      </ul>
      <More list={list} label={list} shown={items.length} total={totals[list]} next={next[list]} props={props} />
    </section>
  );
}

/** What the corpus says about one entity: the popover's (and popup's) body. */
export function EntityCardView(props: EntityCardViewProps): JSX.Element {
  const { card, onSelectEntity, onOpenReader, onSearch } = props;
  const { entity, quotes, statements, passages, related, totals, next } = card;
  const empty = quotes.length + statements.length + passages.length === 0;
  // Places and organisations often have no description: say what the corpus knows of them instead.
  const company = related.slice(0, 3).map((r) => r.name);
  return (
    <article class="card" aria-labelledby="card-title">
      <header class="card-head">
        <h1 id="card-title">{entity.name}</h1>
        <span class={`type type-${entity.type}`} data-field="type">
          {entity.type}
        </span>
      </header>
      {entity.description ? (
        <p class="description" data-field="description">
          {entity.description}
        </p>
      ) : company.length > 0 ? (
        <p class="description derived" data-field="description">
          Often mentioned with {listNames(company)}.
        </p>
      ) : null}
      {entity.aliases.length > 0 ? <p class="aliases">Also: {entity.aliases.join(', ')}</p> : null}
      <Counts card={card} />
      {props.moreError ? (
        <p class="more error" role="alert">
          {props.moreError}
        </p>
      ) : null}
      <QuoteSection list="quotes" heading="Quotes" items={quotes} props={props} />
      <QuoteSection list="statements" heading="Reported statements" items={statements} props={props} />
      {passages.length > 0 ? (
        <section aria-label="Passages">
          <h2>Mentioned in</h2>
          <ul>
            {passages.map((p) => (
              <li key={p.id} class="passage">
                <p>
                  <Highlighted text={p.text} ranges={p.highlights} />
                </p>
                <Source doc={p.doc} />
                <OpenLink doc={p.doc} at={p.start} open={onOpenReader} />
              </li>
            ))}
          </ul>
          <More
            list="passages"
            label="passages"
            shown={passages.length}
            total={totals.passages}
            next={next.passages}
            props={props}
          />
        </section>
      ) : null}
      {related.length > 0 ? (
        <section aria-label="Related">
          <h2>Mentioned together</h2>
          <ul class="chips">
            {related.map((r) => (
              <li key={r.id}>
                {onSelectEntity ? (
                  <button type="button" class={`chip type-${r.type}`} onClick={() => onSelectEntity(r.id)}>
                    {r.name}
                  </button>
                ) : (
                  <span class={`chip type-${r.type}`}>{r.name}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {empty ? <p class="empty">The corpus names {entity.name} but says nothing more yet.</p> : null}
      {onSearch ? (
        <footer class="card-actions">
          <button type="button" class="action" onClick={() => onSearch(entity.name)}>
            Search the corpus for {entity.name}
          </button>
        </footer>
      ) : null}
    </article>
  );
}
