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
import { indexOfSorted, mergeSortedKeys, spreadColumn, spreadStrings } from './sorted-strings';

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
  /**
   * Surface forms with their counts; entity `i`'s are rows `formFrom[i]` to `formTo[i]`
   * (an entity whose forms change gets new rows at the end; the old ones are left until
   * a compaction, so an increment appends instead of rewriting every row).
   */
  formFrom: Int32Array;
  formTo: Int32Array;
  forms: string[];
  formCounts: Int32Array;
  /** Descriptions with their counts, rows as for forms. */
  descFrom: Int32Array;
  descTo: Int32Array;
  descs: string[];
  descCounts: Int32Array;
  /** The table's aliases when the state was produced, and the tokens each is searched as (joined by U+0000, '' not searched); rows as for forms. */
  aliasFrom: Int32Array;
  aliasTo: Int32Array;
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
      formFrom: new Int32Array(0),
      formTo: new Int32Array(0),
      forms: [],
      formCounts: new Int32Array(0),
      descFrom: new Int32Array(0),
      descTo: new Int32Array(0),
      descs: [],
      descCounts: new Int32Array(0),
      aliasFrom: new Int32Array(0),
      aliasTo: new Int32Array(0),
      aliases: [],
      aliasWords: [],
    },
    issued: [],
  };
}

function emptyKeys(): KeyColumns {
  return { keys: [], surnames: [], votes: new Float64Array(0), counts: new Int32Array(0), homes: new Int32Array(0) };
}

/**
 * An array of strings of length `n`: its length, first and last element are checked (checking
 * every element would cost the whole state on every increment; the columns are written
 * only by {@link nextState}).
 */
const isStrings = (x: unknown, n?: number): x is string[] =>
  Array.isArray(x) &&
  (n === undefined || x.length === n) &&
  (x.length === 0 || (typeof x[0] === 'string' && typeof x[x.length - 1] === 'string'));

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
    const rows = (from: unknown, to: unknown, texts: unknown, extra: unknown): boolean => {
      if (!(from instanceof Int32Array) || !(to instanceof Int32Array) || from.length !== n || to.length !== n)
        return false;
      if (!isStrings(texts)) return false;
      const len = texts.length;
      if (extra instanceof Int32Array ? extra.length !== len : !isStrings(extra, len)) return false;
      for (let i = 0; i < n; i++) if (from[i]! < 0 || from[i]! > to[i]! || to[i]! > len) return false;
      return true;
    };
    if (!rows(e.formFrom, e.formTo, e.forms, e.formCounts) || !rows(e.descFrom, e.descTo, e.descs, e.descCounts))
      return false;
    if (!rows(e.aliasFrom, e.aliasTo, e.aliases, e.aliasWords)) return false;
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
    for (let t = 0; t < table.length; t++) {
      const entity = table[t]!;
      const s = this.stateOf[t]!;
      if (s < 0) {
        for (const n of [entity.name, ...entity.aliases])
          if (this.home(fold(n)) === undefined) this.extraHomes.set(fold(n), t);
        continue;
      }
      if (this.sameAliases(t)) continue;
      // Aliases the user added since: their names lead to the entity too.
      const from = e.aliasFrom[s]!;
      const to = e.aliasTo[s]!;
      entity.aliases.forEach((a) => {
        for (let r = from; r < to; r++) if (e.aliases[r] === a) return;
        const k = fold(a);
        if (this.home(k) === undefined) this.extraHomes.set(k, t);
      });
    }
  }

  /**
   * The tokens of alias `j` of table entity `t` as the state stored them (joined by U+0000), when the state
   * knows that entity and its alias `j` is still `alias`; else undefined (tokenize it).
   */
  storedAliasWords(t: number, alias: string, j: number): string | undefined {
    const s = t < this.stateOf.length ? this.stateOf[t]! : -1;
    const oe = this.state.entities;
    const k = s >= 0 ? oe.aliasFrom[s]! + j : -1;
    return s >= 0 && k < oe.aliasTo[s]! && oe.aliases[k] === alias ? oe.aliasWords[k]! : undefined;
  }

  private sameCache: Int8Array | undefined;

  /** Whether the state knows table entity `t` and the user left the alias list as it was produced. */
  sameAliases(t: number): boolean {
    this.sameCache ??= new Int8Array(this.table.length);
    if (this.sameCache[t] === 0) this.sameCache[t] = this.computeSameAliases(t) ? 1 : -1;
    return this.sameCache[t] === 1;
  }

  private computeSameAliases(t: number): boolean {
    const s = this.stateOf[t]!;
    if (s < 0) return false;
    const e = this.state.entities;
    const list = this.table[t]!.aliases;
    if (list.length !== e.aliasTo[s]! - e.aliasFrom[s]!) return false;
    const from = e.aliasFrom[s]!;
    return list.every((a, j) => e.aliases[from + j] === a);
  }

  /**
   * Tokens of the table's aliases whose first token `wanted` accepts, in table order, for the
   * alias index: the state's tokens where the user left an entity's aliases as they were,
   * else tokenized; `current(t)` gives the aliases of entities this increment changes.
   */
  aliasesOfTable(
    wanted: (w: string) => boolean,
    current: (t: number) => readonly string[] | undefined,
  ): { t: number; words: readonly string[] }[] {
    const out: { t: number; words: readonly string[] }[] = [];
    const e = this.state.entities;
    const col = e.aliasWords;
    for (let t = 0; t < this.table.length; t++) {
      const now = current(t);
      if (now === undefined && this.sameAliases(t)) {
        const s = this.stateOf[t]!;
        const to = e.aliasTo[s]!;
        for (let r = e.aliasFrom[s]!; r < to; r++) {
          const joined = col[r]!;
          if (joined === '') continue;
          const cut = joined.indexOf('\u0000');
          if (!wanted(cut < 0 ? joined : joined.slice(0, cut))) continue;
          out.push({ t, words: cut < 0 ? [joined] : joined.split('\u0000') });
        }
      } else {
        for (const a of now ?? this.table[t]!.aliases) {
          const words = aliasWords(a, this.lex);
          if (words && wanted(words[0]!)) out.push({ t, words });
        }
      }
    }
    return out;
  }

  /** Whether table entity `t` had `alias` when the state was produced (a produced alias the table lacks was removed by the user). */
  hadAlias(t: number, alias: string): boolean {
    const s = this.stateOf[t]!;
    if (s < 0) return false;
    const e = this.state.entities;
    for (let r = e.aliasFrom[s]!; r < e.aliasTo[s]!; r++) if (e.aliases[r] === alias) return true;
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
    const candidates = [e.names[s]!, ...e.forms.slice(e.formFrom[s], e.formTo[s])];
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
    for (let r = e.formFrom[s]!; r < e.formTo[s]!; r++) forms.set(e.forms[r]!, e.formCounts[r]!);
    const descs = new Map<string, number>();
    for (let r = e.descFrom[s]!; r < e.descTo[s]!; r++) descs.set(e.descs[r]!, e.descCounts[r]!);
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

/** Rows of a relocatable column (forms, descriptions, aliases): old rows kept, new ones appended. */
class Rows<T extends string | number> {
  readonly texts: string[];
  readonly extra: T[];
  readonly from: Int32Array;
  readonly to: Int32Array;
  private live = 0;

  constructor(texts: readonly string[], extra: ArrayLike<T>, n: number) {
    this.texts = texts.slice();
    this.extra = Array.from(extra);
    this.from = new Int32Array(n);
    this.to = new Int32Array(n);
  }

  keep(t: number, from: number, to: number): void {
    this.from[t] = from;
    this.to[t] = to;
    this.live += to - from;
  }

  /**
   * Entity `t`'s rows become `rows`: rewritten in place when they are the same texts in the same
   * order as its old rows `from`–`to` (only the numbers changed), else appended.
   */
  update(t: number, from: number, to: number, rows: readonly [string, T][]): void {
    if (from >= 0 && rows.length === to - from && rows.every(([x], j) => this.texts[from + j] === x)) {
      rows.forEach(([, y], j) => (this.extra[from + j] = y));
      this.keep(t, from, to);
    } else this.append(t, rows);
  }

  append(t: number, rows: Iterable<[string, T]>): void {
    this.from[t] = this.texts.length;
    for (const [x, y] of rows) {
      this.texts.push(x);
      this.extra.push(y);
    }
    this.to[t] = this.texts.length;
    this.live += this.to[t] - this.from[t];
  }

  /** The columns; rewritten without the rows no entity points at when those are most of them. */
  done(): { from: Int32Array; to: Int32Array; texts: string[]; extra: T[] } {
    if (this.texts.length <= 2 * this.live + 1024)
      return { from: this.from, to: this.to, texts: this.texts, extra: this.extra };
    const texts: string[] = [];
    const extra: T[] = [];
    const from = new Int32Array(this.from.length);
    const to = new Int32Array(this.to.length);
    for (let t = 0; t < from.length; t++) {
      from[t] = texts.length;
      for (let r = this.from[t]!; r < this.to[t]!; r++) {
        texts.push(this.texts[r]!);
        extra.push(this.extra[r]!);
      }
      to[t] = texts.length;
    }
    return { from, to, texts, extra };
  }
}

/** The state after an increment: old columns carried over (copied in bulk), new rows merged or appended. */
export function nextState(input: NextStateInput, lex: CompiledLexicon): ExtractionState {
  const { view, table } = input;
  const old = view.state;
  const oe = old.entities;
  const sN = oe.ids.length;
  const n = table.length;
  const aligned = n >= sN && view.stateOf.subarray(0, sN).every((s, t) => s === t);

  // Per-entity scalars: the old rows in bulk when the table still starts with the state's entities.
  const ids = table.map((e) => e.id);
  const names: string[] = aligned ? oe.names.concat(new Array<string>(n - sN).fill('')) : new Array<string>(n).fill('');
  const descriptions: string[] = aligned
    ? oe.descriptions.concat(new Array<string>(n - sN).fill(''))
    : new Array<string>(n).fill('');
  const types = new Uint8Array(n);
  const counts = new Int32Array(n);
  const votes = new Float64Array(n * 4);
  const forms = new Rows<number>(oe.forms, oe.formCounts, n);
  const descs = new Rows<number>(oe.descs, oe.descCounts, n);
  const aliases = new Rows<string>(oe.aliases, oe.aliasWords, n);
  if (aligned) {
    types.set(oe.types);
    counts.set(oe.counts);
    votes.set(oe.votes);
  }
  for (let t = 0; t < n; t++) {
    const s = t < view.stateOf.length ? view.stateOf[t]! : -1;
    const ev = input.evidence.get(t);
    if (ev === undefined && s >= 0) {
      if (!aligned) {
        names[t] = oe.names[s]!;
        types[t] = oe.types[s]!;
        descriptions[t] = oe.descriptions[s]!;
        counts[t] = oe.counts[s]!;
        votes.set(oe.votes.subarray(s * 4, s * 4 + 4), t * 4);
      }
      forms.keep(t, oe.formFrom[s]!, oe.formTo[s]!);
      descs.keep(t, oe.descFrom[s]!, oe.descTo[s]!);
    } else {
      const e = ev ?? view.evidenceOf(t);
      const p = input.produced.get(t) ?? view.produced(t);
      names[t] = p.name;
      types[t] = typeIndex(p.type);
      descriptions[t] = p.description ?? '';
      counts[t] = e.count;
      votes.fill(0, t * 4, t * 4 + 4);
      putVotes(votes, t, e.votes);
      forms.update(t, s >= 0 ? oe.formFrom[s]! : -1, s >= 0 ? oe.formTo[s]! : -1, [...e.forms]);
      descs.update(t, s >= 0 ? oe.descFrom[s]! : -1, s >= 0 ? oe.descTo[s]! : -1, [...e.descs]);
    }
    if (s >= 0 && ev === undefined && t < view.table.length && view.sameAliases(t))
      aliases.keep(t, oe.aliasFrom[s]!, oe.aliasTo[s]!);
    else
      aliases.update(
        t,
        s >= 0 ? oe.aliasFrom[s]! : -1,
        s >= 0 ? oe.aliasTo[s]! : -1,
        table[t]!.aliases.map((a, j): [string, string] => [a, input.aliasWordsOf(t, a, j)]),
      );
  }

  // Keys: old rows in bulk (homes remapped when the table lost entities), new keys merged in.
  const ok = old.keys;
  const added = new Set<string>([...input.keyCounts.keys(), ...view.extraKeys().keys()]);
  const merged = mergeSortedKeys(ok.keys, added);
  const nk = merged.keys.length;
  const surnames = spreadStrings(ok.surnames, merged.inserted, (r) => surnameKey(merged.keys[r]!, lex) ?? '');
  const kv = spreadColumn(ok.votes, 4, merged.inserted, nk);
  const kc = spreadColumn(ok.counts, 1, merged.inserted, nk);
  const kh = spreadColumn(ok.homes, 1, merged.inserted, nk);
  for (const r of merged.inserted) kh[r] = -1;
  if (!aligned) {
    const remap = new Int32Array(sN);
    for (let s = 0; s < sN; s++) remap[s] = view.tableOf[s]! >= 0 ? view.tableOf[s]! : (view.homeOfMissing(s) ?? -1);
    for (let r = 0; r < nk; r++) if (kh[r]! >= 0) kh[r] = remap[kh[r]!]!;
  }
  for (const key of added) {
    const r = indexOfSorted(merged.keys, key);
    const v = input.keyVotes.get(key);
    if (v) putVotes(kv, r, v);
    kc[r] = kc[r]! + (input.keyCounts.get(key) ?? 0);
    if (kh[r]! < 0) kh[r] = input.keyHomes.get(key) ?? view.extraKeys().get(key) ?? -1;
  }
  // Homes given by this increment to keys already known but homeless (e.g. an assigned full name).
  for (const [key, t] of input.keyHomes) {
    if (added.has(key)) continue;
    const r = indexOfSorted(merged.keys, key);
    if (r >= 0 && kh[r]! < 0) kh[r] = t;
  }

  const fresh: string[] = [];
  for (let t = 0; t < n; t++) if (t >= view.stateOf.length || view.stateOf[t]! < 0) fresh.push(ids[t]!);
  const f = forms.done();
  const d = descs.done();
  const a = aliases.done();
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
      formFrom: f.from,
      formTo: f.to,
      forms: f.texts,
      formCounts: Int32Array.from(f.extra),
      descFrom: d.from,
      descTo: d.to,
      descs: d.texts,
      descCounts: Int32Array.from(d.extra),
      aliasFrom: a.from,
      aliasTo: a.to,
      aliases: a.texts,
      aliasWords: a.extra,
    },
    issued: mergeSortedKeys(old.issued, fresh).keys,
  };
}
