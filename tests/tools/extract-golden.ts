/**
 * Golden output of the extraction: a SHA-256 of the serialised knowledge and state that
 * `extractWithState` gives on the PolNeAR train articles, the Wikinews file and the first N White
 * House briefings, and of an increment (the next 200 briefings against the first N). The state is hashed in a canonical
 * JSON (typed arrays with their type), since `v8.serialize` of equal values can differ. A performance change must print
 * the same hashes as the commit before it (`git stash; npx tsx tests/tools/extract-golden.ts`).
 *
 *   npx tsx tests/tools/extract-golden.ts [--briefings 500] [--json out.json]
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractIncrement, extractWithState } from '../../lib/corpus/increment';
import { defaultLexicon } from '../../lib/corpus/lexicon';
import type { SourceDocument } from '../../lib/corpus/types';
import { readJsonlFile } from '../../lib/node/jsonl-input';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const shared = path.resolve(process.env.DOSSIER_SHARED ?? '../shared');
const briefings = Number(arg('--briefings') ?? 500);

async function load(file: string, limit?: number): Promise<SourceDocument[]> {
  const { docs } = await readJsonlFile(path.join(shared, file), limit);
  return docs.map(({ origin: _o, keepId: _k, ...d }) => d);
}

/**
 * A canonical JSON of what IndexedDB would store: typed arrays with their type, Maps and Sets as
 * entries. (`v8.serialize` is not canonical: the same numbers serialise differently once V8 keeps
 * an array's elements as doubles, which depends on the JIT's history in the process.)
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v)) return { [v.constructor.name]: Array.from(v as unknown as ArrayLike<number>) };
    if (v instanceof Map) return { Map: [...v] };
    if (v instanceof Set) return { Set: [...v] };
    return v;
  });
}

const hash = (value: unknown): string => createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);
const hashClone = hash;

async function main(): Promise<void> {
  const out: Record<string, string> = {};
  const polnear = extractWithState(await load('data/polnear-train.jsonl.gz'), defaultLexicon);
  out['polnear-train.knowledge'] = hash(polnear.knowledge);
  out['polnear-train.state'] = hashClone(polnear.state);
  const wiki = await load('data/wikinews-2019-2020.jsonl');
  const w = extractWithState(wiki, defaultLexicon);
  out['wikinews.knowledge'] = hash(w.knowledge);
  out['wikinews.state'] = hashClone(w.state);
  const wh = await load('data/whitehouse-briefings.jsonl.gz', briefings + 200);
  const b = extractWithState(wh.slice(0, briefings), defaultLexicon);
  out[`whitehouse-${briefings}.knowledge`] = hash(b.knowledge);
  out[`whitehouse-${briefings}.state`] = hashClone(b.state);
  const inc = extractIncrement(wh.slice(briefings), defaultLexicon, b.knowledge.entities, b.state);
  out[`whitehouse-${briefings}+200.knowledge`] = hash(inc.knowledge);
  out[`whitehouse-${briefings}+200.state`] = hashClone(inc.state);
  for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(32)} ${v}`);
  const json = arg('--json');
  if (json) writeFileSync(json, JSON.stringify(out, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
