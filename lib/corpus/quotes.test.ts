/**
 * Quotes, speakers and reported statements: one short invented case per error class of
 * issue #12 (honorific + surname, speech verbs and inverted cues, pronouns by gender, titles
 * before names, organisations, not-speech quote marks, short fragments, reported statements).
 */
import { describe, expect, it } from 'vitest';
import type { Knowledge, Quote } from '../pack/types';
import { isTitleLike } from './direct-quotes';
import { extractKnowledge } from './extract';
import { defaultLexicon } from './lexicon';

function run(text: string): Knowledge {
  return extractKnowledge([{ id: 'd0', title: '', text }], defaultLexicon);
}

/** The quote of `kind` whose text starts with `starts`. */
function quote(k: Knowledge, starts: string, kind: Quote['kind'] = 'direct'): Quote | undefined {
  return k.quotes.find((q) => q.kind === kind && q.text.startsWith(starts));
}

/** The name of the speaker of that quote: null when none, undefined when there is no such quote. */
function speaker(k: Knowledge, starts: string, kind: Quote['kind'] = 'direct'): string | null | undefined {
  const q = quote(k, starts, kind);
  if (!q) return undefined;
  return q.speakerId ? (k.entities.find((e) => e.id === q.speakerId)?.name ?? null) : null;
}

describe('honorific + surname', () => {
  it('gives "Ms. Surname said" to the full name met earlier', () => {
    const k = run('Diana Whitfield runs the clinic in Marlow.\n"We are full every night," Ms. Whitfield said.');
    expect(speaker(k, 'We are full')).toBe('Diana Whitfield');
  });

  it('reads Sen., Gov. and Dr. before a surname', () => {
    const k = run(
      'Oren Castellano chairs the committee. Mirela Voss runs the state.\n' +
        '"The bill is dead," Sen. Castellano said. "We will appeal," Gov. Voss told reporters.',
    );
    expect(speaker(k, 'The bill is dead')).toBe('Oren Castellano');
    expect(speaker(k, 'We will appeal')).toBe('Mirela Voss');
  });
});

describe('speech verbs and inverted cues', () => {
  it('takes verbs beyond said and told', () => {
    const k = run(
      'Tomas Brandt leads the union.\n"Nobody asked us," Brandt wrote on Tuesday.\n"Not again," Brandt quipped.',
    );
    expect(speaker(k, 'Nobody asked us')).toBe('Tomas Brandt');
    expect(speaker(k, 'Not again')).toBe('Tomas Brandt');
  });

  it('reads the verb before the speaker, with a title and an appositive', () => {
    const k = run(
      '"The vote was rigged," said Sen. Oren Castellano, who lost in March. "It will pass," insisted Mirela Voss, an aide.',
    );
    expect(speaker(k, 'The vote was rigged')).toBe('Oren Castellano');
    expect(speaker(k, 'It will pass')).toBe('Mirela Voss');
  });
});

describe('a cue after a question', () => {
  it('reads the cue after a quote that ends with a question mark', () => {
    const k = run('Tomas Brandt spoke at the rally.\n"Is that all there is?" Brandt said. "We need more!"');
    expect(speaker(k, 'Is that all there is')).toBe('Tomas Brandt');
    expect(speaker(k, 'We need more')).toBe('Tomas Brandt');
  });
});

describe('pronouns', () => {
  it('gives she to the last woman and he to the last man', () => {
    const k = run(
      'Tomas Brandt and Diana Whitfield met in Marlow on Monday.\n"It went well," she said.\n"We agreed on little," he said.',
    );
    expect(speaker(k, 'It went well')).toBe('Diana Whitfield');
    expect(speaker(k, 'We agreed on little')).toBe('Tomas Brandt');
  });

  it("uses the article's own Mr. and Ms. when the given name says nothing", () => {
    const k = run(
      'Kiran Aldous met Sasha Okonkwo. Ms. Okonkwo spoke first and Mr. Aldous listened.\n"I have doubts," he said.',
    );
    expect(speaker(k, 'I have doubts')).toBe('Kiran Aldous');
  });

  it('skips a person who is only the object of the sentence', () => {
    const k = run('Diana Whitfield praised Mirela Voss on Friday. "She did the work," she said.');
    expect(speaker(k, 'She did the work')).toBe('Diana Whitfield');
  });
});

describe('titles in front of a name', () => {
  it('gives the quote to the chairman, not to the candidate the title names', () => {
    const k = run(
      'Diana Whitfield is running for mayor.\n"We will win," Whitfield campaign chairman Tomas Brandt said.',
    );
    expect(speaker(k, 'We will win')).toBe('Tomas Brandt');
  });

  it('reads the role phrase as the subject of a clause before ", calling … \"…\""', () => {
    const k = run(
      'Diana Whitfield is running for mayor.\n' +
        'Whitfield campaign spokesman Tomas Brandt replied on Friday, calling the report "a smear."\n' +
        'Whitfield attacked Oren Castellano on Monday, calling his plan "a fantasy."',
    );
    expect(speaker(k, 'a smear')).toBe('Tomas Brandt');
    expect(speaker(k, 'a fantasy')).toBe('Diana Whitfield');
  });
});

describe('organisations as speakers', () => {
  it('gives a statement of an organisation to the organisation', () => {
    const k = run('"The plant is safe," the Ministry of Energy said in a statement.');
    expect(speaker(k, 'The plant is safe')).toBe('Ministry of Energy');
  });

  it('gives nobody the body of a statement an office issued about a person', () => {
    const k = run(
      'Diana Whitfield visited the plant. Her office said in a statement: "The governor thanks the workers."',
    );
    expect(speaker(k, 'The governor thanks')).toBeNull();
  });
});

describe('not speech', () => {
  it('does not take the title of a show or a book for a quote', () => {
    const k = run('Tomas Brandt said on "Morning Report With Ann Lee." that he reads "The Long Winter" twice a year.');
    expect(quote(k, 'Morning Report')).toBeUndefined();
    expect(quote(k, 'The Long Winter')).toBeUndefined();
    expect(isTitleLike('The Long Winter')).toBe(true);
    expect(isTitleLike('a total disaster')).toBe(false);
  });

  it("does not take a title closed with the sentence's comma for a quote, and reads the cue after it", () => {
    const k = run(
      'Oren Castellano sat down with us.\nOn Sunday on NBC\'s "Morning Report," Castellano said he had not "read the bill yet."\n' +
        'Lee said, "Never Again," and left.',
    );
    expect(quote(k, 'Morning Report')).toBeUndefined();
    expect(speaker(k, 'read the bill yet')).toBe('Oren Castellano');
    expect(quote(k, 'Never Again')).toBeDefined();
  });

  it('does not take a scare-quoted word after a determiner for speech when nobody speaks in the sentence', () => {
    const k = run(
      'Tomas Brandt won the seat.\nSix years ago he crushed the "establishment" candidate in the primary.\n' +
        'Brandt said the plan was a "disaster" for the town.',
    );
    expect(quote(k, 'establishment')).toBeUndefined();
    expect(speaker(k, 'disaster')).toBe('Tomas Brandt');
  });

  it('does not give a quote to a person named inside it', () => {
    const k = run('Diana Whitfield and Tomas Brandt debated.\n"Brandt has no plan," said Whitfield.');
    expect(speaker(k, 'Brandt has no plan')).toBe('Diana Whitfield');
  });

  it('does not give a scare-quoted word to anyone when no one says it', () => {
    const k = run('Reports on the tool used vary between a knife and a "sharp object".');
    // Not a quote at all (a scare quote after a determiner), or one without a speaker.
    expect(speaker(k, 'sharp object') ?? null).toBeNull();
  });
});

describe('short fragments', () => {
  it('gives a quoted fragment to the subject of its clause', () => {
    const k = run('Tomas Brandt insists the deal was "a disaster" for the town.');
    expect(speaker(k, 'a disaster')).toBe('Tomas Brandt');
  });

  it('gives a one-word quote inside a reported statement to its speaker', () => {
    const k = run('On Monday, Diana Whitfield said the plan was "reckless".');
    expect(speaker(k, 'reckless')).toBe('Diana Whitfield');
  });

  it('gives "described X as" and "what she called" fragments to the subject of the evaluative verb', () => {
    const k = run(
      'Tomas Brandt leads the union. Diana Whitfield runs the clinic.\n' +
        'On Friday Brandt dismissed the offer as "an insult to nurses." ' +
        'Whitfield later praised what she called "a brave compromise" in a letter.',
    );
    expect(speaker(k, 'an insult to nurses')).toBe('Tomas Brandt');
    expect(speaker(k, 'a brave compromise')).toBe('Diana Whitfield');
  });

  it('keeps names and terms after "so-called", "known as" or "a group called" out of the quotes', () => {
    const k = run(
      'Tomas Brandt backed the so-called "green levy" on Monday. He founded a group called "Nurses First" ' +
        'in a town known as "the Gate".',
    );
    expect(quote(k, 'green levy')).toBeUndefined();
    expect(quote(k, 'Nurses First')).toBeUndefined();
    expect(quote(k, 'the Gate')).toBeUndefined();
  });
});

describe('reported statements', () => {
  it('reads X said (that), X told Y that, X warned that', () => {
    const k = run(
      'Diana Whitfield said that the clinic would close in May. Tomas Brandt told reporters on Friday that the deal was dead. Mirela Voss warned that costs would rise.',
    );
    expect(speaker(k, 'the clinic would close', 'reported')).toBe('Diana Whitfield');
    expect(speaker(k, 'the deal was dead', 'reported')).toBe('Tomas Brandt');
    expect(speaker(k, 'costs would rise', 'reported')).toBe('Mirela Voss');
  });

  it('reads according to X, and an inverted cue at the end of the sentence', () => {
    const k = run(
      'According to Tomas Brandt, the talks failed over pensions. The union will strike in June, said Diana Whitfield, a spokeswoman.',
    );
    expect(speaker(k, 'the talks failed', 'reported')).toBe('Tomas Brandt');
    expect(speaker(k, 'The union will strike', 'reported')).toBe('Diana Whitfield');
  });

  it('reads "X did something and said …" as a statement of X', () => {
    const k = run('Tomas Brandt joined the board and said the union would grow.');
    expect(speaker(k, 'the union would grow', 'reported')).toBe('Tomas Brandt');
  });

  it('keeps a statement whose subject names no one, without a speaker', () => {
    const k = run('Most residents say the clinic should stay open.');
    expect(speaker(k, 'the clinic should stay', 'reported')).toBeNull();
  });

  it('does not take "helped found" or "agreed to" for a statement', () => {
    const k = run('Tomas Brandt helped found the union in 1990.');
    expect(k.quotes.filter((q) => q.kind === 'reported')).toEqual([]);
  });
});

describe('quote runs across paragraphs', () => {
  it('gives a paragraph that opens with an uncued quote to the previous paragraph’s speaker', () => {
    const k = run(
      'Diana Whitfield runs the clinic in Marlow.\n' +
        '"We are full every night," Whitfield said.\n' +
        '"Nobody in the county has more beds than we do."',
    );
    expect(speaker(k, 'Nobody in the county')).toBe('Diana Whitfield');
  });

  it('gives the quote after a paragraph ending with a colon to that paragraph’s subject', () => {
    const k = run('Tomas Brandt, the union leader, put it this way at the rally:\n"We will not go back to work."');
    expect(speaker(k, 'We will not go back')).toBe('Tomas Brandt');
  });

  it('does not carry a speaker over a paragraph without quotes', () => {
    const k = run(
      '"We are full every night," Diana Whitfield said.\n' +
        'The clinic opened in 1990 and has twelve beds.\n' +
        '"Nobody in the county has more beds than we do."',
    );
    expect(speaker(k, 'Nobody in the county')).toBeNull();
  });
});

describe('cue at the end of the sentence', () => {
  it('reads "…" in 2010, said Prof. Name.', () => {
    const k = run('Rents "rose faster than wages" in the last decade, said housing economist Tomas Brandt.');
    expect(speaker(k, 'rose faster than wages')).toBe('Tomas Brandt');
  });

  it('reads "…", party spokesman Name said on Monday.', () => {
    const k = run('The endorsement will carry "real weight" with voters, union spokesman Tomas Brandt said on Monday.');
    expect(speaker(k, 'real weight')).toBe('Tomas Brandt');
  });
});

describe('words after a quote that are no speaker', () => {
  it('reads past "with the plan but lamented" to the clause subject', () => {
    const k = run(
      'Gwen Harlow runs the clinic.\nHarlow said she was "pleased" with the plan but lamented that it came late.',
    );
    expect(speaker(k, 'pleased')).toBe('Gwen Harlow');
  });
});

describe('signature lines', () => {
  it('gives a quote to the "- Name." line under it, before any earlier speaker', () => {
    const k = run(
      'Tomas Brandt leads the union. Ann Lee runs the clinic.\n' +
        '"We will not go back to work," Brandt said.\n' +
        '"Rents are too high."\n' +
        '- Ann Lee, in a tweet.',
    );
    expect(speaker(k, 'Rents are too high')).toBe('Ann Lee');
  });
});

describe('inverted cue before the quote', () => {
  it('reads "Said Name," and "But, said Name," as the speaker of the quote that follows', () => {
    const k = run(
      'Tomas Brandt leads the union. Ann Lee runs the clinic.\n' +
        'The vote was close. Said Brandt, "We will not go back to work."\n' +
        'But, said Lee, "Rents are too high."',
    );
    expect(speaker(k, 'We will not go back')).toBe('Tomas Brandt');
    expect(speaker(k, 'Rents are too high')).toBe('Ann Lee');
  });

  it('does not take the listener of "told Name:" for the speaker', () => {
    const k = run('Ann Lee runs the clinic.\nLee told Channel Nine: "Rents are too high."');
    expect(speaker(k, 'Rents are too high')).toBe('Ann Lee');
  });
});

describe('fragments inside a reported statement', () => {
  it('gives a quoted fragment the speaker of the statement that holds it', () => {
    const k = run(
      'Paul Rider leads the House group.\n' +
        'On Thursday, Rider said he was "not ready" to back the plan, and suggested that the group needs to act.',
    );
    expect(speaker(k, 'he was', 'reported')).toBe('Paul Rider');
    expect(speaker(k, 'not ready')).toBe('Paul Rider');
  });
});

describe('fragments with no cue in a sentence', () => {
  it('gives the fragment to the subject the sentence opens with', () => {
    const k = run('Ann Lee runs the clinic.\nOn Monday, Lee, the director, blamed "the board" for the delay.');
    expect(speaker(k, 'the board')).toBe('Ann Lee');
  });

  it('does not give it to a possessor or to a name inside the sentence', () => {
    const k = run('Ann Lee runs the clinic.\nLee’s plan was "a disaster" for the town.');
    expect(speaker(k, 'a disaster')).toBeNull();
  });
});

describe('reported statements: more sources and cues', () => {
  it('keeps "…, according to <unnamed source>." as a statement without a speaker', () => {
    const k = run('The clinic will close two wards next year, according to people briefed on the plan.');
    expect(speaker(k, 'The clinic will close two wards', 'reported')).toBeNull();
  });

  it('reads ", saying (that) …" as a statement of the sentence’s subject', () => {
    const k = run('Ann Lee runs the clinic.\nLee endorsed the mayor on Monday, saying he had kept the wards open.');
    expect(speaker(k, 'he had kept the wards open', 'reported')).toBe('Ann Lee');
  });

  it('reads "…, <any short subject> said on Monday." as a statement', () => {
    const k = run('The plan failed, two people familiar with the talks said on Monday.');
    expect(speaker(k, 'The plan failed', 'reported')).toBeNull();
  });

  it('gives ", and said …" after a first clause to the sentence’s subject', () => {
    const k = run(
      'Ann Lee runs the clinic.\nShe blamed the delay on the board, and said the wards would reopen in May.',
    );
    expect(speaker(k, 'the wards would reopen', 'reported')).toBe('Ann Lee');
  });
});

describe('a cue later in the paragraph', () => {
  it('gives an uncued quote that opens a paragraph to the next quote’s cue, before the previous paragraph’s speaker', () => {
    const k = run(
      'Ann Lee runs the clinic. Tom Beck runs the shop.\n' +
        '"We are closed," Beck said.\n' +
        '"We are full." "Nobody has more beds," Lee said.',
    );
    expect(speaker(k, 'We are full')).toBe('Ann Lee');
  });
});

describe('statement speakers (issue #12, session 7)', () => {
  it('takes the name right before the cue past auxiliaries and adverbs, not the sentence’s first name', () => {
    const k = run(
      'Marta Quell and Idris Fenwick met in Dover. Fenwick talked about the harbour for an hour while Quell has repeatedly argued that the port needs a new crane.',
    );
    expect(speaker(k, 'the port needs', 'reported')).toBe('Marta Quell');
  });

  it('gives "X’s claim that …" to the possessor', () => {
    const k = run(
      'Idris Fenwick spoke first. Marta Quell’s repeated claim that the budget was balanced drew applause.',
    );
    expect(speaker(k, 'the budget was balanced', 'reported')).toBe('Marta Quell');
  });

  it('reads a subject before several appositives', () => {
    const k = run(
      'Oskar Lindqvist, chief executive of Brightwater, a shipping company in Oslo, said that the strike would end soon.\n' +
        'Ravi Anand, a trucker who drove through the storm, which closed the highway for days, said that the county ignored the warnings.',
    );
    expect(speaker(k, 'the strike would end', 'reported')).toBe('Oskar Lindqvist');
    expect(speaker(k, 'the county ignored', 'reported')).toBe('Ravi Anand');
  });

  it('gives a statement of "X and her lawyers" to X, and of "X or Y" to nobody', () => {
    const k = run(
      'Tessa Morrow and her lawyers have denied that the contract was forged.\nTessa Morrow or Ivo Brandt will argue that the vote was fair.',
    );
    expect(speaker(k, 'the contract was forged', 'reported')).toBe('Tessa Morrow');
    expect(speaker(k, 'the vote was fair', 'reported')).toBe(null);
  });

  it('reads an honorific before the subject the sentence opens with', () => {
    const k = run(
      'Hollis Grant owns the mill. On Friday, Mr. Grant had the air of a winner, noting that his rivals had spent twice as much.',
    );
    expect(speaker(k, 'his rivals had spent', 'reported')).toBe('Hollis Grant');
  });

  it('gives "according to the <Organisation>" to the organisation', () => {
    const k = run('Wage growth slowed in the spring, according to the Cardell Institute.');
    expect(speaker(k, 'Wage growth slowed', 'reported')).toBe('Cardell Institute');
  });
});

describe('the object of thanking, praising or telling is never the speaker', () => {
  it('skips the person being thanked when resolving "she"', () => {
    const k = run(
      'Governor Ana Ruiz toured the plant. Later, thanking Maria Fenn for her work, she said: “We could not have done it without the nurses.”',
    );
    expect(speaker(k, 'We could not have done it')).toBe('Ana Ruiz');
  });

  it('reads "said X after thanking Y" and "X, congratulating Y, said" as X', () => {
    const k = run(
      'Governor Ana Ruiz toured the plant with Maria Fenn. “We will win this,” said Ruiz after thanking Fenn.\n' +
        'Paul Okafor chairs the board. Ana Ruiz, congratulating Okafor on the vote, said: “The board made the right call.”',
    );
    expect(speaker(k, 'We will win this')).toBe('Ana Ruiz');
    expect(speaker(k, 'The board made the right call')).toBe('Ana Ruiz');
  });

  it('gives "the governor who praised X" no speaker rather than X', () => {
    const k = run('Maria Fenn runs the clinic. “The funds arrived just in time,” the governor who praised Fenn said.');
    expect(speaker(k, 'The funds arrived')).toBe(null);
  });

  it('does not read "the president of <an association>" or "a spokesman" as the last president or spokesman named', () => {
    const k = run(
      'President Dana Whitlock signed the order on Monday.\n' +
        '- The president of the Harbor Steel Association said: “We appreciate the focus on strong trade.”\n' +
        'Ivo Brandt, a spokesman for the mayor, spoke first. A spokesman said: “The budget is fine.”',
    );
    expect(speaker(k, 'We appreciate the focus')).toBe(null);
    expect(speaker(k, 'The budget is fine')).toBe(null);
  });

  it('does not take a list item under a quote for its signature', () => {
    const k = run(
      'Steel makers welcomed the order.\n- Family-owned Marlow Steel praised the move: “We hope for stable prices.”\n- President Dana Whitlock unveiled a plan for fair trade, making clear the rules would change.',
    );
    expect(speaker(k, 'We hope for stable prices')).toBe(null);
  });
});

describe('an uncued quote after a sentence of its paragraph', () => {
  it('takes the subject of the sentence before it', () => {
    const k = run(
      'The bakery opened in May.\nLuis Ortega runs the bakery. Ortega recalled his first winter in the city. "I had never seen snow."',
    );
    expect(speaker(k, 'I had never seen snow')).toBe('Luis Ortega');
  });

  it('takes nobody when that sentence opens with no name', () => {
    const k = run('Luis Ortega runs the bakery.\nThe oven broke down twice last week. "It is a disaster."');
    expect(speaker(k, 'It is a disaster')).toBe(null);
  });
});

describe('a person who only modifies the speaker', () => {
  it('does not give "the Lee campaign said" or "a Lee aide said" to Lee', () => {
    const k = run(
      'Dana Whitlock is running for governor. "We raised more than anyone," the Whitlock campaign said in a statement.\n' +
        '"No comment," a Whitlock aide said. The Whitlock campaign said that it would appeal the ruling.\n' +
        '"It was a fine speech," Whitlock spokesman Ivo Brandt said.',
    );
    expect(speaker(k, 'We raised more')).toBe(null);
    expect(speaker(k, 'No comment')).toBe(null);
    expect(speaker(k, 'it would appeal', 'reported')).toBe(null);
    expect(speaker(k, 'It was a fine speech')).toBe('Ivo Brandt');
  });
});

describe('cues around a quote that name nobody, and mixed quote marks', () => {
  it('keeps the cue before a fragment when the words after it name nobody', () => {
    const k = run('Diana Whitfield runs the clinic.\nWhitfield said "it breaks my heart" every time she thinks of it.');
    expect(speaker(k, 'it breaks my heart')).toBe('Diana Whitfield');
  });

  it('reads "…," and <verb> after a quote as the clause before it going on', () => {
    const k = run(
      'Tomas Brandt leads the union. In April, Brandt called the plans to open a $1.6 billion clinic in Marlow ' +
        '“an absolute disgrace,” and threatened to impose a 35 percent tax on imported drugs.',
    );
    expect(speaker(k, 'an absolute disgrace')).toBe('Tomas Brandt');
  });

  it('closes a straight opening mark with a curly closing one', () => {
    const k = run('Mirela Voss chairs the board.\n"We cannot wait another year,” said Mirela Voss, the chair.');
    expect(quote(k, 'We cannot wait another year')?.text).toBe('We cannot wait another year');
    expect(speaker(k, 'We cannot wait another year')).toBe('Mirela Voss');
  });

  it('reads "Said <Name>, who …," before a quote', () => {
    const k = run(
      'Ann Lee grew up on the farm, her brother said.\nSaid Ann Lee, who grew up there in the sixties, "We were all so proud."',
    );
    expect(speaker(k, 'We were all so proud')).toBe('Ann Lee');
  });

  it('skips the verb of a "when X …" clause for the verb of the sentence', () => {
    const k = run(
      'Diana Whitfield and Mirela Voss met.\nMs. Whitfield said that when Ms. Voss railed against the banks, "she spoke for all of us."',
    );
    expect(speaker(k, 'she spoke for all of us')).toBe('Diana Whitfield');
  });

  it('gives "Lee said, adding, \"…\"" to Lee, not to the sentence\'s first person', () => {
    const k = run(
      'Oren Castellano came with his son. Mirela Voss runs the hall.\n' +
        'Castellano left as soon as the meeting ended, Voss said, adding, "He never stayed long."',
    );
    expect(speaker(k, 'He never stayed long')).toBe('Mirela Voss');
  });

  it('reads "\"…\" that X can win, said Y" as Y\'s', () => {
    const k = run(
      'Tomas Brandt, Diana Whitfield and Oren Castellano met.\n' +
        '"It seems extremely unlikely" that Whitfield can beat Castellano, said Tomas Brandt, an adviser.',
    );
    expect(speaker(k, 'It seems extremely unlikely')).toBe('Tomas Brandt');
  });

  it('keeps a curly quote inside a straight one', () => {
    const k = run('Mirela Voss chairs the board.\n"They told us “no” again," said Mirela Voss.');
    expect(quote(k, 'They told us')?.text).toBe('They told us “no” again');
  });
});
