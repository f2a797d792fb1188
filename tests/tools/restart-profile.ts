/**
 * Where the first search after a service-worker restart spends its time, in
 * Chromium, on a profile that already holds a corpus (e.g. a copy of the grow
 * bench's profile after its 10,000 import). For each run: CDP
 * `ServiceWorker.stopAllWorkers`, then a `search` from an extension page; the
 * worker's target is attached as soon as it appears and V8's sampling profiler
 * runs until the answer. Prints the answer time per run, then the self time
 * summed by function over all runs (top 30) and by script.
 *
 *   npx tsx tests/tools/restart-profile.ts --profile DIR [--extension DIR] [--runs 5] [--query "president"] [--out f.cpuprofile]
 *   npx tsx tests/tools/restart-profile.ts --profile DIR --reload [--runs 5]   # `corpus.reload` then a search, worker running
 *   npx tsx tests/tools/restart-profile.ts --profile DIR --cpu [--runs 5]   # no profiler: the worker's CPU ms per restart
 *
 * With --cpu, each run is traced instead (Chromium trace, `toplevel`): the service worker thread's task CPU
 * time (`tdur`) summed from the stop to the answer. On a shared machine the wall time of a restart mostly
 * counts the time the worker waited for a core; its CPU time does not, so builds compare at any load.
 *
 * The profile directory is copied to a temp directory first (left as it was). The extension must be the
 * same unpacked directory the profile was made with (its id follows from the path), holding the same build:
 * Chromium keeps the worker script a profile first registered, so the tool refuses a profile whose cached
 * worker script is not the extension's (tests/support/profile-worker.ts).
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { searchFrom } from '../bench/grow/in-page';
import type { Profile } from '../bench/page/extension-runs';
import { CHROME_BUILD_DIR, launchWithExtension } from '../support/browser';
import { checkProfileWorker } from '../support/profile-worker';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const { values } = parseArgs({
  options: {
    profile: { type: 'string' },
    extension: { type: 'string' },
    runs: { type: 'string', default: '5' },
    query: { type: 'string', default: 'president' },
    out: { type: 'string' },
    reload: { type: 'boolean', default: false },
    cpu: { type: 'boolean', default: false },
  },
});
if (!values.profile) throw new Error('restart-profile: --profile DIR is required');

// Chromium keeps the worker script a profile first registered: another build's profile would measure that build.
const worker = checkProfileWorker(
  values.profile,
  path.resolve(values.extension ?? process.env.DOSSIER_EXTENSION_DIR ?? CHROME_BUILD_DIR),
);
if (!worker.ok) throw new Error(`restart-profile: ${worker.why}`);

const copy = await mkdtemp(path.join(tmpdir(), 'dossier-restart-'));
// The lock files of the browser the profile was copied from would stop this one.
await cp(values.profile, copy, { recursive: true, filter: (src) => !path.basename(src).startsWith('Singleton') });
console.log('profile copied; launching');
const session = await launchWithExtension({
  userDataDir: copy,
  ...(values.extension ? { extensionPath: values.extension } : {}),
  workerTimeoutMs: 60_000,
});
try {
  console.log(`launched, extension ${session.extensionId}`);
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
  console.log('popup open');
  // Load once (a profile copied from a running browser may first recover its database).
  const warm = await searchFrom(page, values.query);
  console.log(`warm-up search: ${warm.ms.toFixed(0)} ms, ${warm.hits} hits`);
  if (values.reload) {
    // What the background does after every import: reload the active corpus, then answer a search.
    const times: number[] = [];
    for (let run = 0; run < Number(values.runs); run++) {
      const ms = await page.evaluate(`(async () => {
  const t0 = performance.now();
  const reply = await chrome.runtime.sendMessage({ dossier: 1, name: 'corpus.reload', payload: {} });
  if (!reply || !reply.ok) throw new Error('corpus.reload: ' + JSON.stringify(reply));
  return performance.now() - t0;
})()`);
      const search = await searchFrom(page, values.query);
      times.push((ms as number) + search.ms);
      console.log(
        `run ${run + 1}: corpus.reload ${(ms as number).toFixed(0)} ms, then search ${search.ms.toFixed(0)} ms, load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `reload + search: median ${sorted[Math.floor(times.length / 2)]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
    );
  } else if (values.cpu) {
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const events: TraceEvent[] = [];
    // Playwright's CDPSession types list only its own events; the protocol's are there at run time.
    (cdp as unknown as { on(event: string, f: (e: { value: TraceEvent[] }) => void): void }).on(
      'Tracing.dataCollected',
      (e) => void events.push(...e.value),
    );
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let run = 0; run < Number(values.runs); run++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.waitForTimeout(300);
      events.length = 0;
      await cdp.send('Tracing.start', {
        transferMode: 'ReportEvents',
        traceConfig: { includedCategories: ['toplevel', '__metadata'], excludedCategories: ['*'] },
      });
      const { ms } = await searchFrom(page, values.query);
      const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.end');
      await done;
      const workers = new Set(
        events
          .filter((e) => e.ph === 'M' && e.name === 'thread_name' && /service ?worker/i.test(e.args?.name ?? ''))
          .map((e) => `${e.pid}:${e.tid}`),
      );
      if (workers.size === 0) {
        const names = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args?.name));
        throw new Error(`restart-profile: no service worker thread in the trace (threads: ${[...names].join(', ')})`);
      }
      const cpu =
        events
          .filter((e) => e.ph === 'X' && /RunTask$/.test(e.name) && workers.has(`${e.pid}:${e.tid}`))
          .reduce((sum, e) => sum + (e.tdur ?? e.dur ?? 0), 0) / 1000;
      walls.push(ms);
      cpus.push(cpu);
      console.log(
        `run ${run + 1}: first search after stop ${ms.toFixed(0)} ms wall, worker CPU ${cpu.toFixed(0)} ms, load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `median ${median(walls).toFixed(0)} ms wall, max ${Math.max(...walls).toFixed(0)}; worker CPU median ${median(cpus).toFixed(0)} ms, max ${Math.max(...cpus).toFixed(0)}`,
    );
  } else {
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const selfByFunction = new Map<string, number>();
    const selfByScript = new Map<string, number>();
    const times: number[] = [];
    let lastProfile: Profile | null = null;
    for (let run = 0; run < Number(values.runs); run++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await page.waitForTimeout(300);
      let nextId = 1;
      const pending = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>();
      let sessionId = '';
      const onMessage = (event: { sessionId: string; message: string }) => {
        if (event.sessionId !== sessionId) return;
        const msg = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
        if (msg.id !== undefined) pending.get(msg.id)?.(msg);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      const call = async (method: string, params: object = {}): Promise<unknown> => {
        const id = nextId++;
        const answer = new Promise<{ result?: unknown; error?: unknown }>((resolve) => pending.set(id, resolve));
        await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
        const reply = await answer;
        if (reply.error) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
        return reply.result;
      };
      const probe = searchFrom(page, values.query);
      // The message starts the worker: attach to its target as soon as it is listed.
      let targetId = '';
      for (let i = 0; i < 2000 && !targetId; i++) {
        const { targetInfos } = (await cdp.send('Target.getTargets')) as {
          targetInfos: { targetId: string; type: string; url: string }[];
        };
        const t = targetInfos.find(
          (x) => x.type === 'service_worker' && x.url.startsWith(`chrome-extension://${session.extensionId}/`),
        );
        if (t) targetId = t.targetId;
        else await page.waitForTimeout(5);
      }
      if (!targetId) throw new Error('restart-profile: the service worker did not start');
      const r = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
      sessionId = r.sessionId;
      await call('Profiler.enable');
      await call('Profiler.setSamplingInterval', { interval: 200 });
      await call('Profiler.start');
      const { ms } = await probe;
      const { profile } = (await call('Profiler.stop')) as { profile: Profile };
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      times.push(ms);
      lastProfile = profile;
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const deltas = profile.timeDeltas ?? [];
      (profile.samples ?? []).forEach((nodeId, i) => {
        const node = byId.get(nodeId);
        const dt = (deltas[i + 1] ?? 0) / 1000;
        if (!node) return;
        const f = node.callFrame;
        const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${(f.lineNumber ?? -1) + 1}`;
        selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + dt);
        const script = path.basename(f.url) || f.functionName;
        selfByScript.set(script, (selfByScript.get(script) ?? 0) + dt);
      });
      console.log(
        `run ${run + 1}: first search after stop ${ms.toFixed(0)} ms, profiled ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms, load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    const runs = times.length;
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`median ${sorted[Math.floor(runs / 2)]!.toFixed(0)} ms, max ${sorted[runs - 1]!.toFixed(0)} ms`);
    console.log('\nself time per run (ms), by function:');
    for (const [key, ms] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, 30))
      console.log(`${(ms / runs).toFixed(1).padStart(8)}  ${key}`);
    console.log('\nby script:');
    for (const [key, ms] of [...selfByScript].sort((a, b) => b[1] - a[1]).slice(0, 10))
      console.log(`${(ms / runs).toFixed(1).padStart(8)}  ${key}`);
    if (values.out && lastProfile) await writeFile(values.out, JSON.stringify(lastProfile));
  }
} finally {
  await session.close();
  await rm(copy, { recursive: true, force: true });
}
