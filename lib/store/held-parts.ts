/**
 * The folded entity table and extraction state an importer keeps between its
 * imports (issue #14: adding an article must not cost reading the corpus's
 * ~30 MB state and its 65,000-entity table again at 10,000 articles).
 *
 * They are keyed by the layers they were folded from (`LayerRefs`: a base and
 * its deltas). Layer records are written once and never changed, and every
 * write that changes a part gives it a new delta or a new base, so a manifest
 * that names the same layers holds exactly these parts, whoever wrote it
 * later. When another writer changed a part (an import in another tab, an
 * edit, a restore), the active manifest names other layers and that part is
 * read from the store again. A held part is only ever replaced by what a write
 * of this store activated, and dropped when an import fails (its extraction
 * may have touched shared objects).
 */
import type { ExtractionState } from '../corpus/extraction-state';
import type { Entity } from '../pack/types';
import { isLayered, sameLayers, type HeldLayers } from './layers';
import type { LegacyManifest, ManifestRecord, SegmentRecord } from './types';

/** Parts held across imports; pass the same instance to every `CorpusStore.open` of one worker. */
export class HeldParts {
  private held: HeldLayers = {};
  /**
   * Complete segments' records by id, as the last read found them: a complete segment's record is not
   * written again (a merge or a full write makes new segments), so an import reads only the records of
   * segments written since (at 10,000 articles the big one holds 10,000 ids, titles and text keys).
   */
  private segments = new Map<string, SegmentRecord>();

  /** The held record of segment `id`, when it was complete when read. */
  segment(id: string): SegmentRecord | undefined {
    return this.segments.get(id);
  }

  /** Holds the complete ones of the records a read found (those of the active generation); drops the others. */
  readSegments(records: readonly SegmentRecord[]): void {
    this.segments = new Map(records.filter((r) => r.state === 'complete').map((r) => [r.id, r]));
  }

  /** What is held now (for `readManifestParts`). */
  get layers(): HeldLayers {
    return this.held;
  }

  /**
   * A write of this store activated `manifest` with these parts: `entities` and
   * `extraction` are the parts as written (absent: that part did not change, and is
   * kept if it was held under the layers `before` named).
   */
  wrote(
    before: ManifestRecord | LegacyManifest | undefined,
    manifest: ManifestRecord | LegacyManifest,
    parts: { entities?: readonly Entity[]; extraction?: ExtractionState },
  ): void {
    if (!isLayered(manifest)) {
      this.held = {};
      return;
    }
    const was = before && isLayered(before) ? before : undefined;
    const next: HeldLayers = {};
    const table =
      parts.entities ?? (was && sameLayers(this.held.table?.refs, was.table) ? this.held.table!.entities : undefined);
    if (table) next.table = { refs: manifest.table, entities: table };
    const state =
      parts.extraction ??
      (was && sameLayers(this.held.state?.refs, was.state) ? this.held.state!.extraction : undefined);
    if (state) next.state = { refs: manifest.state, extraction: state };
    this.held = next;
  }

  /**
   * A read of `manifest` folded these parts (or took them from here): hold them under its layers, so
   * that the next read of the same layers — the import after a warm-up read, lib/import/worker.ts —
   * reads neither. A part not given stays held as it was (still keyed by its own layers).
   */
  read(
    manifest: ManifestRecord | LegacyManifest,
    parts: { entities?: readonly Entity[]; extraction?: ExtractionState },
  ): void {
    if (!isLayered(manifest)) return;
    if (parts.entities) this.held = { ...this.held, table: { refs: manifest.table, entities: parts.entities } };
    if (parts.extraction) this.held = { ...this.held, state: { refs: manifest.state, extraction: parts.extraction } };
  }

  /** Drops what is held (an import failed; it is read again next time). */
  forget(): void {
    this.held = {};
    this.segments = new Map();
  }
}
