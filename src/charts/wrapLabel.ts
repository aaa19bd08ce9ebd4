/**
 * Greedy word wrap into lines of at most `max` characters; a word longer than a line is broken, never cut. Each line
 * but the last keeps its trailing space, so the lines joined give the text back (textContent, copy and paste).
 */
export function wrapLabel(text: string, max: number): string[] {
  const width = Math.max(4, Math.floor(max));
  const words = text.split(/(?<= )/);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    if (line !== '' && (line + word).trimEnd().length > width) {
      lines.push(line);
      line = '';
    }
    while (word.trimEnd().length > width) {
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    line += word;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** the average glyph width of a label in the charts' sans-serif fonts, in ems (digits 0.556, lowercase ≈ 0.5) */
export const GLYPH_EM = 0.55;
