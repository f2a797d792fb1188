import { launchWithExtension } from './tests/support/browser';
const s = await launchWithExtension({ userDataDir: '/tmp/uil/profile10k' });
const p = s.context.pages()[0] ?? (await s.context.newPage());
const base = `chrome-extension://${s.extensionId}/options.html`;
await p.goto(`${base}#corpus`);
await p.getByTestId('documents-range').filter({ hasText: /^Showing/ }).waitFor({ timeout: 120000 });
await p.waitForTimeout(1500);
await p.goto('about:blank');
const cdp = await p.context().newCDPSession(p);
const events: any[] = [];
(cdp as any).on('Tracing.dataCollected', (e: any) => events.push(...e.value));
await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', '__metadata', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink'], excludedCategories: ['*'] } });
const t0 = Date.now();
await p.goto(`${base}#corpus`);
await p.getByTestId('documents-range').filter({ hasText: /^Showing/ }).waitFor({ timeout: 120000 });
console.log('open ms', Date.now() - t0);
const box = p.getByRole('searchbox', { name: 'Filter documents' });
await box.pressSequentially('white house', { delay: 60 });
await p.waitForTimeout(1000);
const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
await cdp.send('Tracing.end'); await done;
const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationBodyLoader::StartLoadingBody')?.ts ?? events[0].ts;
const tasks = events.filter((e) => e.ph === 'X' && /RunTask$/.test(e.name) && main.has(`${e.pid}:${e.tid}`) && e.dur > 40000);
for (const t of tasks) {
  const inside = events.filter((e) => e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts < t.ts + t.dur && e !== t && e.ph === 'X' && e.dur > 3000)
    .sort((a, b) => a.ts - b.ts).map((e) => `${' '.repeat(Math.max(0,(e.ts - t.ts) / 1000 | 0) > 999 ? 0 : 0)}${e.name}${e.args?.data?.url ? ' ' + String(e.args.data.url).split('/').pop() : ''}${e.args?.data?.functionName ? ' ' + e.args.data.functionName : ''}${e.args?.data?.type ? ' ' + e.args.data.type : ''} @${((e.ts - t.ts) / 1000).toFixed(0)} ${(e.dur / 1000).toFixed(0)}ms`);
  console.log(`TASK @${((t.ts - nav) / 1000).toFixed(0)}ms wall ${(t.dur / 1000).toFixed(0)} cpu ${((t.tdur ?? 0) / 1000).toFixed(0)}\n   ` + inside.slice(0, 14).join('\n   '));
}
await s.close();
