/**
 * The user's settings: what they mean, their defaults, and how stored values
 * are read back safely (anything malformed falls back to its default, so a
 * bad value can never break a page). Pure; storage lives in settings-store.ts.
 */

export type HighlightStyle = 'underline' | 'background' | 'none';

export interface Settings {
  /** Global switch: mark names on pages at all. Default true. */
  enabled: boolean;
  /** Hostnames (e.g. "www.example.com") where Dossier stays off. Default none. */
  disabledSites: string[];
  /** Rest on a name this long before its popover opens, ms (100–2000). Default 300. */
  hoverDelayMs: number;
  /** How names are marked. Default "underline". */
  highlightStyle: HighlightStyle;
  /** Match every name with its exact case (default: only acronyms and short names). Default false. */
  caseSensitive: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  disabledSites: [],
  hoverDelayMs: 300,
  highlightStyle: 'underline',
  caseSensitive: false,
});

const STYLES: readonly HighlightStyle[] = ['underline', 'background', 'none'];

/** Reads a stored value as Settings: known fields of the right shape, defaults for the rest. */
export function normalizeSettings(stored: unknown): Settings {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const delay = s.hoverDelayMs;
  return {
    enabled: typeof s.enabled === 'boolean' ? s.enabled : DEFAULT_SETTINGS.enabled,
    disabledSites: Array.isArray(s.disabledSites)
      ? [
          ...new Set(
            s.disabledSites.filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length < 254),
          ),
        ]
      : [],
    hoverDelayMs:
      typeof delay === 'number' && Number.isFinite(delay)
        ? Math.min(2000, Math.max(100, Math.round(delay)))
        : DEFAULT_SETTINGS.hoverDelayMs,
    highlightStyle: STYLES.includes(s.highlightStyle as HighlightStyle)
      ? (s.highlightStyle as HighlightStyle)
      : DEFAULT_SETTINGS.highlightStyle,
    caseSensitive: typeof s.caseSensitive === 'boolean' ? s.caseSensitive : DEFAULT_SETTINGS.caseSensitive,
  };
}

/** Whether Dossier should run on `hostname` under `settings`. */
export function isActiveOn(settings: Settings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(hostname.toLowerCase());
}

/** Settings with `hostname` switched on or off. */
export function withSite(settings: Settings, hostname: string, on: boolean): Settings {
  const host = hostname.toLowerCase();
  const others = settings.disabledSites.filter((h) => h !== host);
  return { ...settings, disabledSites: on ? others : [...others, host] };
}
