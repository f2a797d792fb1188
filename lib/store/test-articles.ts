/**
 * Articles for the store's tests (a test helper, not shipped): small appends whose
 * words and quotes are easy to search for.
 */
import type { AppendInput } from './corpus-store';
import { openCorpusDatabase } from './db';
import type { ManifestRecord } from './types';

/** One new article mentioning Tom Berg, with a passage and a quote. */
export function article(id: string, word = 'harbour'): AppendInput {
  const text = `Tom Berg visited the ${word} of ${id}.\n\n"The ${word} reopens soon," Berg said.`;
  const q = text.indexOf('The ');
  const p = text.indexOf('\n\n');
  return {
    documents: [{ id, title: `Berg in ${id}`, text }],
    passages: [
      { id: `${id}#0`, docId: id, start: 0, end: p },
      { id: `${id}#1`, docId: id, start: p + 2, end: text.length },
    ],
    mentions: [
      { entityId: 'tom-berg', docId: id, start: 0, end: 8 },
      { entityId: 'tom-berg', docId: id, start: text.lastIndexOf('Berg'), end: text.lastIndexOf('Berg') + 4 },
    ],
    quotes: [
      {
        id: `${id}:q0`,
        docId: id,
        kind: 'direct',
        speakerId: 'tom-berg',
        text: `The ${word} reopens soon,`,
        start: q,
        end: q + `The ${word} reopens soon,`.length,
      },
    ],
    generator: 'test',
  };
}

/** The active generation's manifest record as stored (record 0 of its chunks), read straight from IndexedDB. */
export async function storedManifest(name: string): Promise<ManifestRecord> {
  const db = await openCorpusDatabase(name);
  const active = (await db.get('meta', 'active')) as { generation: string };
  const record = await db.get('chunks', [active.generation, 0]);
  db.close();
  return record!.data as ManifestRecord;
}
