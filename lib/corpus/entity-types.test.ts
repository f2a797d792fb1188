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

/** Mentions of `k` in `text` (document d0) as "surface:type", in text order (what a CoNLL-style scorer reads). */
function typedMentions(k: Knowledge, text: string, docId = 'd0'): string[] {
  const typeOfId = new Map(k.entities.map((e) => [e.id, e.type]));
  return k.mentions
    .filter((m) => m.docId === docId)
    .sort((a, b) => a.start - b.start)
    .map((m) => `${text.slice(m.start, m.end)}:${typeOfId.get(m.entityId)}`);
}

describe('entity types on wire news (CoNLL-style error classes)', () => {
  it('takes the names of a results line for teams, the first one included', () => {
    const k = run(
      'Results on Saturday:\nPellow 2 Carrick 1\nDunmore Athletic 0 Pellow 1\nCarrick 3 Dunmore Athletic 3',
    );
    for (const club of ['Pellow', 'Carrick', 'Dunmore Athletic']) expect(typeOf(k, club), club).toBe('organization');
  });

  it('takes the subject and object of a result verb with a score for teams', () => {
    const k = run('Tolbury beat Wrenford 3-1 on Saturday, and Mossley drew 0-0 with Ashgrove.');
    for (const club of ['Tolbury', 'Wrenford', 'Mossley', 'Ashgrove'])
      expect(typeOf(k, club), club).toBe('organization');
  });

  it('does not take the section label of a headline in capitals for a place, and finds its names', () => {
    const text =
      'RUGBY - TOLBURY STUN WRENFORD IN CUP .\nTolbury beat Wrenford 21-20 on Saturday. Tolbury had lost three games.';
    const k = run(text);
    expect(names(k)).not.toContain('RUGBY');
    expect(typedMentions(k, text).slice(0, 2)).toEqual(['TOLBURY:organization', 'WRENFORD:organization']);
  });

  it('keeps a post-nominal out of the name', () => {
    const k = run('Judge Peter Anscombe QC said the case was closed. Prosecutor Nora Vell QC agreed.');
    expect(names(k)).toContain('Peter Anscombe');
    expect(names(k)).toContain('Nora Vell');
    expect(names(k).some((n) => n.includes('QC'))).toBe(false);
  });

  it('reads a month after a given name as a surname', () => {
    const k = run('Carla May, the party leader, resigned. She had met Omar June on 3 May.');
    expect(typeOf(k, 'Carla May')).toBe('person');
    expect(typeOf(k, 'Omar June')).toBe('person');
  });

  it('does not join "of <country>" to the name after a title', () => {
    const k = run('President Omar Haddad of Tarvia said the border would open.');
    expect(names(k)).toContain('Omar Haddad');
    expect(names(k)).not.toContain('Omar Haddad of Tarvia');
  });

  it('types wars, cups and conventions as other', () => {
    const k = run(
      'Veterans of the Korvan War met at the Baltic Cup final. The Liberty National Convention opened on Monday.',
    );
    for (const n of ['Korvan War', 'Baltic Cup', 'Liberty National Convention']) expect(typeOf(k, n), n).toBe('other');
  });

  it('types head-first place names ("Gulf of …") and a name before "region" as places', () => {
    const k = run('Tankers crossed the Gulf of Tarsa and the Strait of Meloy. Floods hit the Kessel region.');
    expect(typeOf(k, 'Gulf of Tarsa')).toBe('place');
    expect(typeOf(k, 'Strait of Meloy')).toBe('place');
    expect(typeOf(k, 'Kessel')).toBe('place');
  });

  it('types a name by its appositive noun', () => {
    const k = run('Prosecutors accused him of trying to extort Veltrix, an athletic equipment company.');
    expect(typeOf(k, 'Veltrix')).toBe('organization');
  });

  it('keeps a known legislature and an outlet whose name ends in "News"', () => {
    const k = run('Congress passed the bill on Friday, Tarvon News reported.');
    expect(typeOf(k, 'Congress')).toBe('organization');
    expect(typeOf(k, 'Tarvon News')).toBe('organization');
  });

  it('knows given names from the gender list', () => {
    // "Banks" is a common word too: without the given name the pair would count as a brand.
    const k = run('Rosa Banks joined the board on Monday. The banks were closed.');
    expect(typeOf(k, 'Rosa Banks')).toBe('person');
  });

  it('names the country that opens a title, and no office without its holder', () => {
    const text =
      'Former United States Representative Omar Haddad died. A former United States Representative spoke. The President of the United States Carla Vell praised him.';
    const k = run(text);
    expect(typedMentions(k, text)).toEqual([
      'United States:place',
      'Omar Haddad:person',
      'United States:place',
      'United States:place',
      'Carla Vell:person',
    ]);
  });

  it('takes a "House of …" for an organisation', () => {
    const k = run('She served twenty years in the House of Representatives and then in the House of Elders.');
    expect(typeOf(k, 'House of Representatives')).toBe('organization');
    expect(typeOf(k, 'House of Elders')).toBe('organization');
  });
});

describe('sports lines', () => {
  it('reads a results line with a bracket after it', () => {
    const k = run('Tolbury 0 Wrenford 1 (halftime 0-0)\nMossley 2 Ashgrove 2 (halftime 1-2)');
    for (const club of ['Tolbury', 'Wrenford', 'Mossley', 'Ashgrove'])
      expect(typeOf(k, club), club).toBe('organization');
  });

  it('splits a playing position off the name', () => {
    const k = run('Midfielder Tomas Reyl scored twice. Goalkeeper Ivo Marsh saved a penalty.');
    expect(names(k)).toContain('Tomas Reyl');
    expect(names(k)).toContain('Ivo Marsh');
    expect(typeOf(k, 'Tomas Reyl')).toBe('person');
  });
});
