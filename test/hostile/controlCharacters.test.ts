/**
 * Control characters in study names (a vertical tab from a Word paste, a NUL) made the SVG export invalid XML, the
 * PNG export fail and the R script unparsable (issue 15). The exporters remove what XML forbids (and say so in the
 * SVG's <desc>) and escape what R can hold (NUL becomes U+FFFD, with a comment).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { rScript } from '../../src/charts/export/rScript.ts';
import { serializeSvg } from '../../src/charts/export/serializeSvg.ts';

const NAMES = ['Smith\u000B2010', 'Nul\u0000name', 'Bell\u0007', 'plain'];

describe('control characters in names, at the export boundary', () => {
  test('serializeSvg writes well-formed XML without them and says how many it removed', () => {
    const { window } = new JSDOM('<!doctype html><body></body>');
    const doc = window.document;
    const svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '100');
    svg.setAttribute('height', '50');
    for (const name of NAMES) {
      const t = doc.createElementNS('http://www.w3.org/2000/svg', 'text');
      t.textContent = name;
      t.setAttribute('data-label', name);
      svg.append(t);
    }
    const text = serializeSvg(svg as unknown as SVGSVGElement);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)).toBe(false);
    const parsed = new window.DOMParser().parseFromString(text, 'image/svg+xml');
    expect(parsed.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(text).toContain('Smith2010');
    // three characters in the text nodes and the same three in the attributes
    expect(parsed.querySelector('desc')?.textContent).toContain('(6 control characters in the data removed from this file)');
  });

  test('the R script escapes them; a NUL becomes U+FFFD with a comment; Rscript parses it', () => {
    const script = rScript({
      measure: 'PLO', method: 'REML', test: 'z',
      studies: NAMES.map((study, i) => ({ study, events: 3 + i, n: 20 + i })),
    });
    expect(script).toContain('"Smith\\u000b2010"');
    expect(script).toContain('"Nul\\ufffdname"');
    expect(script).toContain('# a NUL character in a study name or group was replaced by U+FFFD');
    if (spawnSync('Rscript', ['--version']).status !== 0) {
      console.warn('Rscript is not installed: the script was checked as text only');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'nelm-ctl-'));
    writeFileSync(join(dir, 's.R'), script);
    const r = spawnSync('Rscript', ['-e', `invisible(parse("${join(dir, 's.R')}"))`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});
