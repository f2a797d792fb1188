/**
 * The entity table stored as columns (restart cost, issue #14): it decodes to exactly the
 * entities it was made of, a table the columns cannot hold is refused (stored as objects),
 * and a table base written by the builds before (objects) still opens, folds its deltas and
 * is rewritten as columns on the next base write.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyExtractionState } from '../corpus/increment';
import type { Entity } from '../pack/types';
import { CorpusQuery } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { CorpusStore } from './corpus-store';
import { openCorpusDatabase } from './db';
import { decodeEntities, encodeEntities, type EntityColumns } from './entity-columns';
import { localLock } from './lock';
import { article } from './test-articles';
import type { ManifestRecord } from './types';

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const entity: fc.Arbitrary<Entity> = fc.record(
  {
    id: text,
    name: text,
    type: fc.constantFrom('person', 'organization', 'place', 'other'),
    aliases: fc.array(text, { maxLength: 4 }),
    description: text,
    hidden: fc.boolean(),
  },
  { requiredKeys: ['id', 'name', 'type', 'aliases'] },
);

describe('encodeEntities / decodeEntities', () => {
  it('property: decodes to exactly the entities encoded (fields, absent fields, empty strings, any characters)', () => {
    fc.assert(
      fc.property(fc.array(entity, { maxLength: 40 }), (entities) => {
        const columns = encodeEntities(entities);
        expect(columns).not.toBeNull();
        const back = decodeEntities(structuredClone(columns!));
        // Spread: compared as plain objects (own fields, absent ones absent), whatever prototype fast-check gave.
        expect(back.map((e) => ({ ...e }))).toStrictEqual(entities.map((e) => ({ ...e })));
      }),
      { numRuns: 200 },
    );
  }, 30_000); // 2–3 s idle; a loaded shared machine was seen to pass 5 s

  it('refuses a table with a field the columns do not hold (the caller stores objects)', () => {
    const odd = { id: 'a', name: 'A', type: 'person', aliases: ['A'], note: 'x' } as unknown as Entity;
    expect(encodeEntities([odd])).toBeNull();
    expect(encodeEntities([{ id: 'a', name: 'A', type: 'person', aliases: [1 as unknown as string] }])).toBeNull();
  });

  it('refuses damaged columns with an error instead of a wrong table', () => {
    const columns = encodeEntities([{ id: 'a', name: 'A', type: 'person', aliases: ['A', 'Ay'] }])!;
    const damaged: EntityColumns = { ...columns, aliasEnd: new Uint32Array([1]) };
    expect(() => decodeEntities(damaged)).toThrow(/do not fit together/);
  });
});

/** The active generation's manifest and its table base record. */
async function tableBase(name: string): Promise<{ manifest: ManifestRecord; data: Record<string, unknown> }> {
  const db = await openCorpusDatabase(name);
  const active = (await db.get('meta', 'active')) as { generation: string };
  const manifest = (await db.get('chunks', [active.generation, 0]))!.data as ManifestRecord;
  const data = (await db.get('chunks', [manifest.table.base, 0]))!.data as Record<string, unknown>;
  db.close();
  return { manifest, data };
}

/** The test pack with 60 more entities: big enough that one append writes a delta, not a new base. */
function biggerPack() {
  const pack = makeTestPack();
  const more = Array.from({ length: 60 }, (_, i): Entity => ({
    id: `p-${i}`,
    name: `Person Number${i}`,
    type: 'person',
    aliases: [`Person Number${i}`],
  }));
  return { ...pack, entities: [...pack.entities, ...more] };
}

describe('CorpusStore table base as columns', () => {
  it('writes the table base as columns and reads it back', async () => {
    const name = 'entity-columns-new';
    const store = await CorpusStore.open({ name, lock: localLock() });
    await store.commit(makeTestPack());
    const { data } = await tableBase(name);
    expect(data).toHaveProperty('columns');
    expect(data).not.toHaveProperty('entities');
    expect((await store.readManifest())!.manifest.entities).toEqual(makeTestPack().entities);
    expect((await store.openActive())!.parts.model.entities).toEqual(makeTestPack().entities);
  });

  it('opens a table base of objects (what earlier builds wrote), folds deltas over it, and writes columns next time', async () => {
    const name = 'entity-columns-old';
    const store = await CorpusStore.open({ name, lock: localLock() });
    await store.commit(biggerPack());
    // Make the stored base what 232b594 wrote: `{ kind: 'table', entities }`.
    const { manifest } = await tableBase(name);
    const db = await openCorpusDatabase(name);
    const record = (await db.get('chunks', [manifest.table.base, 0]))!;
    await db.put('chunks', { ...record, data: { kind: 'table', entities: biggerPack().entities } });
    db.close();
    expect((await tableBase(name)).data).not.toHaveProperty('columns');

    const reopened = await CorpusStore.open({ name, lock: localLock() });
    const opened = (await reopened.openActive())!;
    expect(opened.parts.model.entities).toEqual(biggerPack().entities);
    // An append over the old base writes a delta; readers fold it over the objects.
    const who: Entity = { id: 'p-new', name: 'Ilse Varga', type: 'person', aliases: ['Ilse Varga'] };
    const table = [...biggerPack().entities, who];
    await reopened.withWriteLock(() =>
      reopened.append(article('n1'), { entities: table, extraction: emptyExtractionState() }),
    );
    const after = await tableBase(name);
    expect(after.manifest.table.base).toBe(manifest.table.base);
    expect(after.manifest.table.deltas).toHaveLength(1);
    expect((await reopened.readManifest())!.manifest.entities).toEqual(table);
    const query = new CorpusQuery((await reopened.openActive())!.parts);
    expect((await query.search('Varga')).hits.some((h) => h.kind === 'entity' && h.entity.id === 'p-new')).toBe(true);
    // The next base write (a full write here) stores the table as columns.
    const pack = (await reopened.readActive())!.pack;
    await reopened.commit(pack);
    const rewritten = await tableBase(name);
    expect(rewritten.manifest.table.base).not.toBe(manifest.table.base);
    expect(rewritten.data).toHaveProperty('columns');
    expect((await reopened.readManifest())!.manifest.entities).toEqual(table);
  });
});
