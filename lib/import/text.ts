/**
 * Text cleaning shared by every importer: the command-line tool (lib/node) and the
 * browser importer. Pure string work, no Node or browser API, so it runs anywhere.
 *
 * The pack wants plain text with one paragraph per line (docs/pack-format.md); the
 * extraction treats every line as a paragraph (lib/corpus/segment.ts). Inputs come
 * hard-wrapped, with blank lines between paragraphs, or as Markdown; these functions
 * bring them to that shape.
 */

/** A list item, which starts a paragraph of its own even without a blank line before it. */
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/;

/** Options of {@link normalizeParagraphs}. */
export interface NormalizeOptions {
  /**
   * Join the lines of a paragraph: `true` (Markdown's rule), `false` (every line is a
   * paragraph) or `'auto'` (default: join when the text has blank lines between paragraphs).
   */
  joinLines?: boolean | 'auto';
}

/**
 * Normalises line endings and whitespace and puts one paragraph on each line.
 * When the text separates paragraphs with blank lines, lines inside a paragraph are
 * joined (hard wraps undone); a text without blank lines keeps one paragraph per line.
 * A list item always starts a new paragraph. Returns "" for a text of only whitespace.
 */
export function normalizeParagraphs(raw: string, options: NormalizeOptions = {}): string {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .split('\n');
  const join = options.joinLines ?? 'auto';
  // A blank line between two non-blank ones (not just a trailing newline) marks paragraphs.
  const filled = lines.map((l) => l.trim() !== '');
  const first = filled.indexOf(true);
  const last = filled.lastIndexOf(true);
  const blankSeparated = join === 'auto' ? filled.slice(first, last).includes(false) : join;
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length) paragraphs.push(current.join(' '));
    current = [];
  };
  for (const line of lines) {
    const t = line.replace(/ {2,}/g, ' ').trim();
    if (!t) {
      flush();
      continue;
    }
    if (!blankSeparated || LIST_ITEM.test(line)) flush();
    current.push(t);
  }
  flush();
  return paragraphs.join('\n');
}

/** A Markdown document converted to plain text. */
export interface MarkdownText {
  /** The first level-1 heading (`# Title` or `Title` over `===`), if any. */
  title?: string;
  /** Front-matter `date:` when it looks like an ISO date. */
  date?: string;
  /** Plain text, one paragraph per line, the title heading left out. */
  text: string;
}

/** Inline Markdown → text: links and images, emphasis, code spans, HTML tags, escapes. */
export function stripInlineMarkdown(s: string): string {
  return s
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|"'])/g, (_, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0))) // hide escapes
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '') // images: the alt text is not article text
    .replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1') // [text](url), url may hold (…)
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // [text][ref]
    .replace(/<(?:https?|mailto):[^>]+>/g, '') // autolinks
    .replace(/<\/?[a-zA-Z][^>]*>/g, '') // inline HTML
    .replace(/`+([^`]+)`+/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(?=\S)([\s\S]*?\S)\2(?![\w*])/g, '$1$3')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\*\*|__/g, '') // unbalanced strong markers left by hard wraps
    .replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));
}

const FRONT_MATTER = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/;
const ISO_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/;

/**
 * Converts Markdown to plain text with one paragraph per line: block markup (headings,
 * lists, block quotes, fences, tables, rules, reference definitions) and inline markup
 * are removed, paragraphs kept. The first level-1 heading becomes the title; a YAML front
 * matter's `title:` and `date:` are read when present.
 */
export function markdownToText(markdown: string): MarkdownText {
  let md = markdown.replace(/\r\n?/g, '\n').replace(/^\ufeff/, '');
  const out: MarkdownText = { text: '' };
  const fm = FRONT_MATTER.exec(md);
  if (fm) {
    md = md.slice(fm[0].length);
    for (const line of fm[1]!.split('\n')) {
      const m = /^(title|date):\s*["']?(.*?)["']?\s*$/.exec(line);
      if (m?.[1] === 'title' && m[2]) out.title = m[2];
      if (m?.[1] === 'date' && ISO_DATE.test(m[2] ?? '')) out.date = ISO_DATE.exec(m[2]!)![0];
    }
  }
  const lines = md.split('\n');
  const kept: string[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMark = /^\s*(```+|~~~+)/.exec(line)?.[1];
    if (fenceMark && (!fence || fenceMark.startsWith(fence))) {
      fence = fence ? null : fenceMark;
      kept.push('');
      continue;
    }
    if (fence) {
      kept.push(line, ''); // code keeps its lines; each its own paragraph
      continue;
    }
    const next = lines[i + 1] ?? '';
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    const setext = line.trim() && /^\s{0,3}(=+|-+)\s*$/.exec(next) && !/^\s*$/.test(line);
    if (atx || setext) {
      const level = atx ? atx[1]!.length : next.trim().startsWith('=') ? 1 : 2;
      const heading = stripInlineMarkdown(atx ? atx[2]! : line.trim()).trim();
      if (setext) i++;
      if (level === 1 && out.title === undefined && heading) out.title = heading;
      else if (heading) kept.push('', heading, '');
      continue;
    }
    if (/^\s{0,3}(?:[-*_]\s*){3,}$/.test(line)) {
      kept.push(''); // thematic break
      continue;
    }
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue; // reference definition
    if (/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue; // table rule
    let t = line.replace(/^\s{0,3}(?:>\s?)+/, ''); // block quote
    if (/^\s*\|.*\|\s*$/.test(t)) {
      t = t
        .trim()
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim())
        .filter(Boolean)
        .join(' — ');
      kept.push('', t, '');
      continue;
    }
    t = t.replace(/^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/, '$1- ');
    kept.push(t);
  }
  // Inline markup may span a hard wrap ("**slush\nfund**"), so join paragraphs first.
  out.text = normalizeParagraphs(kept.join('\n'), { joinLines: true })
    .split('\n')
    .map((p) => stripInlineMarkdown(p).replace(/^- /, '').replace(/ {2,}/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return out;
}

/**
 * A document id from a file name: lower case, letters/digits/`-`/`_` only, extension
 * dropped ("Lavrov talks (2016).md" → "lavrov-talks-2016"); "doc" when nothing is left.
 */
export function idFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(?:txt|md|markdown|html?|jsonl)(?:\.gz)?$/i, '');
  const id = base
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'doc';
}

/**
 * A headline for a text without one: its first line when that is short and does not read
 * as a sentence (no final period), else undefined. Used for `.txt` files.
 */
export function leadingTitle(text: string): string | undefined {
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  const first = text.slice(0, nl).trim();
  if (first.length === 0 || first.length > 150 || /[.:;,"”’]$/.test(first)) return undefined;
  return first;
}

/** Cuts an ISO 8601 date or timestamp to `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`); undefined if it is none. */
export function isoDate(value: string | undefined | null): string | undefined {
  const m = value ? /^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:$|[T\s])/.exec(value) : null;
  return m ? m[1] : undefined;
}
