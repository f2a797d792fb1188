// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BLOCK_SEPARATOR, TextWalker, collectText } from './text-index';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}
const blocks = (html: string): string[] => new TextWalker(body(html)).next().map((c) => c.text);

describe('TextWalker', () => {
  it('joins a name split over inline elements into one string', () => {
    expect(blocks('<p><b>Sergey</b> <a href="#">Lav<span>rov</span></a> said</p>')).toEqual(['Sergey Lavrov said']);
  });

  it('keeps blocks apart', () => {
    expect(blocks('<div>Sergey</div><div>Lavrov</div><ul><li>a</li><li>b</li></ul>')).toEqual([
      'Sergey',
      'Lavrov',
      'a',
      'b',
    ]);
  });

  it('separates text around br and nested blocks', () => {
    expect(blocks('<div>Sergey<br>Lavrov<p>inner</p>tail</div>')).toEqual(['Sergey', 'Lavrov', 'inner', 'tail']);
  });

  it('skips scripts, styles, form fields, templates and hidden elements', () => {
    expect(
      blocks(
        '<p>a<script>Lavrov()</script><style>.x{}</style><noscript>n</noscript>b</p>' +
          '<textarea>t</textarea><input value="v"><select><option>o</option></select>' +
          '<template><p>tp</p></template><p hidden>h</p><span hidden>h2</span>',
      ),
    ).toEqual(['ab']);
  });

  it('skips editable regions and our own UI', () => {
    expect(
      blocks(
        '<div contenteditable="true"><p>edit</p></div><div contenteditable>e2</div><div data-dossier-ui>ui</div><p>ok</p>',
      ),
    ).toEqual(['ok']);
  });

  it('reads contenteditable="false" content', () => {
    expect(blocks('<div contenteditable="false">read</div>')).toEqual(['read']);
  });

  it('skips blocks hidden with display:none', () => {
    expect(blocks('<div style="display:none">gone</div><p>shown</p>')).toEqual(['shown']);
  });

  it('drops whitespace-only blocks', () => {
    expect(blocks('<div>\n  </div><p> x </p>')).toEqual([' x ']);
    // Unicode spaces count as whitespace; a text after a whitespace run of the same block keeps every node.
    expect(blocks('<ul>\n <li>\u00a0\u2003</li>\n <li>a</li>\n</ul><p>\n <b>Sergey</b> Lavrov</p>')).toEqual([
      'a',
      '\n Sergey Lavrov',
    ]);
    const chunks = new TextWalker(body('<p>\n <b>Sergey</b> Lavrov</p><div>\n</div><p>x</p>')).next();
    expect(chunks.map((c) => [c.nodes.map((n) => n.data), c.starts])).toEqual([
      [
        ['\n ', 'Sergey', ' Lavrov'],
        [0, 2, 8],
      ],
      [['x'], [0]],
    ]);
  });

  it('records each text node with its offset', () => {
    const [chunk] = new TextWalker(body('<p>ab<b>cd</b>ef</p>')).next();
    expect(chunk!.nodes.map((n) => n.data)).toEqual(['ab', 'cd', 'ef']);
    expect(chunk!.starts).toEqual([0, 2, 4]);
  });

  it('reports open shadow roots', () => {
    const host = body('<div id="h"></div>').querySelector('#h')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>inside</p>';
    const walker = new TextWalker(document.body);
    walker.next();
    expect(walker.subRoots).toEqual([shadow]);
    expect(new TextWalker(shadow).next().map((c) => c.text)).toEqual(['inside']);
  });

  it('does not report the shadow root of a hidden block without children', () => {
    const host = body('<div id="h" style="display:none"></div>').querySelector('#h')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>inside</p>';
    const walker = new TextWalker(document.body);
    walker.next();
    expect(walker.subRoots).toEqual([]);
  });

  it('resumes where it stopped when asked to yield', () => {
    const html = Array.from({ length: 300 }, (_, i) => `<p>p${i}</p>`).join('');
    const walker = new TextWalker(body(html));
    const texts: string[] = [];
    let calls = 0;
    while (!walker.done) {
      calls++;
      texts.push(...walker.next(() => true).map((c) => c.text));
    }
    expect(calls).toBeGreaterThan(5);
    expect(texts).toEqual(Array.from({ length: 300 }, (_, i) => `p${i}`));
  });

  it("keeps the whitespace before a block's first text in its chunk, with every offset, across yields", () => {
    // Whitespace-only texts wait apart until text follows (or the block ends): the chunks must not change.
    const one =
      '<div>\n  <span> </span>\n<span>Sergey</span> <b>Lavrov</b>\n</div><p>\n  </p><ul>\n <li> a\u00a0b</li>\n</ul>';
    const html = Array.from({ length: 40 }, () => one).join('\n');
    const check = (chunks: { text: string; nodes: Text[]; starts: number[] }[]) => {
      for (const c of chunks) {
        expect(c.nodes.length).toBe(c.starts.length);
        c.nodes.forEach((n, i) => expect(c.text.slice(c.starts[i], c.starts[i]! + n.data.length)).toBe(n.data));
        expect(c.text).toBe(c.nodes.map((n) => n.data).join(''));
      }
      return chunks.map((c) => c.text);
    };
    const whole = check(new TextWalker(body(html)).next());
    expect(whole.slice(0, 2)).toEqual(['\n   \nSergey Lavrov\n', ' a\u00a0b']);
    expect(whole).toHaveLength(80);
    const walker = new TextWalker(body(html));
    const sliced: string[] = [];
    while (!walker.done) sliced.push(...check(walker.next(() => true)));
    expect(sliced).toEqual(whole);
  });

  it('aborts when the node it would visit next was removed', () => {
    const root = body(Array.from({ length: 200 }, (_, i) => `<p>p${i}</p>`).join(''));
    const walker = new TextWalker(root);
    walker.next(() => true);
    root.innerHTML = '<p>new</p>';
    walker.next();
    expect(walker.aborted).toBe(true);
  });
});

describe('collectText', () => {
  it('joins blocks with the block separator and keeps node offsets', () => {
    const chunk = collectText(body('<p>ab</p><p>c<i>d</i></p>'));
    expect(chunk.text).toBe(`ab${BLOCK_SEPARATOR}cd`);
    expect(chunk.starts).toEqual([0, 3, 4]);
  });
});
