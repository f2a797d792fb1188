/**
 * A pack cut into `count` segments of consecutive documents, as an imported corpus holds it
 * (one segment per import batch): what the segment benches and the popup tools query.
 */
import { buildSegment, type LoadedSegment } from '../../../lib/pack/segment';
import type { Pack } from '../../../lib/pack/types';

/** The segments (model and indexes) and each segment's document texts, in order. */
export function segmentsOf(pack: Pack, count: number): { segments: LoadedSegment[]; texts: string[][] } {
  const per = Math.ceil(pack.documents.length / count);
  const segments: LoadedSegment[] = [];
  const texts: string[][] = [];
  for (let s = 0; s < count; s++) {
    const documents = pack.documents.slice(s * per, (s + 1) * per);
    const ids = new Set(documents.map((d) => d.id));
    const built = buildSegment({
      id: `s-${s}`,
      createdAt: pack.createdAt,
      generator: pack.generator,
      documents,
      passages: pack.passages.filter((p) => ids.has(p.docId)),
      mentions: pack.mentions.filter((m) => ids.has(m.docId)),
      quotes: pack.quotes.filter((q) => ids.has(q.docId)),
    });
    segments.push({ model: built.model, indexes: built.indexes });
    texts.push(built.texts);
  }
  return { segments, texts };
}
