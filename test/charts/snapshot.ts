import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';

/** A fresh jsdom document to draw charts with in Node. */
export function testDocument(): Document {
  return new JSDOM('<!doctype html><html><body></body></html>').window.document;
}

const snapshotDir = join(dirname(fileURLToPath(import.meta.url)), 'snapshots');

/**
 * Serialises an SVG as Plot's tests do: decimals in attributes rounded to 2 places, generated ids renumbered, one element
 * per line — so a golden file diff is readable.
 */
export function serialise(svg: Element): string {
  const ids = new Map<string, string>();
  return svg.outerHTML
    .replace(/="([^"]*)"/g, (_m, v: string) => `="${v.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 100) / 100))}"`)
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => {
      if (!ids.has(id)) ids.set(id, `id${ids.size}`);
      return `id="${ids.get(id)}"`;
    })
    .replace(/></g, '>\n<');
}

/**
 * Compares the chart with the golden `test/charts/snapshots/<name>.svg`. On a mismatch it writes
 * `<name>-changed.svg` beside it for a person to look at, and fails. A missing golden is written and fails under CI.
 */
export function expectSnapshot(name: string, svg: Element): void {
  mkdirSync(snapshotDir, { recursive: true });
  const golden = join(snapshotDir, `${name}.svg`);
  const actual = serialise(svg) + '\n';
  if (!existsSync(golden)) {
    writeFileSync(golden, actual);
    if (process.env.CI) throw new Error(`missing golden snapshot ${golden} (written now; commit it)`);
    return;
  }
  const expected = readFileSync(golden, 'utf8');
  if (expected !== actual) writeFileSync(join(snapshotDir, `${name}-changed.svg`), actual);
  expect(actual, `snapshot ${name}.svg differs: see ${name}-changed.svg`).toBe(expected);
}
