// Attacks of a hostile page on the popover and on the background (issue #11):
// each test drives the attack a page script could run and checks that it
// learns or changes nothing.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { PopoverHost } from './pages/popover';
import { evaluateInContentScript } from './support/isolated-world';
import { isPopoverFrame, isPopoverShowing, popoverFrame } from './support/hover';

/** The first visible occurrence of `word` in the article: its centre in viewport pixels. */
function wordCentre(page: Page, word: string): Promise<{ x: number; y: number }> {
  return page.evaluate((w) => {
    const walker = document.createTreeWalker(document.querySelector('article') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.nodeValue!.indexOf(w);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + w.length);
      const r = range.getBoundingClientRect();
      if (r.width > 0) return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    throw new Error(`no ${w}`);
  }, word);
}

/** Waits until Dossier has marked the demo article (its name table is loaded and the page scanned). */
async function waitForMarks(page: Page): Promise<void> {
  await new PopoverHost(page).open('Lavrov');
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  await expect.poll(() => isPopoverShowing(page)).toBe(false);
}

test.describe('on the demo article', () => {
  test('synthetic pointer events open no card', async ({ page, server }) => {
    await page.goto(server.url('/demo-article.html'));
    await waitForMarks(page);
    const { x, y } = await wordCentre(page, 'Kerry');
    // The page moves a "pointer" onto the name and rests there, as a user would.
    await page.evaluate(
      async ({ x, y }) => {
        const target = document.elementFromPoint(x, y)!;
        for (let i = 0; i < 30; i++) {
          for (const type of ['pointerover', 'pointermove', 'mousemove']) {
            const init = { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse' };
            target.dispatchEvent(type === 'mousemove' ? new MouseEvent(type, init) : new PointerEvent(type, init));
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      { x, y },
    );
    await page.waitForTimeout(500);
    expect(await isPopoverShowing(page)).toBe(false);
    // The user's own pointer still opens it.
    const popover = await new PopoverHost(page).open('Kerry');
    await expect(popover.heading).toHaveText('John Kerry');
  });

  test('synthetic keys and clicks neither close nor drive an open card', async ({ page, server }) => {
    await page.goto(server.url('/demo-article.html'));
    await new PopoverHost(page).open('Lavrov');
    await page.evaluate(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: 1, clientY: 1 }));
      document.documentElement.dispatchEvent(new PointerEvent('pointerleave'));
    });
    await page.waitForTimeout(700);
    expect(await isPopoverShowing(page)).toBe(true);
  });

  test('the page receives no message from Dossier and gets no handle on its frame', async ({
    page,
    server,
    extensionId,
  }) => {
    // Before any page or extension code: keep every message the page's window
    // receives, and take over any window that sends one.
    await page.addInitScript(() => {
      const w = window as unknown as { __messages: string[]; __sources: number };
      w.__messages = [];
      w.__sources = 0;
      addEventListener('message', (event) => {
        let data: string;
        try {
          data = JSON.stringify(event.data);
        } catch {
          data = String(event.data);
        }
        w.__messages.push(data);
        if (event.source && event.source !== window) {
          w.__sources++;
          try {
            (event.source as Window).location.href = new URL('/attacker-frame.html', location.href).href;
          } catch {
            // not navigable
          }
        }
      });
    });
    await page.goto(server.url('/demo-article.html'));
    // Two cards, with the real pointer: on a frame the page took over, Dossier would post the second to the page.
    for (const word of ['Lavrov', 'Kerry']) {
      const { x, y } = await wordCentre(page, word);
      await page.mouse.move(2, 2);
      await page.waitForTimeout(700);
      await page.mouse.move(x - 6, y - 6);
      await page.mouse.move(x, y, { steps: 3 });
      await page.waitForTimeout(1500);
    }
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __messages: string[]; __sources: number; __stolen?: string[] };
      return { messages: w.__messages, sources: w.__sources, stolen: w.__stolen ?? [] };
    });
    expect(seen.messages.filter((m) => m.includes(extensionId) || m.includes('dossier'))).toEqual([]);
    expect(seen.sources).toBe(0);
    expect(seen.stolen).toEqual([]);
    const popover = await new PopoverHost(page).open('Kerry');
    await expect(popover.heading).toHaveText('John Kerry');
    expect(isPopoverFrame(popover.frame)).toBe(true);
  });

  test('a popover frame navigated away is dropped, and nothing is sent to what replaced it', async ({
    page,
    server,
  }) => {
    await page.goto(server.url('/demo-article.html'));
    const host = new PopoverHost(page);
    await host.open('Lavrov');
    await page.mouse.move(2, 2);
    await page.keyboard.press('Escape');
    await expect.poll(() => host.isOpen()).toBe(false);
    // However the page managed it, our frame now shows the page's document.
    const ours = await popoverFrame(page);
    // Playwright's wait for the load fails when Dossier removes the frame right at its load.
    await ours.goto(server.url('/attacker-frame.html')).catch(() => undefined);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __attackerLoads?: number }).__attackerLoads ?? 0))
      .toBeGreaterThan(0);
    // Dossier notices and removes it.
    await expect.poll(() => page.frames().some((f) => f.url().endsWith('/attacker-frame.html'))).toBe(false);
    const popover = await host.open('Kerry');
    await expect(popover.heading).toHaveText('John Kerry');
    const stolen = await page.evaluate(() => (window as unknown as { __stolen?: string[] }).__stolen ?? []);
    expect(stolen).toEqual([]);
  });

  test('a page that embeds the popover frame itself learns nothing about the corpus', async ({
    page,
    server,
    extensionId,
  }) => {
    await page.goto(server.url('/demo-article.html'));
    // The address our own frame uses, as if it had leaked to the page.
    const ours = await (await new PopoverHost(page).open('Lavrov')).frame.frameElement();
    const leaked = ((await ours.getAttribute('src')) ?? '').replace(/#.*/, '');
    expect(leaked).toContain('/popover.html');
    await page.mouse.move(2, 2);
    await page.keyboard.press('Escape');

    /** Embeds `url` and asks it for `entityId` every way the frame has been asked; returns what the page saw. */
    const probe = (url: string, entityId: string) =>
      page.evaluate(
        async ({ url, entityId }) => {
          const nonce = 'a1'.repeat(16);
          const seen: string[] = [];
          const frame = document.createElement('iframe');
          frame.src = `${url}#${nonce}`;
          frame.dataset.probe = entityId;
          frame.style.cssText = 'width:380px;height:100px;border:0';
          const loaded = new Promise<string>((resolve) => {
            frame.onload = () => resolve('load');
            setTimeout(() => resolve('no load'), 4000);
          });
          addEventListener('message', (e) => {
            if (e.source === frame.contentWindow) seen.push(`window: ${JSON.stringify(e.data)}`);
          });
          document.body.append(frame);
          seen.push(await loaded);
          const target = frame.contentWindow!;
          // The old protocol: commands with the nonce the page chose.
          target.postMessage({ tag: 'dossier-popover', nonce, type: 'show', entityId, surface: 'x' }, '*');
          // The new one: a port of the page's own, and a made-up token.
          const channel = new MessageChannel();
          channel.port1.onmessage = (e) => seen.push(`port: ${JSON.stringify(e.data)}`);
          target.postMessage({ tag: 'dossier-popover', type: 'connect', nonce }, '*', [channel.port2]);
          channel.port1.postMessage({ type: 'show', token: 'f'.repeat(32), entityId, surface: 'x' });
          // Until the frame has been quiet for a second (a slow lookup first reports "Looking up…").
          for (let quiet = 0, n = -1, waited = 0; quiet < 1000 && waited < 8000; waited += 100) {
            await new Promise((r) => setTimeout(r, 100));
            quiet = seen.length === n ? quiet + 100 : 0;
            n = seen.length;
          }
          // What the page learns once the frame has settled: whether it loaded and answered, and its last height.
          const sizes = seen.filter((m) => m.includes('"size"'));
          return [...new Set(seen.filter((m) => !m.includes('"size"'))), sizes.at(-1) ?? 'no size'];
        },
        { url, entityId },
      );
    const frameText = async (entityId: string) => {
      const handle = await page.$(`iframe[data-probe="${entityId}"]`);
      const frame = await handle?.contentFrame();
      return frame ? frame.evaluate(() => document.body.innerText).catch(() => '') : '';
    };

    for (const url of [leaked, `chrome-extension://${extensionId}/popover.html`]) {
      const known = await probe(url, 'sergey-lavrov');
      const unknown = await probe(url, 'no-such-person');
      // The same observations, whether the corpus knows the name or not.
      expect(known).toEqual(unknown);
      // Through the leaked address the frame does load and answer the page's port: what it sends is all the same.
      if (url === leaked) expect(known).toContain('port: {"type":"hello"}');
      expect(await frameText('sergey-lavrov')).toBe(await frameText('no-such-person'));
      expect(await frameText('sergey-lavrov')).not.toContain('Lavrov');
      await page.evaluate(() => document.querySelectorAll('iframe[data-probe]').forEach((f) => f.remove()));
    }
  });

  test('the static popover address does not load in a page (use_dynamic_url)', async ({
    page,
    server,
    extensionId,
  }) => {
    await page.goto(server.url('/demo-article.html'));
    await page.evaluate((id) => {
      const frame = document.createElement('iframe');
      frame.src = `chrome-extension://${id}/popover.html`;
      document.body.append(frame);
    }, extensionId);
    await expect.poll(() => page.frames().length).toBe(2);
    await page.waitForTimeout(1000);
    expect(page.frames().map((f) => f.url())).not.toContain(`chrome-extension://${extensionId}/popover.html`);
  });
});

test.describe('the content script announces nothing', () => {
  const CROSS = 'http://cross-origin.test';

  test('no page or cross-origin frame sees a message with the extension id', async ({ page, server, extensionId }) => {
    await page.route(`${CROSS}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><p>Sergey Lavrov, an ad.</p>' }),
    );
    await page.addInitScript((id) => {
      const w = window as unknown as { __messages: string[]; __events: string[] };
      w.__messages = [];
      w.__events = [];
      addEventListener('message', (e) => w.__messages.push(JSON.stringify(e.data)));
      // WXT names its event after the extension id and the entrypoint.
      for (const name of ['content', 'content-script']) {
        document.addEventListener(`${id}:${name}:wxt:content-script-started`, (e) => w.__events.push(e.type));
      }
    }, extensionId);
    await page.goto(server.url('/demo-article.html'));
    await page.evaluate((cross) => {
      const frame = document.createElement('iframe');
      frame.src = `${cross}/ad.html`;
      document.body.append(frame);
    }, CROSS);
    await waitForMarks(page);
    const crossFrame = page.frames().find((f) => f.url().startsWith(CROSS));
    expect(crossFrame).toBeDefined();
    await page.waitForTimeout(1000);
    for (const frame of [page.mainFrame(), crossFrame!]) {
      const seen = await frame.evaluate(() => {
        const w = window as unknown as { __messages: string[]; __events: string[] };
        return [...w.__messages, ...w.__events];
      });
      expect(seen.filter((m) => m.includes(extensionId))).toEqual([]);
    }
  });

  test('a forged "content script started" event does not switch Dossier off', async ({ page, server, extensionId }) => {
    await page.goto(server.url('/demo-article.html'));
    await waitForMarks(page);
    // What a page does to switch Dossier off, with the names WXT uses.
    await page.evaluate((id) => {
      for (const name of ['content', 'content-script']) {
        const detail = { contentScriptName: name, messageId: 'forged' };
        document.dispatchEvent(new CustomEvent(`${id}:${name}:wxt:content-script-started`, { detail }));
        window.postMessage({ type: `${id}:${name}:wxt:content-script-started`, ...detail }, '*');
      }
    }, extensionId);
    await page.waitForTimeout(500);
    const popover = await new PopoverHost(page).open('Kerry');
    await expect(popover.heading).toHaveText('John Kerry');
  });
});

test.describe('the background', () => {
  test('refuses corpus management and reading from the content-script world', async ({ page, server, extensionId }) => {
    await page.goto(server.url('/demo-article.html'));
    await waitForMarks(page);
    const send = (name: string, payload: object) =>
      evaluateInContentScript(
        page,
        extensionId,
        `chrome.runtime.sendMessage(${JSON.stringify({ dossier: 1, name, payload })})`,
      );
    for (const [name, payload] of [
      ['documents.list', {}],
      ['corpus.documents', { filter: 'a' }],
      ['corpus.entities', {}],
      ['corpus.entity', { entityId: 'sergey-lavrov' }],
      ['corpus.findEntity', { query: 'lav' }],
      ['document.get', { docId: 'x' }],
      ['search', { query: 'Lavrov' }],
      ['entity.card', { entityId: 'sergey-lavrov' }],
      ['documents.delete', { docIds: ['x'] }],
      ['corpus.restoreBundled', {}],
      ['subscriptions.add', { url: 'https://evil.example/pack.json' }],
      ['popover.card', { token: 'f'.repeat(32) }],
    ] as const) {
      expect(await send(name, payload), name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // What marking needs still works.
    expect(await send('names.get', {})).toMatchObject({ ok: true });
    // And the corpus is untouched: the options page still lists the three seed articles.
    const options = await page.context().newPage();
    await options.goto(`chrome-extension://${extensionId}/popup.html`);
    const listed = await options.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ dossier: 1, name: 'documents.list', payload: {} }),
    );
    expect(listed).toMatchObject({ ok: true });
    expect((listed as { value: unknown[] }).value).toHaveLength(3);
  });
});
