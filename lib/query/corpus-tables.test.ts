import { describe, expect, it } from 'vitest';
import { PACK_FORMAT, PACK_VERSION, type Entity, type Pack } from '../pack/types';
import { CorpusQuery } from './corpus-query';
import { entitySummary, findEntities, MAX_PAGE_SIZE, queryDocuments, queryEntities } from './corpus-tables';
import { makeTestPack } from './test-pack';

/**
 * `docs` documents; document i names entity 0 (“Marco Rubio”, in every one), entity 1 + i % 40 and,
 * every third document, entity 41 (“SecRubio”). Titles run backwards against dates, so the two sorts differ.
 */
function bigPack(docs: number): Pack {
  const entities: Entity[] = [
    { id: 'marco-rubio', name: 'Marco Rubio', type: 'person', aliases: ['Marco Rubio', 'Rubio'] },
    ...Array.from({ length: 40 }, (_, k) => ({
      id: `person-${k}`,
      name: `Person ${String(k).padStart(2, '0')}`,
      type: 'person' as const,
      aliases: [`Person ${String(k).padStart(2, '0')}`],
    })),
    { id: 'secrubio', name: 'SecRubio', type: 'organization', aliases: ['SecRubio'] },
    { id: 'rubiose', name: 'Rubiosé Ltd', type: 'organization', aliases: ['Rubiosé Ltd'] },
  ];
  const pack: Pack = {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    createdAt: '2024-01-01T00:00:00.000Z',
    generator: 'test',
    documents: [],
    passages: [],
    entities,
    mentions: [],
    quotes: [],
  };
  for (let i = 0; i < docs; i++) {
    const id = `doc-${String(i).padStart(4, '0')}`;
    const named = [entities[0]!, entities[1 + (i % 40)]!, ...(i % 3 === 0 ? [entities[41]!] : [])];
    const text = named.map((e) => e.name).join(' met ') + '.';
    pack.documents.push({
      id,
      title: `Briefing ${String(docs - i).padStart(4, '0')}`,
      date: `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      ...(i % 10 === 0 ? { source: 'White House' } : {}),
      text,
    });
    pack.passages.push({ id: `${id}#0`, docId: id, start: 0, end: text.length });
    for (const e of named) {
      const start = text.indexOf(e.name);
      pack.mentions.push({ entityId: e.id, docId: id, start, end: start + e.name.length });
    }
    pack.mentions.sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start);
    if (i % 5 === 0) {
      const start = text.indexOf(named[1]!.name);
      pack.quotes.push({
        id: `${id}:q0`,
        docId: id,
        kind: i % 10 === 0 ? 'direct' : 'reported',
        speakerId: named[1]!.id,
        text: named[1]!.name,
        start,
        end: start + named[1]!.name.length,
      });
    }
  }
  return pack;
}

const big = CorpusQuery.fromPack(bigPack(300)).data;
const small = CorpusQuery.fromPack(makeTestPack()).data;

describe('queryDocuments', () => {
  it('pages the newest first by default and says how many there are', () => {
    const page = queryDocuments(big, { limit: 50 });
    expect(page).toMatchObject({ total: 300, all: 300, offset: 0 });
    expect(page.rows).toHaveLength(50);
    const dates = page.rows.map((r) => r.date!);
    expect([...dates].sort().reverse()).toEqual(dates);
    // Ties (same date) are broken by title.
    const sameDay = page.rows.filter((r) => r.date === dates[0]).map((r) => r.title);
    expect([...sameDay].sort()).toEqual(sameDay);
  });

  it('walks every document exactly once across the pages', () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 300; offset += 70) {
      seen.push(...queryDocuments(big, { offset, limit: 70 }).rows.map((r) => r.id));
    }
    expect(new Set(seen).size).toBe(300);
  });

  it('sorts by any column in both directions', () => {
    const asc = queryDocuments(big, { sort: { by: 'title', descending: false }, limit: 3 }).rows.map((r) => r.title);
    expect(asc).toEqual(['Briefing 0001', 'Briefing 0002', 'Briefing 0003']);
    const desc = queryDocuments(big, { sort: { by: 'title', descending: true }, limit: 1 }).rows[0]!.title;
    expect(desc).toBe('Briefing 0300');
    const byEntities = queryDocuments(big, { sort: { by: 'entities', descending: true }, limit: 300 }).rows;
    expect(byEntities[0]!.entityCount).toBe(3);
    expect(byEntities.at(-1)!.entityCount).toBe(2);
    const byQuotes = queryDocuments(big, { sort: { by: 'quotes', descending: true }, limit: 1 }).rows[0]!;
    expect(byQuotes.quoteCount).toBe(1);
    const byStatements = queryDocuments(big, { sort: { by: 'statements', descending: true }, limit: 1 }).rows[0]!;
    expect(byStatements.statementCount).toBe(1);
  });

  it('filters by title or source, case and accents ignored, words in any order', () => {
    const wire = queryDocuments(big, { filter: 'white HOUSE' });
    expect(wire.total).toBe(30);
    expect(wire.all).toBe(300);
    expect(queryDocuments(big, { filter: 'house briefing 0300' }).rows.map((r) => r.id)).toEqual(['doc-0000']);
    expect(queryDocuments(big, { filter: 'nothing like this' })).toMatchObject({ total: 0, offset: 0, rows: [] });
  });

  it('moves an offset past the end back to the last page, and rounds it to a page start', () => {
    expect(queryDocuments(big, { offset: 10_000, limit: 50 })).toMatchObject({ offset: 250, total: 300 });
    expect(queryDocuments(big, { offset: 73, limit: 50 }).offset).toBe(50);
    expect(queryDocuments(big, { filter: 'white house', offset: 100, limit: 20 }).offset).toBe(20);
  });

  it('caps a page at the largest size', () => {
    expect(queryDocuments(big, { limit: 10_000 }).rows).toHaveLength(Math.min(300, MAX_PAGE_SIZE));
  });

  it('gives the counts the old full list gave', () => {
    expect(queryDocuments(small).rows).toEqual(CorpusQuery.fromPack(makeTestPack()).documents());
  });
});

describe('queryEntities', () => {
  it('pages the most mentioned first, ties by name', () => {
    const page = queryEntities(big, { limit: 5 });
    expect(page.total).toBe(43);
    expect(page.rows[0]).toMatchObject({
      id: 'marco-rubio',
      mentionCount: 300,
      documentCount: 300,
      aliases: ['Rubio'],
    });
    expect(page.rows[1]).toMatchObject({ id: 'secrubio', mentionCount: 100, documentCount: 100 });
    expect(page.rows.slice(2).map((r) => r.name)).toEqual(['Person 00', 'Person 01', 'Person 02']);
  });

  it('reaches an entity beyond the first page', () => {
    const last = queryEntities(big, { offset: 40, limit: 20 });
    expect(last.offset).toBe(40);
    expect(last.rows.map((r) => r.id)).toEqual(['person-38', 'person-39', 'rubiose']);
  });

  it('filters by name or alias and sorts by name, type or counts', () => {
    expect(queryEntities(big, { filter: 'rubio' }).rows.map((r) => r.id)).toEqual([
      'marco-rubio',
      'secrubio',
      'rubiose',
    ]);
    expect(queryEntities(small, { filter: 'ruiz' }).rows.map((r) => r.id)).toEqual(['ana-ruiz']);
    const byName = queryEntities(big, { sort: { by: 'name', descending: false }, limit: 2 }).rows.map((r) => r.name);
    expect(byName).toEqual(['Marco Rubio', 'Person 00']);
    const byType = queryEntities(big, { sort: { by: 'type', descending: false }, limit: 1 }).rows[0]!;
    expect(byType.type).toBe('organization');
    const byQuotes = queryEntities(big, { sort: { by: 'quotes', descending: true }, limit: 1 }).rows[0]!;
    expect(byQuotes.quoteCount).toBeGreaterThan(0);
    expect(queryEntities(small, { filter: 'lima' }).rows[0]).toMatchObject({ hidden: true });
  });

  it('finds one entity by id, with its description', () => {
    expect(entitySummary(small, 'ana-ruiz')).toMatchObject({ name: 'Ana Ruiz', description: 'negotiator' });
    expect(entitySummary(small, 'nobody')).toBeNull();
  });
});

describe('findEntities', () => {
  it('offers any entity, best match first, the merged one left out', () => {
    expect(findEntities(big, 'rubio').map((e) => e.id)).toEqual(['marco-rubio', 'rubiose', 'secrubio']);
    expect(findEntities(big, 'Marco Rubio')[0]!.id).toBe('marco-rubio');
    expect(findEntities(big, 'rubio', 10, 'marco-rubio').map((e) => e.id)).toEqual(['rubiose', 'secrubio']);
    expect(findEntities(big, 'person 39').map((e) => e.id)).toEqual(['person-39']);
    expect(findEntities(big, '  ')).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(findEntities(big, 'person', 5)).toHaveLength(5);
  });
});
