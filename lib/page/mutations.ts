/**
 * Turns MutationObserver records into the smallest set of blocks to re-scan.
 * Marks live in blocks (see text-index), so a change inside a paragraph means
 * re-scanning that paragraph; a block added whole is scanned on its own; our
 * own UI (`[data-dossier-ui]`) is ignored so opening a popover never triggers
 * a scan.
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
