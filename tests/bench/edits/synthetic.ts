/** A reproducible synthetic corpus for the re-index benchmark. */
import type { CorpusData } from '../../../lib/edits/apply-edits';

const WORDS =
  'talks ceasefire minister aleppo geneva agreement humanitarian aid convoy rebels government forces statement briefing policy economy trade tariff vote senate'.split(
    ' ',
  );

/** A synthetic corpus of `docs` documents (8 paragraphs of 60 words) and 2,000 people. */
export function synthetic(docs: number): CorpusData {
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
