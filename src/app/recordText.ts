/** A study-table row's numbers as the UI prints them: unit, one-sided marker, range. */
import { oneSidedMarker } from '../data/oneSidedMarker.ts';
import type { StudyRecord } from '../data/types.ts';
import { outcomeUnit, type OutcomeName } from '../data/vocabulary.ts';

/** "74 %", "46.8 mo", "0.34"; '' for a missing number. */
export function formatNumber(x: number | null, outcome: OutcomeName): string {
  if (x === null) return '';
  const unit = outcomeUnit(outcome);
  return unit === 'percent' ? `${x} %` : unit === 'months' ? `${x} mo` : String(x);
}

/** The point value with its unit, prefixed by its one-sided marker ("> 60 %") when it is a bound. */
export function valueText(r: StudyRecord): string {
  const text = formatNumber(r.value, r.outcome);
  const marker = text ? oneSidedMarker(r) : null;
  return marker ? `${marker} ${text}` : text;
}

/** "20 % – 40 %", "… – 59 %"; '' without a range. */
export function rangeText(r: StudyRecord): string {
  if (r.low === null && r.high === null) return '';
  return `${formatNumber(r.low, r.outcome) || '…'} – ${formatNumber(r.high, r.outcome) || '…'}`;
}

/** The value, else the range: what a row states, in one short string. */
export function statedText(r: StudyRecord): string {
  const value = valueText(r);
  const range = rangeText(r);
  return value && range ? `${value} (${range})` : value || range;
}
