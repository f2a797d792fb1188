/**
 * Packs as they are (issue #14): a pack whose extraction is this build's joins
 * the corpus as one segment, its documents, passages, mentions and quotes
 * unchanged, with no extraction. Its entities join the corpus's table (same id
 * = same entity: the corpus keeps its name, type and user fields and gains the
 * pack's aliases; new ones appended, lib/subscriptions/layer.ts `joinEntities`),
 * and the extraction state learns its names (lib/corpus/pack-state.ts), so
 * later articles link to them. The caller applies the user's edit log to what
 * is new, as an import does. Pure.
 */
import { compileEdits } from '../edits/compile-edits';
import type { CorpusData } from '../edits/apply-edits';
import type { Edit } from '../edits/types';
import { EXTRACTION_PIPELINE, type ExtractionState } from '../corpus/extraction-state';
import { learnKnowledge } from '../corpus/pack-state';
import type { Lexicon } from '../corpus/types';
import type { Entity, Pack } from '../pack/types';
import { joinEntities } from '../subscriptions/layer';

/**
 * The generator a pack built by this code writes: the tool and its version, then the
 * extraction pipeline its knowledge came from (`dossier-cli 0.1.0 dossier-extract/2`).
 */
export function packGenerator(tool: string): string {
  return `${tool} ${EXTRACTION_PIPELINE}`;
}

/**
 * Whether a pack's knowledge is what this build's extraction would give its
 * articles, so that it may join as it is: its generator names this build's
 * {@link EXTRACTION_PIPELINE} (as {@link packGenerator} writes it). The pipeline
 * name changes whenever the extraction's rules or statistics change meaning;
 * the tool's version does not say that (every build so far is 0.1.0), so packs
 * whose generator names no pipeline (older tools, the options page's export)
 * are extracted again.
 */
export function extractedAsToday(generator: string): boolean {
  return generator.split(/\s+/).includes(EXTRACTION_PIPELINE);
}

/** A pack's knowledge after it joined: the rows of its new segment, the whole table and the state. */
export interface JoinedPack {
  /** The documents that join and their rows (entity ids as in `entities`). */
  rows: Omit<CorpusData, 'entities'>;
  /** The whole table: the corpus's entities (same order), the pack's joined in, its new ones appended. */
  entities: Entity[];
  state: ExtractionState;
}

/**
 * Joins `pack`'s knowledge to a corpus with entity table `table` and extraction
 * state `state`, without extraction. Only documents `keep` accepts join (dedupe,
 * and documents the user deleted: `log`'s deletions), with their rows; only the
 * pack's entities their rows name join the table. `replace`: table ids that
 * take the pack's entity in their place (a subscription's own entities, in its
 * new version). Neither argument is changed.
 */
export function joinPack(
  pack: Pick<Pack, 'documents' | 'passages' | 'entities' | 'mentions' | 'quotes'>,
  table: readonly Entity[],
  state: ExtractionState,
  lexicon: Lexicon,
  options: { keep?: (id: string) => boolean; log?: readonly Edit[]; replace?: ReadonlySet<string> } = {},
): JoinedPack {
  const deleted = options.log?.length ? compileEdits(options.log).deletedDocs : new Set<string>();
  const keep = options.keep ?? (() => true);
  const documents = pack.documents.filter((d) => keep(d.id) && !deleted.has(d.id));
  const ids = new Set(documents.map((d) => d.id));
  const rows = {
    documents,
    passages: pack.passages.filter((p) => ids.has(p.docId)),
    mentions: pack.mentions.filter((m) => ids.has(m.docId)),
    quotes: pack.quotes.filter((q) => ids.has(q.docId)),
  };
  const named = new Set<string>();
  for (const m of rows.mentions) named.add(m.entityId);
  for (const q of rows.quotes) if (q.speakerId !== null) named.add(q.speakerId);
  const entities = joinEntities(
    table,
    pack.entities.filter((e) => named.has(e.id)),
    options.replace,
  );
  const next = learnKnowledge(state, table, entities, rows, lexicon, options.replace);
  return { rows, entities, state: next };
}
