// The service worker's reload after appends (issue #14): the store instance that answers keeps its folded
// entity table, names index, last join and name vocabulary between loads and extends them with what an
// append added (./table-cache.ts, ./segment-cache.ts, lib/pack/segment.ts extendJoin). Property: after any
// sequence of appends, table edits, tombstones and re-imported documents, with questions asked in between,
// a reload answers exactly as a fresh open of the same generation (a restarted worker) does.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { emptyExtractionState } from '../corpus/increment';
import type { Entity } from '../pack/types';
import { growLimit, type CorpusData } from '../query/corpus-data';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import type { AppendInput } from './corpus-store';
import { CorpusStore } from './corpus-store';
import { localLock } from './lock';

const WORDS = ['harbour', 'quarry', 'orchard', 'granary', 'foundry', 'vineyard', 'lighthouse', 'ceasefire'];
const NAMES = ['Mara Quell', 'Ivo Sander', 'Lena Marsh', 'Otto Brandt'];

type Op =
  | { kind: 'append'; word: number; person: number | null; alias: boolean; again: boolean }
  | { kind: 'rename'; target: number }
  | { kind: 'delete' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      word: fc.nat(WORDS.length - 1),
      person: fc.option(fc.nat(NAMES.length - 1)),
      alias: fc.boolean(),
      again: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), target: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
);

/** An article naming Tom Berg and maybe a person of NAMES (a new entity the first time). */
function article(id: string, word: string, person: string | null): { input: AppendInput; personId: string | null } {
  const lead = person ? `${person} and ` : '';
  const text = `${lead}Tom Berg visited the ${word} of ${id}.\n\n"The ${word} reopens soon," Berg said.`;
  const q = text.indexOf('"') + 1;
  const p = text.indexOf('\n\n');
  const berg = text.indexOf('Tom Berg');
  const personId = person ? person.toLowerCase().replace(' ', '-') : null;
  const said = `The ${word} reopens soon,`;
  return {
    personId,
    input: {
      documents: [{ id, title: `${word} in ${id}`, date: `2021-0${(id.length % 9) + 1}-01`, text }],
      passages: [
        { id: `${id}#0`, docId: id, start: 0, end: p },
        { id: `${id}#1`, docId: id, start: p + 2, end: text.length },
      ],
      mentions: [
        ...(personId ? [{ entityId: personId, docId: id, start: 0, end: person!.length }] : []),
        { entityId: 'tom-berg', docId: id, start: berg, end: berg + 8 },
      ],
      quotes: [
        {
          id: `${id}:q0`,
          docId: id,
          kind: 'direct',
          speakerId: 'tom-berg',
          text: said,
          start: q,
          end: q + said.length,
        },
      ],
      generator: 'test',
    },
  };
}

/** Everything a corpus answers that a reload could get wrong: model, searches (typos too), names, cards. */
async function answers(query: CorpusQuery): Promise<unknown> {
  const searches = [];
  for (const q of ['harbour', 'quarr', 'berg', 'mara', 'sandr', 'lena marsh', 'vinyard', 'reopens', 'thomas'])
    searches.push(await query.search(q, 20));
  const cards = [];
  for (const e of query.model.entities.slice(0, 8))
    cards.push(await query.card(e.id, { text: 'The harbour reopens after the ceasefire, Berg said.' }));
  return {
    model: query.model,
    searches,
    names: query.names(),
    cards,
    documents: query.documents(),
    tables: tablesOf(query.data),
  };
}

/** The lookup tables (grown from the last corpus's after an append, lib/query/corpus-data.ts), entry by entry. */
function tablesOf(data: CorpusData): unknown {
  const keys = data.model.entities.map((_, k) => k);
  return {
    starts: [data.passageStart, data.mentionStart, data.quoteStart].map((a) => [...a]),
    recency: [...data.recency],
    mentions: keys.map((k) => [...data.mentionsByEntity.of(k)]),
    quotes: keys.map((k) => [...data.quotesOf(k)]),
    passageIds: Array.from(data.model.passages.doc, (_, row) => data.passageId(row)),
    quoteIds: Array.from(data.model.quotes.doc, (_, row) => data.quoteId(row)),
  };
}

describe('openActive after appends, reusing the last load', () => {
  it('property: answers exactly as a fresh open of the same generation', async () => {
    const normal = growLimit.share;
    growLimit.share = Infinity; // the tables grow however small the corpus
    onTestFinished(() => void (growLimit.share = normal));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 7 }), fc.boolean(), async (ops, askFirst) => {
        const name = `reload-incremental-${run++}`;
        const writer = await CorpusStore.open({ name, lock: localLock() });
        const worker = await CorpusStore.open({ name, lock: localLock() });
        try {
          await writer.commit(makeTestPack());
          let query = new CorpusQuery((await worker.openActive())!.parts);
          if (askFirst) await answers(query);
          let n = 0;
          const added: string[] = [];
          const deleted: string[] = [];
          for (const step of ops) {
            const base = (await writer.readManifest())!;
            let entities: Entity[] = base.manifest.entities;
            if (step.kind === 'append') {
              // Again: a deleted document imported again (the importer dedupes live ones before appending).
              const id = step.again && deleted.length ? deleted.shift()! : `n${n++}`;
              const person = step.person === null ? null : NAMES[step.person]!;
              const { input, personId } = article(id, WORDS[step.word]!, person);
              if (personId && !entities.some((e) => e.id === personId))
                entities = [...entities, { id: personId, name: person!, type: 'person', aliases: [person!] }];
              if (step.alias)
                entities = entities.map((e) =>
                  e.id === 'tom-berg' ? { ...e, aliases: [...e.aliases, `Berg ${WORDS[step.word]}`] } : e,
                );
              await writer.withWriteLock(() => writer.append(input, { entities, extraction: emptyExtractionState() }));
              added.push(id);
            } else if (step.kind === 'rename') {
              const target = step.target % entities.length;
              await writer.withWriteLock(() =>
                writer.amend(() => ({
                  entities: entities.map((e, i) => (i === target ? { ...e, name: `Thomas ${e.name}` } : e)),
                })),
              );
            } else {
              const doc = added.filter((d) => !base.manifest.deleted.includes(d)).at(-1);
              if (!doc) continue;
              deleted.push(doc);
              await writer.withWriteLock(() =>
                writer.amend((b) => ({
                  entities,
                  deleted: [...b.manifest.deleted, doc],
                  counts: { ...b.counts, documents: b.counts.documents - 1 },
                })),
              );
            }
            // The worker reloads after every change and is asked questions (names index, vocabulary, blocks).
            query = new CorpusQuery((await worker.openActive())!.parts);
            await query.search(WORDS[step.kind === 'append' ? step.word : 0]!);
          }
          const fresh = await CorpusStore.open({ name, lock: localLock() });
          try {
            const restarted = new CorpusQuery((await fresh.openActive())!.parts);
            expect(await answers(query)).toEqual(await answers(restarted));
          } finally {
            fresh.close();
          }
        } finally {
          writer.close();
          worker.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
