import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ReadonlySignal } from '@preact/signals';
import { SECTIONS, sectionHref, type SectionId } from './sections';

/** One section's content and what its navigation link shows beside the name. */
export interface SectionContent {
  content: ComponentChildren;
  /** A count beside the name (articles, names), or a short state ("running"). */
  badge?: string | number | null;
  /** The badge is live news (an import running), not a count. */
  busy?: boolean;
}

export interface OptionsAppProps {
  section: ReadonlySignal<SectionId>;
  sections: Record<SectionId, () => SectionContent>;
}

/**
 * The options page: a navigation of sections on the left (links to
 * `#import`, `#corpus`… so the address remembers the section) and the shown
 * section on the right. Hidden sections stay mounted, so what was typed or
 * picked in one survives a visit to another.
 */
export function OptionsApp({ section, sections }: OptionsAppProps): JSX.Element {
  const active = section.value;
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const label = SECTIONS.find((s) => s.id === active)?.label ?? '';

  useEffect(() => {
    document.title = `${label} — Dossier`;
    // Moving to a section moves the keyboard there too (not on the first load: the page keeps its focus).
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>(`[data-section="${active}"] h2`);
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
    window.scrollTo({ top: 0 });
  }, [active, label]);

  const shown = Object.fromEntries(SECTIONS.map((s) => [s.id, sections[s.id]()])) as Record<SectionId, SectionContent>;
  return (
    <div class="options-shell">
      <header class="options-top">
        <span class="brand">
          <span class="brand-mark" aria-hidden="true">
            D
          </span>
          Dossier
        </span>
        <span class="options-tagline">Your corpus stays in this browser. No page text ever leaves it.</span>
      </header>
      <nav class="options-nav" aria-label="Sections">
        <ul>
          {SECTIONS.map((s) => {
            const { badge, busy } = shown[s.id];
            return (
              <li key={s.id}>
                <a href={sectionHref(s.id)} aria-current={s.id === active ? 'page' : undefined}>
                  <span class="nav-label">{s.label}</span>
                  {badge !== undefined && badge !== null && badge !== '' ? (
                    <span class={busy ? 'nav-badge busy' : 'nav-badge'}>
                      {typeof badge === 'number' ? badge.toLocaleString() : badge}
                    </span>
                  ) : null}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <main class="options-main" ref={main}>
        {SECTIONS.map((s) => (
          <div key={s.id} class="options-section" data-section={s.id} hidden={s.id !== active}>
            {shown[s.id].content}
          </div>
        ))}
      </main>
    </div>
  );
}
