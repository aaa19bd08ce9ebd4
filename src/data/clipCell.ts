/** Longest cell text quoted whole in a problem message. */
const MAX_QUOTED = 60;

/**
 * A cell's text as quoted in a problem message: whole when short, else its first 60 characters and its length,
 * so a 1 MB cell never becomes a 1 MB error line.
 *
 * clipCell('abc') → 'abc'; clipCell("x".repeat(100)) → the first 60 x, then "… (100 characters)"
 */
export function clipCell(value: string): string {
  return value.length <= MAX_QUOTED ? value : `${value.slice(0, MAX_QUOTED)}… (${value.length} characters)`;
}
