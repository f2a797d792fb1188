/**
 * How the text walk treats an element: skipped with its subtree (scripts,
 * form fields, editable regions, our own UI…), a block that starts and ends a
 * run of text (names never cross it), or hidden. See `text-index.ts`.
 */

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'svg',
  'math',
  'iframe',
  'frame',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'head',
  'title',
]);

/** Local names of the elements {@link isBlockElement} accepts. */
export const BLOCKS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'button',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'img',
  'label',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Whether elements named `name` are skipped with their subtree whatever their attributes. */
export function isSkippedName(name: string): boolean {
  return SKIPPED.has(name);
}

/** The attributes that make any element skipped with its subtree, as a selector. */
export const SKIPPED_BY_ATTRIBUTE = '[hidden],[data-dossier-ui],[contenteditable]:not([contenteditable="false" i])';

/**
 * Whether an element's subtree is never scanned (see the module comment).
 * `name` is `el.localName`, for a caller that has read it already.
 */
export function isSkippedElement(el: Element, name: string = el.localName): boolean {
  if (SKIPPED.has(name)) return true;
  if (el.hasAttribute('hidden') || el.hasAttribute('data-dossier-ui')) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/**
 * Elements that may host a shadow root (DOM: "valid shadow host name"):
 * custom elements and these. Asking any other element for `shadowRoot` is a
 * call into the browser that can only answer null.
 */
const SHADOW_HOSTS: ReadonlySet<string> = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

/** Whether an element named `name` can have a shadow root. */
export function mayHostShadow(name: string): boolean {
  return SHADOW_HOSTS.has(name) || name.includes('-');
}

/** Whether an element starts and ends a block of text (names never cross it). */
export function isBlockElement(el: Element): boolean {
  return BLOCKS.has(el.localName);
}

/**
 * Whether `el` renders nothing (`checkVisibility()` false, but not merely
 * `display: contents`). False where `checkVisibility` is missing.
 */
export function isHiddenElement(el: Element): boolean {
  if (typeof el.checkVisibility !== 'function' || el.checkVisibility()) return false;
  // display:contents has no box of its own, yet its children show.
  const view = el.ownerDocument.defaultView;
  return !view || view.getComputedStyle(el).display !== 'contents';
}
