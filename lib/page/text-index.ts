/**
 * Turns a DOM subtree into matchable text without touching it: a resumable
 * walk that gathers the text nodes of each block (p, li, td, h1…) into a
 * {@link TextChunk}, so a name split over inline elements (`<b>Sergey</b>
 * Lavrov`, links, spans) is one string, while names never run across blocks.
 *
 * Skipped: script/style/noscript/template, form fields (textarea, input,
 * select), svg/math, iframes and objects, our own UI (`[data-dossier-ui]`),
 * `[hidden]`, and editable regions (`[contenteditable]` other than "false").
 * Visibility: computing styles per node is far too slow on 1 MB pages, so only
 * block containers are tested, with `Element.checkVisibility()` where it exists
 * (one style update for the page, then cheap). Inline `display:none` content and
 * CSS-made blocks (`span { display: block }`) are therefore not detected: the
 * first costs an invisible mark, the second may join two lines into one string.
 *
 * Open shadow roots (and, when asked, same-origin iframe documents) met on the
 * way are reported in {@link TextWalker.subRoots}; scan them as roots of their own.
 */
import {
  BLOCKS,
  SKIPPED_BY_ATTRIBUTE,
  isHiddenElement,
  isSkippedElement,
  isSkippedName,
  mayHostShadow,
} from './elements';

/** Text of one block (or of a whole subtree, see {@link collectText}) with its nodes. */
export interface TextChunk {
  text: string;
  /** The text nodes in document order. */
  nodes: Text[];
  /** `starts[i]`: offset of `nodes[i]`'s first character in `text`. */
  starts: number[];
}

/** Options of {@link TextWalker}. */
export interface TextWalkerOptions {
  /** Skip block containers that `checkVisibility()` reports hidden. Default true. */
  checkVisibility?: boolean;
  /** Report same-origin iframe documents in `subRoots`. Default false (content scripts with `allFrames` scan frames themselves). */
  includeFrames?: boolean;
}

/** Put between blocks by {@link collectText}; the matcher never matches across it. */
export const BLOCK_SEPARATOR = '\u2029';

/** A resumable walk over a subtree, yielding one {@link TextChunk} per block. */
export class TextWalker {
  /** Open shadow roots and (with `includeFrames`) iframe documents met so far. */
  readonly subRoots: (ShadowRoot | Document)[] = [];
  private cur: Node | null;
  /** The current chunk's pieces, nodes and offsets, once it holds text other than whitespace ({@link content}). */
  private pieces: string[] = [];
  private nodes: Text[] = [];
  private starts: number[] = [];
  /**
   * Whitespace-only texts met since the last flush while the chunk has no other text yet: most runs between
   * blocks are a line break and indentation, never a chunk. They wait here, in arrays reused from block to
   * block (a fresh array per block boundary made the walk's garbage, scavenges included, tens of ms on
   * large pages), and move into the chunk when text follows.
   */
  private readonly wsPieces: string[] = [];
  private readonly wsNodes: Text[] = [];
  private wsCount = 0;
  private length = 0;
  /** Whether the pieces gathered since the last flush hold anything but whitespace. */
  private content = false;
  private out: TextChunk[] = [];
  /** Whether each element the walk is inside (outermost first) is a block. */
  private open: boolean[] = [];
  private readonly checkVis: boolean;
  private readonly frames: boolean;
  private readonly rootWasConnected: boolean;
  /**
   * Elements under the root that their attributes make skipped, found by one
   * query when the walk starts rather than three attribute reads per element.
   * An element the page makes hidden or editable after that is still walked,
   * as it would be had it changed just after the walk.
   */
  private skipped: ReadonlySet<Element> | null = null;

  constructor(
    private readonly root: Node,
    options: TextWalkerOptions = {},
  ) {
    this.cur = root;
    this.rootWasConnected = root.isConnected;
    this.checkVis = options.checkVisibility ?? true;
    this.frames = options.includeFrames ?? false;
  }

  /** True when the walk stopped early because the DOM changed under it (rescan the root). */
  aborted = false;

  /** True once the whole subtree has been walked (or the walk was aborted). */
  get done(): boolean {
    return this.cur === null;
  }

  /**
   * Walks on until the subtree ends or `shouldYield()` (asked every 64 nodes)
   * returns true; returns the blocks completed meanwhile. Stops for good if
   * the node it was about to visit has left the document: `aborted` when the
   * root is still there (re-scan it), quietly when the root went too (a
   * single-page app swapped the view out: nothing left to mark).
   */
  next(shouldYield: () => boolean = () => false): TextChunk[] {
    if (this.cur && this.rootWasConnected && !this.cur.isConnected) {
      this.aborted = this.root.isConnected;
      this.cur = null;
      this.pieces = [];
      this.nodes = [];
      this.starts = [];
      this.wsCount = 0;
      this.length = 0;
      this.content = false;
      this.open = [];
    }
    if (this.skipped === null) this.skipped = skippedUnder(this.root);
    let budget = 64;
    while (this.cur) {
      if (--budget === 0) {
        if (shouldYield()) break;
        budget = 64;
      }
      this.visit(this.cur);
    }
    if (!this.cur) {
      this.flush();
      // Nothing of the page stays referenced once the walk is over.
      this.wsPieces.length = 0;
      this.wsNodes.length = 0;
    }
    const out = this.out;
    this.out = [];
    return out;
  }

  private visit(node: Node): void {
    const type = node.nodeType;
    if (type === 3) {
      const text = node as Text;
      const data = text.data;
      if (data.length > 0) {
        if (this.content) {
          this.pieces.push(data);
          this.nodes.push(text);
          this.starts.push(this.length);
        } else if (data.charCodeAt(0) > 32 || NON_SPACE.test(data)) {
          this.content = true;
          this.openChunk();
          this.pieces.push(data);
          this.nodes.push(text);
          this.starts.push(this.length);
        } else {
          // Most text nodes between blocks are a line break and indentation: such a run is never a chunk.
          this.wsPieces[this.wsCount] = data;
          this.wsNodes[this.wsCount] = text;
          this.wsCount++;
        }
        this.length += data.length;
      }
      this.cur = this.nextAfter(node, false);
      return;
    }
    let block = false;
    let first: Node | null;
    if (type === 1) {
      const el = node as Element;
      const name = el.localName;
      block = BLOCKS.has(name);
      if (block) this.flush();
      if (isSkippedName(name) || this.skipped!.has(el) || (node === this.root && isSkippedElement(el, name))) {
        if (this.frames && name === 'iframe') this.addFrame(el as HTMLIFrameElement);
        this.cur = this.nextAfter(node, block);
        return;
      }
      first = el.firstChild;
      const shadow = mayHostShadow(name) ? el.shadowRoot : null;
      // An empty block (br, img, an empty div) holds no text: no need to ask for its style.
      if (block && this.checkVis && (first !== null || shadow !== null) && isHiddenElement(el)) {
        this.cur = this.nextAfter(node, block);
        return;
      }
      if (shadow) this.subRoots.push(shadow);
    } else if (type === 9 || type === 11) {
      first = node.firstChild;
    } else {
      this.cur = this.nextAfter(node, false); // comments, doctype, processing instructions
      return;
    }
    if (first) {
      this.open.push(block);
      this.cur = first;
    } else {
      this.cur = this.nextAfter(node, block);
    }
  }

  /**
   * The node after `node`'s subtree (`block`: whether `node` is a block),
   * flushing each block we climb out of. The block flags of the elements we
   * are inside come from {@link open}: no DOM read per level on the way up.
   */
  private nextAfter(node: Node, block: boolean): Node | null {
    if (block && node !== this.root) this.flush();
    for (let n: Node | null = node; n && n !== this.root;) {
      const next = n.nextSibling;
      if (next) return next;
      n = n.parentNode;
      if (this.open.pop() && n !== this.root) this.flush();
    }
    return null;
  }

  private addFrame(frame: HTMLIFrameElement): void {
    try {
      const doc = frame.contentDocument; // null or throws when cross-origin
      if (doc) this.subRoots.push(doc);
    } catch {
      // Cross-origin frame: not ours to read.
    }
  }

  /**
   * Ends the current block's chunk. Called at every block's start and end, thousands of times a page: nothing
   * is allocated unless a chunk with text other than whitespace is made.
   */
  private flush(): void {
    if (this.content) {
      const text = this.pieces.join('');
      // `content` counts any unit above U+0020: a run of no-break or other Unicode spaces is no chunk either.
      if (text.trim() !== '') this.out.push({ text, nodes: this.nodes, starts: this.starts });
      this.pieces = [];
      this.nodes = [];
      this.starts = [];
      this.content = false;
    }
    this.wsCount = 0;
    this.length = 0;
  }

  /** Starts the chunk's own arrays with the whitespace-only texts that came before its first other text. */
  private openChunk(): void {
    let at = 0;
    for (let i = 0; i < this.wsCount; i++) {
      const data = this.wsPieces[i]!;
      this.pieces.push(data);
      this.nodes.push(this.wsNodes[i]!);
      this.starts.push(at);
      at += data.length;
    }
    this.wsCount = 0;
  }
}

/** Any character `String.prototype.trim` would keep. */
const NON_SPACE = /\S/;

/** The elements strictly under `root` that {@link SKIPPED_BY_ATTRIBUTE} selects. */
function skippedUnder(root: Node): ReadonlySet<Element> {
  const r = root as Partial<ParentNode>;
  return typeof r.querySelectorAll === 'function' ? new Set(r.querySelectorAll(SKIPPED_BY_ATTRIBUTE)) : new Set();
}

/**
 * Walks `root` in one go and joins its blocks with {@link BLOCK_SEPARATOR}
 * into one chunk. Fine for tests and small roots; pages use {@link TextWalker}.
 */
export function collectText(root: Node, options?: TextWalkerOptions): TextChunk {
  const chunks = new TextWalker(root, options).next();
  const joined: TextChunk = { text: '', nodes: [], starts: [] };
  const texts: string[] = [];
  let at = 0;
  for (const c of chunks) {
    if (texts.length > 0) {
      texts.push(BLOCK_SEPARATOR);
      at += BLOCK_SEPARATOR.length;
    }
    texts.push(c.text);
    c.nodes.forEach((n, i) => {
      joined.nodes.push(n);
      joined.starts.push(at + c.starts[i]!);
    });
    at += c.text.length;
  }
  joined.text = texts.join('');
  return joined;
}
