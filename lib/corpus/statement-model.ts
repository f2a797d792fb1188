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
 * The feature strings of the cue candidate `tokens[i]` (lowercase `w`) in a sentence, `inQuote`
 * telling which token starts lie in quote marks. Exported for the training script and tests.
 */
export function candidateFeatures(
  tokens: readonly Token[],
  i: number,
  inQuote: (pos: number) => boolean,
  ctx: SentenceContext,
): string[] {
  const low = (k: number): string => tokens[k]?.text.toLowerCase() ?? (k < 0 ? '^' : '$');
  const w = low(i);
  const p1 = low(i - 1);
  const p2 = low(i - 2);
  const n1 = low(i + 1);
  const n2 = low(i + 2);
  const after = tokens.length - i - 1;
  let words = 0;
  for (let k = i + 1; k < tokens.length; k++) if (/\p{L}/u.test(tokens[k]!.text)) words++;
  let quotedAfter = 0;
  for (let k = i + 1; k < tokens.length; k++) if (inQuote(tokens[k]!.start)) quotedAfter++;
  const qshare = words === 0 ? 'n' : String(Math.round((4 * quotedAfter) / Math.max(1, after)));
  let thatSoon = false;
  for (let k = i + 1; k <= i + 5 && k < tokens.length; k++)
    if (tokens[k]!.text.toLowerCase() === 'that') thatSoon = true;
  let capBefore = false;
  let pronBefore = false;
  let commaBefore = -1;
  for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
    if (/^\p{Lu}/u.test(tokens[k]!.text) && k > 0) capBefore = true;
    if (PRONOUN.test(tokens[k]!.text.toLowerCase())) pronBefore = true;
  }
  for (let k = i - 1; k >= 0; k--)
    if (tokens[k]!.text === ',') {
      commaBefore = i - k;
      break;
    }
  const last = tokens[tokens.length - 1]?.text ?? '';
  const suffix = /ing$/.test(w) ? 'ing' : /ed$/.test(w) ? 'ed' : /s$/.test(w) ? 's' : '-';
  const rest = bucket(words);
  const before = bucket(i);
  return [
    'b',
    `w=${w}`,
    `wn=${w}|${n1}`,
    `pw=${p1}|${w}`,
    `p2=${p2}`,
    `n2=${n2}`,
    `p1=${p1}`,
    `n1=${n1}`,
    `sfx=${suffix}`,
    `sh=${shape(tokens[i - 2])}${shape(tokens[i - 1])}_${shape(tokens[i + 1])}`,
    `wsh=${w}|${shape(tokens[i - 1])}`,
    `that=${thatSoon}`,
    `wthat=${w}|${thatSoon}`,
    `cap=${capBefore}|${pronBefore}`,
    `wcap=${w}|${capBefore}|${pronBefore}`,
    `aux=${AUX.test(p1) ? p1 : '-'}`,
    `comma=${Math.min(commaBefore, 6)}`,
    `rest=${rest}`,
    `wrest=${w}|${rest}`,
    `before=${before}`,
    `wbefore=${w}|${before}`,
    `qshare=${qshare}`,
    `wq=${w}|${qshare}`,
    `end=${last}`,
    `first=${low(0)}`,
    `para=${ctx.para === 0 ? 0 : ctx.para < 3 ? 1 : 2}|${ctx.firstInPara}`,
  ];
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
export function bestCue(
  model: StatementModel,
  tokens: readonly Token[],
  inQuote: (pos: number) => boolean,
  ctx: SentenceContext,
): ModelCue | undefined {
  let best: { token: number; p: number; features: string[] } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = t.text.toLowerCase();
    if (!model.cues.has(w) || inQuote(t.start)) continue;
    const features = candidateFeatures(tokens, i, inQuote, ctx);
    const p = scoreFeatures(model, features);
    if (!best || p > best.p) best = { token: i, p, features };
  }
  return best && { token: best.token, p: best.p, before: scoreFeatures(model, best.features, true) >= 0.5 };
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
  while (k < tokens.length && SKIP_AFTER_CUE.test(tokens[k]!.text.toLowerCase())) k++;
  let end = tokens.length;
  while (end > k && /^[.!?;,"”’)]$/.test(tokens[end - 1]!.text)) end--;
  if (words(k, end) >= 3) return { start: tokens[k]!.start, end: tokens[end - 1]!.end };
  return before ? undefined : prior();
}
