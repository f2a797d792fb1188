import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { DocumentView, QuoteView } from '../../messages/protocol';
import { formatDate } from '../common/Source';

export interface ReaderViewProps {
  view: DocumentView;
  /** Index of the passage to scroll to and highlight. */
  target: number | null;
}

/** Anchor id of passage `i`, so that `reader.html?doc=…#p-3` works too. */
export const passageAnchor = (i: number) => `p-${i}`;

function passageOf(view: DocumentView, q: QuoteView): number {
  return view.passages.findIndex((p) => q.start >= p.start && q.start < p.end);
}

/** One article: its text by paragraph (names are marked by the page session) and its quotes. */
export function ReaderView({ view, target }: ReaderViewProps): JSX.Element {
  const { document: doc, passages, quotes } = view;
  useEffect(() => {
    if (target !== null) document.getElementById(passageAnchor(target))?.scrollIntoView({ block: 'center' });
  }, [target]);
  const direct = quotes.filter((q) => q.kind === 'direct');
  const reported = quotes.filter((q) => q.kind === 'reported');
  const quoteList = (list: QuoteView[], label: string) =>
    list.length === 0 ? null : (
      <section aria-label={label}>
        <h2>{label}</h2>
        <ul>
          {list.map((q) => (
            <li key={q.id}>
              <a href={`#${passageAnchor(passageOf(view, q))}`}>{q.kind === 'direct' ? `“${q.text}”` : q.text}</a>
              <span class="speaker">{q.speaker ? q.speaker.name : 'Speaker unknown'}</span>
            </li>
          ))}
        </ul>
      </section>
    );
  return (
    <div class="reader">
      <article aria-labelledby="reader-title">
        <header>
          <h1 id="reader-title">{doc.title}</h1>
          <p class="byline">
            {[doc.source, formatDate(doc.date)].filter(Boolean).join(' · ')}
            {doc.url ? (
              <>
                {' · '}
                <a href={doc.url} target="_blank" rel="noreferrer noopener">
                  Original
                </a>
              </>
            ) : null}
          </p>
        </header>
        {passages.map((p, i) => (
          <p key={p.id} id={passageAnchor(i)} class={i === target ? 'passage target' : 'passage'}>
            {doc.text.slice(p.start, p.end)}
          </p>
        ))}
      </article>
      <aside class="quotes">
        {quoteList(direct, 'Quotes')}
        {quoteList(reported, 'Reported statements')}
        {quotes.length === 0 ? <p class="hint">No quotes found in this article.</p> : null}
      </aside>
    </div>
  );
}
