import type { Lexicon } from './types';
import statementModel from '../../assets/models/statements.json';
import { namesLexicon } from './lexicon-names';
import type { StatementModelData } from './statement-model';

/** The lexicon shipped with Dossier: the word lists of assets/lexicon/ and the statement model of assets/models/. */
export const defaultLexicon: Lexicon = {
  ...namesLexicon,
  statementModel: statementModel as StatementModelData,
};
