/**
 * A segment: one immutable batch of documents with everything extracted from
 * them, as the store keeps it (issue #14). A corpus generation is a manifest
 * naming its segments in order plus the corpus-wide entity table; adding an
 * article writes one new segment and a new manifest, never the old segments.
 *
 * A segment refers to entities by id through its own small table
 * (`entityIds`), so the corpus's entity table can change (new aliases, the
 * user's edits) without rewriting the segments that mention them.
 *
 * Readers put the segments of a generation together into one
 * {@link CorpusModel} (documents in segment order), with a text index that
 * searches every segment's own index with corpus-wide statistics.
 */
import type { TextIndexData } from '../search/text-index';
import type { DocumentEntry, MentionColumns, PassageColumns, QuoteColumns } from './model';

/** The read model of one segment. Columns are ordered by (local) document, then start. */
export interface SegmentModel {
  /** `s-<time base36>-<random>`: sorts by creation time. */
  id: string;
  createdAt: string;
  /** What wrote it, e.g. "dossier-import 0.1.0". */
  generator: string;
  /** The segment's documents; column `doc` values are numbers into this list. */
  documents: DocumentEntry[];
  /** Local entity number → entity id in the corpus's table; column `entity`/`speaker` values are local numbers. */
  entityIds: string[];
  passages: PassageColumns;
  mentions: MentionColumns;
  quotes: QuoteColumns;
}

/** A segment's text index: records are its quotes, then its passages, in its own column order. */
export interface SegmentIndexes {
  text: TextIndexData;
}
