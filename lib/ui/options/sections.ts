/**
 * The options page's sections and the address that remembers which one is
 * shown: `options.html#entities`. Links are plain `<a href="#entities">`, so
 * back and forward, reload and deep links work without any history code here.
 */
import { signal, type ReadonlySignal } from '@preact/signals';

/** One section of the options page. */
export interface Section {
  /** Its address fragment: `options.html#<id>`. */
  id: SectionId;
  /** Its name in the navigation and the page title. */
  label: string;
}

/** Section ids, in navigation order. */
export type SectionId = 'import' | 'corpus' | 'entities' | 'subscriptions' | 'settings' | 'storage';

/** Every section, in the order the navigation lists them. */
export const SECTIONS: readonly Section[] = [
  { id: 'import', label: 'Import' },
  { id: 'corpus', label: 'Corpus' },
  { id: 'entities', label: 'Entities' },
  { id: 'subscriptions', label: 'Subscriptions' },
  { id: 'settings', label: 'Settings' },
  { id: 'storage', label: 'Storage' },
];

/** The section shown when the address names none (or one that does not exist). */
export const DEFAULT_SECTION: SectionId = 'corpus';

/** Other names that lead to a section (older links, the words people use). */
const ALIASES: Record<string, SectionId> = {
  documents: 'corpus',
  articles: 'corpus',
  names: 'entities',
  export: 'storage',
  restore: 'storage',
  backup: 'storage',
};

/**
 * The section an address fragment names: `#entities`, `entities`, `#Documents`
 * (an alias), `#settings/anything` (the part after a slash is left to the section).
 * @returns {@link DEFAULT_SECTION} for an empty or unknown fragment.
 */
export function sectionFromHash(hash: string): SectionId {
  let raw = hash.replace(/^#/, '');
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return DEFAULT_SECTION; // a malformed escape names nothing
  }
  const key = raw.split(/[/?]/)[0]!.trim().toLowerCase();
  const found = SECTIONS.find((s) => s.id === key);
  return found ? found.id : (ALIASES[key] ?? DEFAULT_SECTION);
}

/** The `href` of a section's link. */
export const sectionHref = (id: SectionId): string => `#${id}`;

/** The label of a section. */
export const sectionLabel = (id: SectionId): string => SECTIONS.find((s) => s.id === id)?.label ?? id;

/** What {@link followSection} needs of the window (a stand-in in tests). */
export interface HashSource {
  readonly location: { readonly hash: string };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
}

/**
 * The shown section as a signal that follows the address (links, back,
 * forward, a typed fragment).
 * @returns the signal and a function that stops following.
 */
export function followSection(source: HashSource): { section: ReadonlySignal<SectionId>; stop: () => void } {
  const section = signal(sectionFromHash(source.location.hash));
  const update = () => (section.value = sectionFromHash(source.location.hash));
  source.addEventListener('hashchange', update);
  return { section, stop: () => source.removeEventListener('hashchange', update) };
}
