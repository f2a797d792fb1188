import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { train } from '../../tests/tools/train-statements';
import { compileLexicon } from './compiled-lexicon';
import { defaultLexicon } from './lexicon';
import { loadStatementModel } from './statement-model';
import {
  candidateSentences,
  detection,
  halfMatch,
  modelOf,
  predict,
  trainLogistic,
  type LabelledDoc,
} from './statement-training';

/** Invented labelled articles: "X claimed/believes …" sentences are statements, "X repaired …" are not. */
function labelled(n: number): LabelledDoc[] {
  const docs: LabelledDoc[] = [];
  for (let i = 0; i < n; i++) {
    const a = `Dana Miller${i} claimed that the old bridge ${i} was unsafe for trucks.`;
    const b = `Crews repaired the old bridge ${i} on Monday morning.`;
    const c = `Residents believe the new road ${i} will bring more traffic.`;
    const text = [a, b, c].join('\n');
    const cue = (s: string, w: string, off: number) => ({
      start: off + s.indexOf(w),
      end: off + s.indexOf(w) + w.length,
    });
    const offC = a.length + 1 + b.length + 1;
    docs.push({
      id: `doc${i}`,
      text,
      statements: [
        { start: a.indexOf('the old'), end: a.length - 1, cue: cue(a, 'claimed', 0) },
        { start: offC + c.indexOf('the new'), end: offC + c.length - 1, cue: cue(c, 'believe', offC) },
      ],
    });
  }
  return docs;
}

describe('statement training', () => {
  const lex = compileLexicon(defaultLexicon);
  const vocab = new Set(['claimed', 'believe', 'repaired']);

  it('labels cue candidates from the gold cue spans', () => {
    const s = candidateSentences(labelled(1), lex, vocab, 16);
    const c = s.flatMap((x) => x.candidates).map((x) => [x.word, x.positive]);
    expect(c).toEqual([
      ['claimed', true],
      ['repaired', false],
      ['believe', true],
    ]);
  });

  it('learns to tell cues from other verbs, and its spans match the gold ones', () => {
    const sents = candidateSentences(labelled(20), lex, vocab, 16);
    const examples = sents.flatMap((s) => s.candidates);
    const w = trainLogistic(examples, { bits: 16, epochs: 3 });
    const before = trainLogistic([], { bits: 16 });
    const model = modelOf(w, before, 16, [...vocab], 0.5);
    const test = candidateSentences(labelled(2), lex, vocab, 16);
    const preds = predict(model, test);
    expect(preds.filter((p) => p.p >= 0.5)).toHaveLength(4);
    const spans = labelled(2).map((_, d) => preds.filter((p) => p.doc === d && p.p >= 0.5).map((p) => p.span));
    const det = detection(labelled(2), spans);
    expect(det.precision).toBe(1);
    expect(det.recall).toBe(1);
  });

  it('matches spans as the scorer does: overlap of at least half of the shorter', () => {
    expect(halfMatch({ start: 0, end: 10 }, { start: 5, end: 30 })).toBe(true);
    expect(halfMatch({ start: 0, end: 10 }, { start: 6, end: 30 })).toBe(false);
  });

  it('the training script runs on a tiny sample and writes a model that loads', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-statements-'));
    try {
      const docs = labelled(12);
      fs.writeFileSync(
        path.join(dir, 'polnear-train.jsonl.gz'),
        gzipSync(docs.map((d) => JSON.stringify({ id: d.id, title: d.id, text: d.text })).join('\n')),
      );
      const gold = {
        docs: Object.fromEntries(
          docs.map((d) => [
            d.id,
            {
              statements: d.statements.map((s) => ({
                start: s.start,
                end: s.end,
                cue_span: [s.cue!.start, s.cue!.end],
              })),
            },
          ]),
        ),
      };
      fs.writeFileSync(path.join(dir, 'polnear-train.gold.json.gz'), gzipSync(JSON.stringify(gold)));
      const out = path.join(dir, 'model.json');
      const lines: string[] = [];
      train({ data: dir, out, folds: 3, precision: 0.5, log: (l) => lines.push(l) });
      const m = loadStatementModel(JSON.parse(fs.readFileSync(out, 'utf8')), out);
      expect(m.cues.has('claimed')).toBe(true);
      expect(lines.join('\n')).toMatch(/3 folds by document/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
