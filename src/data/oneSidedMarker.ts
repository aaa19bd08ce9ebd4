import { occurrencesOf } from './numbersInText.ts';
import type { StudyRecord } from './types.ts';

const MARKERS = ['>', '<', '≥', '≤', 'up to', 'at least', 'more than', 'greater than', 'less than', 'as much as', 'almost', 'over'];
const MARKER_BEFORE = new RegExp(`(?:^|[^\\w])(${MARKERS.map((m) => m.replace(/ /g, '\\s+')).join('|')})\\s*$`, 'i');
const MARKER_START = /^\s*(>|<|≥|≤|up\s+to|at\s+least)\s*(?=\d|[;:,]|$)/i;

/**
 * The qualifier that makes a row's value a bound rather than a point estimate (">", "<", "up to", "at least",
 * "almost"...), or null. Read from the note (`one-sided: >`, or a note that starts with a marker), else from the
 * quote when every place it prints the value has a marker just before it (">90%", "<1", "up to 50%").
 */
export function oneSidedMarker(record: Pick<StudyRecord, 'note' | 'quote' | 'value'>): string | null {
  const flagged = /one-sided\s*:?\s*([^;,.)]*)/i.exec(record.note);
  if (flagged) return flagged[1].trim() || 'one-sided';
  const start = MARKER_START.exec(record.note);
  if (start) return start[1].toLowerCase().replace(/\s+/g, ' ');
  if (record.value === null) return null;
  const hits = occurrencesOf(record.quote, record.value);
  if (hits.length === 0) return null;
  const markers = hits.map((h) => MARKER_BEFORE.exec(record.quote.slice(0, h.index))?.[1] ?? null);
  if (markers.some((m) => m === null)) return null;
  return markers[0]!.toLowerCase().replace(/\s+/g, ' ');
}
