/**
 * Precision of the marks on real saved pages (../shared/pages), against marks
 * labelled by hand (tests/fixtures/mark-labels.json). Each page's text is taken
 * block by block (the elements the content script skips are skipped; hidden
 * elements cannot be told in Node, so menus and footers count too), the names
 * of a corpus go through the same producer (`CorpusQuery.names`) and matcher
 * (`compileMatcher`) as in the extension, and every mark is looked up in the
 * labels by its key: `entity name | word before [marked text] word after`, else
 * by `entity name | *` (an entity whose every mark on these pages was judged the same).
 *
 * Run: `npx tsx tests/quality/mark-precision.ts [--corpus bundled|wikinews] [--unlabelled]`
 * (`--unlabelled` lists the keys that have no label yet, as JSON).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { buildPack } from '../../lib/pack/build';
import { defaultLexicon } from '../../lib/corpus/lexicon';
import type { SourceDocument } from '../../lib/corpus/types';
import { buildBundledPack } from '../../lib/node/bundled-corpus';
import { compileMatcher } from '../../lib/page/matcher';
import { BLOCKS, isSkippedName } from '../../lib/page/elements';
import { CorpusQuery } from '../../lib/query/corpus-query';
import labelsFile from '../fixtures/mark-labels.json';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED = path.resolve(ROOT, '../shared');
/** What the page engine never scans (lib/page/elements.ts), plus the document's head. */
const skipped = (name: string): boolean => isSkippedName(name) || name === 'head' || name === 'title';

/** The page's text, one block a string (names never cross a block). */
function blocksOf(html: string): string[] {
  const { document } = parseHTML(html);
  const out: string[] = [];
  let cur = '';
  const flush = (): void => {
    out.push(cur);
    cur = '';
  };
  const walk = (n: Node): void => {
    if (n.nodeType === 3) {
      cur += n.nodeValue ?? '';
      return;
    }
    if (n.nodeType !== 1) return;
    const name = (n as Element).localName;
    if (skipped(name)) return;
    const block = BLOCKS.has(name);
    if (block && cur.trim()) flush();
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    if (block && cur.trim()) flush();
  };
  walk(document.documentElement);
  if (cur.trim()) out.push(cur);
  return out.map((b) => b.replace(/\s+/g, ' '));
}

/** The label key of a mark: entity name, the word before, the marked text, the word after. */
export function markKey(entityName: string, text: string, start: number, end: number): string {
  const before = /(\S+)\s*$/.exec(text.slice(Math.max(0, start - 40), start))?.[1] ?? '';
  const after = /^\s*(\S+)/.exec(text.slice(end, end + 40))?.[1] ?? '';
  return `${entityName} | ${before}[${text.slice(start, end)}]${after}`;
}

async function corpus(kind: string): Promise<CorpusQuery> {
  if (kind === 'bundled') return CorpusQuery.fromPack(await buildBundledPack(ROOT));
  const docs = readFileSync(path.join(SHARED, 'data/wikinews-2019-2020.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SourceDocument);
  return CorpusQuery.fromPack(buildPack(docs, { lexicon: defaultLexicon, generator: 'mark-precision' }));
}

async function main(): Promise<void> {
  const kind = process.argv.includes('--corpus') ? process.argv[process.argv.indexOf('--corpus') + 1]! : 'bundled';
  const listUnlabelled = process.argv.includes('--unlabelled');
  const pagesDir = path.join(SHARED, 'pages');
  if (!existsSync(pagesDir)) {
    console.log(`${pagesDir} is absent; nothing to measure`);
    return;
  }
  const labels = labelsFile.labels as Record<string, boolean>;
  const q = await corpus(kind);
  const table = q.names();
  const nameOf = new Map(q.model.entities.map((e) => [e.id, e.name]));
  const matcher = compileMatcher(table.names);
  let right = 0;
  let wrong = 0;
  let unlabelled = 0;
  const missing = new Map<string, number>();
  const wrongKeys = new Map<string, number>();
  const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html') && !f.startsWith('markjs'));
  for (const page of pages.sort()) {
    for (const block of blocksOf(readFileSync(path.join(pagesDir, page), 'utf8'))) {
      for (const m of matcher.findAll(block)) {
        const entity = nameOf.get(m.entityId) ?? m.entityId;
        const key = markKey(entity, block, m.start, m.end);
        const ok = labels[key] ?? labels[`${entity} | *`];
        if (ok === true) right++;
        else if (ok === false) {
          wrong++;
          wrongKeys.set(key, (wrongKeys.get(key) ?? 0) + 1);
        } else {
          unlabelled++;
          missing.set(key, (missing.get(key) ?? 0) + 1);
        }
      }
    }
  }
  if (listUnlabelled) {
    console.log(JSON.stringify(Object.fromEntries([...missing].sort((a, b) => b[1] - a[1])), null, 1));
    return;
  }
  const labelled = right + wrong;
  console.log(
    `corpus ${kind}: ${table.names.length} names; pages ${pages.length}; marks ${labelled + unlabelled}, ` +
      `labelled ${labelled}: right ${right}, wrong ${wrong}, precision ${(right / Math.max(1, labelled)).toFixed(3)}; ` +
      `unlabelled ${unlabelled} (${missing.size} keys)`,
  );
  const top = [...wrongKeys].sort((a, b) => b[1] - a[1]).slice(0, 15);
  if (top.length) console.log('most frequent wrong marks:\n' + top.map(([k, n]) => `  ${n}× ${k}`).join('\n'));
}

await main();
