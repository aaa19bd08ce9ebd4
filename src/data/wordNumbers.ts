import type { NumberInText } from './numbersInText.ts';

/**
 * Numbers printed in words, and the value each stands for (documented in docs/data-dictionary.md, "Numbers in
 * words"). Only these forms are read; anything else in words is not a number to the provenance test.
 *
 * - cardinals: zero, one … twenty, thirty … ninety, and compounds of a ten and a unit, hyphenated or spaced
 *   ("ninety-seven" → 97); "percent"/"%" after them is not needed and not checked;
 * - fractions, as percent: "a/one quarter" → 25, "three quarters" → 75, "a/one half" and "half of" → 50,
 *   "a/one fifth" → 20, "a/one third" → 33.3 and "two thirds" → 66.7 (rounded to one decimal, as stored); not
 *   when glued to a hyphen ("a half-life");
 * - zero, only in these phrases: "none of", "no deaths" / "no death" / "no mortality" (up to two words between, as in
 *   "no perioperative deaths"), "no patient(s)", and "no … reported/observed/occurred" (up to four words between,
 *   as in "no radiation-induced liver disease reported");
 * - 100, only in "all (of the) patients" and "all (of the) N patients".
 *
 * The qualifiers "less than", "more than", "almost" … before a word number are not part of it: a row records them
 * in its note (`one-sided: <`), as for digits (docs/data-dictionary.md, one-sided values).
 */
const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const DIGIT_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Fractions as percent of the patients (one decimal where the fraction is not a whole percent). */
export const FRACTION_WORDS: Readonly<Record<string, number>> = {
  'quarter': 25, 'three quarters': 75, 'half': 50, 'fifth': 20, 'third': 33.3, 'two thirds': 66.7,
};

const alt = (words: readonly string[]): string => words.join('|');
const CARDINAL = new RegExp(
  `\\b(?:(${alt(Object.keys(TENS))})[-\\s](${alt(DIGIT_WORDS)})|(${alt([...Object.keys(UNITS), ...Object.keys(TENS)])}))\\b`,
  'gi',
);
const FRACTION = /\b(?:(?:a|one)\s+(quarter|half|fifth|third)|(three\s+quarters|two\s+thirds)|(half)\s+of)\b(?!-)/gi;
const ZERO = [
  /\bnone\s+of\b/gi,
  /\bno(?:\s+[\w-]+){0,2}?\s+(?:deaths?|mortality)\b/gi,
  /\bno\s+patients?\b/gi,
  /\bno(?:\s+[\w-]+){1,4}?\s+(?:reported|observed|occurred)\b/gi,
];
const ALL = /\ball\s+(?:of\s+the\s+)?(?:\d+\s+)?patients\b/gi;

function cardinalValue(m: RegExpMatchArray): number {
  if (m[1] && m[2]) return TENS[m[1].toLowerCase()]! + UNITS[m[2].toLowerCase()]!;
  const w = m[3]!.toLowerCase();
  return UNITS[w] ?? TENS[w]!;
}

function fractionValue(m: RegExpMatchArray): number {
  const w = (m[1] ?? m[2] ?? m[3]!).toLowerCase().replace(/\s+/g, ' ');
  return FRACTION_WORDS[w]!;
}

/**
 * Every number printed in words in the text, in order of position (overlaps kept: "one third" is both 1 and 33.3).
 * wordNumbersInText('Ninety-seven percent') → [{ index: 0, text: 'Ninety-seven', value: 97 }].
 */
export function wordNumbersInText(text: string): readonly NumberInText[] {
  const found: NumberInText[] = [];
  const add = (m: RegExpMatchArray, value: number): void => {
    found.push({ index: m.index!, text: m[0], value });
  };
  for (const m of text.matchAll(CARDINAL)) add(m, cardinalValue(m));
  for (const m of text.matchAll(FRACTION)) add(m, fractionValue(m));
  for (const re of ZERO) for (const m of text.matchAll(re)) add(m, 0);
  for (const m of text.matchAll(ALL)) add(m, 100);
  return found.sort((a, b) => a.index - b.index || a.value - b.value);
}
