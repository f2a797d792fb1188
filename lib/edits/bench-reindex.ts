/**
 * Re-indexing after an edit on a synthetic 10,000-document corpus: full rebuild
 * against the incremental update (reindex.ts). Run: `npx tsx lib/edits/bench-reindex.ts`.
 */
import { performance } from 'node:perf_hooks';
import { PACK_FORMAT, PACK_VERSION, type Pack } from '../pack/types';
import { applyEdits, type CorpusData } from './apply-edits';
import { buildIndex, reindexPack } from './reindex';

const WORDS =
  'talks ceasefire minister aleppo geneva agreement humanitarian aid convoy rebels government forces statement briefing policy economy trade tariff vote senate'.split(
    ' ',
  );

function synthetic(docs: number): CorpusData {
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const data: CorpusData = { documents: [], passages: [], entities: [], mentions: [], quotes: [] };
  for (let e = 0; e < 2000; e++)
    data.entities.push({ id: `e${e}`, name: `Person ${e}`, type: 'person', aliases: [`Person ${e}`] });
  for (let d = 0; d < docs; d++) {
    const paragraphs = Array.from({ length: 8 }, () =>
      Array.from({ length: 60 }, () => WORDS[rnd(WORDS.length)]).join(' '),
    );
    const text = paragraphs.join('\n');
    data.documents.push({ id: `d${d}`, title: `Doc ${d}`, text });
    let start = 0;
    paragraphs.forEach((p, i) => {
      data.passages.push({ id: `d${d}#${i}`, docId: `d${d}`, start, end: start + p.length });
      start += p.length + 1;
    });
    const speaker = `e${rnd(2000)}`;
    data.mentions.push({ entityId: speaker, docId: `d${d}`, start: 0, end: 5 });
    data.quotes.push({
      id: `d${d}:q0`,
      docId: `d${d}`,
      text: paragraphs[0]!.slice(0, 80),
      speakerId: speaker,
      kind: 'direct',
      start: 0,
      end: 80,
    });
  }
  return data;
}

const data = synthetic(Number(process.argv[2] ?? 10_000));
let t = performance.now();
const index = buildIndex(data);
const rebuild = performance.now() - t;
const pack: Pack = { format: PACK_FORMAT, version: PACK_VERSION, createdAt: '', generator: 'bench', ...data, index };
for (const [label, log] of [
  ['rename', [{ op: 'rename', entityId: 'e5', name: 'Someone Else' }]],
  ['merge', [{ op: 'merge', from: 'e5', into: 'e6' }]],
  ['docDelete', [{ op: 'docDelete', docId: 'd17' }]],
] as const) {
  t = performance.now();
  const edited = applyEdits(pack, log);
  const apply = performance.now() - t;
  t = performance.now();
  reindexPack(pack, edited);
  console.log(
    `${label}: applyEdits ${apply.toFixed(0)} ms, incremental reindex ${(performance.now() - t).toFixed(0)} ms`,
  );
}
console.log(`${data.documents.length} documents: full rebuild ${rebuild.toFixed(0)} ms`);
