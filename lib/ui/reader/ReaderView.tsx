import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { DocumentView, QuoteView } from '../../messages/protocol';
import { formatDate } from '../common/Source';
import { quotedText } from '../card/citation';
import { CopyCitation } from '../card/CopyCitation';

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

/** A speaker's quotes and statements in reading order. */
export interface SpeakerGroup {
  key: string;
  name: string;
  quotes: QuoteView[];
}

/** Quotes grouped by speaker, the most quoted first (unknown speakers last), each in reading order. */
export function quotesBySpeaker(quotes: readonly QuoteView[]): SpeakerGroup[] {
  const groups = new Map<string, SpeakerGroup>();
  for (const q of [...quotes].sort((a, b) => a.start - b.start)) {
    const key = q.speaker?.id ?? '';
    const group = groups.get(key) ?? { key, name: q.speaker?.name ?? 'Speaker unknown', quotes: [] };
    group.quotes.push(q);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.key === '') - Number(b.key === '') || b.quotes.length - a.quotes.length || a.name.localeCompare(b.name),
  );
}

/** One article: its text by paragraph (names are marked by the page session) and its quotes. */
export function ReaderView({ view, target }: ReaderViewProps): JSX.Element {
  const { document: doc, passages, quotes } = view;
  useEffect(() => {
    if (target !== null) document.getElementById(passageAnchor(target))?.scrollIntoView({ block: 'center' });
  }, [target]);
  const groups = quotesBySpeaker(quotes);
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
      <aside class="quotes" aria-label="Quotes by speaker">
        <h2>Quotes by speaker</h2>
        {groups.map((g) => (
          <section key={g.key} aria-label={g.name} class="speaker-group">
            <h3>
              {g.name} <span class="count">{g.quotes.length}</span>
            </h3>
            <ul>
              {g.quotes.map((q) => (
                <li key={q.id} class={q.kind}>
                  <a href={`#${passageAnchor(passageOf(view, q))}`}>{quotedText(q)}</a>
                  {q.kind === 'reported' ? <span class="kind"> (reported)</span> : null}
                  <span class="item-actions">
                    <CopyCitation quote={q} />
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {quotes.length === 0 ? <p class="hint">No quotes found in this article.</p> : null}
      </aside>
    </div>
  );
}
