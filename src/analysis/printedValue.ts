/**
 * A study-table number as its seed prints it ("11.0", not 11): the first place the row's quote prints the value, or
 * the number itself when the quote prints it differently (a conversion: 3.9 years → 46.8 months).
 */
import { occurrencesOf } from '../data/numbersInText.ts';
import type { StudyRecord } from '../data/types.ts';

/** printedNumber(11, 'a median PFS of 11.0 months') → '11.0' */
export function printedNumber(value: number, quote: string): string {
  return occurrencesOf(quote, value)[0]?.text ?? String(value);
}

/** The row's value as printed, or its range ("80–90"), or '' when it has neither. */
export function printedValue(record: Pick<StudyRecord, 'value' | 'low' | 'high' | 'quote'>): string {
  if (record.value !== null) return printedNumber(record.value, record.quote);
  if (record.low !== null && record.high !== null) return `${printedNumber(record.low, record.quote)}–${printedNumber(record.high, record.quote)}`;
  return '';
}
