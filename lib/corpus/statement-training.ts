/**
 * Training and evaluation of the statement model (statement-model.ts) from labelled articles:
 * cue candidates with their labels, logistic regression over hashed features, folds by
 * document, and the scorer's span matching (a prediction matches a gold span when they
 * overlap by at least half of the shorter). Used by `npm run train:statements`; never shipped.
 */
import type { CompiledLexicon } from './compiled-lexicon';
import { analyseDocument } from './document';
import type { Span } from './segment';
import {
  candidateFeatures,
  sentenceView,
  contentSpan,
  hashFeature,
  loadStatementModel,
  scoreFeatures,
  type StatementModel,
  type StatementModelData,
} from './statement-model';

/** A labelled article: gold statement contents with their cue spans. */
export interface LabelledDoc {
  id: string;
  text: string;
  /** Reported statements (no quote marks) with the span of their cue words. */
  statements: { start: number; end: number; cue?: Span }[];
}

/** One word of a sentence that may be a cue, with its label and hashed features. */
export interface Candidate {
  word: string;
  token: number;
  positive: boolean;
  /** For positives: the gold content starts before the cue. */
  before: boolean;
  features: Uint32Array;
}

/** One sentence the model may look at (no quote opens it). */
export interface CandidateSentence {
  doc: number;
  span: Span;
  /** Content span for each candidate, after and before it, as the extraction would report them. */
  spans: (Span | undefined)[];
  beforeSpans: (Span | undefined)[];
  candidates: Candidate[];
}

/** Every lowercase word that lies inside some gold cue, counted (the vocabulary's source). */
export function cueWordCounts(docs: readonly LabelledDoc[], lex: CompiledLexicon): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) {
    const st = analyseDocument(d.text, lex);
    for (const s of st.sentences)
      for (const t of s.tokens) {
        if (!/^\p{Ll}/u.test(t.text)) continue;
        if (d.statements.some((g) => g.cue && t.start >= g.cue.start && t.end <= g.cue.end)) {
          const w = t.text.toLowerCase();
          counts.set(w, (counts.get(w) ?? 0) + 1);
        }
      }
  }
  return counts;
}

/**
 * The candidate sentences of `docs`: every word in `vocabulary` outside quote marks, labelled
 * positive when it lies inside a gold statement's cue. `bits` sets the feature hash width.
 */
export function candidateSentences(
  docs: readonly LabelledDoc[],
  lex: CompiledLexicon,
  vocabulary: ReadonlySet<string>,
  bits: number,
): CandidateSentence[] {
  const mask = (1 << bits) - 1;
  const out: CandidateSentence[] = [];
  docs.forEach((d, di) => {
    const st = analyseDocument(d.text, lex);
    const quoted = st.quotes.flat().map((q) => q.inner);
    const opens = new Set(st.quotes.flat().map((q) => q.open));
    let prevPara = -1;
    for (const s of st.sentences) {
      const firstInPara = s.para !== prevPara;
      prevPara = s.para;
      if (opens.has(s.start)) continue;
      const cs: CandidateSentence = {
        doc: di,
        span: { start: s.start, end: s.end },
        spans: [],
        beforeSpans: [],
        candidates: [],
      };
      const v = sentenceView(s.tokens, quoted, { para: s.para, firstInPara });
      s.tokens.forEach((t, i) => {
        const w = v.lower[i]!;
        if (!vocabulary.has(w) || v.quoted[i]) return;
        const gold = d.statements.find((g) => g.cue && t.start >= g.cue.start && t.end <= g.cue.end);
        const fs = candidateFeatures(v, i);
        cs.candidates.push({
          word: w,
          token: i,
          positive: !!gold,
          before: !!gold && gold.start < t.start,
          features: Uint32Array.from(fs, (f) => hashFeature(f) & mask),
        });
        cs.spans.push(contentSpan(s.tokens, i, s));
        cs.beforeSpans.push(contentSpan(s.tokens, i, s, true));
      });
      if (cs.candidates.length) out.push(cs);
    }
  });
  return out;
}

/** Options of {@link trainLogistic}. */
export interface TrainOptions {
  /** log2 of the weight vector's length. */
  bits: number;
  /** Passes over the data; default 6. */
  epochs?: number;
  /** AdaGrad learning rate; default 0.3. */
  rate?: number;
  /** L2 penalty per update; default 1e-5. */
  l2?: number;
  /** Seed of the shuffle; default 1. */
  seed?: number;
}

/** Logistic regression by AdaGrad over hashed binary features. Deterministic for a seed. */
export function trainLogistic(
  examples: readonly { features: Uint32Array; positive: boolean }[],
  o: TrainOptions,
): Float32Array {
  const w = new Float32Array(1 << o.bits);
  const g2 = new Float32Array(1 << o.bits).fill(1e-8);
  const rate = o.rate ?? 0.3;
  const l2 = o.l2 ?? 1e-5;
  let seed = o.seed ?? 1;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const order = examples.map((_, i) => i);
  for (let e = 0; e < (o.epochs ?? 6); e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const ex = examples[k]!;
      let z = 0;
      for (const f of ex.features) z += w[f]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = p - (ex.positive ? 1 : 0);
      for (const f of ex.features) {
        const grad = g + l2 * w[f]!;
        g2[f]! += grad * grad;
        w[f]! -= (rate * grad) / Math.sqrt(g2[f]!);
      }
    }
  }
  return w;
}

/** Smaller weights are left out of the model file. */
const MIN_WEIGHT = 0.01;

/** The model file for trained weights: weights of at least {@link MIN_WEIGHT}, rounded to 3 decimals. */
export function modelData(
  w: Float32Array,
  before: Float32Array,
  bits: number,
  cues: readonly string[],
  threshold: number,
  about: string,
): StatementModelData {
  const sparse = (v: Float32Array): [number[], number[]] => {
    const index: number[] = [];
    const weight: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = Math.round(v[i]! * 1e3) / 1e3;
      // Weights this small change no decision that matters and would double the file.
      if (Math.abs(r) >= MIN_WEIGHT) {
        index.push(i);
        weight.push(r);
      }
    }
    return [index, weight];
  };
  const [index, weight] = sparse(w);
  const [beforeIndex, beforeWeight] = sparse(before);
  return { version: 1, bits, cues: [...cues].sort(), index, weight, beforeIndex, beforeWeight, threshold, about };
}

/** The model of trained weights, without a file round trip. */
export function modelOf(
  w: Float32Array,
  before: Float32Array,
  bits: number,
  cues: readonly string[],
  threshold: number,
): StatementModel {
  return loadStatementModel(modelData(w, before, bits, cues, threshold, ''));
}

/** A predicted statement of the model: its span and probability. */
export interface ModelPrediction {
  doc: number;
  span: Span;
  p: number;
}

/** The model's best statement of each candidate sentence (any probability; the caller thresholds). */
export function predict(model: StatementModel, sentences: readonly CandidateSentence[]): ModelPrediction[] {
  const out: ModelPrediction[] = [];
  const mask = (1 << model.bits) - 1;
  for (const s of sentences) {
    let best = -1;
    let bp = -1;
    s.candidates.forEach((c, i) => {
      if (!model.cues.has(c.word)) return;
      let z = 0;
      for (const f of c.features) z += model.weights[f & mask]!;
      const p = 1 / (1 + Math.exp(-z));
      if (p > bp) {
        bp = p;
        best = i;
      }
    });
    if (best < 0) continue;
    let zb = 0;
    for (const f of s.candidates[best]!.features) zb += model.before[f & mask]!;
    const span = (zb >= 0 ? s.beforeSpans[best] : undefined) ?? s.spans[best];
    if (span) out.push({ doc: s.doc, span, p: bp });
  }
  return out;
}

/** Whether two spans overlap by at least half of the shorter (the scorer's rule). */
export function halfMatch(a: Span, b: Span): boolean {
  const o = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return o > 0 && 2 * o >= Math.min(a.end - a.start, b.end - b.start);
}

/** Detection figures of predicted statement spans against gold ones, per document. */
export interface Detection {
  predicted: number;
  predictedRight: number;
  gold: number;
  goldFound: number;
  precision: number;
  recall: number;
}

/** Scores predicted spans (grouped by document index) against the documents' gold statements. */
export function detection(docs: readonly LabelledDoc[], predicted: readonly Span[][]): Detection {
  let pr = 0;
  let np = 0;
  let gf = 0;
  let ng = 0;
  docs.forEach((d, i) => {
    const ps = predicted[i] ?? [];
    np += ps.length;
    ng += d.statements.length;
    for (const p of ps) if (d.statements.some((g) => halfMatch(p, g))) pr++;
    for (const g of d.statements) if (ps.some((p) => halfMatch(p, g))) gf++;
  });
  return {
    predicted: np,
    predictedRight: pr,
    gold: ng,
    goldFound: gf,
    precision: np ? pr / np : 0,
    recall: ng ? gf / ng : 0,
  };
}

/** Re-export for the training script: score one candidate's features with a model. */
export { scoreFeatures };
