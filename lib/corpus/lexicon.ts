import type { EntityType } from '../pack/types';
import type { Lexicon } from './types';
import aliases from '../../assets/lexicon/aliases.json';
import places from '../../assets/lexicon/places.json';
import organizations from '../../assets/lexicon/organizations.json';
import roles from '../../assets/lexicon/roles.json';
import words from '../../assets/lexicon/words.json';
import genders from '../../assets/lexicon/genders.json';
import statementModel from '../../assets/models/statements.json';
import type { StatementModelData } from './statement-model';

/** The lexicon shipped with Dossier, from the JSON files under assets/lexicon/. */
export const defaultLexicon: Lexicon = {
  aliasGroups: aliases.groups.map((g) => ({ names: g.names, type: g.type as EntityType })),
  countries: places.countries,
  places: places.places,
  organizations: organizations.organizations,
  titles: roles.titles,
  roles: roles.roles,
  roleClasses: roles.roleClasses,
  honorifics: roles.honorifics,
  givenNames: words.givenNames,
  nonNames: words.nonNames,
  dateWords: words.dateWords,
  orgWords: words.orgWords,
  placeWords: words.placeWords,
  particles: words.particles,
  modifiers: words.modifiers,
  groups: words.groups,
  abbreviations: words.abbreviations,
  givenNameGenders: { male: genders.male, female: genders.female },
  statementModel: statementModel as StatementModelData,
};
