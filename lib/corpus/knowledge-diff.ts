/**
 * How far an incremental build of a corpus is from one full build of the same
 * documents (lib/corpus/increment.ts): entities, mentions, quotes and their
 * speakers, compared by what a user sees (names, types, aliases, spans), since
 * ids may differ (an increment keeps the id an entity got when it first
 * appeared; a full build names it after its final canonical name). Used by the
 * property test and `npx tsx tests/tools/increment-diff.ts`.
 */
import type { Knowledge } from '../pack/types';

/** Counts of what agrees, out of the full build's. */
export interface KnowledgeDiff {
  entities: { full: number; incremental: number; sameName: number; sameNameTypeAliases: number; sameId: number };
  mentions: { full: number; incremental: number; same: number };
  quotes: { full: number; incremental: number; sameSpan: number; sameSpeaker: number };
}

/** Compares `inc` (built in increments) with `full` (one build of the same documents, same order). */
export function diffKnowledge(full: Knowledge, inc: Knowledge): KnowledgeDiff {
  const nameOf = (k: Knowledge): Map<string, string> => new Map(k.entities.map((e) => [e.id, e.name]));
  const fullName = nameOf(full);
  const incName = nameOf(inc);
  const incByName = new Map(inc.entities.map((e) => [e.name, e]));
  let sameName = 0;
  let sameAll = 0;
  let sameId = 0;
  for (const e of full.entities) {
    const o = incByName.get(e.name);
    if (!o) continue;
    sameName++;
    if (o.id === e.id) sameId++;
    const a = new Set(e.aliases);
    if (o.type === e.type && o.aliases.length === a.size && o.aliases.every((x) => a.has(x))) sameAll++;
  }
  const mentionKey = (names: Map<string, string>) => (m: Knowledge['mentions'][number]) =>
    `${m.docId}\u0000${m.start}\u0000${m.end}\u0000${names.get(m.entityId) ?? ''}`;
  const incMentions = new Set(inc.mentions.map(mentionKey(incName)));
  const sameMentions = full.mentions.map(mentionKey(fullName)).filter((k) => incMentions.has(k)).length;
  const span = (q: Knowledge['quotes'][number]): string => `${q.docId}\u0000${q.start}\u0000${q.end}\u0000${q.kind}`;
  const incQuotes = new Map(
    inc.quotes.map((q) => [span(q), q.speakerId === null ? null : (incName.get(q.speakerId) ?? null)]),
  );
  let sameSpan = 0;
  let sameSpeaker = 0;
  for (const q of full.quotes) {
    const k = span(q);
    if (!incQuotes.has(k)) continue;
    sameSpan++;
    if (incQuotes.get(k) === (q.speakerId === null ? null : (fullName.get(q.speakerId) ?? null))) sameSpeaker++;
  }
  return {
    entities: {
      full: full.entities.length,
      incremental: inc.entities.length,
      sameName,
      sameNameTypeAliases: sameAll,
      sameId,
    },
    mentions: { full: full.mentions.length, incremental: inc.mentions.length, same: sameMentions },
    quotes: { full: full.quotes.length, incremental: inc.quotes.length, sameSpan, sameSpeaker },
  };
}

/** Builds a corpus in increments: the documents cut at `cuts` (ascending indexes), each part added to the last state. */
export function concatIncrements(parts: readonly Knowledge[]): Knowledge {
  const last = parts[parts.length - 1];
  return {
    passages: parts.flatMap((p) => p.passages),
    entities: last ? last.entities : [],
    mentions: parts.flatMap((p) => p.mentions),
    quotes: parts.flatMap((p) => p.quotes),
  };
}
