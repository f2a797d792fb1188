/**
 * What the extraction state learns from knowledge it did not extract: a pack
 * (the command-line tool's, a subscription's) that joins the corpus as it is,
 * as one segment, without extraction (issue #14). Later articles are extracted
 * against the corpus's table and this state (`extractIncrement`), so they must
 * link to the pack's entities as if its articles had been extracted here: a
 * bare "Lavrov" in a new article joins the pack's "Sergey Lavrov".
 *
 * Learnt from the pack's mentions (their surface forms in its texts): per
 * folded name, its count, a type vote for the entity's type and the entity it
 * went to; per entity, those forms as evidence, its aliases and their tokens.
 * Not learnt (lib/corpus/README.md, "Packs joined as they are"): the pack's
 * capitalisation counts (that needs the tokenizer over its texts), and the
 * per-occurrence type votes its own extraction saw. Pure.
 */
import type { Entity, Mention, PackDocument } from '../pack/types';
import { addTypeVotes, type ClusterEvidence } from './clustering';
import { compiledLexicon, fold } from './compiled-lexicon';
import {
  emptyExtractionState,
  isUsableState,
  mergeEvidence,
  nextState,
  StateView,
  type ExtractionState,
} from './extraction-state';
import type { TypeVotes } from './evidence';
import { aliasWords } from './mentions';
import type { Lexicon } from './types';

/** The knowledge of a pack as it joins: its documents (with texts) and mentions, entity ids as in the table. */
export interface LearntKnowledge {
  documents: readonly PackDocument[];
  mentions: readonly Mention[];
}

/**
 * The state after `data` joined a corpus whose table was `before` (and state
 * `state`) and is now `after`: `after` starts with `before`'s entities, same
 * ids in the same order (a pack's entity of the same id joined into it), then
 * the pack's new entities. Entities of `after` named in `replaced` took the
 * pack's name, type and description (a subscription's own entity in its new
 * version): the state records those as what the extraction decided, so later
 * articles may still update them. Neither argument is changed.
 */
export function learnKnowledge(
  state: ExtractionState,
  before: readonly Entity[],
  after: readonly Entity[],
  data: LearntKnowledge,
  lexicon: Lexicon,
  replaced: ReadonlySet<string> = new Set(),
): ExtractionState {
  const lex = compiledLexicon(lexicon);
  const usable = isUsableState(state) ? state : emptyExtractionState();
  const view = new StateView(usable, before, lex);
  const indexOf = new Map<string, number>();
  after.forEach((e, t) => indexOf.set(e.id, t));
  const texts = new Map(data.documents.map((d) => [d.id, d.text]));

  const keyVotes = new Map<string, TypeVotes>();
  const keyCounts = new Map<string, number>();
  const keyHomes = new Map<string, number>();
  const learnt = new Map<number, ClusterEvidence>();
  for (const m of data.mentions) {
    const t = indexOf.get(m.entityId);
    const surface = texts.get(m.docId)?.slice(m.start, m.end);
    if (t === undefined || !surface) continue;
    const type = after[t]!.type;
    const key = fold(surface);
    const votes = keyVotes.get(key) ?? {};
    addTypeVotes(votes, { [type]: 1 });
    keyVotes.set(key, votes);
    keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
    if (!keyHomes.has(key)) keyHomes.set(key, t);
    let ev = learnt.get(t);
    if (!ev) learnt.set(t, (ev = { votes: {}, forms: new Map(), descs: new Map(), count: 0 }));
    addTypeVotes(ev.votes, { [type]: 1 });
    ev.forms.set(surface, (ev.forms.get(surface) ?? 0) + 1);
    ev.count++;
  }

  const evidence = new Map<number, ClusterEvidence>();
  const produced = new Map<number, { name: string; type: Entity['type']; description?: string }>();
  const own = (e: Entity) => ({ name: e.name, type: e.type, ...(e.description ? { description: e.description } : {}) });
  for (let t = 0; t < after.length; t++) {
    const e = after[t]!;
    const known = t < before.length;
    const ev = learnt.get(t);
    if (known && !ev && !replaced.has(e.id)) continue; // untouched: copied from the state as it was
    if (ev && e.description) ev.descs.set(e.description, 1);
    // A new entity, or one a new version replaced, is what "the extraction" decided; a known one keeps its record.
    const base = known ? view.evidenceOf(t) : { votes: {}, forms: new Map([[e.name, 0]]), descs: new Map(), count: 0 };
    evidence.set(t, ev ? mergeEvidence(base, ev) : base);
    produced.set(t, !known || replaced.has(e.id) ? own(e) : view.produced(t));
  }

  return nextState(
    {
      view,
      documents: usable.documents + data.documents.length,
      capitalization: usable.capitalization,
      keyVotes,
      keyCounts,
      keyHomes,
      table: after,
      evidence,
      produced,
      aliasWordsOf: (t, alias, j) =>
        view.storedAliasWords(t, alias, j) ?? (aliasWords(alias, lex) ?? []).join('\u0000'),
    },
    lex,
  );
}
