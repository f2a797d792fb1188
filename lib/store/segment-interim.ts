/**
 * INTERIM stand-ins for `buildSegment`, `joinSegments` and `mergeSegments`
 * (lib/pack/segment.ts, owned by seg-read), with the signatures of the shared
 * design, so the store could be written and tested before theirs landed. The
 * joined text index here is one {@link TextIndexData} merged from the
 * segments' postings (same records, same statistics as an index built over the
 * concatenation). Replaced by the real ones when seg-read is merged.
 */
import type { DocumentEntry } from '../pack/model';
import { compactPack, type CorpusModel } from '../pack/model';
import type { SegmentIndexes, SegmentModel } from '../pack/segment';
import {
  PACK_FORMAT,
  PACK_VERSION,
  type Entity,
  type Mention,
  type PackDocument,
  type Passage,
  type Quote,
} from '../pack/types';
import { buildTextIndex, type TextIndexData } from '../search/text-index';

/** A segment as readers hold it. */
export interface SegmentParts {
  model: SegmentModel;
  indexes: SegmentIndexes;
}

/** Builds a segment from documents and their knowledge (ids as strings, as in a Pack). */
export function buildSegment(input: {
  id: string;
  createdAt: string;
  generator: string;
  documents: PackDocument[];
  passages: Passage[];
  mentions: Mention[];
  quotes: Quote[];
}): { model: SegmentModel; indexes: SegmentIndexes; texts: string[] } {
  const ids = [
    ...new Set([...input.mentions.map((m) => m.entityId), ...input.quotes.flatMap((q) => q.speakerId ?? [])]),
  ];
  const entities: Entity[] = ids.map((id) => ({ id, name: id, type: 'other', aliases: [] }) as unknown as Entity);
  const model = compactPack({
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: input.createdAt,
    generator: input.generator,
    documents: input.documents,
    entities,
    passages: input.passages,
    mentions: input.mentions,
    quotes: input.quotes,
  });
  const texts = input.documents.map((d) => d.text);
  const q = model.quotes;
  const p = model.passages;
  const text = buildTextIndex(q.doc.length + p.doc.length, (r) =>
    r < q.doc.length
      ? texts[q.doc[r]!]!.slice(q.start[r], q.end[r])
      : texts[p.doc[r - q.doc.length]!]!.slice(p.start[r - q.doc.length], p.end[r - q.doc.length]),
  );
  const { entities: _e, ...rest } = model;
  return { model: { ...rest, id: input.id, entityIds: ids }, indexes: { text }, texts };
}

interface Combined {
  documents: DocumentEntry[];
  passages: CorpusModel['passages'];
  mentions: CorpusModel['mentions'];
  quotes: CorpusModel['quotes'];
  text: TextIndexData;
  /** Global document → [segment, local]. */
  where: [number, number][];
}

/** Concatenates segments, leaving out deleted documents; `entityOf(segment, local)` gives the new entity number or -1. */
function combine(
  segments: readonly SegmentParts[],
  entityOf: (segment: number, local: number) => number,
  deleted: ReadonlySet<string>,
): Combined {
  const documents: DocumentEntry[] = [];
  const where: [number, number][] = [];
  const docMaps = segments.map(({ model }, s) =>
    Int32Array.from(model.documents, (d, local) => {
      if (deleted.has(d.id)) return -1;
      documents.push(d);
      where.push([s, local]);
      return documents.length - 1;
    }),
  );
  const pas = { doc: [] as number[], start: [] as number[], end: [] as number[] };
  const men = { entity: [] as number[], doc: [] as number[], start: [] as number[], end: [] as number[] };
  const quo = {
    doc: [] as number[],
    start: [] as number[],
    end: [] as number[],
    speaker: [] as number[],
    kind: [] as number[],
  };
  const quoteMaps: Int32Array[] = [];
  const passageMaps: Int32Array[] = [];
  segments.forEach(({ model }, s) => {
    const docOf = docMaps[s]!;
    const q = model.quotes;
    quoteMaps.push(
      Int32Array.from(q.doc, (d, i) => {
        if (docOf[d]! < 0) return -1;
        quo.doc.push(docOf[d]!);
        quo.start.push(q.start[i]!);
        quo.end.push(q.end[i]!);
        quo.speaker.push(q.speaker[i]! < 0 ? -1 : entityOf(s, q.speaker[i]!));
        quo.kind.push(q.kind[i]!);
        return quo.doc.length - 1;
      }),
    );
    const m = model.mentions;
    for (let i = 0; i < m.doc.length; i++) {
      const doc = docOf[m.doc[i]!]!;
      const entity = entityOf(s, m.entity[i]!);
      if (doc < 0 || entity < 0) continue;
      men.entity.push(entity);
      men.doc.push(doc);
      men.start.push(m.start[i]!);
      men.end.push(m.end[i]!);
    }
  });
  segments.forEach(({ model }, s) => {
    const docOf = docMaps[s]!;
    const p = model.passages;
    passageMaps.push(
      Int32Array.from(p.doc, (d, i) => {
        if (docOf[d]! < 0) return -1;
        pas.doc.push(docOf[d]!);
        pas.start.push(p.start[i]!);
        pas.end.push(p.end[i]!);
        return quo.doc.length + pas.doc.length - 1;
      }),
    );
  });
  // Text records: every kept quote (segment order), then every kept passage.
  const recordMaps = segments.map((_, s) => Int32Array.from([...quoteMaps[s]!, ...passageMaps[s]!]));
  const text = mergeTextIndexes(
    segments.map((seg) => seg.indexes.text),
    recordMaps,
    quo.doc.length + pas.doc.length,
  );
  const u32 = (a: number[]) => Uint32Array.from(a);
  return {
    documents,
    where,
    passages: { doc: u32(pas.doc), start: u32(pas.start), end: u32(pas.end) },
    mentions: { entity: u32(men.entity), doc: u32(men.doc), start: u32(men.start), end: u32(men.end) },
    quotes: {
      doc: u32(quo.doc),
      start: u32(quo.start),
      end: u32(quo.end),
      speaker: Int32Array.from(quo.speaker),
      kind: Uint8Array.from(quo.kind),
    },
    text,
  };
}

/** One index from several, records renumbered by `maps` (-1: left out). */
function mergeTextIndexes(
  indexes: readonly TextIndexData[],
  maps: readonly Int32Array[],
  count: number,
): TextIndexData {
  const lengths = new Uint16Array(count);
  const byTerm = new Map<string, [number, number][]>();
  indexes.forEach((ix, s) => {
    const map = maps[s]!;
    map.forEach((to, from) => {
      if (to >= 0) lengths[to] = ix.lengths[from]!;
    });
    ix.terms.forEach((term, t) => {
      let list = byTerm.get(term);
      for (let k = ix.termStart[t]!; k < ix.termStart[t + 1]!; k++) {
        const to = map[ix.records[k]!]!;
        if (to < 0) continue;
        if (!list) byTerm.set(term, (list = []));
        list.push([to, ix.freqs[k]!]);
      }
    });
  });
  const terms = [...byTerm.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const termStart = new Uint32Array(terms.length + 1);
  let total = 0;
  for (const [i, t] of terms.entries()) {
    termStart[i] = total;
    total += byTerm.get(t)!.length;
  }
  termStart[terms.length] = total;
  const records = new Uint32Array(total);
  const freqs = new Uint8Array(total);
  let k = 0;
  for (const t of terms) {
    for (const [r, f] of byTerm.get(t)!.sort((a, b) => a[0] - b[0])) {
      records[k] = r;
      freqs[k++] = f;
    }
  }
  return { terms, termStart, records, freqs, lengths };
}

/** A generation's segments put together. */
export interface JoinedCorpus {
  model: CorpusModel;
  text: TextIndexData;
  locate(doc: number): { segment: number; local: number };
}

/** Puts a generation's segments together; entity numbers index `entities`. */
export function joinSegments(
  entities: Entity[],
  segments: readonly SegmentParts[],
  options: { deleted?: ReadonlySet<string>; createdAt?: string; generator?: string } = {},
): JoinedCorpus {
  const number = new Map(entities.map((e, i) => [e.id, i]));
  const tables = segments.map(({ model }) => Int32Array.from(model.entityIds, (id) => number.get(id) ?? -1));
  const c = combine(segments, (s, local) => tables[s]![local] ?? -1, options.deleted ?? new Set());
  return {
    model: {
      createdAt: options.createdAt ?? segments.at(-1)?.model.createdAt ?? '',
      generator: options.generator ?? segments.at(-1)?.model.generator ?? '',
      documents: c.documents,
      entities,
      passages: c.passages,
      mentions: c.mentions,
      quotes: c.quotes,
    },
    text: c.text,
    locate: (doc) => {
      const [segment, local] = c.where[doc]!;
      return { segment, local };
    },
  };
}

/** Merges segments into one (no re-extraction); deleted documents are left out. */
export function mergeSegments(
  id: string,
  segments: readonly SegmentParts[],
  options: { deleted?: ReadonlySet<string>; createdAt?: string; generator?: string } = {},
): SegmentParts {
  const entityIds: string[] = [];
  const number = new Map<string, number>();
  const tables = segments.map(({ model }) =>
    Int32Array.from(model.entityIds, (eid) => {
      let n = number.get(eid);
      if (n === undefined) number.set(eid, (n = entityIds.push(eid) - 1));
      return n;
    }),
  );
  const c = combine(segments, (s, local) => tables[s]![local] ?? -1, options.deleted ?? new Set());
  return {
    model: {
      id,
      createdAt: options.createdAt ?? new Date().toISOString(),
      generator: options.generator ?? segments.at(-1)?.model.generator ?? '',
      documents: c.documents,
      entityIds,
      passages: c.passages,
      mentions: c.mentions,
      quotes: c.quotes,
    },
    indexes: { text: c.text },
  };
}
