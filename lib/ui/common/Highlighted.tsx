import type { JSX } from 'preact';

export interface HighlightedProps {
  text: string;
  /** Sorted, non-overlapping [start, end) ranges of `text` to mark. */
  ranges: readonly (readonly [number, number])[];
}

/** Text with some ranges wrapped in <mark>. */
export function Highlighted({ text, ranges }: HighlightedProps): JSX.Element {
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
