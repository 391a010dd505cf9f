/**
 * Word lists the sentence splitter consults when a full stop is followed by a capital: whether the
 * word before the stop is an abbreviation, and which kind, and which capitalised words commonly
 * open a sentence (to decide after abbreviations that can also end one, like "U.S." or "etc.").
 * Keys are lower case without the final stop ("u.s" for "U.S.").
 */

/**
 * - `title`: precedes a name or a number, never ends a sentence here ("Gen. Ali", "Sept. 12").
 * - `number`: precedes a number ("No. 5"); before anything else the stop may end a sentence.
 * - `mid`: introduces what follows ("e.g. the", "vs. Hama"); never ends a sentence.
 * - `final`: may end a sentence ("... backed by the U.S. The strikes"); split only when the next
 *   word is a common sentence opener.
 */
export type AbbreviationKind = 'title' | 'number' | 'mid' | 'final';

const TITLE = [
  'mr', 'mrs', 'ms', 'messrs', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'pvt',
  'adm', 'brig', 'cmdr', 'cdr', 'gov', 'sen', 'rep', 'pres', 'rev', 'hon', 'amb', 'sheikh', 'st', 'mt', 'ft',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat',
];
const NUMBER = ['no', 'nos', 'art', 'vol', 'fig', 'p', 'pp', 'ch', 'para', 'sec', 'tel'];
const MID = ['e.g', 'i.e', 'vs', 'approx', 'cf', 'ca', 'incl', 'esp', 'viz', 'est', 'cit', 'resp'];
const FINAL = ['etc', 'u.s', 'u.n', 'u.k', 'u.a.e', 'e.u', 'a.m', 'p.m', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'al', 'bros'];

export const ABBREVIATIONS: ReadonlyMap<string, AbbreviationKind> = new Map<string, AbbreviationKind>([
  ...TITLE.map((w): [string, AbbreviationKind] => [w, 'title']),
  ...NUMBER.map((w): [string, AbbreviationKind] => [w, 'number']),
  ...MID.map((w): [string, AbbreviationKind] => [w, 'mid']),
  ...FINAL.map((w): [string, AbbreviationKind] => [w, 'final']),
]);

/** Capitalised words that commonly open a sentence in news text. */
export const SENTENCE_OPENERS: ReadonlySet<string> = new Set([
  'A', 'An', 'The', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their', 'Our',
  'This', 'That', 'These', 'Those', 'There', 'Here', 'In', 'On', 'At', 'By', 'For', 'From', 'With',
  'But', 'And', 'Or', 'So', 'Yet', 'If', 'When', 'While', 'After', 'Before', 'Since', 'As', 'Also',
  'According', 'Meanwhile', 'However', 'Earlier', 'Later', 'Last', 'Then', 'Some', 'Several', 'Many',
  'Most', 'All', 'Another', 'Other', 'Both', 'Among', 'No', 'Not', 'One', 'Two', 'Three',
]);
