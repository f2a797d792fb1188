/**
 * Entity typing against hand-labelled named-entity mentions (tests/fixtures/entity-types/,
 * labelling rules and article choice in its README.md): CoNLL-style exact-span scores.
 *
 * - News: 30 real articles of ../shared/data (15 PolNeAR train, 15 Wikinews), each labelled over
 *   its first whole paragraphs; a dev half (worked on) and a held-out half (scored only at the end).
 *   The extraction runs over the whole source file the article comes from (840 or 295 articles),
 *   as a user's corpus would, and only mentions inside the labelled region are scored.
 * - Passages: short invented CoNLL-style texts, one per error class of issue #12, extracted as one
 *   small corpus of their own.
 *
 * Our types map to CoNLL's as person → PER, organization → ORG, place → LOC, other → MISC.
 * "Typed" is exact-span F1 over PER/ORG/LOC: a gold MISC is not expected, and a mention of ours
 * typed other is not a prediction; a PER/ORG/LOC mention of ours on a MISC or unlabelled span is a
 * false positive. "Untyped" is exact-span F1 over every labelled mention (MISC too) against every
 * mention of ours (other too), whatever the type.
 *
 * Run alone: `npx tsx tests/tools/quality/entity-typing.ts [--errors] [--heldout] [--heldout-errors]`
 * (held-out figures only with --heldout);
 * `npm run quality` runs it through measure.ts for this tree and the commit before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Knowledge } from '../../../lib/pack/types';
import type { Lexicon, SourceDocument } from '../../../lib/corpus/types';

type Extract = (docs: SourceDocument[], lexicon: Lexicon) => Knowledge;
/** CoNLL's four types. */
export type Conll = 'PER' | 'ORG' | 'LOC' | 'MISC';
const TYPED: readonly Conll[] = ['PER', 'ORG', 'LOC'];
const OF_OURS: Record<string, Conll> = { person: 'PER', organization: 'ORG', place: 'LOC', other: 'MISC' };

/** One labelled mention: character range in its document's text. */
export interface GoldMention {
  docId: string;
  start: number;
  end: number;
  type: Conll;
}

/** A labelled news article: its source file, split and the labelled prefix of its text. */
export interface LabelledArticle {
  source: 'polnear' | 'wikinews';
  split: 'dev' | 'heldout';
  id: string;
  end: number;
  mentions: GoldMention[];
}

const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/entity-types');

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Finds `surface` at or after `from` as whole words; -1 when absent. */
function findWord(text: string, surface: string, from: number): number {
  for (let i = text.indexOf(surface, from); i >= 0; i = text.indexOf(surface, i + 1)) {
    if (!isWordChar(text[i - 1]) && !isWordChar(text[i + surface.length])) return i;
  }
  return -1;
}

/** Reads news.labels and places each mention in its article's text (mentions are listed in order). */
export function readNewsLabels(
  texts: Map<string, string>,
  file = path.join(FIXTURE, 'news.labels'),
): LabelledArticle[] {
  const articles: LabelledArticle[] = [];
  let cur: LabelledArticle | undefined;
  let cursor = 0;
  for (const [n, raw] of fs.readFileSync(file, 'utf8').split('\n').entries()) {
    const line = raw.trimEnd();
    if (!line || line.startsWith('# ') || line === '#') continue;
    if (line.startsWith('## ')) {
      const [source, , split, end, id] = line.slice(3).split(' ');
      if (!id || !texts.has(id)) throw new Error(`${file}:${n + 1}: unknown article "${id}"`);
      cur = {
        source: source as LabelledArticle['source'],
        split: split as 'dev' | 'heldout',
        id,
        end: Number(end),
        mentions: [],
      };
      articles.push(cur);
      cursor = 0;
      continue;
    }
    const m = /^(PER|ORG|LOC|MISC) (.+)$/.exec(line);
    if (!m || !cur) throw new Error(`${file}:${n + 1}: expected "<TYPE> <surface>" after an article header`);
    const text = texts.get(cur.id)!;
    const at = findWord(text, m[2]!, cursor);
    if (at < 0 || at + m[2]!.length > cur.end)
      throw new Error(`${file}:${n + 1}: "${m[2]}" not found after offset ${cursor} in ${cur.id}`);
    cur.mentions.push({ docId: cur.id, start: at, end: at + m[2]!.length, type: m[1] as Conll });
    cursor = at + m[2]!.length;
  }
  return articles;
}

/** Reads passages.txt: each passage becomes a document without brackets, plus its mentions. */
export function readPassages(file = path.join(FIXTURE, 'passages.txt')): {
  docs: SourceDocument[];
  mentions: GoldMention[];
} {
  const docs: SourceDocument[] = [];
  const mentions: GoldMention[] = [];
  const blocks = fs.readFileSync(file, 'utf8').split(/^## /m).slice(1);
  for (const [i, block] of blocks.entries()) {
    const [title, ...lines] = block.trimEnd().split('\n');
    const id = `passage-${i + 1}`;
    let text = '';
    const body = lines.join('\n');
    const re = /\[(PER|ORG|LOC|MISC) ([^\]]+)\]/g;
    let last = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      text += body.slice(last, m.index);
      mentions.push({ docId: id, start: text.length, end: text.length + m[2]!.length, type: m[1] as Conll });
      text += m[2]!;
      last = m.index + m[0].length;
    }
    text += body.slice(last);
    docs.push({ id, title: title!.trim(), text });
  }
  return { docs, mentions };
}

/** Reads a JSONL(.gz) file of articles. */
export function readArticles(file: string): SourceDocument[] {
  const raw = file.endsWith('.gz') ? gunzipSync(fs.readFileSync(file)).toString('utf8') : fs.readFileSync(file, 'utf8');
  return raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SourceDocument);
}

/** Counts of one scoring. */
export interface Counts {
  tp: Record<string, number>;
  fp: Record<string, number>;
  fn: Record<string, number>;
  untyped: { tp: number; fp: number; fn: number };
  errors: string[];
}

/** A predicted mention with its CoNLL type. */
interface Predicted {
  docId: string;
  start: number;
  end: number;
  type: Conll;
}

/** Predicted mentions of `k` inside `regions` (docId → labelled length). */
export function predictedMentions(k: Knowledge, regions: Map<string, number>): Predicted[] {
  const typeOf = new Map(k.entities.map((e) => [e.id, OF_OURS[e.type] ?? 'MISC']));
  const seen = new Set<string>();
  const out: Predicted[] = [];
  for (const m of k.mentions) {
    const end = regions.get(m.docId);
    if (end === undefined || m.end > end) continue;
    const key = `${m.docId}:${m.start}:${m.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ docId: m.docId, start: m.start, end: m.end, type: typeOf.get(m.entityId) ?? 'MISC' });
  }
  return out;
}

/** Exact-span scoring of `pred` against `gold`; `texts` only for the error lines. */
export function score(gold: GoldMention[], pred: Predicted[], texts: Map<string, string>): Counts {
  const c: Counts = { tp: {}, fp: {}, fn: {}, untyped: { tp: 0, fp: 0, fn: 0 }, errors: [] };
  const key = (m: { docId: string; start: number; end: number }): string => `${m.docId}:${m.start}:${m.end}`;
  const goldAt = new Map(gold.map((g) => [key(g), g]));
  const predAt = new Map(pred.map((p) => [key(p), p]));
  const add = (r: Record<string, number>, t: string): void => {
    r[t] = (r[t] ?? 0) + 1;
  };
  const show = (m: { docId: string; start: number; end: number }): string => {
    const t = texts.get(m.docId) ?? '';
    return `${m.docId.slice(0, 40)} …${t.slice(Math.max(0, m.start - 30), m.start).replace(/\n/g, '⏎')}[${t.slice(m.start, m.end)}]${t.slice(m.end, m.end + 30).replace(/\n/g, '⏎')}…`;
  };
  for (const g of gold) {
    const p = predAt.get(key(g));
    if (p) c.untyped.tp++;
    else c.untyped.fn++;
    if (!TYPED.includes(g.type)) continue;
    if (p?.type === g.type) add(c.tp, g.type);
    else {
      add(c.fn, g.type);
      c.errors.push(`  missed ${g.type}${p ? ` (typed ${p.type})` : ''}: ${show(g)}`);
    }
  }
  for (const p of pred) {
    const g = goldAt.get(key(p));
    if (!g) c.untyped.fp++;
    if (!TYPED.includes(p.type) || g?.type === p.type) continue;
    add(c.fp, p.type);
    if (!g || !TYPED.includes(g.type)) c.errors.push(`  spurious ${p.type}${g ? ` (gold ${g.type})` : ''}: ${show(p)}`);
  }
  return c;
}

function prf(tp: number, fp: number, fn: number): { P: number; R: number; F1: number } {
  const P = tp / Math.max(1, tp + fp);
  const R = tp / Math.max(1, tp + fn);
  return { P, R, F1: P + R > 0 ? (2 * P * R) / (P + R) : 0 };
}

/** Figures of one scoring under `prefix`: typed P/R/F1, per type F1, untyped F1, counts. */
export function figuresOf(prefix: string, c: Counts): Record<string, number> {
  const sum = (r: Record<string, number>): number => TYPED.reduce((s, t) => s + (r[t] ?? 0), 0);
  const all = prf(sum(c.tp), sum(c.fp), sum(c.fn));
  const f: Record<string, number> = {
    [`${prefix}.typed.P`]: all.P,
    [`${prefix}.typed.R`]: all.R,
    [`${prefix}.typed.F1`]: all.F1,
    [`${prefix}.gold`]: sum(c.tp) + sum(c.fn),
    [`${prefix}.untyped.F1`]: prf(c.untyped.tp, c.untyped.fp, c.untyped.fn).F1,
  };
  for (const t of TYPED) f[`${prefix}.${t}.F1`] = prf(c.tp[t] ?? 0, c.fp[t] ?? 0, c.fn[t] ?? 0).F1;
  return f;
}

/** Runs every scoring with `extract` (the measured tree's); returns figures and the error lines. */
export function entityTypingFigures(
  shared: string,
  extract: Extract,
  lexicon: Lexicon,
): { figures: Record<string, number>; errors: Record<string, string[]> } {
  const sources = {
    polnear: readArticles(path.join(shared, 'data/polnear-train.jsonl.gz')),
    wikinews: readArticles(path.join(shared, 'data/wikinews-2019-2020.jsonl')),
  };
  const texts = new Map<string, string>();
  for (const docs of Object.values(sources)) for (const d of docs) texts.set(d.id, d.text);
  const articles = readNewsLabels(texts);
  const pred: Predicted[] = [];
  for (const [source, docs] of Object.entries(sources)) {
    const regions = new Map(articles.filter((a) => a.source === source).map((a) => [a.id, a.end]));
    pred.push(...predictedMentions(extract(docs, lexicon), regions));
  }
  const figures: Record<string, number> = {};
  const errors: Record<string, string[]> = {};
  for (const split of ['dev', 'heldout'] as const) {
    const ids = new Set(articles.filter((a) => a.split === split).map((a) => a.id));
    const c = score(
      articles.filter((a) => ids.has(a.id)).flatMap((a) => a.mentions),
      pred.filter((p) => ids.has(p.docId)),
      texts,
    );
    Object.assign(figures, figuresOf(`ents.${split}`, c));
    errors[split] = c.errors;
  }
  const c = score(
    articles.flatMap((a) => a.mentions),
    pred,
    texts,
  );
  Object.assign(figures, figuresOf('ents.all', c));
  const passages = readPassages();
  const ptexts = new Map(passages.docs.map((d) => [d.id, d.text]));
  const pk = extract(passages.docs, lexicon);
  const pc = score(
    passages.mentions,
    predictedMentions(pk, new Map(passages.docs.map((d) => [d.id, d.text.length]))),
    ptexts,
  );
  Object.assign(figures, figuresOf('ents.passages', pc));
  errors['passages'] = pc.errors;
  return { figures, errors };
}

async function main(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../../..');
  const shared = process.env.DOSSIER_SHARED ?? path.resolve(root, '../shared');
  const { extractKnowledge } = await import('../../../lib/corpus/extract');
  const { defaultLexicon } = await import('../../../lib/corpus/lexicon');
  const { figures, errors } = entityTypingFigures(shared, extractKnowledge, defaultLexicon);
  const sets = process.argv.includes('--heldout') ? ['dev', 'heldout', 'all', 'passages'] : ['dev', 'passages'];
  for (const set of sets) {
    const f = (k: string): string => (figures[`ents.${set}.${k}`] ?? NaN).toFixed(3);
    console.log(
      `${set.padEnd(9)} typed F1 ${f('typed.F1')} (P ${f('typed.P')} R ${f('typed.R')})  PER ${f('PER.F1')}  ORG ${f('ORG.F1')}  LOC ${f('LOC.F1')}  untyped ${f('untyped.F1')}  (${figures[`ents.${set}.gold`]} gold)`,
    );
  }
  if (process.argv.includes('--errors'))
    console.log(['dev:', ...errors['dev']!, 'passages:', ...errors['passages']!].join('\n'));
  if (process.argv.includes('--heldout-errors')) console.log(['heldout:', ...errors['heldout']!].join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(`entity-typing: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
