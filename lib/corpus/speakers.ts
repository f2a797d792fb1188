/**
 * Who is speaking: subjects of speech verbs (a name, "he"/"she", "the expert",
 * "the article"), and the discourse state that resolves pronouns and nominal
 * references to the last compatible person.
 */
import type { Entity, Mention } from '../pack/types';
import type { CompiledLexicon } from './compiled-lexicon';
import type { Span } from './segment';

/** Verbs that introduce speech or a reported statement. */
export const SPEECH_VERB =
  'said|says|say|told|tells|added|adds|noted|notes|stressed|stresses|explained|explains|argued|argues|warned|warns|insisted|insists|claimed|claims|stated|states|wrote|writes|tweeted|admitted|admits|underscored|underscores|emphasi[sz]ed|emphasi[sz]es|suggested|suggests|replied|replies|responded|remarked|commented|continued|concluded|declared|declares|announced|announces|asked|asks|recalled|recalls|acknowledged|acknowledges|believes|thinks|maintained|maintains|pointed out|points out|observed|reiterated|reiterates|confirmed|confirms|denied|denies|described|describes|predicted|predicts|expressed hope|expressed concern|hopes|read|reads|according';

/** Nouns for a publication as the source ("the article read"): never a person. */
const PUBLICATION =
  /^(?:article|newspaper|paper|report|statement|website|site|publication|outlet|agency|channel|document|letter|study|magazine|survey|post|tweet|blog|release|communique|memo|editorial)$/;

/** What a subject phrase refers to. */
export type Subject =
  { kind: 'entity'; id: string } | { kind: 'pronoun' } | { kind: 'nominal'; noun: string } | { kind: 'publication' };

/** A subject phrase found in the text. */
export interface SubjectMatch extends Span {
  subject: Subject;
}

const PRONOUN = /^(?:he|she|He|She)\b/;

/** Mentions of one document with the lookups the speaker rules need. */
export class Discourse {
  private readonly persons: { pos: number; id: string }[] = [];
  private readonly byStart = new Map<number, Mention>();
  private readonly byEnd = new Map<number, Mention>();

  constructor(
    private readonly text: string,
    mentions: readonly Mention[],
    private readonly entities: ReadonlyMap<string, Entity>,
    private readonly lex: CompiledLexicon,
    quoted: readonly Span[],
  ) {
    for (const m of mentions) {
      this.byStart.set(m.start, m);
      this.byEnd.set(m.end, m);
      if (this.entities.get(m.entityId)?.type !== 'person') continue;
      if (quoted.some((q) => m.start >= q.start && m.end <= q.end)) continue;
      if (this.isObject(m.start)) continue;
      if (/^['’]s\b/.test(text.slice(m.end, m.end + 3))) continue; // a possessor is not the subject
      this.persons.push({ pos: m.start, id: m.entityId });
    }
  }

  /** Records a resolved speaker: later pronouns may refer to them. */
  noteSpeaker(id: string, pos: number): void {
    if (this.entities.get(id)?.type !== 'person') return;
    let i = this.persons.length;
    while (i > 0 && this.persons[i - 1]!.pos > pos) i--;
    this.persons.splice(i, 0, { pos, id });
  }

  /** True when the name at `pos` is the object of "told"/"speaking to"/a preposition. */
  isObject(pos: number): boolean {
    // Only the current sentence counts: cut at the last sentence end or line break.
    const before = this.text.slice(Math.max(0, pos - 60), pos).replace(/^[\s\S]*(?:[\n!?;]|[.:]\s)\s*/, '');
    if (
      /\b(?:told|tell|tells|telling|interviewed|interviewing|asked|asking|thanked|urged|called on)\s+(?:(?:the|a|an|\p{Ll}[\p{L}-]*|\p{Lu}[\p{L}.-]*)\s+){0,4}$/u.test(
        before,
      )
    )
      return true;
    return /\b(?:(?<!according )to|with|of|for|at|from|by|about|against|between|on|into|than|toward|towards|under)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.-]*\s+)?$/u.test(
      before,
    );
  }

  /** True when a name or a pronoun occurs in `[from, to)`: a line with one is a cue, not a label. */
  hasSubjectIn(from: number, to: number): boolean {
    for (let p = from; p < to; p++) if (this.byStart.has(p)) return true;
    return /\b(?:he|she|they|we|I)\b/i.test(this.text.slice(from, to));
  }

  /** A subject phrase starting at `pos` (after whitespace), if any. */
  subjectAt(pos: number): SubjectMatch | undefined {
    while (/\s/.test(this.text[pos] ?? '')) pos++;
    const m = this.byStart.get(pos);
    if (m && /^['’]s\b/.test(this.text.slice(m.end, m.end + 3))) {
      // "Trump's statement read:" — the publication belongs to the named speaker.
      const pub = /^['’]s\s+(?:\p{Ll}+\s+)??(\p{Ll}+)/u.exec(this.text.slice(m.end, m.end + 40));
      if (pub && PUBLICATION.test(pub[1]!))
        return { start: m.start, end: m.end + pub[0].length, subject: { kind: 'entity', id: m.entityId } };
      return undefined;
    }
    if (m) return { start: m.start, end: m.end, subject: { kind: 'entity', id: m.entityId } };
    const rest = this.text.slice(pos, pos + 60);
    const p = PRONOUN.exec(rest);
    if (p) return { start: pos, end: pos + p[0].length, subject: { kind: 'pronoun' } };
    const n = /^(?:the|The|this|This|that|our|an|a|An|A)\s+(?:[\p{Ll}-]+\s+){0,2}?([\p{Ll}-]+)\b/u.exec(rest);
    if (n) {
      const noun = n[1]!;
      const end = pos + n[0].length;
      if (PUBLICATION.test(noun)) return { start: pos, end, subject: { kind: 'publication' } };
      if (this.lex.roles.has(noun) || this.lex.roleClasses.has(noun))
        return { start: pos, end, subject: { kind: 'nominal', noun } };
    }
    return undefined;
  }

  /** A subject phrase ending exactly at `end` (trailing spaces ignored), if any. */
  subjectEndingAt(from: number, end: number): SubjectMatch | undefined {
    while (end > from && /\s/.test(this.text[end - 1] ?? '')) end--;
    const m = this.byEnd.get(end);
    if (m && m.start < from) return undefined;
    if (m) return { start: m.start, end: m.end, subject: { kind: 'entity', id: m.entityId } };
    const head = this.text.slice(from, end);
    const p = /(?:^|[\s,])(he|she|He|She)$/.exec(head);
    if (p) return { start: end - p[1]!.length, end, subject: { kind: 'pronoun' } };
    const n = /(?:^|[\s,])((?:the|The)\s+(?:[\p{L}-]+\s+){0,2}?([\p{Ll}-]+))$/u.exec(head);
    if (n) {
      const noun = n[2]!;
      const start = end - n[1]!.length;
      if (PUBLICATION.test(noun)) return { start, end, subject: { kind: 'publication' } };
      if (this.lex.roles.has(noun) || this.lex.roleClasses.has(noun))
        return { start, end, subject: { kind: 'nominal', noun } };
    }
    return undefined;
  }

  /**
   * The entity a subject refers to at `pos`: the named entity (persons and organisations,
   * not places); for "he"/"she" the last person named outside quotes and not as an object;
   * for "the expert" the last such person described with a word of the same role class.
   * Null for publications or when nothing fits.
   */
  resolve(s: Subject, pos: number): string | null {
    if (s.kind === 'entity') return this.entities.get(s.id)?.type === 'place' ? null : s.id;
    if (s.kind === 'publication') return null;
    const before = this.persons.filter((p) => p.pos < pos);
    if (s.kind === 'pronoun') return before[before.length - 1]?.id ?? null;
    const cls = this.lex.roleClasses.get(s.noun) ?? new Set([s.noun]);
    for (let i = before.length - 1; i >= 0; i--) {
      const desc = (this.entities.get(before[i]!.id)?.description ?? '').toLowerCase();
      if ([...cls, s.noun].some((w) => new RegExp(`\\b${w}\\b`).test(desc))) return before[i]!.id;
    }
    return null;
  }
}
