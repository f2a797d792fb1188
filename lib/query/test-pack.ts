/**
 * A small hand-made pack for unit tests of the query side, independent of the
 * extraction: two documents, three entities, a quote and a statement.
 */
import { PACK_FORMAT, PACK_VERSION, type Knowledge, type Pack, type PackDocument } from '../pack/types';

const first = 'Ana Ruiz met Tom Berg in Lima.\n\n"We will sign the ceasefire today," Ruiz said.';
const second = 'Berg said that the ceasefire would hold. Lima was calm.';

/** Offsets of the `n`th occurrence of `needle` in `text`. */
function at(text: string, needle: string, n = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= n; i++) start = text.indexOf(needle, start + 1);
  if (start < 0) throw new Error(`test pack: "${needle}" not found`);
  return { start, end: start + needle.length };
}

/** Builds the test pack (fresh objects each call). */
export function makeTestPack(): Pack {
  const documents: PackDocument[] = [
    { id: 'd1', title: 'Talks in Lima', date: '2020-01-02', text: first },
    { id: 'd2', title: 'Ceasefire holds', date: '2020-02-03', source: 'Wire', text: second },
  ];
  const p1 = first.indexOf('\n\n');
  const knowledge: Knowledge = {
    passages: [
      { id: 'd1#0', docId: 'd1', start: 0, end: p1 },
      { id: 'd1#1', docId: 'd1', start: p1 + 2, end: first.length },
      { id: 'd2#0', docId: 'd2', start: 0, end: second.length },
    ],
    entities: [
      { id: 'ana-ruiz', name: 'Ana Ruiz', type: 'person', aliases: ['Ana Ruiz', 'Ruiz'], description: 'negotiator' },
      { id: 'tom-berg', name: 'Tom Berg', type: 'person', aliases: ['Tom Berg', 'Berg'] },
      { id: 'lima', name: 'Lima', type: 'place', aliases: ['Lima'], hidden: true },
    ],
    mentions: [
      { entityId: 'ana-ruiz', docId: 'd1', ...at(first, 'Ana Ruiz') },
      { entityId: 'tom-berg', docId: 'd1', ...at(first, 'Tom Berg') },
      { entityId: 'lima', docId: 'd1', ...at(first, 'Lima') },
      { entityId: 'ana-ruiz', docId: 'd1', ...at(first, 'Ruiz', 1) },
      { entityId: 'tom-berg', docId: 'd2', ...at(second, 'Berg') },
      { entityId: 'lima', docId: 'd2', ...at(second, 'Lima') },
    ],
    quotes: [
      {
        id: 'd1:q0',
        docId: 'd1',
        kind: 'direct',
        speakerId: 'ana-ruiz',
        text: 'We will sign the ceasefire today,',
        ...at(first, 'We will sign the ceasefire today,'),
      },
      {
        id: 'd2:q0',
        docId: 'd2',
        kind: 'reported',
        speakerId: 'tom-berg',
        text: 'the ceasefire would hold',
        ...at(second, 'the ceasefire would hold'),
      },
    ],
  };
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: '2020-03-01T00:00:00.000Z',
    generator: 'test',
    documents,
    ...knowledge,
  };
}

/** One document of {@link packOf}. */
export interface DocSpec {
  id: string;
  date: string;
  paragraphs: string[];
  quotes?: { text: string; kind: 'direct' | 'reported' }[];
}

/** A pack about one person, "Alex Stone", mentioned as "Stone" in every paragraph that names her. */
export function packOf(docs: DocSpec[]): Pack {
  const pack: Pack = {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: '2024-01-01T00:00:00.000Z',
    generator: 'test',
    documents: [],
    passages: [],
    entities: [{ id: 'stone', name: 'Alex Stone', type: 'person', aliases: ['Alex Stone', 'Stone'] }],
    mentions: [],
    quotes: [],
  };
  for (const d of docs) {
    // Each quote in a paragraph of its own that does not name her, so that passages stay apart from quotes.
    const paragraphs = [...d.paragraphs, ...(d.quotes ?? []).map((q) => `“${q.text}” she said.`)];
    const text = paragraphs.join('\n\n');
    pack.documents.push({ id: d.id, title: `Title ${d.id}`, date: d.date, text });
    let at = 0;
    paragraphs.forEach((p, i) => {
      pack.passages.push({ id: `${d.id}#${i}`, docId: d.id, start: at, end: at + p.length });
      for (let m = p.indexOf('Stone'); m >= 0; m = p.indexOf('Stone', m + 1))
        pack.mentions.push({ entityId: 'stone', docId: d.id, start: at + m, end: at + m + 5 });
      at += p.length + 2;
    });
    (d.quotes ?? []).forEach((q, i) => {
      const start = text.indexOf(q.text);
      if (start < 0) throw new Error(`test: quote "${q.text}" not in ${d.id}`);
      pack.quotes.push({
        id: `${d.id}:q${i}`,
        docId: d.id,
        kind: q.kind,
        speakerId: 'stone',
        text: q.text,
        start,
        end: start + q.text.length,
      });
    });
  }
  pack.mentions.sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start);
  return pack;
}
