/**
 * The grow bench's inputs from `../shared/data/whitehouse-briefings.jsonl.gz`: the first N briefings
 * (the corpus a user already has), the next ones (the articles the user adds), each added article's
 * unique word (what the popup's search must find once it is searchable), and the files a user picks.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readJsonlFile } from '../../../lib/node/jsonl-input';

/** A briefing as the importer's .jsonl takes it. */
export interface Briefing {
  id: string;
  title: string;
  text: string;
  date?: string;
  url?: string;
}

/** An article to add, with a word no other document of the corpus has. */
export interface Addition {
  doc: Briefing;
  word: string;
}

/** Reads the first `count` briefings (duplicated ids or texts are kept: the importer dedupes them). */
export async function readBriefings(sharedDir: string, count: number): Promise<Briefing[]> {
  const { docs } = await readJsonlFile(path.join(sharedDir, 'data/whitehouse-briefings.jsonl.gz'), count);
  if (docs.length < count) throw new Error(`grow: the briefings file has ${docs.length} documents, ${count} needed`);
  return docs.map(({ id, title, text, date, url }) => ({
    id,
    title: title ?? id,
    text,
    ...(date ? { date } : {}),
    ...(url ? { url } : {}),
  }));
}

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z]{7,}/g) ?? []);

/**
 * The first `count` articles of `pool` (in order) that have a word of 7+ letters found in no other
 * document of `corpus` or `pool`, nor as the start of another word there (the search may complete
 * prefixes), each with that word. Articles without one (a few short briefings) are passed over.
 * @throws when fewer than `count` articles of the pool qualify.
 */
export function uniqueWords(corpus: readonly Briefing[], pool: readonly Briefing[], count: number): Addition[] {
  const docCount = new Map<string, number>();
  for (const doc of [...corpus, ...pool]) {
    for (const w of words(`${doc.title} ${doc.text}`)) docCount.set(w, (docCount.get(w) ?? 0) + 1);
  }
  const sorted = [...docCount.keys()].sort();
  const isPrefixOfAnother = (w: string): boolean => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= w) lo = mid + 1;
      else hi = mid;
    }
    return lo < sorted.length && sorted[lo]!.startsWith(w);
  };
  const chosen: Addition[] = [];
  for (const doc of pool) {
    if (chosen.length === count) break;
    const word = [...words(`${doc.title} ${doc.text}`)]
      .filter((w) => docCount.get(w) === 1 && !isPrefixOfAnother(w))
      .sort((a, b) => b.length - a.length || a.localeCompare(b))[0];
    if (word) chosen.push({ doc, word });
  }
  if (chosen.length < count)
    throw new Error(`grow: only ${chosen.length} of ${pool.length} articles have a unique word`);
  return chosen;
}

const jsonl = (docs: readonly Briefing[]): string => docs.map((d) => JSON.stringify(d)).join('\n') + '\n';

/** Writes `docs` as one file under `.cache/bench/grow/` (`.jsonl` or `.jsonl.gz`), once; returns its path. */
export function writeFile(root: string, name: string, docs: readonly Briefing[], gzip = false): string {
  const dir = path.join(root, '.cache', 'bench', 'grow');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.jsonl${gzip ? '.gz' : ''}`);
  if (!existsSync(file)) writeFileSync(file, gzip ? gzipSync(jsonl(docs)) : jsonl(docs));
  return file;
}

/** `docs` split into files of `perFile` documents (what a user must do when one file is refused). */
export function writeSplitFiles(root: string, name: string, docs: readonly Briefing[], perFile: number): string[] {
  const files: string[] = [];
  for (let i = 0; i * perFile < docs.length; i++) {
    files.push(writeFile(root, `${name}-part${i + 1}`, docs.slice(i * perFile, (i + 1) * perFile)));
  }
  return files;
}
