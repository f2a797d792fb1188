/**
 * What a card has shown, so that the same sentence is not shown twice: as a
 * quote and again as a statement or as the passage that is just that
 * sentence, or as the same paragraph in two press releases. Pure.
 */

/** The text of an item as compared for repeats: letters and digits only, lower case, single spaces. */
export function repeatKey(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A passage no longer than this many times a quote it contains is that quote again. */
const PASSAGE_SLACK = 1.5;

interface Span {
  start: number;
  end: number;
  /** The shown item's repeat key. */
  key: string;
}

/** The items shown in one card (all its pages), by text and by place in their document. */
export class ShownItems {
  private readonly keys = new Set<string>();
  private readonly spans = new Map<number, Span[]>();

  /**
   * Whether a quote or statement repeats something shown: the same text anywhere, or (same document) a
   * range overlapping a shown quote or statement.
   */
  repeatsQuote(doc: number, start: number, end: number, text: string): boolean {
    const key = repeatKey(text);
    if (key === '' || this.keys.has(key)) return true;
    return (this.spans.get(doc) ?? []).some((s) => start < s.end && s.start < end);
  }

  /**
   * Whether a passage repeats something shown: the same text anywhere, or a shown quote or statement of
   * the same document that is nearly all of it.
   */
  repeatsPassage(doc: number, start: number, end: number, text: string): boolean {
    const key = repeatKey(text);
    if (key === '' || this.keys.has(key)) return true;
    return (this.spans.get(doc) ?? []).some(
      (s) => s.start >= start && s.end <= end && key.length <= s.key.length * PASSAGE_SLACK,
    );
  }

  /** Records a shown item. */
  add(doc: number, start: number, end: number, text: string): void {
    const key = repeatKey(text);
    this.keys.add(key);
    const spans = this.spans.get(doc);
    if (spans) spans.push({ start, end, key });
    else this.spans.set(doc, [{ start, end, key }]);
  }
}

/** Longest lead put before a statement that starts mid-sentence; past it the card shows "…" instead. */
export const MAX_LEAD = 160;

/**
 * The start of the sentence before offset `at` of `text`, when a statement starting there does not
 * start its sentence ("Lee said that | the talks would resume", "According to the AP, | Lee led"): the
 * words from the sentence's start, not before `from` (its paragraph's start), at most
 * {@link MAX_LEAD} characters. Null when the statement starts its sentence, or when the lead would be
 * longer.
 */
export function sentenceLead(text: string, from: number, at: number): string | null {
  if (at >= text.length) return null;
  let start = from;
  for (let i = at - 1; i > from; i--) {
    const c = text[i]!;
    if (/\s/.test(c) && /[.!?]["'”’)\]]*$/.test(text.slice(Math.max(from, i - 3), i))) {
      start = i + 1;
      break;
    }
  }
  while (start < at && /\s/.test(text[start]!)) start++;
  const lead = text.slice(start, at);
  if (lead.trim() === '' || at - start > MAX_LEAD) return null;
  return lead;
}
