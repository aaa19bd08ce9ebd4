import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the committed hostile files. */
export const FILES = join(dirname(fileURLToPath(import.meta.url)), 'files');

/** Path of a committed hostile file. */
export function corpusPath(name: string): string {
  return join(FILES, name);
}

/** A hostile file's bytes decoded as the browser does (TextDecoder, UTF-8, fatal: false: bad bytes → U+FFFD). */
export function corpusText(name: string): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(readFileSync(corpusPath(name)));
}

/** Problems as [row, column] pairs, the part every hostile case pins exactly. */
export function where(problems: readonly { row: number; column: string }[]): [number, string][] {
  return problems.map((p) => [p.row, p.column]);
}
