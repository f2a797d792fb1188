/** The queries the popup tools type (tests/tools/popup-queries.ts, popup-requests.ts). */
/**
 * What a user types into the popup: the options-scale tool's queries, common words, names, two words, a
 * rare word beside a common one a typo away, and misspellings. Every keystroke of each is a query.
 */
export const TYPED = [
  'president',
  'border security',
  'tariffs',
  'energy',
  'inflation',
  'china',
  'ukraine',
  'Rubio',
  'the',
  'american people',
  'press secretary',
  'said',
  'Marco Rubio',
  'Donald Trump',
  'raisina',
  'presidnet',
  'tarifs',
  'ukrane',
  'secretery of state',
  'lavrov ceasefire',
];
