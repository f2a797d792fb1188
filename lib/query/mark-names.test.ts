import { describe, expect, it } from 'vitest';
import type { Entity } from '../pack/types';
import { markNames, surnameOf } from './mark-names';

const person = (id: string, name: string, aliases: string[] = [name]): Entity => ({
  id,
  name,
  type: 'person',
  aliases,
});
const texts = (entities: Entity[], id: string): string[] =>
  markNames(entities)
    .filter((n) => n.entityId === id)
    .map((n) => n.text)
    .sort();

describe('markNames', () => {
  it('adds the surname of a person known only by a full name', () => {
    expect(texts([person('dt', 'Dana Tolliver')], 'dt')).toEqual(['Dana Tolliver', 'Tolliver']);
  });

  it('does not add a surname two persons share, or one another entity has', () => {
    const entities = [
      person('ab', 'Anna Brask'),
      person('hb', 'Hugo Brask'),
      person('mj', 'Mira Jordal'),
      { id: 'jordal', name: 'Jordal', type: 'place' as const, aliases: ['Jordal'] },
    ];
    expect(texts(entities, 'ab')).toEqual(['Anna Brask']);
    expect(texts(entities, 'mj')).toEqual(['Mira Jordal']);
  });

  it('does not add a surname that is a month or a day ("May" is a date on most pages)', () => {
    expect(texts([person('cm', 'Carla May')], 'cm')).toEqual(['Carla May']);
    expect(texts([person('rs', 'Rhea Sunday')], 'rs')).toEqual(['Rhea Sunday']);
  });

  it('never marks a bare given name of a person', () => {
    expect(texts([person('pk', 'Peter Kolb', ['Peter Kolb', 'Peter', 'Kolb'])], 'pk')).toEqual(['Kolb', 'Peter Kolb']);
  });

  it('marks a one-word name several entities share only for the one it names for sure', () => {
    const entities: Entity[] = [
      person('bk', 'Bram Kessel', ['Bram Kessel', 'Kessel']),
      person('hk', 'Hanne Kessel', ['Hanne Kessel', 'Kessel']),
      person('dv', 'Dirk Vossen', ['Dirk Vossen', 'Vossen']),
      person('mv', 'Mila Vossen', ['Mila Vossen', 'Vossen']),
      { id: 'ostra', name: 'Ostra', type: 'place', aliases: ['Ostra'] },
      person('po', 'Pia Ostra', ['Pia Ostra', 'Ostra']),
    ];
    // Bram 5 and Hanne 4 mentions: "Kessel" names neither for sure. Dirk 40, Mila 3: Dirk.
    const mentions = [5, 4, 40, 3, 1, 50];
    const marked = (id: string) =>
      markNames(entities, (i) => mentions[i]!)
        .filter((n) => n.entityId === id)
        .map((n) => n.text)
        .sort();
    expect(marked('bk')).toEqual(['Bram Kessel']);
    expect(marked('hk')).toEqual(['Hanne Kessel']);
    expect(marked('dv')).toEqual(['Dirk Vossen', 'Vossen']);
    expect(marked('mv')).toEqual(['Mila Vossen']);
    // The place is named "Ostra": it keeps the word, however often the person is mentioned.
    expect(marked('ostra')).toEqual(['Ostra']);
    expect(marked('po')).toEqual(['Pia Ostra']);
    // Without mention counts, a shared word marks only the entity whose name it is.
    expect(texts(entities, 'dv')).toEqual(['Dirk Vossen']);
  });

  it('leaves hidden entities out', () => {
    expect(markNames([{ ...person('x', 'Dana Tolliver'), hidden: true }])).toEqual([]);
  });
});

describe('surnameOf', () => {
  it('skips suffixes and refuses initials and short words', () => {
    expect(surnameOf('Martin Luther King Jr.')).toBe('King');
    expect(surnameOf('Kim Jong Un')).toBeUndefined();
    expect(surnameOf('George W.')).toBeUndefined();
    expect(surnameOf('Obama')).toBeUndefined();
  });
});
