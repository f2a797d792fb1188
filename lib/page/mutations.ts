/**
 * Turns MutationObserver records into the smallest set of blocks to re-scan.
 * Marks live in blocks (see text-index), so a change inside a paragraph means
 * re-scanning that paragraph; a block added whole is scanned on its own; our
 * own UI (`[data-dossier-ui]`) is ignored so opening a popover never triggers
 * a scan.
 *
 * Text shown without a change to the DOM's nodes — a `[hidden]` removed, a
 * `<details>` opened, a class or an inline style changed — comes as an
 * attribute record ({@link OBSERVED_ATTRIBUTES}); {@link mayReveal} keeps only
 * the ones that can show text, and {@link revealedBlocks} says which blocks to
 * walk again (marks already there are kept, so nothing flickers).
 */
import { isBlockElement, isSkippedElement } from './elements';

function isOurUi(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el !== null && el.closest('[data-dossier-ui]') !== null;
}

/** The nearest block element containing `node` (itself included), or its root. */
export function blockOf(node: Node): Node {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nodeType === 1 && isBlockElement(n as Element)) return n;
    if (!n.parentNode) return n;
  }
  return node;
}

/** Whether `node` sits in a subtree the scanner never reads (script, editable, hidden, our UI…). */
export function isInsideSkipped(node: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkippedElement(el)) return true;
  }
  return false;
}

/** Whether `node` or one of its ancestors (within its tree, like `contains`) is in `set`. */
export function hasAncestorIn(node: Node, set: ReadonlySet<Node>): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) if (set.has(n)) return true;
  return false;
}

/**
 * The containers to re-scan for `records`, none inside another, all still in
 * the document. Text edits and inline insertions or removals dirty their
 * block; an added block element is dirty by itself.
 */
export function dirtyContainers(records: readonly MutationRecord[]): Node[] {
  const found = new Set<Node>();
  for (const r of records) {
    if (isOurUi(r.target)) continue;
    if (r.type === 'characterData') {
      found.add(blockOf(r.target));
      continue;
    }
    if (r.type !== 'childList') continue;
    let inline = false;
    for (const n of r.addedNodes) {
      if (n.nodeType === 1 && (n as Element).hasAttribute('data-dossier-ui')) continue;
      if (n.nodeType === 1 && isBlockElement(n as Element)) found.add(n);
      else if (n.nodeType === 1 || n.nodeType === 3) inline = true;
    }
    for (const n of r.removedNodes) {
      if (
        n.nodeType === 3 ||
        (n.nodeType === 1 && !isBlockElement(n as Element) && !(n as Element).hasAttribute('data-dossier-ui'))
      ) {
        inline = true;
      }
    }
    if (inline) found.add(blockOf(r.target));
  }
  const list = [...found].filter((n) => n.isConnected);
  return list.filter((n) => !list.some((o) => o !== n && o.contains(n)));
}

/** The attributes the scanner observes: the ones pages show and hide text with. */
export const OBSERVED_ATTRIBUTES = ['class', 'hidden', 'style', 'open'];

/** The declarations of an inline style that decide whether its text shows, in a comparable form. */
const SHOWING_PROPERTIES =
  /(?:^|;)\s*((?:display|visibility|opacity|content-visibility|height|max-height|overflow|clip|clip-path)\s*:[^;]*)/gi;

function showingDeclarations(style: string | null): string {
  if (!style) return '';
  return Array.from(style.matchAll(SHOWING_PROPERTIES), (m) => m[1]!.replace(/\s+/g, '').toLowerCase()).join(';');
}

/**
 * Whether an attribute record (observed with `attributeOldValue`) can have
 * shown text. Cheap, no style read: called for every record, and pages change
 * `style` and `class` all the time (animations, scroll effects). Not counted:
 * inline styles that change only other properties (`transform`, colours), and
 * classes of `<html>` and `<body>`, which pages flip on scroll, focus and
 * theme changes (re-walking the whole page each time would cost too much; a
 * view shown that way is found on the next route change).
 */
export function mayReveal(record: MutationRecord): boolean {
  if (record.type !== 'attributes' || record.target.nodeType !== 1) return false;
  const el = record.target as Element;
  if (isOurUi(el)) return false;
  switch (record.attributeName) {
    case 'hidden':
      return record.oldValue !== null && !el.hasAttribute('hidden');
    case 'open':
      return record.oldValue === null && el.hasAttribute('open');
    case 'style':
      return showingDeclarations(record.oldValue) !== showingDeclarations(el.getAttribute('style'));
    case 'class':
      return el.localName !== 'html' && el.localName !== 'body' && record.oldValue !== el.getAttribute('class');
    default:
      return false;
  }
}

/**
 * The blocks to walk again for attribute records that {@link mayReveal} kept:
 * the changed element's block (or the element, when it is a block), none
 * inside another, still in the document.
 */
export function revealedBlocks(records: readonly MutationRecord[]): Element[] {
  const found = new Set<Element>();
  for (const r of records) {
    if (!mayReveal(r)) continue;
    const el = r.target as Element;
    const block = isBlockElement(el) ? el : blockOf(el);
    if (block.nodeType === 1) found.add(block as Element);
  }
  const list = [...found].filter((n) => n.isConnected);
  return list.filter((n) => !list.some((o) => o !== n && o.contains(n)));
}
