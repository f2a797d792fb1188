// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileMatcher } from './matcher';
import { MAX_CANDIDATES_PER_BLOCK, MAX_MARKS_PER_PAGE, PageScanner, WINDOW } from './scanner';
import type { Scheduler } from './schedule';

const matcher = compileMatcher([
  { text: 'Sergey Lavrov', entityId: 'lavrov', type: 'person' },
  { text: 'Lavrov', entityId: 'lavrov', type: 'person' },
  { text: 'Kremlin', entityId: 'kremlin', type: 'organization' },
]);
// Tiny slices so tests cover resuming; a macrotask per slice like the real thing.
const scheduler: Scheduler = (task) => setTimeout(() => task(() => 1), 0);
let scanner: PageScanner | null = null;

async function scan(html: string): Promise<PageScanner> {
  document.body.innerHTML = html;
  scanner = new PageScanner(document, matcher, { scheduler, visibleTextOnly: false });
  scanner.start();
  await scanner.whenIdle();
  return scanner;
}
const texts = (s: PageScanner): string[] => s.marks().map((m) => m.text);
const settle = async (s: PageScanner): Promise<void> => {
  await new Promise((r) => setTimeout(r, 0)); // let MutationObserver deliver
  await s.whenIdle();
};

afterEach(() => {
  scanner?.dispose();
  scanner = null;
});

describe('PageScanner', () => {
  it('marks names across inline elements but not across blocks', async () => {
    const s = await scan('<p><b>Sergey</b> Lavrov met</p><p>Sergey</p><p>Lavrov\u2019s aide in the Kremlin</p>');
    expect(texts(s)).toEqual(['Sergey Lavrov', 'Lavrov', 'Kremlin']);
  });

  it('scans a large page in many slices', async () => {
    // Kept small: happy-dom's live Ranges make each mark cost O(marks).
    let slices = 0;
    document.body.innerHTML = Array.from({ length: 400 }, (_, i) => `<p>Item ${i}: Lavrov</p>`).join('');
    scanner = new PageScanner(document, matcher, {
      scheduler: (task) => scheduler((left) => (slices++, task(left))),
      visibleTextOnly: false,
    });
    scanner.start();
    await scanner.whenIdle();
    expect(scanner.marks()).toHaveLength(400);
    expect(slices).toBeGreaterThan(3);
  });

  it('checks the matches of one long block over several slices when time runs out between them', async () => {
    // Every clock read is 0.6 ms later: a slice (1 ms at least) is spent after a match or two.
    let t = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (t += 0.6));
    try {
      let slices = 0;
      document.body.innerHTML = `<p>${Array.from({ length: 50 }, (_, i) => `Lavrov ${i},`).join(' ')}</p>`;
      scanner = new PageScanner(document, matcher, {
        scheduler: (task) => scheduler((left) => (slices++, task(left))),
        visibleTextOnly: false,
      });
      scanner.start();
      await scanner.whenIdle();
      expect(texts(scanner)).toEqual(Array.from({ length: 50 }, () => 'Lavrov'));
      expect(new Set(scanner.marks().map((m) => m.startOffset)).size).toBe(50);
      expect(slices).toBeGreaterThanOrEqual(25);
    } finally {
      now.mockRestore();
    }
  });

  it('counts entities on the page, most marked first', async () => {
    const s = await scan('<p>Kremlin</p><p>Lavrov and Sergey Lavrov</p>');
    expect(s.entitiesOnPage().map((e) => [e.entityId, e.count])).toEqual([
      ['lavrov', 2],
      ['kremlin', 1],
    ]);
  });

  it("finds an entity's first mark in document order, also when it was marked last", async () => {
    const s = await scan('<p id="a">Kremlin</p><p id="b">Lavrov</p>');
    document.getElementById('a')!.insertAdjacentHTML('beforebegin', '<p>Sergey Lavrov</p>');
    await settle(s);
    expect(s.firstMark('lavrov')?.text).toBe('Sergey Lavrov');
    expect(s.firstMark('nobody')).toBeNull();
  });

  it('matches very long blocks window by window without losing names at the cuts', async () => {
    // One name every ~400 characters: fewer than the block's cap, spread over three windows.
    const unit = `Sergey Lavrov ${'and some more filler words '.repeat(14)}`;
    const count = Math.ceil((WINDOW * 2.5) / unit.length);
    expect(count).toBeLessThan(MAX_CANDIDATES_PER_BLOCK);
    const s = await scan(`<pre>${unit.repeat(count)}</pre>`);
    expect(s.marks()).toHaveLength(count);
    expect(new Set(texts(s))).toEqual(new Set(['Sergey Lavrov']));
  });

  it('bounds dense text: no marks in runs without spaces, a cap per block and per page', async () => {
    const csv = Array.from({ length: 5_000 }, () => 'Lavrov,Kremlin').join(',');
    const spaced = Array.from({ length: 5_000 }, () => 'Lavrov, Kremlin').join(', ');
    const s = await scan(`<p>${csv}</p><p>${spaced}</p><p>Kremlin</p>`);
    expect(s.marks()).toHaveLength(MAX_CANDIDATES_PER_BLOCK + 1);
    const blocks = Array.from({ length: MAX_MARKS_PER_PAGE / 100 + 5 }, () => `<p>${'Lavrov and '.repeat(100)}</p>`);
    s.dispose();
    const t = await scan(blocks.join(''));
    expect(t.marks()).toHaveLength(MAX_MARKS_PER_PAGE);
  });

  it('re-scans a changed paragraph and drops marks of removed nodes', async () => {
    const s = await scan('<p id="a">Lavrov</p><p id="b">Kremlin</p>');
    document.querySelector('#a')!.textContent = 'nobody';
    document.querySelector('#b')!.append(' and Lavrov');
    await settle(s);
    expect(texts(s).sort()).toEqual(['Kremlin', 'Lavrov']);
  });

  it('scans added blocks', async () => {
    const s = await scan('<p>Kremlin</p>');
    const p = document.createElement('p');
    p.textContent = 'Sergey Lavrov';
    document.body.append(p);
    await settle(s);
    expect(texts(s)).toEqual(['Kremlin', 'Sergey Lavrov']);
  });

  it('ignores our own UI', async () => {
    const s = await scan('<p>Kremlin</p>');
    const ui = document.createElement('div');
    ui.setAttribute('data-dossier-ui', '');
    ui.textContent = 'Lavrov';
    document.body.append(ui);
    await settle(s);
    expect(texts(s)).toEqual(['Kremlin']);
  });

  it('scans open shadow roots', async () => {
    document.body.innerHTML = '<div id="h"></div>';
    document.querySelector('#h')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Lavrov</p>';
    scanner = new PageScanner(document, matcher, { scheduler, visibleTextOnly: false });
    scanner.start();
    await scanner.whenIdle();
    expect(texts(scanner)).toEqual(['Lavrov']);
  });

  it('removes every mark on dispose', async () => {
    const s = await scan('<p>Kremlin</p>');
    s.dispose();
    expect(s.marks()).toEqual([]);
  });
  it('on a route change, marks a view shown by an attribute and drops one hidden again', async () => {
    const s = await scan('<main><p>Home: Kremlin</p></main><section hidden><p>Kept tab: Lavrov</p></section>');
    expect(texts(s)).toEqual(['Kremlin']);
    history.pushState({}, '', '/kept-tab');
    document.querySelector('section')!.hidden = false;
    document.querySelector('main')!.innerHTML = ''; // the DOM change that reveals the new URL
    await settle(s);
    expect(texts(s)).toEqual(['Lavrov']);
    history.pushState({}, '', '/home');
    document.querySelector('section')!.hidden = true;
    document.querySelector('main')!.innerHTML = '<p>Home: Kremlin</p>';
    await settle(s);
    expect(texts(s).sort()).toEqual(['Kremlin']);
  });

  it('keeps no marks of a view removed in the middle of the walk', async () => {
    document.body.innerHTML = `<div id="view">${'<p>Lavrov</p>'.repeat(300)}</div>`;
    scanner = new PageScanner(document, matcher, { scheduler, visibleTextOnly: false });
    scanner.start();
    await new Promise((r) => setTimeout(r, 0)); // one slice in
    document.getElementById('view')!.remove();
    await settle(scanner);
    expect(scanner.marks().every((m) => m.startNode.isConnected)).toBe(true);
  });

  it('marks text an attribute change shows, keeping the marks it had', async () => {
    const s = await scan(
      '<style>.collapsed { display: none }</style><p>Kremlin</p><div id="c" class="collapsed"><p>Sergey Lavrov</p></div>',
    );
    expect(texts(s)).toEqual(['Kremlin']);
    const kept = s.marks()[0];
    document.getElementById('c')!.className = 'expanded';
    await settle(s);
    expect(texts(s)).toEqual(['Kremlin', 'Sergey Lavrov']);
    expect(s.marks()[0]).toBe(kept);
  });
});
