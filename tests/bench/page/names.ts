/**
 * The name tables the page benchmark scans for: the bundled corpus's names
 * (as the background serves them), and 10,000 real names extracted from White
 * House briefings (cached in `.cache/bench/`, the extraction takes a while).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extractKnowledge } from '../../../lib/corpus/extract';
import { defaultLexicon } from '../../../lib/corpus/lexicon';
import type { NameEntry } from '../../../lib/messages/protocol';
import { buildBundledPack } from '../../../lib/node/bundled-corpus';
import { readJsonlFile } from '../../../lib/node/jsonl-input';
import type { Entity } from '../../../lib/pack/types';

/** Every name and alias of `entities`, first spelling wins (like `CorpusQuery.names`). */
function namesOf(entities: readonly Entity[]): NameEntry[] {
  const seen = new Set<string>();
  const out: NameEntry[] = [];
  for (const e of entities) {
    for (const text of [e.name, ...e.aliases]) {
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ text, entityId: e.id, type: e.type });
    }
  }
  return out;
}

/** The names of the corpus the extension ships. */
export async function bundledNames(root: string): Promise<NameEntry[]> {
  return namesOf((await buildBundledPack(root)).entities);
}

/** A short hash of the extraction's code and lexicon: names cached by an older extractor are not reused. */
async function extractorVersion(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of ['lib/corpus', 'assets/lexicon']) {
    const files = (await readdir(path.join(root, dir))).filter(
      (f) => /\.(?:ts|json)$/.test(f) && !f.includes('.test.'),
    );
    for (const f of files.sort()) hash.update(f).update(await readFile(path.join(root, dir, f)));
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * `count` names from the entities of the first `docs` briefings, most
 * mentioned entities first (so a prefix of the list is a smaller realistic set).
 * @throws when the briefings do not yield `count` names.
 */
export async function briefingNames(
  root: string,
  sharedDir: string,
  count: number,
  docs = 1500,
  log: (line: string) => void = () => undefined,
): Promise<NameEntry[]> {
  const cache = path.join(root, '.cache', 'bench', `briefing-names-${docs}-${await extractorVersion(root)}.json`);
  let names: NameEntry[];
  if (existsSync(cache)) {
    names = JSON.parse(await readFile(cache, 'utf8')) as NameEntry[];
  } else {
    log(`extracting names from ${docs} briefings (cached in ${path.relative(root, cache)})`);
    const file = path.join(sharedDir, 'data', 'whitehouse-briefings.jsonl.gz');
    const read = await readJsonlFile(file, docs);
    const knowledge = extractKnowledge(
      read.docs.map(({ origin: _o, keepId: _k, ...d }) => d),
      defaultLexicon,
    );
    names = namesOf(knowledge.entities);
    await mkdir(path.dirname(cache), { recursive: true });
    await writeFile(cache, JSON.stringify(names));
  }
  if (names.length < count) throw new Error(`briefingNames: only ${names.length} names in ${docs} briefings`);
  return names.slice(0, count);
}
