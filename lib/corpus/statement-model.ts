/**
 * The learned half of reported-statement detection: a logistic-regression scorer over cue
 * candidates (a word of the model's cue vocabulary in a sentence, outside quote marks), with
 * hashed features of the word, its neighbours, the subject shape before it, a following
 * "that", quote marks and where it sits in the sentence. Trained on PolNeAR's train labels by
 * `npm run train:statements` (tests/tools/train-statements.ts); the weights ship as
 * assets/models/statements.json. The rules in statements.ts run first; the model only looks at
 * sentences they left without a statement. Pure: runs in Node and in the import worker.
 */
import type { Span, Token } from './segment';

/** The model file's form (assets/models/statements.json). */
export interface StatementModelData {
  /** Format version: 1. */
  version: 1;
  /** log2 of the hashed feature space. */
  bits: number;
  /** Lowercase words that may head a cue ("said", "according", "believes", "claim"). */
  cues: string[];
  /** Hashed feature indices with a non-zero weight, ascending. */
  index: number[];
  /** The weight of each entry of `index`. */
  weight: number[];
  /** Weights of the second decision, for cues only: the content comes before the cue (`…, X said.`). */
  beforeIndex: number[];
  beforeWeight: number[];
  /** Probability at or above which a candidate is a statement cue. */
  threshold: number;
  /** How it was trained: data, folds, cross-validated figures (for people, not code). */
  about?: string;
}

/** A loaded model: weights in a dense array for O(1) look-ups. */
export interface StatementModel {
  bits: number;
  cues: ReadonlySet<string>;
  weights: Float32Array;
  /** Weights of "the content comes before the cue". */
  before: Float32Array;
  threshold: number;
}

/**
 * Checks and unpacks a model file. Throws an Error naming the file's problem when it is not a
 * version-1 statement model (a hand-edited or truncated file must not load silently).
 */
export function loadStatementModel(data: unknown, source = 'statement model'): StatementModel {
  const d = data as Partial<StatementModelData> | null;
  if (!d || typeof d !== 'object' || d.version !== 1) throw new Error(`${source}: not a version 1 statement model`);
  const bits = d.bits;
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 4 || bits > 24)
    throw new Error(`${source}: "bits" must be an integer from 4 to 24`);
  if (!Array.isArray(d.cues) || !d.cues.every((c) => typeof c === 'string'))
    throw new Error(`${source}: "cues" must be a list of words`);
  if (typeof d.threshold !== 'number' || !(d.threshold > 0 && d.threshold < 1))
    throw new Error(`${source}: "threshold" must be a probability between 0 and 1`);
  const dense = (index: unknown, weight: unknown, name: string): Float32Array => {
    if (!Array.isArray(index) || !Array.isArray(weight) || index.length !== weight.length)
      throw new Error(`${source}: "${name}Index" and "${name}Weight" must be lists of the same length`);
    const out = new Float32Array(1 << bits);
    for (let i = 0; i < index.length; i++) {
      const k: unknown = index[i];
      const w: unknown = weight[i];
      if (
        !Number.isInteger(k) ||
        (k as number) < 0 ||
        (k as number) >= out.length ||
        typeof w !== 'number' ||
        !Number.isFinite(w)
      )
        throw new Error(`${source}: entry ${i} of "${name}Index"/"${name}Weight" is out of range`);
      out[k as number] = w;
    }
    return out;
  };
  const weights = dense(d.index, d.weight, '');
  const before = dense(d.beforeIndex, d.beforeWeight, 'before');
  return { bits, cues: new Set(d.cues), weights, before, threshold: d.threshold };
}

/** FNV-1a, 32 bits: the feature hash. */
export function hashFeature(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const PRONOUN = /^(?:he|she|they|we|i|you|it|who)$/;
const AUX = /^(?:has|have|had|will|would|could|may|might|is|are|was|were|be|been|also|not|n't|never|did|does|do)$/;

/** A word's shape: `Xx` capitalised, `x` lowercase, `X` capitals, `9` digits, or the punctuation itself. */
function shape(t: Token | undefined): string {
  if (!t) return '^';
  const s = t.text;
  if (/^\p{Lu}\p{Ll}/u.test(s)) return 'Xx';
  if (/^\p{Ll}/u.test(s)) return 'x';
  if (/^\p{Lu}+\.?$/u.test(s)) return 'X';
  if (/^\p{N}/u.test(s)) return '9';
  return /^["“”«»„]$/.test(s) ? 'q' : s.slice(0, 1);
}

function bucket(n: number): string {
  return n === 0 ? '0' : n <= 2 ? '1' : n <= 5 ? '3' : n <= 10 ? '6' : n <= 20 ? '11' : '21';
}

/** Where a sentence sits: lets the model see headlines and first sentences. */
export interface SentenceContext {
  /** Index of the sentence's paragraph in the document. */
  para: number;
  /** The sentence opens its paragraph. */
  firstInPara: boolean;
}

/**
 * What the features read of one sentence, computed once for all its candidates: lowercase
 * words, which tokens lie in quote marks, and counts of words and quoted tokens after each token.
 */
export interface SentenceView {
  tokens: readonly Token[];
  lower: string[];
  quoted: boolean[];
  /** `wordsAfter[i]`: tokens with a letter after token i. */
  wordsAfter: Int32Array;
  /** `quotedAfter[i]`: quoted tokens after token i. */
  quotedAfter: Int32Array;
  ctx: SentenceContext;
}

/** The lowercase words of a sentence's tokens (what {@link SentenceView.lower} holds). */
export function lowerWords(tokens: readonly Token[]): string[] {
  return tokens.map((t) => t.text.toLowerCase());
}

/**
 * The {@link SentenceView} of a sentence; `quoted` holds the quoted regions (those of its paragraph
 * suffice). `lower`: the tokens' {@link lowerWords}, when the caller has them already.
 */
export function sentenceView(
  tokens: readonly Token[],
  quoted: readonly Span[],
  ctx: SentenceContext,
  lower: string[] = lowerWords(tokens),
): SentenceView {
  const n = tokens.length;
  const local = quoted.filter((q) => n > 0 && q.end > tokens[0]!.start && q.start < tokens[n - 1]!.end);
  const inQ = tokens.map((t) => local.some((q) => t.start >= q.start && t.start < q.end));
  const wordsAfter = new Int32Array(n);
  const quotedAfter = new Int32Array(n);
  for (let i = n - 2; i >= 0; i--) {
    wordsAfter[i] = wordsAfter[i + 1]! + (/\p{L}/u.test(tokens[i + 1]!.text) ? 1 : 0);
    quotedAfter[i] = quotedAfter[i + 1]! + (inQ[i + 1] ? 1 : 0);
  }
  return { tokens, lower, quoted: inQ, wordsAfter, quotedAfter, ctx };
}

/** Receives the features of a candidate: a tag and up to three parts, joined with "|". */
interface FeatureSink {
  f(tag: string, a?: string, b?: string, c?: string): void;
}

const BOOL = (b: boolean): string => (b ? 'true' : 'false');
const SMALL = ['-1', '0', '1', '2', '3', '4', '5', '6'];

/** Emits the features of the cue candidate at token `i`; one definition for strings and hashes. */
function emitFeatures(v: SentenceView, i: number, out: FeatureSink): void {
  const { tokens, lower } = v;
  const low = (k: number): string => lower[k] ?? (k < 0 ? '^' : '$');
  const w = low(i);
  const p1 = low(i - 1);
  const after = tokens.length - i - 1;
  const words = v.wordsAfter[i]!;
  const qshare = words === 0 ? 'n' : SMALL[1 + Math.round((4 * v.quotedAfter[i]!) / Math.max(1, after))]!;
  let thatSoon = false;
  for (let k = i + 1; k <= i + 5 && k < tokens.length; k++) if (lower[k] === 'that') thatSoon = true;
  let capBefore = false;
  let pronBefore = false;
  let commaBefore = -1;
  for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
    if (k > 0 && /^\p{Lu}/u.test(tokens[k]!.text)) capBefore = true;
    if (PRONOUN.test(lower[k]!)) pronBefore = true;
  }
  for (let k = i - 1; k >= 0; k--)
    if (tokens[k]!.text === ',') {
      commaBefore = i - k;
      break;
    }
  const suffix = w.endsWith('ing') ? 'ing' : w.endsWith('ed') ? 'ed' : w.endsWith('s') ? 's' : '-';
  const rest = bucket(words);
  const before = bucket(i);
  const that = BOOL(thatSoon);
  const cap = BOOL(capBefore);
  const pron = BOOL(pronBefore);
  const sh1 = shape(tokens[i - 1]);
  out.f('b');
  out.f('w=', w);
  out.f('wn=', w, low(i + 1));
  out.f('pw=', p1, w);
  out.f('p2=', low(i - 2));
  out.f('n2=', low(i + 2));
  out.f('p1=', p1);
  out.f('n1=', low(i + 1));
  out.f('sfx=', suffix);
  out.f('sh=', `${shape(tokens[i - 2])}${sh1}_${shape(tokens[i + 1])}`);
  out.f('wsh=', w, sh1);
  out.f('that=', that);
  out.f('wthat=', w, that);
  out.f('cap=', cap, pron);
  out.f('wcap=', w, cap, pron);
  out.f('aux=', AUX.test(p1) ? p1 : '-');
  out.f('comma=', SMALL[1 + Math.min(commaBefore, 6)]);
  out.f('rest=', rest);
  out.f('wrest=', w, rest);
  out.f('before=', before);
  out.f('wbefore=', w, before);
  out.f('qshare=', qshare);
  out.f('wq=', w, qshare);
  out.f('end=', tokens[tokens.length - 1]?.text ?? '');
  out.f('first=', low(0));
  out.f('para=', v.ctx.para === 0 ? '0' : v.ctx.para < 3 ? '1' : '2', BOOL(v.ctx.firstInPara));
}

/** The feature strings of the cue candidate at token `i` of a sentence. Exported for training and tests. */
export function candidateFeatures(v: SentenceView, i: number): string[] {
  const out: string[] = [];
  emitFeatures(v, i, {
    f: (tag, a, b, c) => out.push(tag + [a, b, c].filter((x) => x !== undefined).join('|')),
  });
  return out;
}

const FNV_PRIME = 0x01000193;

function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/**
 * Sums the candidate's weights of both decisions without building feature strings (the hash
 * of a feature streamed over its parts equals {@link hashFeature} of the joined string).
 */
class WeightSum implements FeatureSink {
  z = 0;
  zBefore = 0;
  constructor(private readonly model: StatementModel) {}
  f(tag: string, a?: string, b?: string, c?: string): void {
    let h = mix(0x811c9dc5, tag);
    if (a !== undefined) h = mix(h, a);
    if (b !== undefined) h = mix(Math.imul(h ^ 124, FNV_PRIME), b);
    if (c !== undefined) h = mix(Math.imul(h ^ 124, FNV_PRIME), c);
    const k = (h >>> 0) & ((1 << this.model.bits) - 1);
    this.z += this.model.weights[k]!;
    this.zBefore += this.model.before[k]!;
  }
}

/** The probability that a candidate with these features is a statement cue (or, with `before`, that its content precedes it). */
export function scoreFeatures(model: StatementModel, features: readonly string[], before = false): number {
  const mask = (1 << model.bits) - 1;
  const w = before ? model.before : model.weights;
  let z = 0;
  for (const f of features) z += w[hashFeature(f) & mask]!;
  return 1 / (1 + Math.exp(-z));
}

/** The best cue of a sentence by the model: its token index and probability. */
export interface ModelCue {
  token: number;
  p: number;
  /** The content comes before the cue (`…, X said.`). */
  before: boolean;
}

/**
 * The most likely statement cue among the sentence's candidates (cue-vocabulary words not in
 * quote marks), or undefined when the sentence has none. The caller applies the threshold.
 */
export function bestCue(model: StatementModel, v: SentenceView): ModelCue | undefined {
  let best: ModelCue | undefined;
  for (let i = 0; i < v.tokens.length; i++) {
    if (!model.cues.has(v.lower[i]!) || v.quoted[i]) continue;
    const sum = new WeightSum(model);
    emitFeatures(v, i, sum);
    const p = 1 / (1 + Math.exp(-sum.z));
    if (!best || p > best.p) best = { token: i, p, before: sum.zBefore >= 0 };
  }
  return best;
}

const SKIP_AFTER_CUE = /^(?:that|to|:|,|—|–|-)$/;

/**
 * The reported content for a cue at `tokens[i]`: the rest of the sentence after the cue (and a
 * "that"), or, when `before` (the model's second decision: `…, officials believe.`) or when
 * nothing follows, the clause before the comma that precedes its subject. Undefined when
 * neither side holds three words.
 */
export function contentSpan(tokens: readonly Token[], i: number, sentence: Span, before = false): Span | undefined {
  const words = (a: number, b: number): number => {
    let n = 0;
    for (let k = a; k < b; k++) if (/\p{L}/u.test(tokens[k]!.text)) n++;
    return n;
  };
  const prior = (): Span | undefined => {
    let c = i - 1;
    while (c >= 0 && tokens[c]!.text !== ',') c--;
    if (c <= 0) return undefined;
    let s = 0;
    while (s < c && /^["“(]$/.test(tokens[s]!.text)) s++;
    return words(s, c) < 3 ? undefined : { start: tokens[s]!.start, end: tokens[c - 1]!.end };
  };
  if (before) {
    const p = prior();
    if (p) return p;
  }
  let k = i + 1;
  // "according to X, …" at the start: the content follows the source's comma.
  if (tokens[i]!.text.toLowerCase() === 'according' && i <= 1) {
    let c = k;
    while (c < tokens.length && c < i + 12 && tokens[c]!.text !== ',') c++;
    if (c < tokens.length && tokens[c]!.text === ',') k = c + 1;
  }
  // "expressed confidence that …", "made the case that …": the content follows the "that".
  for (let j = k; j < tokens.length && j <= k + 3 && tokens[j]!.text !== ','; j++)
    if (tokens[j]!.text.toLowerCase() === 'that') {
      k = j + 1;
      break;
    }
  while (k < tokens.length && SKIP_AFTER_CUE.test(tokens[k]!.text.toLowerCase())) k++;
  let end = tokens.length;
  while (end > k && /^[.!?;,"”’)]$/.test(tokens[end - 1]!.text)) end--;
  if (words(k, end) >= 3) return { start: tokens[k]!.start, end: tokens[end - 1]!.end };
  return before ? undefined : prior();
}
