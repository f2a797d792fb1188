// What a published pack may cost pages: limits checked when it is accepted, and
// a cap on the names sent to pages whatever the corpus grew to.
import { describe, expect, it } from 'vitest';
import type { Entity, Mention, Pack } from '../pack/types';
import { toPackFile } from '../pack/file';
import { compactPack } from '../pack/model';
import { CorpusQuery, type CorpusParts } from '../query/corpus-query';
import { makeTestPack } from '../query/test-pack';
import { fetchPack } from './fetch-pack';
import { checkPackCost } from './pack-cost';

/** A pack with `count` entities of `aliases` names each, entity `i` mentioned `count - i` times… up to a point. */
function bigPack(count: number, aliases = 2): Pack {
  const base = makeTestPack();
  const text = 'x'.repeat(100);
  const entities: Entity[] = Array.from({ length: count }, (_, i) => ({
    id: `e${i}`,
    name: `Name ${i}`,
    type: 'person',
    aliases: Array.from({ length: aliases }, (_, a) => (a === 0 ? `Name ${i}` : `Alias ${a} of ${i}`)),
  }));
  // Entity i is mentioned once when i is odd, never when it is even: the cap keeps the odd ones.
  const mentions: Mention[] = entities
    .filter((_, i) => i % 2 === 1)
    .map((e) => ({ entityId: e.id, docId: 'big', start: 0, end: 1 }));
  return {
    ...base,
    documents: [{ id: 'big', title: 'Big', text }],
    passages: [{ id: 'big#0', docId: 'big', start: 0, end: text.length }],
    entities,
    mentions,
    quotes: [],
  };
}

/** The query side without search indexes: `names` needs only the model (as after a worker restart). */
const namesOf = (pack: Pack) =>
  new CorpusQuery({
    model: compactPack(pack),
    indexes: undefined as unknown as CorpusParts['indexes'],
    texts: () => Promise.resolve([]),
  }).names().names;

const serve =
  (body: string): typeof fetch =>
  () =>
    Promise.resolve(new Response(body, { status: 200 }));

describe('pack cost', () => {
  it(
    'refuses a subscribed pack of 200,000 entities with a message that says what to do',
    { timeout: 60_000 },
    async () => {
      const file = toPackFile({ ...makeTestPack(), mentions: [], quotes: [] });
      const entities = Array.from({ length: 200_000 }, (_, i) => ({
        id: `e${i}`,
        name: `Name ${i}`,
        type: 'person',
        aliases: [`Name ${i}`],
      }));
      const body = JSON.stringify({ ...file, entities });
      const sub = { id: 's1', url: 'https://news.example/huge.json', addedAt: '' };
      await expect(fetchPack(sub, serve(body))).rejects.toThrow(
        /200,000 entities, more than the 100,000 .*ask the publisher for a smaller pack/,
      );
    },
  );

  it('accepts a pack the size of the 10,000-briefing corpus (80,000 names)', () => {
    expect(checkPackCost(bigPack(40_000, 2), 'briefings.json')).toBeNull();
  });

  it('refuses too many names, an entity with hundreds of aliases, an absurdly long name', () => {
    expect(checkPackCost(bigPack(50_000, 3), 'p')).toMatch(/150,000 names and aliases/);
    const wide = bigPack(10, 1);
    wide.entities[3]!.aliases = Array.from({ length: 500 }, (_, i) => `A${i}`);
    expect(checkPackCost(wide, 'p')).toMatch(/"e3" has 501 names/);
    const long = bigPack(10, 1);
    long.entities[2]!.aliases.push('y'.repeat(5000));
    expect(checkPackCost(long, 'p')).toMatch(/5,000 characters/);
  });

  it('sends pages at most 120,000 names, the most mentioned entities first', { timeout: 60_000 }, () => {
    const names = namesOf(bigPack(130_000, 1));
    expect(names.length).toBeLessThanOrEqual(120_000);
    expect(names.length).toBeGreaterThanOrEqual(119_000);
    // All 65,000 mentioned entities are kept; unmentioned ones fill the rest.
    const kept = new Set(names.map((n) => n.entityId));
    expect([...Array(65_000).keys()].every((k) => kept.has(`e${2 * k + 1}`))).toBe(true);
  });

  it('sends every name of a corpus under the cap', () => {
    expect(namesOf(bigPack(40_000, 2))).toHaveLength(80_000);
  });
});
