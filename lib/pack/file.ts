/**
 * A pack to and from its file form (version 2, docs/pack-format.md). The file
 * keeps passages, mentions and quotes as columns of numbers: on 10,000
 * briefings that is a tenth of the size of the same lists as objects, and a
 * JSON file small enough for `JSON.parse`. Older files (version 1) are read too.
 */
import { compactPack, expandModel, type CorpusModel } from './model';
import { PACK_FORMAT, PACK_VERSION, type Pack, type PackFile } from './types';

/** The file form of `pack`. */
export function toPackFile(pack: Pack): PackFile {
  return packFileOfModel(
    compactPack(pack),
    pack.documents.map((d) => d.text),
  );
}

/** The file form of a corpus model and its documents' texts (no lists of objects in between). */
export function packFileOfModel(model: CorpusModel, texts: readonly string[]): PackFile {
  const { passages: p, mentions: m, quotes: q } = model;
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: model.createdAt,
    generator: model.generator,
    documents: model.documents.map(({ length: _length, ...meta }, i) => ({ ...meta, text: texts[i]! })),
    entities: model.entities,
    passages: { doc: [...p.doc], start: [...p.start], end: [...p.end] },
    mentions: { entity: [...m.entity], doc: [...m.doc], start: [...m.start], end: [...m.end] },
    quotes: { doc: [...q.doc], start: [...q.start], end: [...q.end], speaker: [...q.speaker], kind: [...q.kind] },
  };
}

/**
 * The pack a file holds. The file must have passed {@link validatePack}
 * (lib/import/validate.ts): numbers here are trusted to be in range.
 */
export function fromPackFile(file: PackFile): Pack {
  const { passages: p, mentions: m, quotes: q } = file;
  const model: CorpusModel = {
    createdAt: file.createdAt,
    generator: file.generator,
    documents: file.documents.map(({ text, ...meta }) => ({ ...meta, length: text.length })),
    entities: file.entities,
    passages: { doc: Uint32Array.from(p.doc), start: Uint32Array.from(p.start), end: Uint32Array.from(p.end) },
    mentions: {
      entity: Uint32Array.from(m.entity),
      doc: Uint32Array.from(m.doc),
      start: Uint32Array.from(m.start),
      end: Uint32Array.from(m.end),
    },
    quotes: {
      doc: Uint32Array.from(q.doc),
      start: Uint32Array.from(q.start),
      end: Uint32Array.from(q.end),
      speaker: Int32Array.from(q.speaker),
      kind: Uint8Array.from(q.kind),
    },
  };
  return expandModel(model, (i) => file.documents[i]?.text);
}
