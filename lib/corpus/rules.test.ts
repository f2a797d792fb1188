/** One small hand-written case per extraction rule. Names are invented or generic. */
import { describe, expect, it } from 'vitest';
import type { Knowledge } from '../pack/types';
import { compileLexicon } from './compiled-lexicon';
import { extractKnowledge } from './extract';
import { defaultLexicon } from './lexicon';
import { splitParagraphs, splitSentences, tokenize } from './segment';

function run(...texts: string[]): Knowledge {
  return extractKnowledge(
    texts.map((text, i) => ({ id: `d${i}`, title: '', text })),
    defaultLexicon,
  );
}
function speaker(k: Knowledge, starts: string): string | null | undefined {
  const q = k.quotes.find((x) => x.text.startsWith(starts));
  if (!q) return undefined;
  return q.speakerId ? k.entities.find((e) => e.id === q.speakerId)!.name : null;
}
const byAlias = (k: Knowledge, a: string) => k.entities.find((e) => e.aliases.includes(a));

describe('segmentation', () => {
  const lex = compileLexicon(defaultLexicon);
  const sentences = (text: string): string[] => {
    const p = splitParagraphs(text)[0]!;
    return splitSentences(text, p, tokenize(text, p, lex.abbreviations), [], lex.starters).map((s) =>
      text.slice(s.start, s.end),
    );
  };

  it('does not end sentences at abbreviations', () => {
    expect(sentences('Gen. Smith met Dr. Jones on Sept. 9 in the U.S. capital. They talked.')).toEqual([
      'Gen. Smith met Dr. Jones on Sept. 9 in the U.S. capital.',
      'They talked.',
    ]);
  });

  it('ends a sentence after U.S. when a new sentence clearly starts', () => {
    expect(sentences('He flew to the U.S. The talks began.')).toHaveLength(2);
  });

  it('gives trimmed paragraphs with offsets', () => {
    const text = '  First para. \n\nSecond para.\n';
    expect(splitParagraphs(text).map((p) => text.slice(p.start, p.end))).toEqual(['First para.', 'Second para.']);
  });
});

describe('entities', () => {
  it('keeps particles, hyphens and diacritics in names', () => {
    const k = run(
      'Jabhat Fateh al-Sham fighters left Nagorno-Karabakh. Later, Mohammad bin Salman met Recep Tayyip Erdoğan in Gdańsk.',
    );
    for (const n of [
      'Jabhat Fateh al-Sham',
      'Nagorno-Karabakh',
      'Mohammad bin Salman',
      'Recep Tayyip Erdoğan',
      'Gdańsk',
    ]) {
      expect(byAlias(k, n), n).toBeDefined();
    }
    expect(byAlias(k, 'Gdańsk')?.type).toBe('place');
  });

  it('leaves the possessive out of the mention', () => {
    const text = "Russia’s envoy met Marta Kowalski. Kowalski's plan was rejected.";
    const k = run(text);
    const spans = k.mentions.map((m) => text.slice(m.start, m.end));
    expect(spans).toContain('Russia');
    expect(spans.filter((s) => s === 'Kowalski')).toHaveLength(1);
  });

  it('does not take sentence-initial words, months or days for names', () => {
    const k = run('However, the talks in Vienna resumed on Monday, September 9. Previously, nobody came.');
    expect(k.entities.map((e) => e.name)).toEqual(['Vienna']);
  });

  it('joins a surname to its full name and transliteration variants', () => {
    const k = run('Foreign Minister Sergey Petrov arrived. Petrov spoke first.', 'Sergei Petrov left early.');
    const e = byAlias(k, 'Petrov');
    expect(e?.aliases).toEqual(expect.arrayContaining(['Sergey Petrov', 'Sergei Petrov', 'Petrov']));
    expect(e?.description).toBe('Foreign Minister');
  });

  it('keeps two people who share a surname apart and attaches a bare surname to the latest', () => {
    const text = 'Joe Biden spoke first. Then Hunter Biden arrived. Biden said nothing.';
    const k = run(text);
    const joe = byAlias(k, 'Joe Biden')!;
    const hunter = byAlias(k, 'Hunter Biden')!;
    expect(joe.id).not.toBe(hunter.id);
    const bare = k.mentions.find((m) => text.slice(m.start, m.end) === 'Biden');
    expect(bare?.entityId).toBe(hunter.id);
  });

  it('links a parenthetical acronym and a former name', () => {
    const k = run(
      'The Federal Security Service (FSB) said so. The FSB declined to comment.',
      'Fighters of Hayat al-Jadid (the former Jund al-Haqq) withdrew.',
    );
    expect(byAlias(k, 'FSB')?.aliases).toContain('Federal Security Service');
    expect(byAlias(k, 'Hayat al-Jadid')?.aliases).toContain('Jund al-Haqq');
  });

  it('splits a place or a party adjective off the person named after it', () => {
    const k = run(
      'The Senator from Vermont Bernie Quill won. Republican Kevin Marsh agreed, and Quill thanked Marsh in Vermont.',
    );
    expect(byAlias(k, 'Bernie Quill')?.type).toBe('person');
    expect(byAlias(k, 'Kevin Marsh')?.type).toBe('person');
    expect(byAlias(k, 'Vermont')?.type).toBe('place');
    expect(k.entities.map((e) => e.name)).not.toContain('Vermont Bernie Quill');
    expect(k.entities.map((e) => e.name)).not.toContain('Republican Kevin Marsh');
  });

  it('keeps a known place whole when it opens a sentence', () => {
    const k = run('New York Gov. Marta Quill said the new plan works. New Zealand agreed, and the news was new.');
    expect(byAlias(k, 'New Zealand')?.type).toBe('place');
    expect(byAlias(k, 'Marta Quill')?.description).toBe('New York Gov.');
    expect(k.entities.map((e) => e.name)).not.toContain('Zealand');
  });

  it('types a surname with an inner capital as a person', () => {
    const k = run('Brett McGurk met Ana DeSoto. McGurk and DeSoto spoke.');
    expect(byAlias(k, 'Brett McGurk')?.type).toBe('person');
    expect(byAlias(k, 'Ana DeSoto')?.type).toBe('person');
  });

  it('applies curated aliases', () => {
    const k = run('Daesh lost ground, and ISIS fighters fled.');
    expect(byAlias(k, 'Daesh')?.id).toBe(byAlias(k, 'ISIS')?.id);
  });
});

describe('descriptions', () => {
  it('reads titles before names and appositives after them', () => {
    const k = run(
      'Syrian President Omar Haddad met Republican candidate Jane Porter. Ivan Gromov, professor of history at Kazan University, said it was late.',
    );
    expect(byAlias(k, 'Omar Haddad')?.description).toBe('Syrian President');
    expect(byAlias(k, 'Jane Porter')?.description).toBe('Republican candidate');
    expect(byAlias(k, 'Ivan Gromov')?.description).toBe('professor of history at Kazan University');
  });
});

describe('direct quotes', () => {
  it('attributes both halves of a quote split around its cue', () => {
    const k = run('"What is so sad for me", Selin Cengiz said, "is not the loss but the silence."');
    expect(speaker(k, 'What is so sad')).toBe('Selin Cengiz');
    expect(speaker(k, 'is not the loss')).toBe('Selin Cengiz');
  });

  it('reads guillemets and curly quotes', () => {
    const k = run('«We stay here until the end», said Marie Lefort. Anna Berg said: “We will not leave the city.”');
    expect(speaker(k, 'We stay here')).toBe('Marie Lefort');
    expect(speaker(k, 'We will not leave')).toBe('Anna Berg');
  });

  it('takes the subject of a colon introduction, not the outlet told', () => {
    const k = run('Senator Harry Reid hit back, telling the Nevada Independent: "This is a disgrace to the state."');
    expect(speaker(k, 'This is a disgrace')).toBe('Harry Reid');
  });

  it('never takes the object of "speaking to" as the speaker', () => {
    const k = run(
      'Tom Alder has led the agency for a decade.',
      'Speaking to Martin Smith of PBS, he said: "We are not going anywhere soon."',
    );
    expect(speaker(k, 'We are not going')).not.toBe('Martin Smith');
    const k2 = run(
      'Tom Alder has led the agency for a decade. Speaking to Martin Smith of PBS, he said: "We are not going anywhere soon."',
    );
    expect(speaker(k2, 'We are not going')).toBe('Tom Alder');
  });

  it('resolves "he" and "the expert" to the last fitting person', () => {
    const k = run(
      'Minister Paul Grant spoke first. Olga Reis, a senior analyst at the Baltic Institute, disagreed.\n"The plan will fail within a year," the expert said.\n"It is too late for that now," he told Reuters.',
    );
    expect(speaker(k, 'The plan will fail')).toBe('Olga Reis');
  });

  it('keeps a quote continuing into the next paragraph with its speaker', () => {
    const k = run(
      '"We started this work in spring and we will finish it,\n"because people need the road," said Mark Dunn.',
    );
    expect(speaker(k, 'We started this work')).toBe('Mark Dunn');
  });

  it('ignores titles, so-called names and quotes of an article', () => {
    const k = run(
      'Recommended: "Making sense of the new ceasefire in the region"\nThe so-called "Joint Working Group." met.\nThe group "should coordinate operations of both sides" in future, the article read.',
    );
    expect(k.quotes.filter((q) => q.speakerId !== null)).toEqual([]);
  });
});

describe('reported statements', () => {
  it.each([
    ['Lena Holt said that the bridge would open in May.', 'the bridge would open'],
    ['Lena Holt, in turn, noted that the bridge would open in May.', 'the bridge would open'],
    ['According to Lena Holt, the bridge would open in May.', 'the bridge would open'],
    ['The bridge would open in May, Lena Holt said.', 'The bridge would open'],
    ['In turn, Lena Holt stressed that the bridge would open in May.', 'the bridge would open'],
  ])('%s', (text, clause) => {
    const k = run(text);
    const q = k.quotes.find((x) => x.kind === 'reported');
    expect(q?.text.startsWith(clause)).toBe(true);
    expect(q?.speakerId).toBe(byAlias(k, 'Lena Holt')?.id);
  });

  it('resolves "She also said that" to the last person', () => {
    const k = run('Lena Holt opened the bridge. She also said that traffic would be light.');
    expect(k.quotes.find((x) => x.kind === 'reported')?.speakerId).toBe(byAlias(k, 'Lena Holt')?.id);
  });
});

describe('what is not a name', () => {
  it('skips headings in capitals, blobs and runs too long to be one name', () => {
    const k = run(
      'MEMORANDUM FOR THE VICE PRESIDENT THE SECRETARY OF STATE THE SECRETARY OF DEFENSE\n\n' +
        'Icon PHN2ZyBmaWxsPSJub25lIiBoZWlnaHQ9IjEyIiB2aWV3Ym94PSIwIDAgMTIgMTIi appears.\n\n' +
        'Marta Quill met Oren Vale on Friday.',
    );
    expect(k.entities.map((e) => e.name).sort()).toEqual(['Marta Quill', 'Oren Vale']);
    expect(k.entities.every((e) => e.id.length <= 80)).toBe(true);
  });

  it('skips an office named without its holder', () => {
    const k = run(
      'The Prime Minister met Marta Quill. Quill spoke with the Vice President and the Republican Senate Majority Leader.',
    );
    expect(k.entities.map((e) => e.name)).toEqual(['Marta Quill']);
  });

  it('skips lone initials', () => {
    const k = run('Marta Quill (D) and Oren Vale (R) voted, S. said. Vale spoke to M at noon.');
    expect(k.entities.map((e) => e.name).sort()).toEqual(['Marta Quill', 'Oren Vale']);
  });

  it('skips words in capitals that the text writes lowercase, but keeps acronyms', () => {
    const k = run(
      'Marta Quill spoke. FACT SHEET: Quill Expands Access. In fact, the fact sheet and the plain sheet are facts.',
      'ICE agents met Quill. The ICE office opened, and ICE said the ice rink was closed.',
    );
    const names = k.entities.map((e) => e.name);
    expect(names).not.toContain('FACT SHEET');
    expect(names).toContain('ICE');
    expect(names).toContain('Marta Quill');
  });

  it('skips a capitalised common word, not a capitalised surname', () => {
    const k = run(
      'Marta Quill met Oren Cook. Cook said the day was long. Day after day, Cook worked. ' +
        'Later, Cook and Quill spent the day together; the day ended. Day came again.',
    );
    const names = k.entities.map((e) => e.name);
    expect(names).not.toContain('Day');
    expect(byAlias(k, 'Cook')?.name).toBe('Oren Cook');
  });

  it('takes no common word out of a longer Title Case name', () => {
    const k = run(
      'Marta Quill won the National Medal of Science and a Master of Science. She taught science for years.',
      'Oren Vale called for an end to the War on Drugs. The war on drugs, Vale said, failed. ' +
        'He joined the Hope and Renewal Party, saying hope was scarce.',
      'The cast of Lord of the Rings met in Wellington. Three gold rings were sold.',
    );
    const names = k.entities.map((e) => e.name);
    for (const piece of ['Science', 'War', 'Drugs', 'Rings', 'Hope']) expect(names).not.toContain(piece);
    expect(names).toEqual(expect.arrayContaining(['Marta Quill', 'Oren Vale', 'Wellington']));
  });

  it('keeps a name after "of" that the text never writes in lowercase', () => {
    const k = run('Lena Okafor of Tarnova spoke on Monday. The mayor of Tarnova agreed. Okafor smiled.');
    expect(k.entities.map((e) => e.name)).toContain('Tarnova');
  });

  it('gives a given name alone to the person of its document, or to no entity', () => {
    const k = run(
      'Robert Quill ran for office in 1968. Robert was killed that June, and his brother mourned.',
      'A judge sentenced David and Nina Vale to prison. David cried.',
    );
    const names = k.entities.map((e) => e.name);
    expect(byAlias(k, 'Robert')?.name).toBe('Robert Quill');
    expect(names).not.toContain('Robert');
    expect(names).not.toContain('David');
    expect(names).toContain('Nina Vale');
  });

  it('keeps a given name the text treats as a person', () => {
    const k = run('"We will pray for peace," Pope Francis said on Sunday. Francis spoke from a balcony.');
    expect(speaker(k, 'We will pray')).toBe('Francis');
  });
});

describe('mentions', () => {
  it('does not give a shared surname to whoever was named last by a given name alone', () => {
    const text = 'Sally Quill arrived. Quill waved. Her husband Oren Quill followed. Sally smiled, and Quill spoke.';
    const k = run(text);
    const last = k.mentions.filter((m) => text.slice(m.start, m.end) === 'Quill').at(-1)!;
    expect(k.entities.find((e) => e.id === last.entityId)?.name).toBe('Oren Quill');
    const sally = k.mentions.find((m) => text.slice(m.start, m.end) === 'Sally');
    expect(k.entities.find((e) => e.id === sally?.entityId)?.name).toBe('Sally Quill');
  });
});
