/**
 * FNV-1a, 32 bits: a fast, non-cryptographic fingerprint. It catches a lost,
 * reordered or changed piece of data (the store's re-read check, "same text"
 * on import, "same texts" for reusing the text index); it is no defence
 * against someone forging data on purpose.
 */
export class Fnv1a {
  private h = 0x811c9dc5;

  /** Mixes in one number (its low 32 bits). */
  number(x: number): this {
    this.h ^= x;
    this.h = Math.imul(this.h, 0x01000193);
    return this;
  }

  /** Mixes in a string, one UTF-16 code unit at a time. */
  string(s: string): this {
    for (let i = 0; i < s.length; i++) this.number(s.charCodeAt(i));
    return this;
  }

  /** The fingerprint as 8 hex digits. */
  hex(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}
