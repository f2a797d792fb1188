import type { EntityType, PackDocument } from '../pack/types';
import type { StatementModelData } from './statement-model';

/** An article handed to the extraction: plain text plus what we know about it (a pack's document). */
export type SourceDocument = PackDocument;

/** A country of the gazetteer with the adjectives/demonyms that point to it ("Russian"). */
export interface LexiconCountry {
  name: string;
  demonyms: string[];
}

/**
 * World knowledge the text cannot give, loaded from data files under
 * assets/lexicon/ (curated aliases such as "Daesh" = "ISIS", gazetteers).
 * Everything here is general knowledge; no rule in lib/corpus names an entity.
 */
export interface Lexicon {
  /** Groups of names for the same entity; the first is the canonical name. */
  aliasGroups: { names: string[]; type?: EntityType }[];
  /** Countries with demonyms ("Syria" / "Syrian"). */
  countries: LexiconCountry[];
  /** Capitals, major cities, regions. */
  places: string[];
  /** Well-known organisations: news agencies, institutions, parties. */
  organizations: string[];
  /** Capitalised titles written before a name ("Foreign Minister", "Secretary of State"). */
  titles: string[];
  /** Lowercase role nouns that make an appositive a description ("professor", "analyst"). */
  roles: string[];
  /** Role classes for nominal speakers: "the expert" may refer to a person described as "analyst". */
  roleClasses: Record<string, string[]>;
  /** Honorifics before names ("Mr.", "Dr."). */
  honorifics: string[];
  /** Common first names: a person cue. */
  givenNames: string[];
  /** Capitalised words that never start a name ("The", "However"). */
  nonNames: string[];
  /** Months, days, seasons: capitalised but not entities. */
  dateWords: string[];
  /** Head words of organisation names ("Institute", "Army"). */
  orgWords: string[];
  /** Head words of place names ("River", "Province"). */
  placeWords: string[];
  /** Lowercase particles inside names ("al", "bin", "van"). */
  particles: string[];
  /** Capitalised adjectives that may precede a title ("Republican", "Senior"). */
  modifiers: string[];
  /** Group nouns that are not entities ("Americans", "Kurds"). */
  groups: string[];
  /** Abbreviations whose period does not end a sentence ("Sept.", "Gen."). */
  abbreviations: string[];
  /** Given names borne mostly by men or mostly by women: lets "she said" skip a "John". Optional. */
  givenNameGenders?: { male: string[]; female: string[] };
  /** The learned statement model (assets/models/statements.json); without it only the rules find statements. */
  statementModel?: StatementModelData;
}
