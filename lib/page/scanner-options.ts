/** The options of `PageScanner` (scanner.ts), each with its default. */
import type { HighlightStyle } from '../settings/settings';
import type { Scheduler } from './schedule';

/** Options of `PageScanner`; every one has a default. */
export interface PageScannerOptions {
  /** Longest run of scanning work per task, in ms. Default 8. */
  budgetMs?: number;
  /** Re-scan blocks the page changes (MutationObserver). Default true. */
  observeMutations?: boolean;
  /** Re-check the page on single-page-app route changes (see `route-watch.ts`). Default true. */
  watchRoutes?: boolean;
  /** Scan open shadow roots. Default true. */
  includeShadowRoots?: boolean;
  /** Skip block containers `checkVisibility()` calls hidden. Default true. */
  checkVisibility?: boolean;
  /**
   * Mark only text the user can see (`visibility.ts`: opacity, visibility,
   * colour, font size, geometry, clipping). Default true; off only where
   * there is no layout (unit tests in happy-dom).
   */
  visibleTextOnly?: boolean;
  /** Runs scan slices; default: requestIdleCallback, else setTimeout. */
  scheduler?: Scheduler;
  /** How names are marked (the user's setting). Default 'underline'. */
  highlightStyle?: HighlightStyle;
  /** Called after a slice that added or removed marks. */
  onChange?: () => void;
}
