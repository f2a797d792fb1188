/**
 * Who is speaking: subjects of speech verbs (a name, "he"/"she", "the expert",
 * "the article"), and the discourse state that resolves pronouns and nominal
 * references to the last compatible person.
 */
import type { Entity, Mention } from '../pack/types';
import type { CompiledLexicon } from './compiled-lexicon';
import type { Span } from './segment';

/** Verbs that introduce speech or a reported statement (see cue-verbs.ts). */
export { SPEECH_VERB } from './cue-verbs';

/** Nouns for a publication as the source ("the article read"): never a person. */
const PUBLICATION =
  /^(?:article|newspaper|paper|report|statement|website|site|publication|outlet|agency|channel|document|letter|study|magazine|survey|post|tweet|blog|release|communique|memo|editorial)$/;

/** Nouns of a person's organisation or circle: "the Lee campaign said" is not Lee. */
const GROUP_NOUN =
  /^(?:campaign|campaigns|team|administration|office|camp|allies|supporters|surrogates?|staff|staffers?|family|foundation|organi[sz]ation|transition|associates|representatives?|aides|advisers|advisors|lawyers|attorneys|loyalists|backers|spokespeople|officials|people|government|people's)$/;

/** What a subject phrase refers to. `unresolved`: a subject that is no known speaker ("they", "a voter"). */
export type Subject =
  | { kind: 'entity'; id: string }
  | { kind: 'pronoun'; gender?: Gender }
  | { kind: 'nominal'; noun: string }
  | { kind: 'publication' }
  | { kind: 'unresolved' };

/** 'm' for he/Mr., 'f' for she/Ms./Mrs. */
export type Gender = 'm' | 'f';

/** A subject phrase found in the text. */
export interface SubjectMatch extends Span {
  subject: Subject;
}

const PRONOUN = /^(?:he|she|He|She)\b/;
const HONORIFIC_GENDER = /\b(Mr|Mrs|Ms|Miss)\.?\s+$/;
/** Words that open a clause before its subject: "while X said", "But X added". */
const CLAUSE_OPENER =
  /^(?:and|but|while|as|when|because|though|although|since|so|yet|meanwhile|instead|still|now|then|also|even|if|after|before|where|whereas|or|nor|however|indeed|later|earlier|separately|again)\b[\s,]*/i;
/** Determiners of a nominal subject: "the spokesman", "a Democrat from Ohio". */
const DETERMINER = /^(?:the|a|an|this|that|one|another|his|her|its|their|our|some|many|several|two|three|other)\s/i;
/** Prepositions after which a name is not the subject: "an adviser to X", "a friend of X". */
const PREP_BEFORE = /\b(?:to|of|for|with|from|at|by|about|against|under|on|in|behind|like|than)\s+(?:the\s+)?$/i;
/** Words that end the head of a subject: "X of Y", "X, who …", "X (R-Ohio)". */
const HEAD_END = /^\s*(?:$|,|\(|of\b|from\b|at\b|for\b|with\b|who\b|whose\b|in\b|on\b|—|–|-\s)/;

/**
 * Verbs whose object follows them and is never the speaker of the quote they stand near:
 * `"…," she said, thanking Sen. Lee`, `said Ruiz after praising Lee`.
 */
const OBJECT_VERB =
  'thank|thanks|thanked|thanking|congratulat(?:e|es|ed|ing)|welcom(?:e|es|ed|ing)|prais(?:e|es|ed|ing)|hail(?:s|ed|ing)?|commend(?:s|ed|ing)?|applaud(?:s|ed|ing)?|laud(?:s|ed|ing)?|honou?r(?:s|ed|ing)|blam(?:e|es|ed|ing)|mock(?:s|ed|ing)?|slam(?:s|med|ming)?|introduc(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|tell(?:s|ing)?|told|criticiz(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|accus(?:e|es|ed|ing)|attack(?:s|ed|ing)?|defend(?:s|ed|ing)|endors(?:e|es|ed|ing)|support(?:s|ed|ing)|back(?:s|ed|ing)|recogniz(?:e|es|ed|ing)|salut(?:e|es|ed|ing)|credit(?:s|ed|ing)|call(?:s|ed|ing) on|meet(?:s|ing)?|met|join(?:s|ed|ing)|visit(?:s|ed|ing)|interview(?:s|ed|ing)';
/** A verb of those before a name in a speaker phrase: `said Ruiz after thanking Lee`, `the mayor who praised Lee`. */
const CLAUSE_AFTER_HEAD = new RegExp(`(?:^|\\s)(?:${OBJECT_VERB})\\s`, 'i');
/** A name right after such a verb (titles between): `thanking Sen. Lee`. */
const OBJECT_OF_VERB = new RegExp(`(?:^|\\s)(?:${OBJECT_VERB})\\s+(?:(?:the|\\p{Lu}[\\p{L}.-]*)\\s+){0,3}$`, 'u');

interface PersonOcc {
  pos: number;
  id: string;
  /** First person named in its sentence (or a resolved speaker): what "he"/"she" most often means. */
  salient: boolean;
}

/** Mentions of one document with the lookups the speaker rules need. */
export class Discourse {
  private readonly persons: PersonOcc[] = [];
  private readonly byStart = new Map<number, Mention>();
  private readonly byEnd = new Map<number, Mention>();
  private readonly ordered: Mention[];
  /** Gender evidence of this document: "Mr. Kerry", "Ms. Lopez". */
  private readonly docGender = new Map<string, Gender | null>();
  private readonly genders = new Map<string, Gender | undefined>();

  /**
   * `quoted`: the quoted regions (names inside them are not antecedents); `sentences`: the
   * document's sentences in order (the first person of each is salient).
   */
  constructor(
    private readonly text: string,
    mentions: readonly Mention[],
    private readonly entities: ReadonlyMap<string, Entity>,
    private readonly lex: CompiledLexicon,
    quoted: readonly Span[],
    sentences: readonly Span[] = [],
  ) {
    this.ordered = [...mentions].sort((a, b) => a.start - b.start);
    let si = 0;
    let salientDone = -1;
    for (const m of this.ordered) {
      this.byStart.set(m.start, m);
      this.byEnd.set(m.end, m);
      if (this.entities.get(m.entityId)?.type !== 'person') continue;
      const h = HONORIFIC_GENDER.exec(text.slice(Math.max(0, m.start - 6), m.start));
      if (h) this.noteGender(m.entityId, h[1] === 'Mr' ? 'm' : 'f');
      if (quoted.some((q) => m.start >= q.start && m.end <= q.end)) continue;
      if (this.isObject(m.start)) continue;
      if (/^['’]s\b/.test(text.slice(m.end, m.end + 3))) continue; // a possessor is not the subject
      while (si < sentences.length - 1 && sentences[si]!.end <= m.start) si++;
      const salient = salientDone !== si;
      salientDone = si;
      this.persons.push({ pos: m.start, id: m.entityId, salient });
    }
  }

  private noteGender(id: string, g: Gender): void {
    const had = this.docGender.get(id);
    this.docGender.set(id, had === undefined || had === g ? g : null);
  }

  /** The gender of a person: the article's Mr./Ms., else the usual gender of the given name. */
  genderOf(id: string): Gender | undefined {
    const d = this.docGender.get(id);
    if (d !== undefined) return d ?? undefined;
    if (this.genders.has(id)) return this.genders.get(id);
    const e = this.entities.get(id);
    let g: Gender | undefined;
    for (const n of e ? [e.name, ...e.aliases] : []) {
      const first = n.split(/\s+/)[0] ?? '';
      g = this.lex.givenGender.get(first);
      if (g) break;
    }
    this.genders.set(id, g);
    return g;
  }

  /** Records a resolved speaker: later pronouns may refer to them. */
  noteSpeaker(id: string, pos: number): void {
    if (this.entities.get(id)?.type !== 'person') return;
    let i = this.persons.length;
    while (i > 0 && this.persons[i - 1]!.pos > pos) i--;
    this.persons.splice(i, 0, { pos, id, salient: true });
  }

  /** True when `word` (lowercase) names a role or a class of roles: `spokesman`, `chairman`, `official`. */
  isRoleWord(word: string): boolean {
    return this.lex.roles.has(word) || this.lex.roleClasses.has(word);
  }

  /** True when the name at `pos` is the object of "told"/"speaking to"/a preposition. */
  isObject(pos: number): boolean {
    // Only the current sentence counts: cut at the last sentence end or line break.
    const before = this.text.slice(Math.max(0, pos - 60), pos).replace(/^[\s\S]*(?:[\n!?;]|[.:]\s)\s*/, '');
    if (
      /\b(?:told|tell|tells|telling|interviewed|interviewing|asked|asking|thanked|urged|called on|praised|praising|attacked|criticized|criticised|accused|defeated|endorsed|met|meeting|joined|beat|replaced|nominated|appointed|named|hired|fired|supported|backed|against|versus|vs\.)\s+(?:(?:the|a|an|\p{Ll}[\p{L}-]*|\p{Lu}[\p{L}.-]*)\s+){0,4}$/u.test(
        before,
      ) ||
      OBJECT_OF_VERB.test(before)
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

  /**
   * The last person or organisation named in `[from, to)` outside quote marks and not as the
   * object of a verb or preposition (`Cory James, 22, of Flint, said`, `Lee's claim that`), or a
   * he/she after it: the likeliest source of a cue at `to` when no subject phrase stands before it.
   */
  lastNameBefore(from: number, to: number, quoted: readonly Span[]): SubjectMatch | undefined {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ordered[mid]!.end <= to) lo = mid + 1;
      else hi = mid;
    }
    let found: SubjectMatch | undefined;
    for (let i = lo - 1; i >= 0 && this.ordered[i]!.start >= from; i--) {
      const m = this.ordered[i]!;
      const type = this.entities.get(m.entityId)?.type;
      if (type !== 'person' && type !== 'organization') continue;
      if (quoted.some((q) => m.start >= q.start && m.end <= q.end) || this.isObject(m.start)) continue;
      found = { start: m.start, end: m.end, subject: { kind: 'entity', id: m.entityId } };
      break;
    }
    const p = /\b(he|she|He|She)\b(?![\s\S]*\b(?:he|she|He|She)\b)/.exec(this.text.slice(found?.end ?? from, to));
    if (p) {
      const start = (found?.end ?? from) + p.index;
      return { start, end: start + p[1]!.length, subject: pronoun(p[1]!) };
    }
    return found;
  }

  /** A subject phrase starting at `pos` (after whitespace), if any. */
  subjectAt(pos: number): SubjectMatch | undefined {
    while (/\s/.test(this.text[pos] ?? '')) pos++;
    const m = this.byStart.get(pos) ?? this.mentionAfterTitles(pos);
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
    if (p) return { start: pos, end: pos + p[0].length, subject: pronoun(p[0]) };
    const n = /^(?:the|The|this|This|that|our|an|a|An|A)\s+(?:[\p{Ll}-]+\s+){0,2}?([\p{Ll}-]+)\b/u.exec(rest);
    if (n) {
      const noun = n[1]!;
      const end = pos + n[0].length;
      if (PUBLICATION.test(noun)) return { start: pos, end, subject: { kind: 'publication' } };
      if (this.lex.roles.has(noun) || this.lex.roleClasses.has(noun)) {
        // "a spokesman", "the president of the Steel Association": someone new, not the last
        // person so described.
        if (/^(?:an?|An?)\s/.test(n[0]) || /^\s+(?:of|for|at|from|with|in)\s/.test(this.text.slice(end, end + 6)))
          return { start: pos, end, subject: { kind: 'unresolved' } };
        return { start: pos, end, subject: { kind: 'nominal', noun } };
      }
    }
    return undefined;
  }

  /**
   * The mention after a determiner, honorifics and title words at `pos` (`Mr. Lee`, `the
   * Associated Press`, `Former Sen. Ann Lee`), whose own start is not at `pos`.
   */
  private mentionAfterTitles(pos: number): Mention | undefined {
    const lead = /^(?:(?:the|The)\s+)?(?:(?:[\p{Lu}][\p{L}.-]*)\s+){0,3}/u.exec(this.text.slice(pos, pos + 60));
    if (!lead) return undefined;
    let p = pos;
    const words = lead[0].split(/(\s+)/);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w === '') continue;
      if (/^\s+$/.test(w)) {
        p += w.length;
        continue;
      }
      const m = this.byStart.get(p);
      if (m) return m;
      const bare = w.replace(/\.$/, '');
      if (!/^(?:the|The)$/.test(w) && !this.lex.honorifics.has(w) && !this.lex.honorifics.has(bare)) {
        if (!this.lex.titleWords.has(w) && !this.lex.titleWords.has(bare) && !/^(?:Former|former)$/.test(w))
          return undefined;
      }
      p += w.length;
    }
    return this.byStart.get(p);
  }

  /** A subject phrase ending exactly at `end` (trailing spaces ignored), if any. */
  subjectEndingAt(from: number, end: number): SubjectMatch | undefined {
    while (end > from && /\s/.test(this.text[end - 1] ?? '')) end--;
    const m = this.byEnd.get(end);
    if (m && m.start < from) return undefined;
    if (m) return { start: m.start, end: m.end, subject: { kind: 'entity', id: m.entityId } };
    const head = this.text.slice(from, end);
    const p = /(?:^|[\s,])(he|she|He|She)$/.exec(head);
    if (p) return { start: end - p[1]!.length, end, subject: pronoun(p[1]!) };
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
   * The speaker named by a whole noun phrase `text[from, to)` — the words between a closing
   * quote and its verb (`," Judicial Watch President Tom Fitton said`) or after an inverted verb
   * (`said Sen. Ann Lee of Ohio, who …`). The head is the last person named in the phrase before
   * an appositive, not after a preposition ("an aide to X") and not a possessor ("X's aide"); else
   * an organisation; else he/she, a nominal ("the spokesman"), or a surname after an honorific
   * that an earlier full name of the article explains ("Ms. Lopez"). Undefined when the words are
   * no subject (too long, or a clause).
   */
  phraseSubject(from: number, to: number): SubjectMatch | undefined {
    while (from < to && /[\s,]/.test(this.text[from]!)) from++;
    while (to > from && /[\s,]/.test(this.text[to - 1]!)) to--;
    let phrase = this.text.slice(from, to);
    const opener = CLAUSE_OPENER.exec(phrase);
    if (opener && opener[0].length < phrase.length) {
      from += opener[0].length;
      phrase = phrase.slice(opener[0].length);
    }
    // The head ends at an appositive or a parenthesis: "Kessel, whose group …", "Lee (R-Utah)".
    const cut = /,|\(|\s[—–]\s/.exec(phrase);
    if (cut) {
      to = from + cut.index;
      phrase = phrase.slice(0, cut.index).trimEnd();
      to = from + phrase.length;
    }
    if (phrase === '' || phrase.split(/\s+/).length > 12 || /[.;:!?"“”]\s/.test(maskAbbreviations(phrase)))
      return undefined;
    let person: Mention | undefined;
    let org: Mention | undefined;
    for (const m of this.mentionsIn(from, to)) {
      const type = this.entities.get(m.entityId)?.type;
      if (type === 'place' || type === undefined) continue;
      if (/^['’]s\b/.test(this.text.slice(m.end, m.end + 3))) {
        const pub = /^['’]s\s+(?:\p{Ll}+\s+)??(\p{Ll}+)$/u.exec(this.text.slice(m.end, to));
        if (pub && PUBLICATION.test(pub[1]!)) return this.entityMatch(m);
        continue;
      }
      if (PREP_BEFORE.test(this.text.slice(from, m.start))) continue;
      // The object of "thanking", or a name in a clause after the head, is not the speaker.
      if (CLAUSE_AFTER_HEAD.test(this.text.slice(from, m.start))) continue;
      // "the Lee campaign", "a Lee aide", "Lee's spokesman": the person only modifies the head noun.
      const noun = /^\s+([\p{Ll}-]+)/u.exec(this.text.slice(m.end, to))?.[1];
      if (type === 'person' && noun && (GROUP_NOUN.test(noun) || PUBLICATION.test(noun) || this.lex.roles.has(noun)))
        continue;
      if (type === 'person') {
        // After the first person, "of"/"who" start a modifier: "Ann Lee of the Cato Institute".
        if (person && HEAD_END.test(this.text.slice(person.end, m.start))) continue;
        person = m;
      } else if (!person) {
        if (org && HEAD_END.test(this.text.slice(org.end, m.start))) continue;
        org = m;
      }
    }
    const head = person ?? org;
    if (head) return this.entityMatch(head);
    const pr = /^(?:he|she)$/i.exec(phrase);
    if (pr) return { start: from, end: to, subject: pronoun(pr[0]) };
    if (/^(?:they|we|i|you|it|who|which|officials|people|others|some|many|both|most)$/i.test(phrase))
      return { start: from, end: to, subject: { kind: 'unresolved' } };
    const hon =
      /^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Adm|Maj|Sgt|Rev|Prof)\.?|[\p{Lu}][\p{L}.'’-]+)(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}$/u.exec(
        phrase,
      );
    if (hon) {
      const last = phrase.split(/\s+/).pop()!;
      const id = this.bySurname(last, from);
      if (id) return { start: from, end: to, subject: { kind: 'entity', id } };
      return { start: from, end: to, subject: { kind: 'unresolved' } };
    }
    if (DETERMINER.test(phrase) || /^\p{Ll}/u.test(phrase)) {
      const words = phrase.split(/\s+/);
      const noun = (words[words.length - 1] ?? '').toLowerCase();
      if (PUBLICATION.test(noun)) return { start: from, end: to, subject: { kind: 'publication' } };
      if ((this.lex.roles.has(noun) || this.lex.roleClasses.has(noun)) && !/^(?:an?|one|another)\s/i.test(phrase))
        return { start: from, end: to, subject: { kind: 'nominal', noun } };
      if (words.length <= 8) return { start: from, end: to, subject: { kind: 'unresolved' } };
    }
    return undefined;
  }

  private entityMatch(m: Mention): SubjectMatch {
    return { start: m.start, end: m.end, subject: { kind: 'entity', id: m.entityId } };
  }

  /** Mentions inside `[from, to)`, in order. */
  private mentionsIn(from: number, to: number): Mention[] {
    const out: Mention[] = [];
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ordered[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.ordered.length && this.ordered[i]!.start < to; i++)
      if (this.ordered[i]!.end <= to) out.push(this.ordered[i]!);
    return out;
  }

  /** The person named before `pos` whose name ends with `surname` ("Ms. Lopez" → "Ana Lopez"). */
  private bySurname(surname: string, pos: number): string | undefined {
    for (let i = this.ordered.length - 1; i >= 0; i--) {
      const m = this.ordered[i]!;
      if (m.start >= pos) continue;
      const e = this.entities.get(m.entityId);
      if (e?.type !== 'person') continue;
      if ([e.name, ...e.aliases].some((n) => n.split(/\s+/).pop() === surname)) return e.id;
    }
    return undefined;
  }

  /**
   * The entity a subject refers to at `pos`: the named entity (persons and organisations,
   * not places); for "he"/"she" the last salient person of that gender named before `pos`
   * outside quotes and not as an object (else the last such person at all); for "the expert"
   * the last such person described with a word of the same role class. Null for publications,
   * unresolved subjects, or when nothing fits.
   */
  resolve(s: Subject, pos: number): string | null {
    if (s.kind === 'entity') return this.entities.get(s.id)?.type === 'place' ? null : s.id;
    if (s.kind === 'publication' || s.kind === 'unresolved') return null;
    if (s.kind === 'pronoun') {
      let fallback: string | null = null;
      for (let i = this.persons.length - 1; i >= 0; i--) {
        const p = this.persons[i]!;
        if (p.pos >= pos) continue;
        const g = s.gender && this.genderOf(p.id);
        if (g && g !== s.gender) continue;
        if (p.salient) return p.id;
        fallback ??= p.id;
      }
      return fallback;
    }
    const before = this.persons.filter((p) => p.pos < pos);
    const cls = this.lex.roleClasses.get(s.noun) ?? new Set([s.noun]);
    for (let i = before.length - 1; i >= 0; i--) {
      const desc = (this.entities.get(before[i]!.id)?.description ?? '').toLowerCase();
      if ([...cls, s.noun].some((w) => new RegExp(`\\b${w}\\b`).test(desc))) return before[i]!.id;
    }
    return null;
  }
}

/** `text` with the periods of honorifics, titles and initials replaced ("Sen. A. Lee" → "SenX AX Lee"). */
export function maskAbbreviations(text: string): string {
  return text.replace(/\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Adm|Maj|Sgt|Rev|Prof|St|Jr|Sr|\p{Lu})\./gu, (w) =>
    w.replace('.', 'X'),
  );
}

function pronoun(word: string): Subject {
  return { kind: 'pronoun', gender: /^he$/i.test(word) ? 'm' : 'f' };
}
