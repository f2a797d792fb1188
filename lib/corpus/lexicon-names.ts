import type { EntityType } from '../pack/types';
import type { Lexicon } from './types';
import aliases from '../../assets/lexicon/aliases.json';
import places from '../../assets/lexicon/places.json';
import organizations from '../../assets/lexicon/organizations.json';
import roles from '../../assets/lexicon/roles.json';
import words from '../../assets/lexicon/words.json';
import genders from '../../assets/lexicon/genders.json';

/**
 * The lexicon shipped with Dossier, from the JSON files under assets/lexicon/, without the statement
 * model: what code that reads names but never extracts needs (the service worker joining a subscription's
 * pack), at 60 KB instead of the model's 1.7 MB.
 */
export const namesLexicon: Lexicon = {
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
};
