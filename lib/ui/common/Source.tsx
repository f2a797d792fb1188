import type { JSX } from 'preact';
import type { DocumentMeta } from '../../messages/protocol';
import { dateFormat } from './intl';

const DAY_UTC: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
const MONTH_UTC: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', timeZone: 'UTC' };

/** Formats a pack date (YYYY, YYYY-MM or YYYY-MM-DD) for people (a formatter made once: see ./intl.ts). */
export function formatDate(date: string | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  if (!y) return date;
  if (!m) return String(y);
  return dateFormat(undefined, d ? DAY_UTC : MONTH_UTC).format(new Date(Date.UTC(y, m - 1, d ?? 1)));
}

export interface SourceProps {
  doc: DocumentMeta;
}

/** "Article title · Source · date", the line under a quote or passage. */
export function Source({ doc }: SourceProps): JSX.Element {
  const date = formatDate(doc.date);
  return (
    <span class="source">
      <cite>{doc.title}</cite>
      {doc.source ? <span> · {doc.source}</span> : null}
      {date ? <span> · {date}</span> : null}
    </span>
  );
}
