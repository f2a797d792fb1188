/**
 * Marks: matches turned into DOM positions, and the index that finds the mark
 * under a caret position. Marks hold plain node/offset pairs (live `Range`s
 * slow down every DOM mutation of the page, and we may hold thousands); a live
 * `Range` is made on demand for geometry.
 */
import type { EntityType } from '../pack/types';
import type { Match } from './matcher';
import type { TextChunk } from './text-index';

/** One marked name on the page. */
export interface Mark {
  entityId: string;
  type: EntityType;
  /** The name as written on the page. */
  text: string;
  startNode: Text;
  startOffset: number;
  endNode: Text;
  endOffset: number;
}

/** A DOM position: a text node and an offset in it. */
export interface TextPosition {
  node: Text;
  offset: number;
  /** Index of `node` in the chunk's `nodes`. */
  index: number;
}

/**
 * The DOM position of `offset` in `chunk`. With bias 'start' an offset at the
 * boundary of two nodes lands at the start of the later one; with 'end', at
 * the end of the earlier one (so a range never starts or ends in a neighbour).
 */
export function positionAt(chunk: TextChunk, offset: number, bias: 'start' | 'end'): TextPosition {
  const { starts, nodes } = chunk;
  let lo = 0;
  let hi = starts.length - 1;
  // Last node whose start is <= offset ('start') or < offset ('end').
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid]!;
    if (s < offset || (bias === 'start' && s === offset)) lo = mid;
    else hi = mid - 1;
  }
  const node = nodes[lo]!;
  return { node, offset: Math.max(0, Math.min(node.data.length, offset - starts[lo]!)), index: lo };
}

/** A live `Range` over a mark (for client rects and for the popover anchor). */
export function liveRange(mark: Mark): Range {
  const range = mark.startNode.ownerDocument.createRange();
  range.setStart(mark.startNode, Math.min(mark.startOffset, mark.startNode.length));
  range.setEnd(mark.endNode, Math.min(mark.endOffset, mark.endNode.length));
  return range;
}

/** Where a mark sits inside one of its text nodes. */
interface Slot {
  mark: Mark;
  from: number;
  to: number;
}

/** All marks of a page, findable by the text node and offset under a caret. */
export class MarkIndex {
  private byNode = new WeakMap<Text, Slot[]>();
  /** Each mark with the text nodes it covers. */
  private marks = new Map<Mark, Text[]>();

  /** Number of marks held. */
  get size(): number {
    return this.marks.size;
  }

  /** Every mark, in insertion order. */
  all(): IterableIterator<Mark> {
    return this.marks.keys();
  }

  /** Turns a match in `chunk` into a mark and indexes it; returns the mark. */
  addMatch(chunk: TextChunk, match: Match): Mark {
    return this.insert(chunk, match, positionAt(chunk, match.start, 'start'), positionAt(chunk, match.end, 'end'));
  }

  /**
   * Same as {@link addMatch}, unless a mark with exactly this extent is indexed
   * already (a block met again): then null. Finds the positions once for both.
   */
  addNew(chunk: TextChunk, match: Match): Mark | null {
    const start = positionAt(chunk, match.start, 'start');
    const end = positionAt(chunk, match.end, 'end');
    if (this.find(start, end)) return null;
    return this.insert(chunk, match, start, end);
  }

  private insert(chunk: TextChunk, match: Match, start: TextPosition, end: TextPosition): Mark {
    const mark: Mark = {
      entityId: match.entityId,
      type: match.type,
      text: match.text,
      startNode: start.node,
      startOffset: start.offset,
      endNode: end.node,
      endOffset: end.offset,
    };
    const covered = chunk.nodes.slice(start.index, end.index + 1);
    this.marks.set(mark, covered);
    for (let i = start.index; i <= end.index; i++) {
      const node = chunk.nodes[i]!;
      const from = i === start.index ? start.offset : 0;
      const to = i === end.index ? end.offset : node.data.length;
      this.insertSlot(node, { mark, from, to });
    }
    return mark;
  }

  /** Whether a mark from `start` to `end` is already indexed. */
  private find(start: TextPosition, end: TextPosition): boolean {
    if (this.byNode.get(start.node) === undefined) return false; // the usual case: nothing marked there yet
    return this.at(start.node, start.offset).some(
      (m) =>
        m.startNode === start.node &&
        m.startOffset === start.offset &&
        m.endNode === end.node &&
        m.endOffset === end.offset,
    );
  }

  private insertSlot(node: Text, slot: Slot): void {
    let slots = this.byNode.get(node);
    if (!slots) {
      slots = [];
      this.byNode.set(node, slots);
    }
    let i = slots.length;
    while (i > 0 && slots[i - 1]!.from > slot.from) i--; // usually appended in order
    slots.splice(i, 0, slot);
  }

  /** Marks covering `offset` in `node` (touching either end counts): at most two. */
  at(node: Node, offset: number): Mark[] {
    const slots = this.byNode.get(node as Text);
    if (!slots) return [];
    let lo = 0;
    let hi = slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (slots[mid]!.to < offset) lo = mid + 1;
      else hi = mid;
    }
    const out: Mark[] = [];
    for (let i = lo; i < slots.length && slots[i]!.from <= offset; i++) out.push(slots[i]!.mark);
    return out;
  }

  /** Removes the marks `drop` selects; returns them. */
  removeWhere(drop: (mark: Mark) => boolean): Mark[] {
    const removed: Mark[] = [];
    for (const mark of this.marks.keys()) if (drop(mark)) removed.push(mark);
    if (removed.length === 0) return removed;
    const gone = new Set(removed);
    for (const mark of removed) {
      for (const node of this.marks.get(mark) ?? []) {
        const slots = this.byNode.get(node);
        if (slots)
          this.byNode.set(
            node,
            slots.filter((s) => !gone.has(s.mark)),
          );
      }
      this.marks.delete(mark);
    }
    return removed;
  }

  /** Removes one mark (cheap: only its own nodes' slots). */
  delete(mark: Mark): void {
    for (const node of this.marks.get(mark) ?? []) {
      const slots = this.byNode.get(node);
      if (slots)
        this.byNode.set(
          node,
          slots.filter((s) => s.mark !== mark),
        );
    }
    this.marks.delete(mark);
  }

  /** The text nodes a mark covers. */
  nodesOf(mark: Mark): readonly Text[] {
    return this.marks.get(mark) ?? [];
  }

  /** Forgets every mark. */
  clear(): void {
    this.marks.clear();
    this.byNode = new WeakMap();
  }
}
