/**
 * Bytes → text, or a reason the user can act on. UTF-8 (strict) and UTF-16
 * with a byte-order mark are read; binary files and other encodings are
 * refused with a message naming the file. Pure.
 */

/** Either the text or why it could not be read. */
export type Decoded = { ok: true; text: string } | { ok: false; error: string };

const WHAT_WE_READ = 'Dossier imports .txt, .md, .html, .jsonl and .json packs';

/** Well-known binary formats by their first bytes, to name them in the error. */
const MAGIC: [name: string, bytes: number[]][] = [
  ['PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['ZIP archive (or .docx/.epub)', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip archive', [0x1f, 0x8b]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['Word 97 document', [0xd0, 0xcf, 0x11, 0xe0]],
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Decodes a file's bytes.
 * @param name the file name, for messages.
 */
export function decodeText(name: string, bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, error: `${name}: the file is empty` };
  const magic = MAGIC.find(([, prefix]) => startsWith(bytes, prefix));
  if (magic) return { ok: false, error: `${name}: binary file (${magic[0]}) — ${WHAT_WE_READ}` };
  let text: string;
  try {
    if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (startsWith(bytes, [0xfe, 0xff]))
      text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else {
      // A NUL byte never occurs in UTF-8 text; it does in every binary format.
      if (bytes.subarray(0, 8192).includes(0)) return { ok: false, error: `${name}: binary file — ${WHAT_WE_READ}` };
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    }
  } catch {
    return {
      ok: false,
      error: `${name}: not UTF-8 text — save it as UTF-8 (or UTF-16 with a byte-order mark) and import it again`,
    };
  }
  // Control characters other than tab, line breaks and form feed mean a binary file that happens to decode.
  const controls = text.slice(0, 8192).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (controls > 8) return { ok: false, error: `${name}: binary file — ${WHAT_WE_READ}` };
  if (!text.trim()) return { ok: false, error: `${name}: the file holds only white space` };
  return { ok: true, text };
}
