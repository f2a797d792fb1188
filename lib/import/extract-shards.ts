/**
 * Extraction of one import batch split over several shards (workers), with the same result
 * as {@link extractIncrement} in one thread. The corpus-wide work (clustering, the entity
 * table, the state) runs in the caller; each shard runs the per-document passes
 * (lib/corpus/extract.ts `DocPasses`) on a contiguous slice of the documents, and the
 * answers are put together in document order: capitalisation counts are summed, name
 * occurrences, passages, mentions and quotes concatenated. The shard protocol carries only
 * structured-clonable data, so a shard may be a Worker (lib/import/extract-pool.ts) or, in
 * tests, the same passes in this thread behind `structuredClone`.
 */
import type { CapitalizationCounts } from '../corpus/capitalization';
import { CapitalizationStats, emptyCapitalizationCounts } from '../corpus/capitalization';
import type { NameOcc } from '../corpus/clustering';
import {
  compiledLexicon,
  DocPasses,
  extractionSteps,
  type AnalyseReply,
  type LinkReply,
  type PassReply,
} from '../corpus/extract';
import type { ExtractionState, IncrementResult } from '../corpus/increment';
import { indexOfSorted, mergeSortedKeys, spreadColumn } from '../corpus/sorted-strings';
import type { Lexicon, SourceDocument } from '../corpus/types';
import type { Entity } from '../pack/types';
import type { PhaseMarks } from '../store/phase-times';

/** What a shard answers to `analyse`: the counts of its documents alone, and their token texts when asked. */
export interface ShardAnalysis {
  counts: CapitalizationCounts;
  tokens?: string[];
}

/** What the link pass of a shard needs: the aliases to find, their weights, the entities they name. */
export interface ShardLinkRequest {
  aliases: { id: string; words: readonly string[] }[];
  weight: Map<string, number>;
  entities: Map<string, Entity>;
}

/**
 * One shard: a slice of a batch's documents and the three passes over it, called in this
 * order once per batch. `analyse` receives the slice; the shard keeps its documents' analysed
 * structure until `link` (or `release`).
 */
export interface ExtractShard {
  analyse(docs: SourceDocument[], offset: number, collectTokens: boolean): Promise<ShardAnalysis>;
  /** `counts`: the whole corpus's capitalisation counts (the state's plus the batch's). */
  names(counts: CapitalizationCounts): Promise<NameOcc[]>;
  link(request: ShardLinkRequest): Promise<LinkReply>;
  /** Forgets the slice (after a failure elsewhere). */
  release(): void;
}

const bump = (column: Int32Array, row: number, n: number): void => {
  column[row] = column[row]! + n;
};

/**
 * `base` plus `add`, as one set of sorted columns: the same columns `CapitalizationStats.counts()`
 * gives after counting `add`'s text on top of `base`.
 */
export function addCapitalizationCounts(base: CapitalizationCounts, add: CapitalizationCounts): CapitalizationCounts {
  const cap = mergeSortedKeys(base.capWords, add.capWords);
  const capCounts = spreadColumn(base.capCounts, 1, cap.inserted, cap.keys.length);
  add.capWords.forEach((w, i) => bump(capCounts, indexOfSorted(cap.keys, w), add.capCounts[i]!));
  const low = mergeSortedKeys(base.lowWords, add.lowWords);
  const lowCounts = spreadColumn(base.lowCounts, 1, low.inserted, low.keys.length);
  const lowInText = spreadColumn(base.lowInText, 1, low.inserted, low.keys.length);
  add.lowWords.forEach((w, i) => {
    const row = indexOfSorted(low.keys, w);
    bump(lowCounts, row, add.lowCounts[i]!);
    bump(lowInText, row, add.lowInText[i]!);
  });
  return { capWords: cap.keys, capCounts, lowWords: low.keys, lowCounts, lowInText };
}

/**
 * Contiguous slices of `docs`, at most `parts`, of about equal text length (each non-empty).
 * Returned as [from, to) index pairs.
 */
export function sliceByText(docs: readonly SourceDocument[], parts: number): [number, number][] {
  const n = Math.max(1, Math.min(parts, docs.length));
  const total = docs.reduce((s, d) => s + d.text.length, 0);
  const out: [number, number][] = [];
  let from = 0;
  let acc = 0;
  for (let i = 0; i < docs.length; i++) {
    acc += docs[i]!.text.length;
    const left = docs.length - i - 1;
    const slicesLeft = n - out.length - 1;
    if (slicesLeft > 0 && (acc >= (total * (out.length + 1)) / n || left === slicesLeft)) {
      out.push([from, i + 1]);
      from = i + 1;
    }
  }
  out.push([from, docs.length]);
  return out.filter(([a, b]) => b > a);
}

/**
 * {@link extractIncrement} of `docs` with the per-document passes run by `shards` (at most
 * one slice each). Same result, byte for byte (lib/import/extract-shards.test.ts).
 * `phases`, if given, is marked `extract.serial` for the corpus-wide steps run here and
 * `extract.<pass>` for the time waiting on the shards' passes.
 * @throws what a shard throws; the other shards are released.
 */
export async function extractInShards(
  docs: SourceDocument[],
  lexicon: Lexicon,
  entities: readonly Entity[],
  state: ExtractionState,
  shards: readonly ExtractShard[],
  phases?: PhaseMarks,
): Promise<IncrementResult> {
  const lex = compiledLexicon(lexicon);
  const slices = sliceByText(docs, shards.length);
  const used = shards.slice(0, slices.length);
  const steps = extractionSteps(docs, lex, entities, state);
  let counts: CapitalizationCounts | undefined;
  try {
    for (let step = steps.next(); ;) {
      phases?.mark('extract.serial');
      if (step.done) return step.value;
      const request = step.value;
      let reply: PassReply;
      if (request.pass === 'analyse') {
        const parts = await Promise.all(
          used.map((s, k) => s.analyse(docs.slice(...slices[k]!), slices[k]![0], request.collectTokens)),
        );
        counts = parts.reduce((acc, p) => addCapitalizationCounts(acc, p.counts), request.base);
        const analysed: AnalyseReply = { stats: new CapitalizationStats(counts) };
        if (request.collectTokens) analysed.tokens = new Set(parts.flatMap((p) => p.tokens ?? []));
        reply = analysed;
      } else if (request.pass === 'names') {
        const all = counts!;
        reply = (await Promise.all(used.map((s) => s.names(all)))).flat();
      } else {
        const link: ShardLinkRequest = { aliases: request.aliases, weight: request.weight, entities: request.entities };
        const parts = await Promise.all(used.map((s) => s.link(link)));
        reply = {
          passages: parts.flatMap((p) => p.passages),
          mentions: parts.flatMap((p) => p.mentions),
          quotes: parts.flatMap((p) => p.quotes),
        };
      }
      phases?.mark(`extract.${request.pass}`);
      step = steps.next(reply);
    }
  } catch (error) {
    for (const s of used) s.release();
    throw error;
  }
}

/**
 * The passes of one shard, run where this object lives (a worker's own thread, or this
 * thread in tests): what {@link ExtractShard}'s messages end up calling.
 */
export class ShardPasses {
  private passes: DocPasses | undefined;

  constructor(private readonly lexicon: Lexicon) {}

  analyse(docs: SourceDocument[], offset: number, collectTokens: boolean): ShardAnalysis {
    this.passes = new DocPasses(docs, compiledLexicon(this.lexicon), offset);
    const { stats, tokens } = this.passes.analyse(emptyCapitalizationCounts(), collectTokens);
    return tokens ? { counts: stats.counts(), tokens: [...tokens] } : { counts: stats.counts() };
  }

  names(counts: CapitalizationCounts): NameOcc[] {
    return this.current().names(new CapitalizationStats(counts));
  }

  link(request: ShardLinkRequest): LinkReply {
    const reply = this.current().link(request.aliases, request.weight, request.entities);
    this.passes = undefined;
    return reply;
  }

  release(): void {
    this.passes = undefined;
  }

  private current(): DocPasses {
    if (!this.passes) throw new Error('extraction shard: a pass was asked before "analyse" (or after "link")');
    return this.passes;
  }
}
