/**
 * Exclusion ids as text for a link or storage: each id percent-encoded (so commas, quotes, '%', emoji and any other
 * character round-trip), joined by commas. Ids written by the first release (plain row ids joined by commas) read
 * back unchanged.
 */

/** ['Smith, 2010', 'b'] → 'Smith%2C%202010,b' */
export function encodeIds(ids: readonly string[]): string {
  return ids.map((id) => encodeURIComponent(id)).join(',');
}

/** The inverse of encodeIds; empty parts are dropped, an undecodable part is kept as written. */
export function decodeIds(text: string): string[] {
  return text.split(',').filter((part) => part.length > 0).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
}
