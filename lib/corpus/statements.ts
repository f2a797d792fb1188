/**
 * Reported statements: "X said that …", "X, in turn, noted that …", "According to X, …",
 * "…, X said.", "He also said that …", "The expert suggested that …". The statement
 * text is the reported clause; the speaker phrase is resolved by the caller.
 */
import type { Span } from './segment';
import { trailingCue } from './direct-quotes';
import type { Discourse, SubjectMatch } from './speakers';

/** A reported clause with the phrase naming its speaker. */
export interface Reported {
  text: Span;
  speaker: SubjectMatch;
}

const REPORT_VERB =
  /\b(?:said|says|added|adds|noted|notes|stressed|stresses|explained|explains|argued|argues|warned|warns|insisted|insists|claimed|claims|stated|states|wrote|writes|admitted|admits|underscored|underscores|emphasi[sz]ed|emphasi[sz]es|suggested|suggests|believes|believe|thinks|maintained|maintains|pointed out|points out|observed|reiterated|reiterates|confirmed|confirms|denied|denies|acknowledged|acknowledges|announced|announces|declared|declares|predicted|predicts|described|describes|expressed (?:hope|concern|confidence)|told [^,.;"“]{1,60}? that)\b(?:\s+that\b)?/g;

function clause(text: string, s: number, e: number): Span | undefined {
  while (s < e && /[\s,:]/.test(text[s]!)) s++;
  while (e > s && /[\s.!?,;]/.test(text[e - 1]!)) e--;
  const words = text.slice(s, e).split(/\s+/).length;
  if (words < 3 || /^["“«„]/.test(text[s] ?? '')) return undefined;
  return { start: s, end: e };
}

/** Reported statements of one sentence `[s.start, s.end)` that holds no direct quote. */
export function findReported(text: string, s: Span, disc: Discourse, quoted: readonly Span[]): Reported[] {
  const inQuote = (pos: number): boolean => quoted.some((q) => pos >= q.start && pos < q.end);
  const seg = text.slice(s.start, s.end);
  // "According to X, clause" / "clause, according to X."
  const acc = /(?:^|,\s*)[Aa]ccording to\s+/.exec(seg);
  if (acc && !inQuote(s.start + acc.index)) {
    const p = s.start + acc.index + acc[0].length;
    const subj = disc.subjectAt(p);
    if (subj) {
      if (acc.index === 0 || /^[A-Z]/.test(acc[0].trim())) {
        const t = clause(text, subj.end, s.end);
        if (t) return [{ text: t, speaker: subj }];
      } else {
        const t = clause(text, s.start, s.start + acc.index);
        if (t) return [{ text: t, speaker: subj }];
      }
    }
  }
  REPORT_VERB.lastIndex = 0;
  for (let m = REPORT_VERB.exec(seg); m; m = REPORT_VERB.exec(seg)) {
    const verbPos = s.start + m.index;
    if (inQuote(verbPos)) continue;
    const subj = subjectOfVerb(text, s.start, verbPos, disc);
    if (!subj) continue;
    const t = clause(text, verbPos + m[0].length, s.end);
    if (t) return [{ text: t, speaker: subj }];
  }
  const tr = trailingCue(text, s.start, s.end, disc);
  if (tr && !quoted.some((q) => q.end >= tr.clauseEnd - 2 && q.start < tr.clauseEnd)) {
    const t = clause(text, s.start, tr.clauseEnd);
    if (t) return [{ text: t, speaker: tr.subject }];
  }
  return [];
}

/**
 * The subject of the verb at `verbPos`: a name/pronoun/nominal right before it (an
 * appositive, "in turn" or "also" may sit between), itself at the start of the
 * sentence or after a comma ("In turn, Lavrov stressed …").
 */
function subjectOfVerb(text: string, from: number, verbPos: number, disc: Discourse): SubjectMatch | undefined {
  let head = text.slice(from, verbPos);
  head = head.replace(
    /(?:\s*,\s*in turn\s*,|\s+also|\s+later|\s+further|\s+then|\s+again|\s+repeatedly|\s+previously|\s+once again|\s+earlier)\s*$/,
    '',
  );
  let subj = disc.subjectEndingAt(from, from + head.length);
  if (!subj) {
    const app = /,[^,]{1,200},\s*$/.exec(head);
    if (app) subj = disc.subjectEndingAt(from, from + app.index);
  }
  if (!subj) return undefined;
  const pre = text.slice(from, subj.start).trim();
  if (pre !== '' && !pre.endsWith(',')) return undefined;
  // "Kerry and Lavrov reaffirmed": a compound subject is not one speaker.
  if (/\band\s*$/.test(pre)) return undefined;
  return subj;
}
