/**
 * How far a corpus built in increments is from one full build of the same articles
 * (lib/corpus/increment.ts), in % of the full build: entities (same name; same name, type
 * and aliases; same id), mentions (same span and entity name), quotes (same span; same
 * speaker name), plus the state's size (structured-clone bytes) after each increment.
 *
 *   npx tsx tests/tools/increment-diff.ts [--file data/wikinews-2019-2020.jsonl] [--limit N] [--parts 10]
 */
import path from 'node:path';
import v8 from 'node:v8';
import { extractKnowledge } from '../../lib/corpus/extract';
import { emptyExtractionState, extractIncrement } from '../../lib/corpus/increment';
import { fold } from '../../lib/corpus/compiled-lexicon';
import { concatIncrements, diffKnowledge } from '../../lib/corpus/knowledge-diff';
import { defaultLexicon } from '../../lib/corpus/lexicon';
import { readJsonlFile } from '../../lib/node/jsonl-input';
import type { Knowledge } from '../../lib/pack/types';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const file = path.resolve(import.meta.dirname, '../../../shared', arg('file', 'data/wikinews-2019-2020.jsonl'));
const limit = Number(arg('limit', '0')) || undefined;
const partsWanted = Number(arg('parts', '10'));

const { docs: read } = await readJsonlFile(file, limit);
const docs = read.map(({ origin: _o, keepId: _k, ...d }) => d);
const full = extractKnowledge(docs, defaultLexicon);
let state = emptyExtractionState();
let table: Knowledge['entities'] = [];
const parts: Knowledge[] = [];
const size = Math.ceil(docs.length / partsWanted);
/** Per document: the aliases (folded) its increment's table had, to tell old-document gaps apart. */
const aliasesWhenExtracted = new Map<string, Set<string>>();
for (let from = 0; from < docs.length; from += size) {
  const batch = docs.slice(from, from + size);
  const r = extractIncrement(batch, defaultLexicon, table, state);
  parts.push(r.knowledge);
  table = r.knowledge.entities;
  state = r.state;
  const known = new Set(table.flatMap((e) => e.aliases.map(fold)));
  for (const d of batch) aliasesWhenExtracted.set(d.id, known);
}
const d = diffKnowledge(full, concatIncrements(parts));
const pct = (a: number, b: number): string => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
console.log(`${docs.length} documents from ${path.basename(file)} in ${parts.length} increments vs one build`);
console.log(
  `entities: full ${d.entities.full}, incremental ${d.entities.incremental}; same name ${pct(d.entities.sameName, d.entities.full)}, same name+type+aliases ${pct(d.entities.sameNameTypeAliases, d.entities.full)}, same id ${pct(d.entities.sameId, d.entities.full)}`,
);
console.log(
  `mentions: full ${d.mentions.full}, incremental ${d.mentions.incremental}; same ${pct(d.mentions.same, d.mentions.full)}`,
);
console.log(
  `quotes: full ${d.quotes.full}, incremental ${d.quotes.incremental}; same span ${pct(d.quotes.sameSpan, d.quotes.full)}, same span+speaker ${pct(d.quotes.sameSpeaker, d.quotes.full)}`,
);
console.log(`state: ${v8.serialize(state).length} bytes (structured clone) after ${state.documents} documents`);

// Why full-build mentions are missing: the name was not in the table yet when the document was
// extracted (an old document is not searched for later aliases), or the document was chunked or
// clustered differently (statistics of the corpus at the time).
const inc = concatIncrements(parts);
const incNames = new Map(inc.entities.map((e) => [e.id, e.name]));
const fullNames = new Map(full.entities.map((e) => [e.id, e.name]));
const textOf = new Map(docs.map((d) => [d.id, d.text]));
const incSpans = new Map(inc.mentions.map((m) => [`${m.docId}:${m.start}:${m.end}`, incNames.get(m.entityId)]));
let notYetAlias = 0;
let noMention = 0;
let otherEntity = 0;
for (const m of full.mentions) {
  const key = `${m.docId}:${m.start}:${m.end}`;
  const got = incSpans.get(key);
  if (got === fullNames.get(m.entityId)) continue;
  if (got !== undefined) otherEntity++;
  else if (!aliasesWhenExtracted.get(m.docId)!.has(fold(textOf.get(m.docId)!.slice(m.start, m.end)))) notYetAlias++;
  else noMention++;
}
console.log(
  `full-build mentions not in the incremental build: ${notYetAlias} (${pct(notYetAlias, d.mentions.full)}) name not yet in the table when the document was extracted; ${otherEntity} (${pct(otherEntity, d.mentions.full)}) same span, other entity (name, clustering or surname attachment differ); ${noMention} (${pct(noMention, d.mentions.full)}) alias known but span not found (chunked or matched differently)`,
);
