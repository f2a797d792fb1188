/**
 * The extension's own report of a tab (what the popup's "On this page" shows):
 * asked from the service worker with the tab message the popup sends. Nothing
 * of it reaches the page.
 */
import type { Worker } from '@playwright/test';

/** One entity Dossier counts on the page. */
export interface ReportedEntity {
  entityId: string;
  type: string;
  count: number;
}

/** The entities Dossier counts in the active tab's top frame. */
export async function pageReport(worker: Worker): Promise<ReportedEntity[]> {
  return worker.evaluate(async () => {
    const { tabs } = (globalThis as unknown as { chrome: { tabs: ChromeTabs } }).chrome;
    interface ChromeTabs {
      query(q: object): Promise<{ id: number }[]>;
      sendMessage(id: number, m: unknown, o: object): Promise<{ entities?: ReportedEntity[] } | undefined>;
    }
    interface ReportedEntity {
      entityId: string;
      type: string;
      count: number;
    }
    const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
    if (!tab) return [];
    try {
      const reply = await tabs.sendMessage(
        tab.id,
        { dossierTab: 1, name: 'page.entities', payload: {} },
        { frameId: 0 },
      );
      return reply?.entities ?? [];
    } catch {
      return []; // the content script is not there yet
    }
  });
}

/** How many marks Dossier counts for entities whose id contains `idPart`. */
export async function reportedCount(worker: Worker, idPart: string): Promise<number> {
  const entities = await pageReport(worker);
  return entities.filter((e) => e.entityId.includes(idPart)).reduce((n, e) => n + e.count, 0);
}
