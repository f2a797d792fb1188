import { describe, expect, it } from 'vitest';
import {
  idFromFileName,
  isoDate,
  leadingTitle,
  markdownToText,
  normalizeParagraphs,
  stripInlineMarkdown,
} from './text';

describe('normalizeParagraphs', () => {
  it('keeps one paragraph per line when the text has no blank lines', () => {
    expect(normalizeParagraphs('First line.\r\nSecond  line.\n')).toBe('First line.\nSecond line.');
  });

  it('joins hard-wrapped lines when blank lines separate paragraphs', () => {
    expect(normalizeParagraphs('Wrapped\nsentence here.\n\n\nNext\n  paragraph.')).toBe(
      'Wrapped sentence here.\nNext paragraph.',
    );
  });

  it('starts a new paragraph at each list item', () => {
    expect(normalizeParagraphs('Intro:\n\n- one\n  more\n- two')).toBe('Intro:\n- one more\n- two');
  });

  it('turns odd spaces into plain ones and drops zero-width characters', () => {
    expect(normalizeParagraphs('\ufeffA\u00a0B\u200bC\tD')).toBe('A BC D');
  });

  it('returns an empty string for whitespace only', () => {
    expect(normalizeParagraphs(' \n\t\n ')).toBe('');
  });
});

describe('stripInlineMarkdown', () => {
  it('removes emphasis, code, links and images but keeps their text', () => {
    expect(stripInlineMarkdown('**Kerry** met _Lavrov_ in [Geneva](https://x.org/(a)) `now` ![map](m.png)')).toBe(
      'Kerry met Lavrov in Geneva now ',
    );
  });

  it('leaves underscores inside words alone', () => {
    expect(stripInlineMarkdown('snake_case_name')).toBe('snake_case_name');
  });

  it('unescapes escaped markup characters', () => {
    expect(stripInlineMarkdown('5 \\* 3 \\_ok\\_')).toBe('5 * 3 _ok_');
  });
});

describe('markdownToText', () => {
  it('takes the first level-1 heading as the title and leaves it out of the text', () => {
    expect(markdownToText('# Talks in Geneva\n\nLavrov met Kerry.')).toEqual({
      title: 'Talks in Geneva',
      text: 'Lavrov met Kerry.',
    });
  });

  it('reads a setext heading and keeps later headings as paragraphs', () => {
    expect(markdownToText('Talks\n=====\n\nBody.\n\nMore\n----\n\nEnd.')).toEqual({
      title: 'Talks',
      text: 'Body.\nMore\nEnd.',
    });
  });

  it('reads the front matter date and title', () => {
    expect(markdownToText('---\ntitle: "Front"\ndate: 2016-09-12T10:00\n---\nBody.')).toEqual({
      title: 'Front',
      date: '2016-09-12',
      text: 'Body.',
    });
  });

  it('joins a paragraph wrapped over lines even when markup spans the break', () => {
    expect(markdownToText('The **slush\nfund** was\nused.').text).toBe('The slush fund was used.');
  });

  it('makes list items, block quotes and table rows paragraphs', () => {
    const md = '- one\n- two\n\n> quoted\n> on.\n\n| a | b |\n|---|---|\n| c | d |';
    expect(markdownToText(md).text).toBe('one\ntwo\nquoted on.\na — b\nc — d');
  });

  it('keeps the lines of fenced code and drops rules and reference definitions', () => {
    expect(markdownToText('```\nx = 1\ny = 2\n```\n\n---\n\n[ref]: https://x.org\nEnd.').text).toBe(
      'x = 1\ny = 2\nEnd.',
    );
  });
});

describe('idFromFileName', () => {
  it('drops folders and the extension and keeps a lower-case slug', () => {
    expect(idFromFileName('/x/Lavrov talks (2016).md')).toBe('lavrov-talks-2016');
  });

  it('folds accents and falls back to "doc"', () => {
    expect(idFromFileName('Genève.html')).toBe('geneve');
    expect(idFromFileName('!!!.txt')).toBe('doc');
  });
});

describe('leadingTitle', () => {
  it('takes a short first line that is not a sentence', () => {
    expect(leadingTitle('Convoys wait\nTrucks waited.')).toBe('Convoys wait');
  });

  it('refuses a sentence or a single-paragraph text', () => {
    expect(leadingTitle('Trucks waited.\nMore.')).toBeUndefined();
    expect(leadingTitle('Only one line')).toBeUndefined();
  });
});

describe('isoDate', () => {
  it('cuts timestamps to the date and refuses other formats', () => {
    expect(isoDate('2016-09-10T08:30:00Z')).toBe('2016-09-10');
    expect(isoDate('2016-09')).toBe('2016-09');
    expect(isoDate('10 Sept 2016')).toBeUndefined();
    expect(isoDate(null)).toBeUndefined();
  });
});
