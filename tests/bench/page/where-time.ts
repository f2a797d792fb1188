/**
 * Where the extension's time goes on real pages: loads each page in Chromium with the built extension
 * (as `profiledLoad` does: V8 sampling profiler over every frame of the renderer, all outside requests
 * aborted) and prints, summed over the loads, our samples' self time by function, and by the
 * outermost function of ours on the stack (which task started the work), and inclusive time by function.
 *
 *   npx tsx tests/bench/page/where-time.ts [--loads 3] [--top 25] wikipedia-2 cnn /hard/text-frames.html …
 *
 * A bare name is a page of `../shared/pages`; a path starting with `/` one of tests/fixtures.
 *
 * Env DOSSIER_EXTENSION_DIR picks the build (default `.output/chrome-mv3`). Sampled wall time: on a
 * loaded machine it includes waiting for a core; compare shares, not absolutes.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession } from 'playwright-core';
import { launchWithExtension } from '../../support/browser';
import { startStaticServer } from '../../support/static-server';
import { takeNumberOption } from '../lib/args';
import { AFTER_LOAD_MS, SAMPLE_US, type Profile, type ProfileNode } from './extension-runs';

/** Self ms by function key, by the outermost function of ours, and inclusive ms by function key, for one profile. */
export function attribute(profile: Profile): {
  self: Map<string, number>;
  entry: Map<string, number>;
  inclusive: Map<string, number>;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => {
    const file = n.callFrame.url.split('/').pop() ?? '';
    return `${n.callFrame.functionName || '(anonymous)'} ${file}:${(n.callFrame.lineNumber ?? 0) + 1}`;
  };
  const self = new Map<string, number>();
  const entry = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const dur = (i + 1 < deltas.length ? Math.max(0, deltas[i + 1]!) : 0) / 1000;
    let outer: ProfileNode | null = null;
    let leafOurs = false;
    const onStack = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id)!;
      if (n.callFrame.url.startsWith('chrome-extension://')) {
        outer = n;
        onStack.add(key(n));
        if (id === samples[i]) leafOurs = true;
      }
    }
    if (!outer) continue;
    for (const k of onStack) inclusive.set(k, (inclusive.get(k) ?? 0) + dur);
    const leaf = byId.get(samples[i]!)!;
    const k = leafOurs ? key(leaf) : `[native] ${leaf.callFrame.functionName || '(anonymous)'}`;
    self.set(k, (self.get(k) ?? 0) + dur);
    entry.set(key(outer), (entry.get(key(outer)) ?? 0) + dur);
  }
  return { self, entry, inclusive };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const loads = takeNumberOption(args, '--loads', 3);
  const top = takeNumberOption(args, '--top', 25);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const server = await startStaticServer();
  const session = await launchWithExtension({
    extensionPath: process.env.DOSSIER_EXTENSION_DIR ?? path.join(root, '.output', 'chrome-mv3'),
    allowedOrigins: [server.origin],
  });
  try {
    for (const name of args) {
      const url = name.startsWith('/') ? server.url(name) : server.url(`/shared/${name}.html`);
      const self = new Map<string, number>();
      const entry = new Map<string, number>();
      const inclusive = new Map<string, number>();
      for (let i = 0; i <= loads; i++) {
        const page = await session.context.newPage();
        const cdp: CDPSession = await session.context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
        await cdp.send('Profiler.start');
        await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
        await page.waitForTimeout(AFTER_LOAD_MS);
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
        await page.close();
        if (i === 0) continue; // warm-up load
        const a = attribute(profile);
        for (const [k, v] of a.self) self.set(k, (self.get(k) ?? 0) + v / loads);
        for (const [k, v] of a.entry) entry.set(k, (entry.get(k) ?? 0) + v / loads);
        for (const [k, v] of a.inclusive) inclusive.set(k, (inclusive.get(k) ?? 0) + v / loads);
      }
      const total = [...self.values()].reduce((x, y) => x + y, 0);
      console.log(
        `\n## ${name}: ${total.toFixed(1)} ms of ours per load (mean of ${loads}), load ${os.loadavg()[0]!.toFixed(1)}`,
      );
      console.log('self time:');
      for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
        console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
      console.log('by outermost function of ours:');
      for (const [k, v] of [...entry].sort((a, b) => b[1] - a[1]).slice(0, 12))
        console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
      console.log('inclusive (the function and all it called):');
      for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
        console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
    }
  } finally {
    await session.close();
    await server.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
