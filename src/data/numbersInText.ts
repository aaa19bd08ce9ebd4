import { wordNumbersInText } from './wordNumbers.ts';

/** A number printed in prose: its position and its text. */
export interface NumberInText {
  readonly index: number;
  readonly text: string;
  readonly value: number;
}

// Digits with an optional decimal part, not glued to a letter, digit or decimal point on either side:
// "74%", "5-year", "125.1 months" and "<1" count; "T3", "1974" (for 74) and "12mo" do not.
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?!\w|\.\d)/g;

/** Every number printed in the text as digits, in order. numbersInText('74% at 5-year') → 74 at 0, 5 at 4. */
export function numbersInText(text: string): readonly NumberInText[] {
  return [...text.matchAll(NUMBER)].map((m) => ({ index: m.index, text: m[0], value: Number(m[0]) }));
}

export interface OccurrenceOptions {
  /** also read the documented numbers in words (src/data/wordNumbers.ts): "Ninety-seven", "no deaths". Default false. */
  readonly words?: boolean;
}

/** Where the text prints `value` as a number (compared as numbers, so 84 matches "84.0"). */
export function occurrencesOf(text: string, value: number, options: OccurrenceOptions = {}): readonly NumberInText[] {
  const tolerance = 1e-9 * Math.max(1, Math.abs(value));
  const printed = options.words ? [...numbersInText(text), ...wordNumbersInText(text)] : numbersInText(text);
  return printed.filter((n) => Math.abs(n.value - value) <= tolerance).sort((a, b) => a.index - b.index);
}
