/**
 * A corpus that grows (issue #14), in Chromium with real IndexedDB, as a user does it, for two
 * builds side by side in the same run: "before" (main at 725268a: every change rebuilds the whole
 * corpus; built once in a git worktree under .cache/grow/, or `DOSSIER_BEFORE_EXTENSION_DIR`) and
 * "after" (this tree's `.output/chrome-mv3`). For each corpus size (default 1,000 then 10,000
 * White House briefings; `DOSSIER_GROW_SIZES=1000` for a shorter run), each build in a fresh profile:
 *
 * - import the corpus through the options page's file input (one file if the build accepts it,
 *   `.jsonl.gz` when the input takes it; else files of 2,500, as a user must split them today);
 * - options page: navigation → documents table rendered, → interactive; filter typed → rows updated;
 * - popup (popup.html in a tab): typed → results list, over a query mix; the `search` message alone;
 * - first search after `ServiceWorker.stopAllWorkers`, ≥ 10 restarts; the worker's JS heap after load;
 * - add 1 and 10 articles, pasted in the import section and as a file: from the user's action until
 *   the search finds each article's unique word; the IndexedDB records the add created or rewrote.
 *
 * `--quick`: 300 documents, 3 restarts; `--skip-before` (or `DOSSIER_GROW_SKIP_BEFORE=1`): this build only.
 */
import path from 'node:path';
import { defineBench } from './lib/contract';
import type { Row } from './lib/table';
import { afterBuild, beforeBuild, staleWarning, type Build } from './grow/builds';
import { readBriefings, uniqueWords, type Briefing } from './grow/data';
import { measureBuild, stats, type BuildFigures, type Figure, type GrowPlan } from './grow/run-build';

/** Issue #14's targets at 10,000 briefings, in ms (MB for none). */
const TARGETS = {
  add1: 2000,
  import10k: 120_000,
  restartP95: 1000,
  popupP95: 100,
  optionsOpen: 1000,
  filter: 100,
};

/** The articles each add brings, taken after the corpus: paste 1, file 1, paste 10, file 10. */
const ADDS = [
  { name: 'paste 1', via: 'paste', count: 1 },
  { name: 'file 1', via: 'file', count: 1 },
  { name: 'paste 10', via: 'paste', count: 10 },
  { name: 'file 10', via: 'file', count: 10 },
] as const;
const ADDED = ADDS.reduce((n, a) => n + a.count, 0);

/** Generic words of White House briefings; the same mix for every build and size. */
const POPUP_QUERIES = ['president', 'border security', 'tariffs', 'energy', 'inflation', 'china', 'ukraine', 'Rubio'];

/** Filter strings from the corpus's titles: a very common word, one in ~1% of titles, one in 2–5 titles. */
function filterQueries(corpus: readonly Briefing[]): string[] {
  const counts = new Map<string, number>();
  for (const d of corpus)
    for (const w of new Set(d.title.toLowerCase().match(/[a-z]{5,}/g) ?? [])) counts.set(w, (counts.get(w) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const near = (target: number) =>
    byCount.reduce((best, e) => (Math.abs(e[1] - target) < Math.abs(best[1] - target) ? e : best))[0];
  return [...new Set([byCount[0]![0], near(Math.max(3, corpus.length / 100)), near(3)])];
}

const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export default defineBench({
  name: 'grow',
  description:
    'a growing corpus in Chromium with IndexedDB, before (full rebuild, main 725268a) vs after: import 1k/10k, add 1/10 articles → searchable, restart, popup, options page, bytes, heap',
  needsShared: true,
  async run(ctx) {
    const after = afterBuild(ctx.root);
    if ('missing' in after) return { skipped: after.missing };
    const skipBefore = ctx.skipBefore || process.env.DOSSIER_GROW_SKIP_BEFORE === '1';
    const builds: Build[] = skipBefore ? [] : [beforeBuild(ctx.root, (line) => ctx.log(line))];
    builds.push(after);
    const sizes = (process.env.DOSSIER_GROW_SIZES ?? (ctx.quick ? '300' : '1000,10000'))
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n > 0);
    if (!sizes.length) throw new Error(`DOSSIER_GROW_SIZES=${process.env.DOSSIER_GROW_SIZES}: no sizes`);
    const restarts = Number(process.env.DOSSIER_GROW_RESTARTS) || (ctx.quick ? 3 : 10);
    const all = await readBriefings(ctx.sharedDir!, Math.max(...sizes) + 3 * ADDED);

    const rows: Row[] = [];
    const notes: string[] = builds.map((b) => `${b.label}: ${b.origin} (${path.relative(ctx.root, b.dir) || b.dir})`);
    const stale = staleWarning(ctx.root, after);
    if (stale) notes.push(stale);
    const metrics: Record<string, number> = {};
    for (const size of sizes) {
      const corpus = all.slice(0, size);
      const additions = uniqueWords(corpus, all.slice(size, size + 3 * ADDED), ADDED);
      let at = 0;
      const plan: GrowPlan = {
        root: ctx.root,
        corpus,
        additions: ADDS.map((a) => ({ name: a.name, via: a.via, items: additions.slice(at, (at += a.count)) })),
        restarts,
        popupQueries: ctx.quick ? POPUP_QUERIES.slice(0, 4) : POPUP_QUERIES,
        filterQueries: filterQueries(corpus),
        optionsRuns: ctx.quick ? 1 : 3,
        log: (line) => ctx.log(line),
      };
      const figures: Partial<Record<Build['label'], BuildFigures>> = {};
      for (const build of builds) {
        ctx.log(`grow: ${build.label} build, ${size} briefings`);
        figures[build.label] = await measureBuild(build, plan);
      }
      const { before, after: now } = figures;
      const add = (step: string, pick: (f: BuildFigures) => Figure | null | undefined, unit: 'ms' | 's' = 'ms') => {
        const b = before ? pick(before) : null;
        const a = now ? pick(now) : null;
        const sb = b ? stats(b) : null;
        const sa = a ? stats(a) : null;
        const scale = unit === 's' ? 1000 : 1;
        rows.push({
          size,
          step,
          unit,
          'before median': sb ? sb.median / scale : '—',
          'before p95': sb ? sb.p95 / scale : '—',
          'after median': sa ? sa.median / scale : '—',
          'after p95': sa ? sa.p95 / scale : '—',
          'after/before': sa && sb ? sa.median / sb.median : '—',
          n: a?.samples.length ?? b?.samples.length ?? 0,
          'load b / a': `${b ? b.load.toFixed(1) : '—'} / ${a ? a.load.toFixed(1) : '—'}`,
        });
        for (const [label, f] of [
          ['before', b],
          ['after', a],
        ] as const) {
          if (!f) continue;
          const s = stats(f);
          const key = `grow.${size}.${label}.${step.replace(/[^a-z0-9]+/gi, '_')}`;
          metrics[`${key}.median${unit === 's' ? 'S' : 'Ms'}`] = s.median / scale;
          metrics[`${key}.p95${unit === 's' ? 'S' : 'Ms'}`] = s.p95 / scale;
          metrics[`${key}.load`] = f.load;
        }
      };
      add(`import ${size} (options page file input)`, (f) => f.import, 's');
      for (const a of ADDS) add(`add ${a.name} → searchable`, (f) => f.adds[a.name], 's');
      add('first search after worker stop', (f) => f.restartSearch);
      add('popup typed → results', (f) => f.popupTyped);
      add('search message (running worker)', (f) => f.searchMessage);
      add('options open → table rendered', (f) => f.optionsOpen);
      add('options open → interactive', (f) => f.optionsInteractive);
      add('options filter typed → rows', (f) => f.optionsFilter);
      const bytes = (f: BuildFigures, name: string) => {
        const x = f.adds[name]!;
        return { samples: [x.bytesPerArticle / 1024], load: x.load };
      };
      for (const a of ADDS) {
        const b = before ? bytes(before, a.name) : null;
        const n = now ? bytes(now, a.name) : null;
        rows.push({
          size,
          step: `IndexedDB written per article, add ${a.name}`,
          unit: 'KB',
          'before median': b ? b.samples[0]! : '—',
          'before p95': '',
          'after median': n ? n.samples[0]! : '—',
          'after p95': '',
          'after/before': b && n ? n.samples[0]! / b.samples[0]! : '—',
          n: 1,
          'load b / a': `${b ? b.load.toFixed(1) : '—'} / ${n ? n.load.toFixed(1) : '—'}`,
        });
        for (const [label, f] of [
          ['before', before],
          ['after', now],
        ] as const) {
          if (!f) continue;
          const x = f.adds[a.name]!;
          const key = `grow.${size}.${label}.add_${a.name.replace(/\s+/g, '')}`;
          metrics[`${key}.bytesPerArticle`] = x.bytesPerArticle;
          metrics[`${key}.records`] = x.records;
          if (x.usageDelta !== null) metrics[`${key}.usageDeltaBytes`] = x.usageDelta;
        }
      }
      const hb = before?.heapMB;
      const ha = now?.heapMB;
      rows.push({
        size,
        step: 'worker JS heap after load (after GC)',
        unit: 'MB',
        'before median': hb ? hb.used : '—',
        'before p95': '',
        'after median': ha ? ha.used : '—',
        'after p95': '',
        'after/before': hb && ha ? ha.used / hb.used : '—',
        n: 1,
        'load b / a': `${hb ? hb.load.toFixed(1) : '—'} / ${ha ? ha.load.toFixed(1) : '—'}`,
      });
      for (const [label, f] of [
        ['before', before],
        ['after', now],
      ] as const) {
        if (!f) continue;
        metrics[`grow.${size}.${label}.workerHeapMB`] = f.heapMB.used;
        metrics[`grow.${size}.${label}.documents`] = f.documents;
        notes.push(
          `${size}, ${label}: the corpus has ${f.documents} documents; imported as ${f.import.how} in ${fmtS(f.import.samples[0]!)}: "${f.import.result.replace(/\s+/g, ' ')}". ` +
            `Adds ("Imported" shown → searchable): ${ADDS.map((a) => `${a.name} ${fmtS(f.adds[a.name]!.importedMs)} → ${fmtS(f.adds[a.name]!.samples[0]!)}`).join(', ')}. ` +
            `Records written: ${ADDS.map((a) => `${a.name} ${f.adds[a.name]!.records}`).join(', ')}; storage usage Δ: ${ADDS.map(
              (a) => {
                const d = f.adds[a.name]!.usageDelta;
                return d === null ? '?' : `${(d / 1024).toFixed(0)} KB`;
              },
            ).join(', ')}.` +
            (f.optionsFilter
              ? f.optionsFilter.note
                ? ` Filter: ${f.optionsFilter.note}.`
                : ''
              : ' Filter: not measured (no "Filter documents" box, or no row update seen).'),
        );
      }
      if (size >= 10_000 && now) {
        const s = (f: Figure | null) => (f ? stats(f) : null);
        const check = (what: string, value: number | undefined, target: number) =>
          value === undefined
            ? `${what}: not measured`
            : `${what} ${value.toFixed(0)} ms (target ≤ ${target}): ${value <= target ? 'met' : 'NOT met'}`;
        notes.push(
          `Targets at ${size}: ` +
            [
              check('add 1 (paste) → searchable', s(now.adds['paste 1']!)?.median, TARGETS.add1),
              check('import', s(now.import)?.median, TARGETS.import10k),
              check('first search after restart p95', s(now.restartSearch)?.p95, TARGETS.restartP95),
              check('popup typed → results p95', s(now.popupTyped)?.p95, TARGETS.popupP95),
              check('options open → interactive', s(now.optionsInteractive)?.median, TARGETS.optionsOpen),
              check('options filter', s(now.optionsFilter)?.median, TARGETS.filter),
            ].join('; '),
        );
      }
    }
    notes.push(
      'Times are wall clock from the user\'s action (pick/paste) in Playwright, so they include Playwright\'s own round trips (a few ms) and, for "typed → results", the popup\'s debounce when it has one (80 ms on main; none since ui-latency), polled every 10 ms in the page; "searchable" polls the search every 100 ms.',
      "IndexedDB written: every record of the origin's databases is listed from an extension page before and after the add; records new or changed (size or sampled-content hash) are summed at their estimated structured-clone size (strings 1 or 2 bytes a char, binary arrays their bytes, numbers 9). Storage usage Δ is navigator.storage's coarse figure (LevelDB files).",
      'Worker heap: CDP Runtime.getHeapUsage on the service worker target after HeapProfiler.collectGarbage, once the corpus answered a search after a restart.',
    );
    return { rows, notes, metrics };
  },
});
