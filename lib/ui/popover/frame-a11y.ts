/**
 * What the popover frame does for keyboard and screen-reader users: a polite
 * announcement when a card opens under the pointer (the focus stays on the
 * page then, so nothing else would tell a screen reader), and Tab kept inside
 * the card while the keyboard is in it. Both live inside the extension-origin
 * frame: the page can read neither the announcement nor the card.
 */
import type { EntityCard } from '../../messages/protocol';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The sentence read out when `card` opens on hover: name, type and what the card holds. */
export function announcement(card: EntityCard): string {
  const { entity, totals } = card;
  const holds = [
    totals.quotes > 0 ? plural(totals.quotes, 'quote', 'quotes') : '',
    totals.statements > 0 ? plural(totals.statements, 'statement', 'statements') : '',
    `mentioned in ${plural(totals.documents, 'article', 'articles')}`,
  ].filter(Boolean);
  return `Dossier card: ${entity.name}, ${entity.type}; ${holds.join(', ')}.`;
}

/** Creates the visually hidden live region in the frame's `doc` (`role="status"`, polite). */
export function createLiveRegion(doc: Document): HTMLElement {
  const region = doc.createElement('div');
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-atomic', 'true');
  region.className = 'visually-hidden';
  doc.body.append(region);
  return region;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** The elements of `container` Tab moves through, in order (hidden ones left out). */
export function tabStops(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
}

/**
 * Keeps Tab and Shift+Tab inside `dialog`: from its last stop Tab goes to the
 * first, from its first (or the dialog itself) Shift+Tab goes to the last.
 * Returns true when it moved the focus (the event's default is then prevented).
 */
export function trapTab(event: KeyboardEvent, dialog: HTMLElement | null): boolean {
  if (event.key !== 'Tab' || !dialog || event.altKey || event.ctrlKey || event.metaKey) return false;
  const stops = tabStops(dialog);
  const active = dialog.ownerDocument.activeElement;
  const first = stops[0];
  const last = stops[stops.length - 1];
  let target: HTMLElement | undefined;
  if (!first || !last) target = dialog;
  else if (!active || !dialog.contains(active)) target = event.shiftKey ? last : first;
  else if (event.shiftKey && (active === first || active === dialog)) target = last;
  else if (!event.shiftKey && active === last) target = first;
  if (!target) return false;
  event.preventDefault();
  target.focus();
  return true;
}
