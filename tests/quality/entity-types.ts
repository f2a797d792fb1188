/**
 * Entity typing on real news, against names labelled by hand
 * (tests/fixtures/entity-type-labels.json): builds the entities of the Wikinews
 * and PolNeAR articles in ../shared/data and prints typed precision / recall / F1
 * for person, organisation and place, CoNLL-style (a name labelled `other` or
 * `none` typed as one of the three is a false positive), plus the junk names
 * still extracted. Run: `npx tsx tests/quality/entity-types.ts [--errors]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractKnowledge } from '../../lib/corpus/extract';
import { defaultLexicon } from '../../lib/corpus/lexicon';
import type { SourceDocument } from '../../lib/corpus/types';
import type { Entity } from '../../lib/pack/types';
import labels from '../fixtures/entity-type-labels.json';

type Label = 'person' | 'organization' | 'place' | 'other' | 'none';
const TYPED = ['person', 'organization', 'place'] as const;
const DATA = path.resolve(import.meta.dirname, '../../../shared/data');

function readJsonl(file: string): SourceDocument[] {
  const raw = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString('utf8') : readFileSync(file, 'utf8');
  return raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SourceDocument);
}

/** The entity a labelled name refers to: the one with that name, else the most mentioned one with that alias. */
function find(entities: readonly Entity[], mentions: Map<string, number>, name: string): Entity | undefined {
  const exact = entities.find((e) => e.name === name);
  if (exact) return exact;
  return entities
    .filter((e) => e.aliases.includes(name))
    .sort((a, b) => (mentions.get(b.id) ?? 0) - (mentions.get(a.id) ?? 0))[0];
}

/** Scores one set; returns its printed lines. */
export function scoreSet(docs: SourceDocument[], gold: Record<string, Label>, showErrors: boolean): string[] {
  const k = extractKnowledge(docs, defaultLexicon);
  const mentions = new Map<string, number>();
  for (const m of k.mentions) mentions.set(m.entityId, (mentions.get(m.entityId) ?? 0) + 1);
  const tp: Record<string, number> = {};
  const fp: Record<string, number> = {};
  const fn: Record<string, number> = {};
  const errors: string[] = [];
  let junkKept = 0;
  let junk = 0;
  for (const [name, want] of Object.entries(gold)) {
    const e = find(k.entities, mentions, name);
    const got = e?.type ?? 'missing';
    if (want === 'none') {
      junk++;
      if (e) junkKept++;
    }
    if (got === want) {
      if ((TYPED as readonly string[]).includes(want)) tp[want] = (tp[want] ?? 0) + 1;
      continue;
    }
    if ((TYPED as readonly string[]).includes(got)) fp[got] = (fp[got] ?? 0) + 1;
    if ((TYPED as readonly string[]).includes(want)) fn[want] = (fn[want] ?? 0) + 1;
    if (want !== 'none' || e)
      errors.push(`  ${name}: labelled ${want}, got ${got}${e && e.name !== name ? ` (as "${e.name}")` : ''}`);
  }
  const f1 = (t: number, p: number, n: number): string => {
    const prec = t / Math.max(1, t + p);
    const rec = t / Math.max(1, t + n);
    return `P ${prec.toFixed(3)} R ${rec.toFixed(3)} F1 ${((2 * prec * rec) / Math.max(1e-9, prec + rec)).toFixed(3)}`;
  };
  const sum = (r: Record<string, number>): number => TYPED.reduce((s, t) => s + (r[t] ?? 0), 0);
  const lines = [`  typed (PER/ORG/LOC) ${f1(sum(tp), sum(fp), sum(fn))}   entities ${k.entities.length}`];
  for (const t of TYPED) lines.push(`    ${t.padEnd(12)} ${f1(tp[t] ?? 0, fp[t] ?? 0, fn[t] ?? 0)}`);
  lines.push(`  names labelled "none" still extracted: ${junkKept} of ${junk}`);
  if (showErrors) lines.push(...errors);
  return lines;
}

function main(): void {
  const showErrors = process.argv.includes('--errors');
  const sets: [string, string, Record<string, Label>][] = [
    ['Wikinews 2019-2020 (development labels)', 'wikinews-2019-2020.jsonl', labels.wikinews as Record<string, Label>],
    ['PolNeAR train', 'polnear-train.jsonl.gz', labels.polnear as Record<string, Label>],
  ];
  for (const [title, file, gold] of sets) {
    const full = path.join(DATA, file);
    if (!existsSync(full)) {
      console.log(`${title}: ${full} is absent (it lives in ../shared/data); skipped`);
      continue;
    }
    console.log(`${title}: ${Object.keys(gold).length} labelled names`);
    for (const l of scoreSet(readJsonl(full), gold, showErrors)) console.log(l);
  }
}

main();
