/** Options of {@link parseNumber}. */
export interface ParseNumberOptions {
  /** Accept a comma as the decimal separator ("4,5" → 4.5), as in `;`-delimited exports. */
  readonly decimalComma?: boolean;
}

const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A CSV cell as a finite number, or null when the cell is empty or is not a plain decimal number.
 * Rejects `NaN`, `Infinity`, hex (`0x1A`), thousands separators and trailing text (`12abc`); leading and trailing
 * spaces are ignored. With `decimalComma`, one comma may stand for the decimal point.
 *
 * parseNumber(' 4,5 ', { decimalComma: true }) → 4.5; parseNumber('12abc') → null; parseNumber('') → null
 */
export function parseNumber(cell: string, options: ParseNumberOptions = {}): number | null {
  let s = cell.trim();
  if (s === '') return null;
  if (options.decimalComma && /^[^.,]*,[^.,]*$/.test(s)) s = s.replace(',', '.');
  if (!PLAIN_DECIMAL.test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}
