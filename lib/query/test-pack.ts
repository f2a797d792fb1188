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
