const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A text cell as a finite number, or null when empty or not a plain decimal number (no hex, no thousands
 * separators, no trailing text). With `decimalComma`, a single comma stands for the decimal point ("0,95" → 0.95).
 *
 * parseDecimal(' 0,95 ', true) → 0.95; parseDecimal('12abc', false) → null
 */
export function parseDecimal(cell: string, decimalComma: boolean): number | null {
  let s = cell.trim();
  if (s === '') return null;
  if (decimalComma && /^[^.,]*,[^.,]*$/.test(s)) s = s.replace(',', '.');
  if (!PLAIN_DECIMAL.test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}
