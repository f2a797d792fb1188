/**
 * Runs code in Dossier's content-script world of a page (Chromium's isolated
 * world for the extension), through the DevTools protocol: what a bug that
 * runs page code in that world, or a compromised renderer, could do.
 */
import type { Page } from '@playwright/test';

interface ContextDescription {
  id: number;
  origin: string;
  name: string;
  auxData?: { isDefault?: boolean; type?: string; frameId?: string };
}

/**
 * Evaluates `expression` (awaiting a promise) in the isolated world of the
 * page's main frame whose `chrome.runtime.id` is `extensionId`, and returns
 * its value.
 * @throws when no such world exists (the content script did not run) or the expression throws.
 */
export async function evaluateInContentScript(page: Page, extensionId: string, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: ContextDescription[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }: { context: ContextDescription }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    for (const context of contexts) {
      if (context.auxData?.type !== 'isolated' || context.auxData.frameId !== frameTree.frame.id) continue;
      const probe = (await cdp.send('Runtime.evaluate', {
        contextId: context.id,
        expression: 'globalThis.chrome?.runtime?.id ?? null',
        returnByValue: true,
      })) as { result: { value: unknown } };
      if (probe.result.value !== extensionId) continue;
      const result = (await cdp.send('Runtime.evaluate', {
        contextId: context.id,
        expression,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value: unknown }; exceptionDetails?: { text: string } };
      if (result.exceptionDetails) throw new Error(`evaluateInContentScript: ${result.exceptionDetails.text}`);
      return result.result.value;
    }
    throw new Error(`evaluateInContentScript: no content-script world of ${extensionId} in ${page.url()}`);
  } finally {
    await cdp.detach();
  }
}
