/**
 * What Dossier has painted on a page, read the way no page script can: marks
 * are boxes inside a closed shadow root, which the DevTools protocol sees
 * (`DOM.getDocument({ pierce: true })`). For each painted box we read, in its
 * own frame, its rectangle and the page text under it (caret positions at its
 * two ends). Only marks in or near the viewport are painted.
 */
import type { Frame, Page } from '@playwright/test';

/** One painted mark box. */
export interface PaintedMark {
  /** URL of the frame's document. */
  url: string;
  /** Entity type (`person`, `place`, …). */
  type: string;
  /** The hovered mark. */
  active: boolean;
  /** The page text under the box. */
  text: string;
  /** The box in its frame's viewport, CSS pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

const attr = (n: DomNode, name: string): string | null => {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1] ?? '';
  return null;
};

/** Runs in the box's own frame (main world): its rect and the text under it. */
const DESCRIBE = `function () {
  const doc = this.ownerDocument;
  const r = this.getBoundingClientRect();
  const roots = [];
  const collect = (root) => {
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { roots.push(el.shadowRoot); collect(el.shadowRoot); }
  };
  collect(doc);
  const y = r.top + r.height / 2;
  const at = (x) => doc.caretPositionFromPoint(x, y, { shadowRoots: roots });
  const a = at(r.left + 1);
  const b = at(r.right - 1);
  let text = '';
  if (a && b) {
    try {
      const range = doc.createRange();
      range.setStart(a.offsetNode, a.offset);
      range.setEnd(b.offsetNode, b.offset);
      text = range.toString();
    } catch { text = ''; }
  }
  return { url: doc.URL, cls: this.className, x: r.left, y: r.top, width: r.width, height: r.height, text };
}`;

/** Every mark box Dossier shows on `page`, in every frame. */
export async function paintedMarks(page: Page): Promise<PaintedMark[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const boxes: DomNode[] = [];
    const visit = (n: DomNode, inOverlay: boolean): void => {
      if (inOverlay && n.nodeName === 'DIV' && (attr(n, 'class') ?? '').split(' ').includes('on')) boxes.push(n);
      const overlay = inOverlay || attr(n, 'data-dossier-ui') !== null;
      for (const c of n.children ?? []) visit(c, inOverlay);
      for (const s of n.shadowRoots ?? []) visit(s, overlay);
      if (n.contentDocument) visit(n.contentDocument, false);
    };
    visit(root, false);
    const out: PaintedMark[] = [];
    for (const box of boxes) {
      try {
        const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: box.backendNodeId })) as {
          object: { objectId: string };
        };
        const { result } = (await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: DESCRIBE,
          returnByValue: true,
        })) as { result: { value: Omit<PaintedMark, 'type' | 'active'> & { cls: string } } };
        const { cls, ...rest } = result.value;
        const classes = cls.split(' ');
        const type = classes.find((c) => !['b', 'on', 'a'].includes(c)) ?? '';
        out.push({ ...rest, type, active: classes.includes('a') });
      } catch {
        // The box went away while we read it (a repaint): skip it.
      }
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The texts of the marks Dossier shows in a frame (the hovered one included), sorted. */
export async function markedTexts(frame: Frame): Promise<string[]> {
  const marks = await paintedMarks(frame.page());
  return marks
    .filter((m) => m.url === frame.url())
    .map((m) => m.text)
    .sort();
}

/** The entity types of the marks Dossier shows in the page's main frame. */
export async function markedTypes(page: Page): Promise<string[]> {
  const marks = await paintedMarks(page);
  return [...new Set(marks.filter((m) => m.url === page.url()).map((m) => m.type))].sort();
}
