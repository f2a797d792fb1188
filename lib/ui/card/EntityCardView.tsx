import type { JSX } from 'preact';
import type { EntityCard, QuoteView } from '../../messages/protocol';
import { Highlighted } from '../common/Highlighted';
import { Source } from '../common/Source';

export interface EntityCardViewProps {
  card: EntityCard;
  /** Called with an entity id when a related name is chosen. */
  onSelectEntity?: (entityId: string) => void;
  /** Opens an article in the reader at a character offset ("Open in reader"). */
  onOpenReader?: (docId: string, at: number) => void;
  /** Searches the whole corpus ("Search the corpus"). */
  onSearch?: (query: string) => void;
}

type OpenReader = EntityCardViewProps['onOpenReader'];

function OpenLink({ docId, at, open }: { docId: string; at: number; open: OpenReader }): JSX.Element | null {
  return open ? (
    <button type="button" class="link open" onClick={() => open(docId, at)}>
      Open in reader
    </button>
  ) : null;
}

function QuoteItem({ quote, direct, open }: { quote: QuoteView; direct: boolean; open: OpenReader }): JSX.Element {
  return (
    <li>
      <blockquote class={direct ? 'quote' : 'statement'}>
        <p>{direct ? `“${quote.text}”` : quote.text}</p>
        <footer>
          <Source doc={quote.doc} />
          <OpenLink docId={quote.doc.id} at={quote.start} open={open} />
        </footer>
      </blockquote>
    </li>
  );
}

function more(shown: number, total: number): JSX.Element | null {
  return total > shown ? <p class="more">{total - shown} more in the corpus</p> : null;
}

/** What the corpus says about one entity: the popover's (and reader's) body. */
export function EntityCardView({ card, onSelectEntity, onOpenReader, onSearch }: EntityCardViewProps): JSX.Element {
  const { entity, quotes, statements, passages, related, totals } = card;
  const empty = quotes.length + statements.length + passages.length === 0;
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
      ) : null}
      {entity.aliases.length > 0 ? <p class="aliases">Also: {entity.aliases.join(', ')}</p> : null}
      <p class="counts">
        Mentioned in {totals.documents} {totals.documents === 1 ? 'article' : 'articles'}
      </p>
      {quotes.length > 0 ? (
        <section aria-label="Quotes">
          <h2>Quotes</h2>
          <ul>
            {quotes.map((q) => (
              <QuoteItem key={q.id} quote={q} direct open={onOpenReader} />
            ))}
          </ul>
          {more(quotes.length, totals.quotes)}
        </section>
      ) : null}
      {statements.length > 0 ? (
        <section aria-label="Statements">
          <h2>Reported statements</h2>
          <ul>
            {statements.map((q) => (
              <QuoteItem key={q.id} quote={q} direct={false} open={onOpenReader} />
            ))}
          </ul>
          {more(statements.length, totals.statements)}
        </section>
      ) : null}
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
                <OpenLink docId={p.doc.id} at={p.start} open={onOpenReader} />
              </li>
            ))}
          </ul>
          {more(passages.length, totals.passages)}
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
