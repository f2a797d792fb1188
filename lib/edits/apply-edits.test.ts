import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTestPack } from '../query/test-pack';
import { ENTITY_TYPES } from '../pack/types';
import { applyEdits } from './apply-edits';
import type { Edit } from './types';

const pack = makeTestPack();
const entity = (data: ReturnType<typeof makeTestPack>, id: string) => data.entities.find((e) => e.id === id);

describe('applyEdits', () => {
  it('renames an entity, keeping its id and the old name as an alias', () => {
    const out = applyEdits(pack, [{ op: 'rename', entityId: 'tom-berg', name: 'Thomas Berg' }]);
    expect(entity(out, 'tom-berg')).toMatchObject({
      name: 'Thomas Berg',
      aliases: ['Thomas Berg', 'Tom Berg', 'Berg'],
    });
  });

  it('merges one entity into another: aliases, mentions and quote speakers follow', () => {
    const out = applyEdits(pack, [{ op: 'merge', from: 'tom-berg', into: 'ana-ruiz' }]);
    expect(entity(out, 'tom-berg')).toBeUndefined();
    expect(entity(out, 'ana-ruiz')?.aliases).toEqual(['Ana Ruiz', 'Ruiz', 'Tom Berg', 'Berg']);
    expect(out.mentions.filter((m) => m.entityId === 'ana-ruiz')).toHaveLength(4);
    expect(out.quotes.map((q) => q.speakerId)).toEqual(['ana-ruiz', 'ana-ruiz']);
  });

  it('removes an alias and the mentions written with it', () => {
    const out = applyEdits(pack, [{ op: 'alias-', entityId: 'ana-ruiz', alias: 'Ruiz' }]);
    expect(entity(out, 'ana-ruiz')?.aliases).toEqual(['Ana Ruiz']);
    expect(out.mentions.filter((m) => m.entityId === 'ana-ruiz')).toHaveLength(1);
  });

  it('never removes the name itself from the aliases', () => {
    const out = applyEdits(pack, [{ op: 'alias-', entityId: 'ana-ruiz', alias: 'Ana Ruiz' }]);
    expect(entity(out, 'ana-ruiz')?.aliases).toContain('Ana Ruiz');
  });

  it('hides and unhides, the last one winning', () => {
    const hidden = applyEdits(pack, [{ op: 'hide', entityId: 'tom-berg' }]);
    expect(entity(hidden, 'tom-berg')?.hidden).toBe(true);
    const shown = applyEdits(pack, [
      { op: 'hide', entityId: 'lima' },
      { op: 'unhide', entityId: 'lima' },
    ]);
    expect(entity(shown, 'lima')?.hidden).toBeUndefined();
  });

  it('edits document metadata and removes a field set to null', () => {
    const out = applyEdits(pack, [
      { op: 'docMeta', docId: 'd2', change: { title: 'Truce holds', source: null, url: 'https://x.test/a' } },
    ]);
    const { text: _text, ...meta } = out.documents[1]!;
    expect(meta).toEqual({ id: 'd2', title: 'Truce holds', date: '2020-02-03', url: 'https://x.test/a' });
  });

  it('deletes a document with its passages, mentions and quotes, and entities only it named', () => {
    const out = applyEdits(pack, [{ op: 'docDelete', docId: 'd1' }]);
    expect(out.documents.map((d) => d.id)).toEqual(['d2']);
    expect(out.passages.every((p) => p.docId === 'd2')).toBe(true);
    expect(out.quotes.map((q) => q.id)).toEqual(['d2:q0']);
    expect(out.entities.map((e) => e.id)).toEqual(['tom-berg', 'lima']);
  });

  it('skips edits of ids that are not in the corpus', () => {
    const out = applyEdits(pack, [
      { op: 'rename', entityId: 'nobody', name: 'X' },
      { op: 'merge', from: 'nobody', into: 'tom-berg' },
      { op: 'docDelete', docId: 'zzz' },
    ]);
    expect(out).toEqual(pack);
  });

  it('gives the same name whether a rename comes before or after the merge into it', () => {
    const before = applyEdits(pack, [
      { op: 'rename', entityId: 'ana-ruiz', name: 'A. Ruiz' },
      { op: 'merge', from: 'tom-berg', into: 'ana-ruiz' },
    ]);
    const after = applyEdits(pack, [
      { op: 'merge', from: 'tom-berg', into: 'ana-ruiz' },
      { op: 'rename', entityId: 'tom-berg', name: 'A. Ruiz' },
    ]);
    expect(entity(after, 'ana-ruiz')?.name).toBe('A. Ruiz');
    expect(after.entities).toEqual(before.entities);
  });

  it('does not form a cycle when two entities are merged both ways', () => {
    const out = applyEdits(pack, [
      { op: 'merge', from: 'tom-berg', into: 'ana-ruiz' },
      { op: 'merge', from: 'ana-ruiz', into: 'tom-berg' },
    ]);
    expect(out.entities.map((e) => e.id)).toEqual(['ana-ruiz', 'lima']);
  });
});

const ids = ['ana-ruiz', 'tom-berg', 'lima', 'ghost'];
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    op: fc.constant('rename' as const),
    entityId: fc.constantFrom(...ids),
    name: fc.constantFrom('X', 'Y', 'Berg'),
  }),
  fc.record({
    op: fc.constant('type' as const),
    entityId: fc.constantFrom(...ids),
    type: fc.constantFrom(...ENTITY_TYPES),
  }),
  fc.record({
    op: fc.constantFrom('alias+' as const, 'alias-' as const),
    entityId: fc.constantFrom(...ids),
    alias: fc.constantFrom('Ruiz', 'Berg', 'Lima', 'Tom Berg', 'Q'),
  }),
  fc.record({ op: fc.constant('merge' as const), from: fc.constantFrom(...ids), into: fc.constantFrom(...ids) }),
  fc.record({ op: fc.constantFrom('hide' as const, 'unhide' as const), entityId: fc.constantFrom(...ids) }),
  fc.record({
    op: fc.constant('docMeta' as const),
    docId: fc.constantFrom('d1', 'd2'),
    change: fc.record({ title: fc.constantFrom('T1', 'T2') }),
  }),
  fc.record({ op: fc.constant('docDelete' as const), docId: fc.constantFrom('d1', 'd2', 'd3') }),
);

describe('applyEdits properties', () => {
  it('applying the log twice is the same as once', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 12 }), (log) => {
        const once = applyEdits(makeTestPack(), log);
        expect(applyEdits(once, log)).toEqual(once);
      }),
    );
  });

  it('keeps every mention and quote pointing at an entity and a document that exist', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 12 }), (log) => {
        const out = applyEdits(makeTestPack(), log);
        const entities = new Set(out.entities.map((e) => e.id));
        const docs = new Set(out.documents.map((d) => d.id));
        for (const m of out.mentions) expect(entities.has(m.entityId) && docs.has(m.docId)).toBe(true);
        for (const q of out.quotes)
          expect(docs.has(q.docId) && (q.speakerId === null || entities.has(q.speakerId))).toBe(true);
        for (const e of out.entities) expect(e.aliases).toContain(e.name);
      }),
    );
  });

  it('does not change the input', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 12 }), (log) => {
        const input = makeTestPack();
        applyEdits(input, log);
        expect(input).toEqual(makeTestPack());
      }),
    );
  });
});
