/**
 * Extraction on real articles it was not written for: five Wikinews stories
 * (fixtures/wikinews-sample.json, Wikinews, CC BY 2.5), labelled by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Entity } from '../pack/types';
import { extractKnowledge } from './extract';
import fixture from './fixtures/wikinews-sample.json';
import { defaultLexicon } from './lexicon';

const k = extractKnowledge(fixture.documents, defaultLexicon);

function entity(alias: string): Entity | undefined {
  return k.entities.find((e) => e.aliases.includes(alias));
}

/** Speaker name of the quote whose text starts with `starts`, or null / 'missing'. */
function speakerOf(starts: string): string | null {
  const q = k.quotes.find((x) => x.text.startsWith(starts));
  if (!q) return 'missing';
  return q.speakerId ? (k.entities.find((e) => e.id === q.speakerId)?.name ?? null) : null;
}

describe('Wikinews sample: entities', () => {
  it.each([
    ['Paweł Adamowicz', 'Adamowicz', 'person'],
    ['Joachim Brudziński', 'Brudziński', 'person'],
    ['Donald Tusk', 'Tusk', 'person'],
    ['Andrzej Duda', 'Duda', 'person'],
    ['Nancy Pelosi', 'Pelosi', 'person'],
    ['Volodymyr Zelensky', 'Zelensky', 'person'],
    ['Ali Soufan', 'Soufan', 'person'],
    ['British Transport Police', 'BTP', 'organization'],
    ['Transport for London', 'TfL', 'organization'],
  ])('clusters %s with %s as a %s', (full, short, type) => {
    const e = entity(full);
    expect(e?.aliases).toContain(short);
    expect(e?.type).toBe(type);
  });

  it.each([
    ['Gdańsk', 'place'],
    ['London', 'place'],
    ['NASA', 'organization'],
    ['Associated Press', 'organization'],
    ['Elon Musk', 'person'],
    ['Darren Gough', 'person'],
  ])('types %s as %s', (name, type) => {
    expect(entity(name)?.type).toBe(type);
  });

  it('keeps Joe Biden and Hunter Biden apart', () => {
    expect(entity('Joe Biden')?.id).not.toBe(entity('Hunter Biden')?.id);
  });

  it('does not make a person of the sentence-initial word or the date line', () => {
    for (const w of ['Monday', 'Tuesday', 'September', 'Yesterday', 'Specifically', 'Previously'])
      expect(entity(w)).toBeUndefined();
  });

  it.each([
    ['Joachim Brudziński', 'Interior Minister'],
    ['Mateusz Morawiecki', 'Prime Minister'],
    ['Nancy Pelosi', 'Speaker of the House of Representatives'],
    ['Volodymyr Zelensky', 'Ukrainian president'],
    ['Darren Gough', 'Detective Inspector'],
    ['Ali Soufan', 'terrorism specialist'],
    ['Jim Bridenstine', 'NASA administrator'],
    ['Paweł Adamowicz', 'mayor'],
  ])('describes %s as %s', (name, desc) => {
    expect(entity(name)?.description?.toLowerCase()).toContain(desc.toLowerCase());
  });
});

describe('Wikinews sample: quotes', () => {
  it.each([
    ["Let's all pray for Mayor Adamowicz", 'Donald Tusk'],
    ['I can’t find the words', 'Joachim Brudziński'],
    ['We are with Mayor Adamowicz', 'Mateusz Morawiecki'],
    ['Today I am unconditionally with him', 'Andrzej Duda'],
    ['The next hours will decide everything', 'Tomasz Stefaniak'],
    ['We couldn’t win', 'Łukasz Szumowski'],
    ['[T]he House of Representatives is moving forward', 'Nancy Pelosi'],
    ['Until the full House votes', 'Doug Collins'],
    ['Hamza bin Ladin, the high-ranking', 'Donald Trump'],
    ['This is a truly tragic incident', 'Darren Gough'],
    ['An urgent enquiry into what happened', 'Sadiq Khan'],
    ["It's fun working with a new partner", 'Bill Gerstenmaier'],
    ["To be frank I'm a little emotionally exhausted", 'Elon Musk'],
    ['We have to dock to the station', 'Elon Musk'],
  ])('attributes "%s…" to %s', (starts, speaker) => {
    expect(speakerOf(starts)).toBe(speaker);
  });

  it('attributes words quoted from the Constitution to no person', () => {
    const s = speakerOf('Treason, Bribery');
    expect(s === null || s === 'missing' || entity(s)?.type !== 'person').toBe(true);
  });

  it('does not attribute scare quotes ("sharp tool")', () => {
    expect(k.quotes.some((q) => q.text === 'sharp tool' && q.speakerId)).toBe(false);
  });

  it('gives a word quoted inside a reported statement to its speaker ("Brudziński said … a "serious" condition")', () => {
    expect(k.entities.find((e) => e.id === k.quotes.find((q) => q.text === 'serious')?.speakerId)?.name).toBe(
      'Joachim Brudziński',
    );
  });

  it('finds reported statements with speakers', () => {
    const hits = k.quotes.filter((q) => q.kind === 'reported' && q.speakerId);
    const by = (starts: string): string | undefined =>
      k.entities.find((e) => e.id === hits.find((q) => q.text.startsWith(starts))?.speakerId)?.name;
    expect(by('Adamowicz required resuscitation')).toBe('Joachim Brudziński');
    expect(by('Hamza bridged a generational gap')).toBe('Ali Soufan');
  });
});
