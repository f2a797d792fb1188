import { describe, expect, it } from 'vitest';
import { extractKnowledge } from './extract';
import { defaultLexicon } from './lexicon';
import { tokenize } from './segment';
import {
  bestCue,
  candidateFeatures,
  contentSpan,
  hashFeature,
  loadStatementModel,
  lowerWords,
  sentenceView,
  type StatementModelData,
} from './statement-model';

const view = (text: string, quoted: { start: number; end: number }[] = []) => {
  const tokens = tokenize(text, { start: 0, end: text.length }, new Set());
  return sentenceView(tokens, quoted, { para: 1, firstInPara: true });
};

const tiny = (over: Partial<StatementModelData> = {}): StatementModelData => ({
  version: 1,
  bits: 16,
  cues: ['claimed'],
  index: [],
  weight: [],
  beforeIndex: [],
  beforeWeight: [],
  threshold: 0.5,
  ...over,
});

describe('sentence view', () => {
  it('reads the same with the lowercase words passed in as computed itself', () => {
    const text = 'Officials in Ohio SAID on Monday that the “plan” was over.';
    const tokens = tokenize(text, { start: 0, end: text.length }, new Set());
    const lower = lowerWords(tokens);
    expect(lower).toEqual(tokens.map((t) => t.text.toLowerCase()));
    expect(lower).toContain('said');
    const quoted = [{ start: text.indexOf('plan'), end: text.indexOf('plan') + 4 }];
    const ctx = { para: 0, firstInPara: true };
    expect(sentenceView(tokens, quoted, ctx, lower)).toEqual(sentenceView(tokens, quoted, ctx));
  });
});

describe('statement model file', () => {
  it('loads a valid model and rejects broken ones with the reason', () => {
    expect(loadStatementModel(tiny()).cues.has('claimed')).toBe(true);
    expect(() => loadStatementModel({ ...tiny(), version: 2 }, 'm.json')).toThrow(/m\.json: not a version 1/);
    expect(() => loadStatementModel(tiny({ bits: 40 }))).toThrow(/bits/);
    expect(() => loadStatementModel(tiny({ index: [1, 2], weight: [0.5] }))).toThrow(/same length/);
    expect(() => loadStatementModel(tiny({ index: [1 << 16], weight: [0.5] }))).toThrow(/out of range/);
    expect(() => loadStatementModel(tiny({ threshold: 1.5 }))).toThrow(/threshold/);
  });

  it('the shipped model loads', () => {
    const m = loadStatementModel(defaultLexicon.statementModel);
    expect(m.cues.size).toBeGreaterThan(100);
    expect(m.threshold).toBeGreaterThan(0.5);
  });
});

describe('candidate features', () => {
  it('describe the cue word, its subject and a following "that"', () => {
    const v = view('Ann Lee claimed that the bridge was unsafe.');
    const f = candidateFeatures(v, 2);
    expect(f).toContain('w=claimed');
    expect(f).toContain('wn=claimed|that');
    expect(f).toContain('that=true');
    expect(f).toContain('wcap=claimed|true|false');
    expect(f).toContain('qshare=0');
  });

  it('see quote marks after the cue', () => {
    const text = 'Lee claimed "the bridge is unsafe and old".';
    const v = view(text, [{ start: 13, end: 41 }]);
    // 6 of the 9 tokens after the cue are quoted: a share of 3 in quarters.
    expect(candidateFeatures(v, 1)).toContain('qshare=3');
  });

  it('are scored with the same hashes as their strings', () => {
    // Random weights everywhere: the streamed hashing must equal hashFeature of each string.
    const bits = 16;
    const index: number[] = [];
    const weight: number[] = [];
    let seed = 7;
    for (let i = 0; i < 1 << bits; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      index.push(i);
      weight.push(((seed / 2 ** 32) * 2 - 1) / 10);
    }
    const m = loadStatementModel(tiny({ bits, index, weight }));
    const v = view('But critics, in a letter, claimed the plan would fail.');
    const i = v.lower.indexOf('claimed');
    const z = candidateFeatures(v, i).reduce((s, f) => s + m.weights[hashFeature(f) & ((1 << bits) - 1)]!, 0);
    const best = bestCue(m, v)!;
    expect(best.token).toBe(i);
    expect(best.p).toBeCloseTo(1 / (1 + Math.exp(-z)), 5);
  });

  it('skip cue words inside quote marks', () => {
    const m = loadStatementModel(tiny());
    const text = 'He read "Lee claimed victory" aloud.';
    expect(bestCue(m, view(text, [{ start: 9, end: 28 }]))).toBeUndefined();
  });
});

describe('content span', () => {
  const span = (text: string, word: string, before = false) => {
    const v = view(text);
    const s = contentSpan(v.tokens, v.lower.indexOf(word), { start: 0, end: text.length }, before);
    return s && text.slice(s.start, s.end);
  };
  it('is the rest of the sentence after the cue and its "that"', () => {
    expect(span('Ann Lee claimed that the bridge was unsafe.', 'claimed')).toBe('the bridge was unsafe');
    expect(span('Lee expressed confidence that the ferry would pay.', 'expressed')).toBe('the ferry would pay');
    expect(span('According to the report, the bridge was unsafe.', 'according')).toBe('the bridge was unsafe');
  });
  it('is the clause before a closing cue', () => {
    expect(span('The bridge was unsafe, engineers believe.', 'believe')).toBe('The bridge was unsafe');
    expect(span('The bridge was unsafe, engineers said in a report.', 'said', true)).toBe('The bridge was unsafe');
  });
});

describe('statements the model adds to the rules (invented article)', () => {
  const text = [
    'Maria Okafor runs the harbour authority in Port Lenning.',
    'Okafor expressed confidence that the ferry line would be profitable by next spring.',
  ].join('\n');
  it('finds a statement with a noun cue that no rule reads, with its speaker', () => {
    const rules = extractKnowledge([{ id: 'd', title: 'Harbour', text }], {
      ...defaultLexicon,
      statementModel: undefined,
    });
    expect(rules.quotes.filter((q) => q.kind === 'reported')).toEqual([]);
    const k = extractKnowledge([{ id: 'd', title: 'Harbour', text }], defaultLexicon);
    const st = k.quotes.filter((q) => q.kind === 'reported');
    expect(st.map((q) => q.text)).toEqual(['the ferry line would be profitable by next spring']);
    expect(k.entities.find((e) => e.id === st[0]!.speakerId)?.name).toBe('Maria Okafor');
  });
});
