/**
 * Bad input that only the engine can see (PoolInputError thrown inside a statistic, e.g. a τ prior scale out of range
 * reached through `sensitivity`) exits 2 with one line, never a stack trace (issue 15).
 */
import { expect, test } from 'vitest';
import { nelm } from '../cli/runCli.ts';

test('sensitivity --tau-prior-scale 1e308: exit 2, one stderr line naming the range, no stack trace', () => {
  const r = nelm('sensitivity', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--tau-prior-scale', '1e308');
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^nelm sensitivity: invalid tau prior scale: 1e\+308 \(must be between 1e-6 and 100/);
  expect(r.stderr).not.toMatch(/\bat \w+ \(/);
});
