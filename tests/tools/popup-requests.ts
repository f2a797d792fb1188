/**
 * The background's `search` request as the popup sends it, on a 10,000-briefing profile in headless
 * Chromium: every keystroke of tests/tools/popup-queries.ts's queries asked straight from the popup page
 * (no UI), one at a time, with each of `--limits` (default 1, 12 and 60 hits: the popup asks 12, then 60
 * once the typing pauses). The differences are what building the result rows costs in the worker (reading
 * the documents' texts from IndexedDB, snippets, the reply's size); limit 1 is mostly finding and ranking.
 * A build that keeps a query's ranking (lib/query/search.ts) answers the second and third limit of a
 * keystroke from it: compare the first limit asked, or run with one limit.
 *
 *   npm run build && DOSSIER_EXTENSION_DIR=<build> npx tsx tests/tools/popup-requests.ts --profile DIR [--rounds 2] [--limits 1,12,60]
 *
 * The profile must hold a corpus (make one with tests/tools/options-scale.ts). Prints medians and p95 by
 * query class and the load average; never asserts a timing.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CHROME_BUILD_DIR, launchWithExtension } from '../support/browser';
import { checkProfileWorker } from '../support/profile-worker';
import { summarize } from '../bench/lib/measure';
import { TYPED } from './popup-query-set';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const profile = path.resolve(option('profile', '/tmp/dossier-options-10k-profile'));
const rounds = Number(option('rounds', '2'));
/** The limits asked, in turn (the popup asks 12, then 60 once the typing pauses). */
const limits = option('limits', '1,12,60').split(',').map(Number);

async function ask(page: Page, query: string, limit: number): Promise<{ ms: number; bytes: number }> {
  return page.evaluate(
    async ([q, l]) => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> } };
      };
      const started = performance.now();
      const reply = await chrome.runtime.sendMessage({ dossier: 1, name: 'search', payload: { query: q, limit: l } });
      const ms = performance.now() - started;
      if (!reply.ok) throw new Error(`search "${q}": ${JSON.stringify(reply.error)}`);
      return { ms, bytes: JSON.stringify(reply.value).length };
    },
    [query, limit] as const,
  );
}

function classOf(q: string): string {
  if (/\s/.test(q.trim())) return 'several words';
  return q.length <= 2 ? '1–2 letters' : q.length <= 4 ? '3–4 letters' : '5+ letters';
}

async function main(): Promise<void> {
  const worker = checkProfileWorker(profile, path.resolve(process.env.DOSSIER_EXTENSION_DIR ?? CHROME_BUILD_DIR));
  if (!worker.ok) throw new Error(`popup-requests: ${worker.why}`);
  const session = await launchWithExtension({ userDataDir: profile, allowedOrigins: [] });
  try {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const warm = await ask(page, 'warm up', 60);
    console.error(`popup-requests: first search (worker loading the corpus) ${warm.ms.toFixed(0)} ms`);
    const keystrokes: string[] = [];
    for (const q of TYPED) for (let i = 1; i <= q.length; i++) if (q[i - 1] !== ' ') keystrokes.push(q.slice(0, i));
    const samples = new Map<string, number[]>();
    const push = (k: string, v: number) => (samples.get(k) ?? samples.set(k, []).get(k)!).push(v);
    const load = loadavg();
    for (let round = 0; round < rounds; round++) {
      for (const q of keystrokes) {
        // Rotate which limit goes first, so none always finds the others' texts cached.
        const shift = (round + q.length) % limits.length;
        const order = [...limits.slice(shift), ...limits.slice(0, shift)];
        for (const limit of order) {
          const r = await ask(page, q, limit);
          push(`limit ${limit}: ${classOf(q)}`, r.ms);
          push(`limit ${limit}: all`, r.ms);
          push(`reply bytes (limit ${limit})`, r.bytes);
        }
      }
    }
    console.log(
      `popup-requests: ${keystrokes.length} keystrokes × ${rounds} rounds; load average ${load.map((l) => l.toFixed(2)).join(' ')} → ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log('step | n | median | p95 | max');
    for (const [k, v] of [...samples].sort()) {
      const s = summarize(v);
      console.log(`${k} | ${v.length} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)}`);
    }
  } finally {
    await session.context.close();
  }
}

await main();
