/**
 * Entity typing, one short invented case per error class seen on labelled news
 * (issue #12): clubs, "X said", nationality adjectives, datelines, headlines,
 * products, editorial markers, fragments of a miscapitalised name.
 */
import { describe, expect, it } from 'vitest';
import type { Knowledge } from '../pack/types';
import { extractKnowledge } from './extract';
import { defaultLexicon } from './lexicon';

function run(...texts: string[]): Knowledge {
  return extractKnowledge(
    texts.map((text, i) => ({ id: `d${i}`, title: '', text })),
    defaultLexicon,
  );
}
const typeOf = (k: Knowledge, alias: string): string | undefined =>
  k.entities.find((e) => e.aliases.includes(alias))?.type;
const names = (k: Knowledge): string[] => k.entities.flatMap((e) => e.aliases);

describe('entity types on news', () => {
  it('types sports clubs as organisations', () => {
    const k = run(
      'Dunmore United beat Halsey Rovers 2-1 on Saturday. Later, Carrow Athletic drew 0-0 with Pelham FC at home.',
    );
    for (const club of ['Dunmore United', 'Halsey Rovers', 'Carrow Athletic', 'Pelham FC'])
      expect(typeOf(k, club), club).toBe('organization');
  });

  it('takes "Jordan said" for the person named earlier, not the country', () => {
    const k = run('Point guard Mikel Jordan scored twice. "We played well," Jordan said after the game.');
    const e = k.entities.find((x) => x.aliases.includes('Mikel Jordan'));
    expect(e?.type).toBe('person');
    expect(e?.aliases).toContain('Jordan');
  });

  it('does not take nationality adjectives for places', () => {
    const k = run(
      'Belgian police questioned Chinese and Kenyan officials. The Dutch minister and Peruvian farmers came.',
    );
    for (const adj of ['Belgian', 'Chinese', 'Kenyan', 'Dutch', 'Peruvian']) expect(names(k), adj).not.toContain(adj);
  });

  it('types an all-capitals dateline as a place', () => {
    const k = run(
      'LIMASSOL 1996-12-06\nPolice said on Friday that two men were held.',
      'TORVIK, Norway (Reuters) - Ferries stopped.',
    );
    expect(typeOf(k, 'LIMASSOL')).toBe('place');
    expect(typeOf(k, 'TORVIK')).toBe('place');
  });

  it('does not take the words of a title-case headline for names', () => {
    const k = run(
      'Police Arrest Two Suspects After Harbour Robbery\nPolice said on Tuesday that two suspects were held after a robbery at the harbour. The robbery was reported by a guard.',
    );
    expect(names(k)).not.toContain('Police Arrest');
    expect(names(k)).not.toContain('Harbour Robbery');
    expect(names(k)).not.toContain('Suspects');
  });

  it('does not type software or a product as a place from "in X"', () => {
    const k = run(
      'The bug was fixed in Quillix 4.2. Users of Quillix 4 can upgrade. It also appears in Quillix and in Norvane 7.',
    );
    expect(typeOf(k, 'Quillix')).not.toBe('place');
  });

  it('skips an editorial marker in double parentheses', () => {
    const k = run('Officials spoke to ((WN)) reporters on Monday. ((WN)) asked them about the vote.');
    expect(names(k)).not.toContain('WN');
  });

  it('does not take the first word of a miscapitalised name for an entity', () => {
    const k = run('The so-called Joint monitoring Group will meet. Its members come from both armies.');
    expect(names(k)).not.toContain('Joint');
  });

  it('does not join a country to the name after "of"', () => {
    const k = run('The recognition by the U.S. of Harakat Nour al-Din as a terrorist group was welcomed.');
    expect(names(k)).not.toContain('U.S. of Harakat Nour al-Din');
    expect(names(k)).toContain('Harakat Nour al-Din');
  });

  it('does not link a dateline to the agency in parentheses', () => {
    const k = run(
      'DENVER (AP) — Snow closed roads.',
      'BOISE (AP) — Rain fell. The Associated Press counted the votes.',
    );
    expect(typeOf(k, 'Associated Press')).toBe('organization');
    expect(typeOf(k, 'DENVER')).toBe('place');
  });

  it('does not take an abbreviated month for a name', () => {
    const k = run('The vote is on 21 Nov 2024, and the count on Dec 3.');
    expect(names(k)).not.toContain('Nov');
    expect(names(k)).not.toContain('Dec');
  });
});
