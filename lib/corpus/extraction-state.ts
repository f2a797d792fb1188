/**
 * The extraction state: what the corpus-wide stages of the pipeline (capitalisation
 * statistics, clustering, entity typing and naming, the alias index) need to know about the
 * documents already extracted, so that new documents are extracted alone and linked to the
 * corpus (issue #14, lib/corpus/increment.ts). Compact columns: sorted string lists with
 * parallel typed arrays; its size grows with the vocabulary and the entities, not with the
 * documents. Plain data, structured-clonable (IndexedDB keeps it in the generation manifest).
 */
import { ENTITY_TYPES, type Entity, type EntityType } from '../pack/types';
import { emptyCapitalizationCounts, type CapitalizationCounts } from './capitalization';
import { addTypeVotes, surnameKey, type ClusterEvidence, type ClusterPrior } from './clustering';
import { fold, type CompiledLexicon } from './compiled-lexicon';
import type { TypeVotes } from './evidence';
import { aliasWords } from './mentions';
import { indexOfSorted, mergeSortedKeys } from './sorted-strings';

/**
 * Names the rules the statistics were gathered with. A state from another pipeline is not
 * used (its counts would mean something else): the table alone is linked against.
 */
export const EXTRACTION_PIPELINE = 'dossier-extract/2';

/** Per folded name ("key"): sorted keys and parallel columns. */
export interface KeyColumns {
  keys: string[];
  /** {@link surnameKey} of the key, '' when it has a single word. */
  surnames: string[];
  /** Type votes, 4 per key in {@link ENTITY_TYPES} order. */
  votes: Float64Array;
  /** Occurrences the chunker found. */
  counts: Int32Array;
  /** The entity (index in `entities`, = index in the table produced) the key's occurrences went to; -1 none. */
  homes: Int32Array;
}

/** Per entity, in the order of the table the state was produced with. */
export interface EntityColumns {
  ids: string[];
  /** Name, type (index in {@link ENTITY_TYPES}) and description ('' none) as the extraction decided them; a table entity that differs was edited by the user and keeps its value. */
  names: string[];
  types: Uint8Array;
  descriptions: string[];
  /** Occurrences clustered into the entity (the weight that orders entities sharing an alias). */
  counts: Int32Array;
  /** Summed type votes, 4 per entity. */
  votes: Float64Array;
  /** Surface forms with their counts; entity `i`'s are rows `formStart[i]` to `formStart[i + 1]`. */
  formStart: Int32Array;
  forms: string[];
  formCounts: Int32Array;
  /** Descriptions with their counts, rows as for forms. */
  descStart: Int32Array;
  descs: string[];
  descCounts: Int32Array;
  /** The table's aliases when the state was produced, and the tokens each is searched as (joined by U+0000, '' not searched). */
  aliasStart: Int32Array;
  aliases: string[];
  aliasWords: string[];
}

/**
 * What the corpus remembers between increments besides its entity table.
 * Plain data (structured-clonable), stored with the corpus generation.
 */
export interface ExtractionState {
  version: 1;
  /** {@link EXTRACTION_PIPELINE} of the code that produced it. */
  pipeline: string;
  /** Documents extracted into it. */
  documents: number;
  capitalization: CapitalizationCounts;
  keys: KeyColumns;
  entities: EntityColumns;
  /** Every entity id ever given or seen in a table, sorted: never given again (an edit log may name it). */
  issued: string[];
}

/** The state of a corpus with no documents. */
export function emptyExtractionState(): ExtractionState {
  return {
    version: 1,
    pipeline: EXTRACTION_PIPELINE,
    documents: 0,
    capitalization: emptyCapitalizationCounts(),
    keys: emptyKeys(),
    entities: {
      ids: [],
      names: [],
      types: new Uint8Array(0),
      descriptions: [],
      counts: new Int32Array(0),
      votes: new Float64Array(0),
      formStart: new Int32Array(1),
      forms: [],
      formCounts: new Int32Array(0),
      descStart: new Int32Array(1),
      descs: [],
      descCounts: new Int32Array(0),
      aliasStart: new Int32Array(1),
      aliases: [],
      aliasWords: [],
    },
    issued: [],
  };
}

function emptyKeys(): KeyColumns {
  return { keys: [], surnames: [], votes: new Float64Array(0), counts: new Int32Array(0), homes: new Int32Array(0) };
}

const isStrings = (x: unknown, n?: number): x is string[] =>
  Array.isArray(x) && (n === undefined || x.length === n) && x.every((s) => typeof s === 'string');

/**
 * Whether `s` is a state this code can extend: right version and pipeline, every column
 * present with consistent lengths. Anything else (a state from an older version, damaged
 * storage) is not used, never trusted.
 */
export function isUsableState(s: unknown): s is ExtractionState {
  try {
    if (typeof s !== 'object' || s === null) return false;
    const st = s as Partial<ExtractionState>;
    if (st.version !== 1 || st.pipeline !== EXTRACTION_PIPELINE || typeof st.documents !== 'number') return false;
    const c = st.capitalization;
    if (!c || !isStrings(c.capWords) || !isStrings(c.lowWords)) return false;
    if (!(c.capCounts instanceof Int32Array) || c.capCounts.length !== c.capWords.length) return false;
    if (!(c.lowCounts instanceof Int32Array) || c.lowCounts.length !== c.lowWords.length) return false;
    if (!(c.lowInText instanceof Int32Array) || c.lowInText.length !== c.lowWords.length) return false;
    const k = st.keys;
    if (!k || !isStrings(k.keys) || !isStrings(k.surnames, k.keys.length)) return false;
    const nk = k.keys.length;
    if (!(k.votes instanceof Float64Array) || k.votes.length !== nk * 4) return false;
    if (!(k.counts instanceof Int32Array) || k.counts.length !== nk) return false;
    if (!(k.homes instanceof Int32Array) || k.homes.length !== nk) return false;
    const e = st.entities;
    if (!e || !isStrings(e.ids)) return false;
    const n = e.ids.length;
    if (!isStrings(e.names, n) || !isStrings(e.descriptions, n)) return false;
    if (!(e.types instanceof Uint8Array) || e.types.length !== n) return false;
    if (!(e.counts instanceof Int32Array) || e.counts.length !== n) return false;
    if (!(e.votes instanceof Float64Array) || e.votes.length !== n * 4) return false;
    const rows = (start: unknown, texts: unknown, extra: unknown): boolean =>
      start instanceof Int32Array &&
      start.length === n + 1 &&
      start[0] === 0 &&
      isStrings(texts, start[n]) &&
      (extra instanceof Int32Array ? extra.length === start[n] : isStrings(extra, start[n]));
    if (!rows(e.formStart, e.forms, e.formCounts) || !rows(e.descStart, e.descs, e.descCounts)) return false;
    if (!rows(e.aliasStart, e.aliases, e.aliasWords)) return false;
    for (let i = 0; i < n; i++)
      if (
        e.formStart[i]! > e.formStart[i + 1]! ||
        e.descStart[i]! > e.descStart[i + 1]! ||
        e.aliasStart[i]! > e.aliasStart[i + 1]!
      )
        return false;
    for (let i = 0; i < nk; i++) if (k.homes[i]! < -1 || k.homes[i]! >= n) return false;
    return isStrings(st.issued);
  } catch {
    return false;
  }
}

function votesAt(col: Float64Array, i: number): TypeVotes {
  const v: TypeVotes = {};
  for (let t = 0; t < 4; t++) if (col[i * 4 + t]! !== 0) v[ENTITY_TYPES[t]!] = col[i * 4 + t]!;
  return v;
}

function putVotes(col: Float64Array, i: number, v: TypeVotes): void {
  for (let t = 0; t < 4; t++) col[i * 4 + t] = (col[i * 4 + t] ?? 0) + (v[ENTITY_TYPES[t]!] ?? 0);
}

const typeIndex = (t: EntityType): number => Math.max(0, ENTITY_TYPES.indexOf(t));

/**
 * A state read against the entity table it is extended with: which state entity each table
 * entity is (by id; table entities the state does not know are adopted from the table: a
 * restored pack, a state from another version), the keys the user's added aliases give, and
 * the {@link ClusterPrior} the clustering of new documents reads.
 */
export class StateView implements ClusterPrior {
  /** State entity → table index, -1 when the table no longer has it (merged or deleted by the user). */
  readonly tableOf: Int32Array;
  /** Table index → state entity, -1 when the state does not know it (adopted). */
  readonly stateOf: Int32Array;
  /** Keys that lead to a table entity besides the state's homes: aliases of adopted entities and aliases the user added. */
  private readonly extraHomes = new Map<string, number>();
  private foldIndex: Map<string, number> | undefined;

  constructor(
    readonly state: ExtractionState,
    readonly table: readonly Entity[],
    private readonly lex: CompiledLexicon,
  ) {
    const ids = state.entities.ids;
    this.tableOf = new Int32Array(ids.length).fill(-1);
    this.stateOf = new Int32Array(table.length).fill(-1);
    let aligned = table.length >= ids.length;
    for (let i = 0; aligned && i < ids.length; i++) aligned = table[i]!.id === ids[i];
    if (aligned) {
      for (let i = 0; i < ids.length; i++) {
        this.tableOf[i] = i;
        this.stateOf[i] = i;
      }
    } else {
      // The user merged or deleted entities, or the table is not the one the state was made with.
      const byId = new Map<string, number>();
      ids.forEach((id, i) => byId.set(id, i));
      table.forEach((e, t) => {
        const s = byId.get(e.id);
        if (s !== undefined && this.tableOf[s] === -1) {
          this.tableOf[s] = t;
          this.stateOf[t] = s;
        }
      });
    }
    const e = state.entities;
    table.forEach((entity, t) => {
      const s = this.stateOf[t]!;
      if (s < 0) {
        for (const n of [entity.name, ...entity.aliases])
          if (this.home(fold(n)) === undefined) this.extraHomes.set(fold(n), t);
        return;
      }
      // Aliases the user added since: their names lead to the entity too.
      const from = e.aliasStart[s]!;
      const to = e.aliasStart[s + 1]!;
      entity.aliases.forEach((a, j) => {
        if (from + j < to && e.aliases[from + j] === a) return;
        for (let r = from; r < to; r++) if (e.aliases[r] === a) return;
        const k = fold(a);
        if (this.home(k) === undefined) this.extraHomes.set(k, t);
      });
    });
  }

  /** Whether the state knows table entity `t` and the user left the alias list as it was produced. */
  private sameAliases(t: number): boolean {
    const s = this.stateOf[t]!;
    if (s < 0) return false;
    const e = this.state.entities;
    const list = this.table[t]!.aliases;
    if (list.length !== e.aliasStart[s + 1]! - e.aliasStart[s]!) return false;
    const from = e.aliasStart[s]!;
    return list.every((a, j) => e.aliases[from + j] === a);
  }

  /** Tokens of every table alias (reusing the state's), for the alias index, with a filter on the first token. */
  *aliasesOfTable(firstWordWanted: (w: string) => boolean): IterableIterator<{ id: string; words: readonly string[] }> {
    const e = this.state.entities;
    for (let t = 0; t < this.table.length; t++) {
      const entity = this.table[t]!;
      if (this.sameAliases(t)) {
        const s = this.stateOf[t]!;
        for (let r = e.aliasStart[s]!; r < e.aliasStart[s + 1]!; r++) {
          const joined = e.aliasWords[r]!;
          if (joined === '') continue;
          const cut = joined.indexOf('\u0000');
          if (!firstWordWanted(cut < 0 ? joined : joined.slice(0, cut))) continue;
          yield { id: entity.id, words: joined.split('\u0000') };
        }
      } else {
        for (const a of entity.aliases) {
          const words = aliasWords(a, this.lex);
          if (words && firstWordWanted(words[0]!)) yield { id: entity.id, words };
        }
      }
    }
  }

  /** Whether table entity `t` had `alias` when the state was produced (a produced alias the table lacks was removed by the user). */
  hadAlias(t: number, alias: string): boolean {
    const s = this.stateOf[t]!;
    if (s < 0) return false;
    const e = this.state.entities;
    for (let r = e.aliasStart[s]!; r < e.aliasStart[s + 1]!; r++) if (e.aliases[r] === alias) return true;
    return false;
  }

  /** Row of `key` in the state's key columns, or -1. */
  keyRow(key: string): number {
    return indexOfSorted(this.state.keys.keys, key);
  }

  votes(key: string): TypeVotes | undefined {
    const r = this.keyRow(key);
    return r < 0 ? undefined : votesAt(this.state.keys.votes, r);
  }

  count(key: string): number {
    const r = this.keyRow(key);
    return r < 0 ? 0 : this.state.keys.counts[r]!;
  }

  keysBySurname(surnames: ReadonlySet<string>): ReadonlyMap<string, readonly string[]> {
    const out = new Map<string, string[]>();
    if (surnames.size === 0) return out;
    const { keys, surnames: col } = this.state.keys;
    for (let r = 0; r < col.length; r++) {
      const s = col[r]!;
      if (s === '' || !surnames.has(s)) continue;
      const list = out.get(s) ?? [];
      list.push(keys[r]!);
      out.set(s, list);
    }
    return out;
  }

  home(key: string): number | undefined {
    const extra = this.extraHomes.get(key);
    if (extra !== undefined) return extra;
    const r = this.keyRow(key);
    if (r < 0) return undefined;
    const h = this.state.keys.homes[r]!;
    if (h < 0) return undefined;
    const t = this.tableOf[h]!;
    return t >= 0 ? t : this.homeOfMissing(h);
  }

  /** The table entity that took over state entity `s` (merged by the user: it has its names), else undefined. */
  homeOfMissing(s: number): number | undefined {
    if (!this.foldIndex) {
      this.foldIndex = new Map();
      this.table.forEach((e, t) => {
        for (const n of [e.name, ...e.aliases]) if (!this.foldIndex!.has(fold(n))) this.foldIndex!.set(fold(n), t);
      });
    }
    const e = this.state.entities;
    const candidates = [e.names[s]!, ...e.forms.slice(e.formStart[s], e.formStart[s + 1])];
    for (const n of candidates) {
      const t = this.foldIndex.get(fold(n));
      if (t !== undefined) return t;
    }
    return undefined;
  }

  /** The evidence the state holds for table entity `t` (seeded from the table for an adopted one). */
  evidenceOf(t: number): ClusterEvidence {
    const s = this.stateOf[t]!;
    const entity = this.table[t]!;
    if (s < 0) {
      // Adopted: no counts known. The table's name and aliases stand in for the forms, its type for the votes.
      const forms = new Map<string, number>();
      forms.set(entity.name, 2);
      for (const a of entity.aliases) if (!forms.has(a)) forms.set(a, 1);
      const descs = new Map<string, number>();
      if (entity.description) descs.set(entity.description, 1);
      return { votes: { [entity.type]: 1 }, forms, descs, count: 0 };
    }
    const e = this.state.entities;
    const forms = new Map<string, number>();
    for (let r = e.formStart[s]!; r < e.formStart[s + 1]!; r++) forms.set(e.forms[r]!, e.formCounts[r]!);
    const descs = new Map<string, number>();
    for (let r = e.descStart[s]!; r < e.descStart[s + 1]!; r++) descs.set(e.descs[r]!, e.descCounts[r]!);
    return { votes: votesAt(e.votes, s), forms, descs, count: e.counts[s]! };
  }

  /** What the extraction last decided for table entity `t` (the table's own values for an adopted one). */
  produced(t: number): { name: string; type: EntityType; description?: string } {
    const s = this.stateOf[t]!;
    const entity = this.table[t]!;
    if (s < 0)
      return {
        name: entity.name,
        type: entity.type,
        ...(entity.description ? { description: entity.description } : {}),
      };
    const e = this.state.entities;
    const d = e.descriptions[s]!;
    return { name: e.names[s]!, type: ENTITY_TYPES[e.types[s]!] ?? 'other', ...(d ? { description: d } : {}) };
  }

  /** Extra keys (adopted entities, aliases the user added) and the table entity each leads to. */
  extraKeys(): ReadonlyMap<string, number> {
    return this.extraHomes;
  }

  /** Weight of table entity `t` before this increment. */
  weightOf(t: number): number {
    const s = this.stateOf[t]!;
    return s < 0 ? 0 : this.state.entities.counts[s]!;
  }
}

/** Merges `more` into a copy of `base` (earlier evidence first, as in corpus order). */
export function mergeEvidence(base: ClusterEvidence, more: ClusterEvidence): ClusterEvidence {
  const votes: TypeVotes = { ...base.votes };
  addTypeVotes(votes, more.votes);
  const forms = new Map(base.forms);
  for (const [f, n] of more.forms) forms.set(f, (forms.get(f) ?? 0) + n);
  const descs = new Map(base.descs);
  for (const [d, n] of more.descs) descs.set(d, (descs.get(d) ?? 0) + n);
  return { votes, forms, descs, count: base.count + more.count };
}

/** What a new state is made of, besides the view of the old one. */
export interface NextStateInput {
  view: StateView;
  documents: number;
  capitalization: CapitalizationCounts;
  /** Per key of the new documents: summed votes and occurrence count. */
  keyVotes: ReadonlyMap<string, TypeVotes>;
  keyCounts: ReadonlyMap<string, number>;
  /** Key → output table index the new documents' occurrences of it went to. */
  keyHomes: ReadonlyMap<string, number>;
  /** The output table. */
  table: readonly Entity[];
  /** Output table index → the entity's evidence, for every entity touched or created (others are copied from the view). */
  evidence: ReadonlyMap<number, ClusterEvidence>;
  /** Output table index → what the extraction decided for it (touched or created entities). */
  produced: ReadonlyMap<number, { name: string; type: EntityType; description?: string }>;
  /** Output table index → tokens of each alias, joined by U+0000 ('' not searched), when known. */
  aliasWordsOf: (t: number, alias: string, j: number) => string;
}

/** The state after an increment: old columns carried over, new rows merged in. Costs a copy of the columns. */
export function nextState(input: NextStateInput, lex: CompiledLexicon): ExtractionState {
  const { view, table } = input;
  const old = view.state;

  // Entities: one row per output table entity, in its order.
  const n = table.length;
  const ids: string[] = new Array<string>(n);
  const names: string[] = new Array<string>(n);
  const types = new Uint8Array(n);
  const descriptions: string[] = new Array<string>(n);
  const counts = new Int32Array(n);
  const votes = new Float64Array(n * 4);
  const formStart = new Int32Array(n + 1);
  const descStart = new Int32Array(n + 1);
  const aliasStart = new Int32Array(n + 1);
  const forms: string[] = [];
  const formCounts: number[] = [];
  const descs: string[] = [];
  const descCounts: number[] = [];
  const aliases: string[] = [];
  const aliasWordsCol: string[] = [];
  const oe = old.entities;
  for (let t = 0; t < n; t++) {
    const entity = table[t]!;
    ids[t] = entity.id;
    const s = t < view.stateOf.length ? view.stateOf[t]! : -1;
    const ev = input.evidence.get(t);
    const produced = input.produced.get(t);
    if (ev === undefined && s >= 0) {
      names[t] = oe.names[s]!;
      types[t] = oe.types[s]!;
      descriptions[t] = oe.descriptions[s]!;
      counts[t] = oe.counts[s]!;
      for (let k = 0; k < 4; k++) votes[t * 4 + k] = oe.votes[s * 4 + k]!;
      for (let r = oe.formStart[s]!; r < oe.formStart[s + 1]!; r++) {
        forms.push(oe.forms[r]!);
        formCounts.push(oe.formCounts[r]!);
      }
      for (let r = oe.descStart[s]!; r < oe.descStart[s + 1]!; r++) {
        descs.push(oe.descs[r]!);
        descCounts.push(oe.descCounts[r]!);
      }
    } else {
      const e = ev ?? view.evidenceOf(t);
      const p = produced ?? view.produced(t);
      names[t] = p.name;
      types[t] = typeIndex(p.type);
      descriptions[t] = p.description ?? '';
      counts[t] = e.count;
      putVotes(votes, t, e.votes);
      for (const [f, c] of e.forms) {
        forms.push(f);
        formCounts.push(c);
      }
      for (const [d, c] of e.descs) {
        descs.push(d);
        descCounts.push(c);
      }
    }
    entity.aliases.forEach((a, j) => {
      aliases.push(a);
      aliasWordsCol.push(input.aliasWordsOf(t, a, j));
    });
    formStart[t + 1] = forms.length;
    descStart[t + 1] = descs.length;
    aliasStart[t + 1] = aliases.length;
  }

  // State entity → output index (state entities the table lost: the entity that took their names, else none).
  const remap = new Int32Array(view.tableOf.length);
  for (let s = 0; s < remap.length; s++)
    remap[s] = view.tableOf[s]! >= 0 ? view.tableOf[s]! : (view.homeOfMissing(s) ?? -1);

  // Keys: old rows (homes remapped), new keys merged in.
  const ok = old.keys;
  const added = new Set<string>([...input.keyCounts.keys(), ...view.extraKeys().keys()]);
  const merged = mergeSortedKeys(ok.keys, added);
  const nk = merged.keys.length;
  const surnames: string[] = new Array<string>(nk);
  const kv = new Float64Array(nk * 4);
  const kc = new Int32Array(nk);
  const kh = new Int32Array(nk);
  for (let r = 0; r < nk; r++) {
    const key = merged.keys[r]!;
    const f = merged.from[r]!;
    if (f >= 0) {
      surnames[r] = ok.surnames[f]!;
      for (let k = 0; k < 4; k++) kv[r * 4 + k] = ok.votes[f * 4 + k]!;
      kc[r] = ok.counts[f]!;
      kh[r] = ok.homes[f]! >= 0 ? remap[ok.homes[f]!]! : -1;
    } else {
      surnames[r] = surnameKey(key, lex) ?? '';
      kh[r] = -1;
    }
    const v = input.keyVotes.get(key);
    if (v) putVotes(kv, r, v);
    kc[r] = kc[r]! + (input.keyCounts.get(key) ?? 0);
    if (kh[r]! < 0) kh[r] = input.keyHomes.get(key) ?? view.extraKeys().get(key) ?? -1;
  }

  const issued = mergeSortedKeys(old.issued, ids).keys;
  return {
    version: 1,
    pipeline: EXTRACTION_PIPELINE,
    documents: input.documents,
    capitalization: input.capitalization,
    keys: { keys: merged.keys, surnames, votes: kv, counts: kc, homes: kh },
    entities: {
      ids,
      names,
      types,
      descriptions,
      counts,
      votes,
      formStart,
      forms,
      formCounts: Int32Array.from(formCounts),
      descStart,
      descs,
      descCounts: Int32Array.from(descCounts),
      aliasStart,
      aliases,
      aliasWords: aliasWordsCol,
    },
    issued,
  };
}
