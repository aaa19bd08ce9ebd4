/**
 * Issue 15, reading files: the CLI reads what the browser reads (one decoder, decodeText, and one parser, parseCsv:
 * Excel's "Unicode text" and `sep=;` line), relative paths from where the user ran `npm run nelm`, a size limit
 * (MAX_INPUT_BYTES) so /dev/zero is refused at once, case-insensitive duplicate headers named, and km on 130 000
 * patients (no data-sized spread into Math.max). CLI cases run the real command: exit 2, one stderr line, no stack.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { userDirectory } from '../../src/cli/args.ts';
import { decodeText } from '../../src/data/decodeText.ts';
import { MAX_INPUT_BYTES, tooLargeMessage } from '../../src/data/inputLimit.ts';
import { parseCsv } from '../../src/data/parseCsv.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { expectJson, expectOneLineError, nelm, nelmIn, root, tempDir, tempFile } from './cliRun.ts';

const SLOW = 60_000;
const PROPORTIONS = 'study,events,n\nA,3,10\nB,5,12\nC,4,11\nD,9,20\n';
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};

interface Fit {
  k: number;
  estimate: number;
  ci: [number, number];
}

describe('decodeText: bytes → text as FileReader.readAsText (BOM sniffing, else UTF-8)', () => {
  test('UTF-16LE and UTF-16BE with a BOM, UTF-8 with and without one, all give the same text', () => {
    const text = 'study\tevents\tn\nMünster «é» 🙂\t3\t10\n';
    expect(decodeText(utf16le(text))).toBe(text);
    expect(decodeText(utf16be(text))).toBe(text);
    expect(decodeText(Buffer.from(`\uFEFF${text}`, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
  });
  test('bytes that do not decode become U+FFFD, never an exception (bad UTF-8; a lone last UTF-16 byte)', () => {
    expect(decodeText(new Uint8Array([0x41, 0xff, 0x42]))).toBe('A\uFFFDB');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]))).toBe('A\uFFFD');
    expect(decodeText(new Uint8Array([]))).toBe('');
  });
  test('the upload panel reads files through the same function and limit (one reader)', () => {
    const src = readFileSync(join(root, 'src/app/views/uploadPanel.ts'), 'utf8');
    // small files are decoded on the page, large ones in the upload worker: both through decodeText
    expect(src).toMatch(/decodeText\(new Uint8Array\(await file\.arrayBuffer\(\)\)\)/);
    expect(readFileSync(join(root, 'src/app/worker/uploadJob.ts'), 'utf8')).toMatch(/decodeText\(bytes\)/);
    expect(src).toMatch(/if \(file\.size > MAX_INPUT_BYTES\) status = tooLarge\(file\)/);
    expect(src).not.toMatch(/readAsText/);
  });
});

describe('Excel\'s files read in the CLI as in the browser', () => {
  const reference = expectJson<Fit>(nelm('pool', '--input', tempFile('plain.csv', PROPORTIONS)));

  test('"Unicode text" (UTF-16LE with BOM, tab-separated, CRLF) pools like the UTF-8 CSV', () => {
    const tsv = PROPORTIONS.replaceAll(',', '\t').replaceAll('\n', '\r\n');
    const out = expectJson<Fit>(nelm('pool', '--input', tempFile('unicode.txt', utf16le(tsv))));
    expect(out).toEqual(reference);
  }, SLOW);

  test('UTF-16BE with BOM pools like the UTF-8 CSV', () => {
    expect(expectJson<Fit>(nelm('pool', '--input', tempFile('be.txt', utf16be(PROPORTIONS))))).toEqual(reference);
  }, SLOW);

  test('a `sep=;` first line with decimal commas (study;yi;vi) pools like the `,` file with points', () => {
    const dots = expectJson<Fit>(nelm('pool', '--input', tempFile('yi.csv', 'study,yi,vi\nA,0.5,0.1\nB,1.25,0.2\nC,-0.25,0.05\n')));
    const commas = expectJson<Fit>(nelm('pool', '--input', tempFile('yi-sep.csv', 'sep=;\r\nstudy;yi;vi\r\nA;0,5;0,1\r\nB;1,25;0,2\r\nC;-0,25;0,05\r\n')));
    expect(commas).toEqual(dots);
    expect(dots.k).toBe(3);
  }, SLOW);

  test('with `sep=;` the header is row 1 (Excel hides the sep line): a bad cell is named at Excel\'s row', () => {
    expectOneLineError(nelm('pool', '--input', tempFile('sep-bad.csv', 'sep=;\nstudy;events;n\nA;1;10\nB;x;10\n')),
      /: row 3, column events: invalid events: "x" /);
    expect(parseCsv('"sep=|"\na|b\n1|2\n')).toMatchObject({ delimiter: '|', header: ['a', 'b'], headerRow: 1, rows: [{ row: 2 }] });
  }, SLOW);

  test('km reads IPD saved as "Unicode text"', () => {
    const ipd = 'time\tevent\n1\t1\n2\t0\n3\t1\n';
    const out = expectJson<{ groups: { n: number; events: number }[] }>(nelm('km', '--ipd', tempFile('ipd.txt', utf16le(ipd))));
    expect(out.groups.map((g) => [g.n, g.events])).toEqual([[3, 2]]);
  }, SLOW);
});

describe('relative paths are read from where the user ran the command', () => {
  test('npm --prefix REPO run nelm -- pool --input good.csv, run from the file\'s directory', () => {
    writeFileSync(join(tempDir, 'good.csv'), PROPORTIONS);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'INIT_CWD'));
    const r = spawnSync('npm', ['--prefix', root, 'run', '--silent', 'nelm', '--', 'pool', '--input', 'good.csv'],
      { cwd: tempDir, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as Fit).k).toBe(4);
  }, SLOW);

  test('a missing relative file names the directory it was looked for in', () => {
    const r = nelmIn(root, ['pool', '--input', 'no-such.csv'], { npm_lifecycle_event: 'nelm', INIT_CWD: tempDir });
    expectOneLineError(r, new RegExp(`^nelm pool: cannot read file: no-such.csv \\(no such file in ${tempDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`));
  }, SLOW);

  test('INIT_CWD counts only under `npm run nelm` (a test run under `npm test` inherits one that means nothing)', () => {
    expect(userDirectory({ npm_lifecycle_event: 'nelm', INIT_CWD: '/somewhere' })).toBe('/somewhere');
    expect(userDirectory({ npm_lifecycle_event: 'test', INIT_CWD: '/somewhere' })).toBe(process.cwd());
    expect(userDirectory({})).toBe(process.cwd());
  });
});

describe(`a size limit of ${MAX_INPUT_BYTES / 2 ** 20} MB on every input file`, () => {
  test('pool --input /dev/zero exits 2 at once, "file too large: more than 100 MB"', () => {
    const r = nelm('pool', '--input', '/dev/zero');
    expectOneLineError(r, /^nelm pool: \/dev\/zero: file too large: more than 100 MB \(the limit is 100 MB; /);
    expect(r.seconds).toBeLessThan(30); // was 88 s and gigabytes of memory
  }, SLOW);

  test('km --ipd and reconstruct --curve /dev/zero too', () => {
    expectOneLineError(nelm('km', '--ipd', '/dev/zero'), /^nelm km: \/dev\/zero: file too large: more than 100 MB /);
    expectOneLineError(nelm('reconstruct', '--curve', '/dev/zero', '--n', '10'), /^nelm reconstruct: \/dev\/zero: file too large/);
  }, SLOW);

  test('a 150 MB file is refused by its size, before a byte is read (sparse file)', () => {
    const path = tempFile('big.csv', 'study,events,n\n');
    truncateSync(path, 150 * 2 ** 20);
    expect(statSync(path).size).toBe(150 * 2 ** 20);
    expectOneLineError(nelm('pool', '--input', path), /: file too large: 150 MB \(the limit is 100 MB; split the file or leave out columns/);
  }, SLOW);

  test('the message the upload panel shows for a 632 MB file', () => {
    expect(tooLargeMessage(632 * 2 ** 20)).toBe('file too large: 632 MB (the limit is 100 MB; split the file or leave out columns the analysis does not use)');
  });
});

describe('a header with both n and N is an error naming both (row 1)', () => {
  test.each([
    ['pool, study,events,n,N', ['pool', '--input', tempFile('nN.csv', 'study,events,n,N\nA,3,10,100\nB,4,12,120\n')], /: row 1, column N: duplicate column: "N" \(same as "n"\)$/],
    ['pool, Study and study', ['pool', '--input', tempFile('sS.csv', 'Study,events,n,study\nA,3,10,a\n')], /: row 1, column study: duplicate column: "study" \(same as "Study"\)$/],
    ['km, time and TIME', ['km', '--ipd', tempFile('tT.csv', 'time,event,TIME\n1,1,2\n')], /^nelm km: row 1, column TIME: duplicate column: "TIME" \(same as "time"\)$/],
  ])('%s', (_name, argv, line) => {
    expectOneLineError(nelm(...argv), line);
  }, SLOW);

  test('the study table reports it once (parseCsv), not twice', () => {
    const text = readFileSync(join(root, 'public/studies.csv'), 'utf8').split('\n')
      .map((l, i) => (i === 0 ? `${l},N` : l === '' ? l : `${l},1`)).join('\n');
    const dup = readAnalysisInput(text).problems.filter((p) => p.message.startsWith('duplicate column'));
    expect(dup).toEqual([{ row: 1, column: 'N', message: 'duplicate column: "N" (same as "n")' }]);
  });
});

describe('no data-sized spread into a call', () => {
  test('km on 130 000 patients (Math.max(...time) overflowed the stack above ~120 000)', () => {
    const lines = ['time,event,group'];
    for (let i = 0; i < 130_000; i++) lines.push(`${((i * 7919) % 1000) / 10 + 0.1},${i % 3 === 0 ? 0 : 1},${i % 2 ? 'a' : 'b'}`);
    const out = expectJson<{ groups: { n: number; rmst_horizon: number }[]; logrank: { df: number } }>(
      nelm('km', '--ipd', tempFile('ipd130k.csv', lines.join('\n')), '--times', '12,60'));
    expect(out.groups.map((g) => g.n)).toEqual([65_000, 65_000]);
    expect(out.groups[0].rmst_horizon).toBe(100); // the largest time: (999 / 10) + 0.1
    expect(out.logrank.df).toBe(1);
  }, SLOW);

  test('src/cli, src/data and src/survival spread no array into Math.max / Math.min', () => {
    const hits: string[] = [];
    for (const dir of ['src/cli', 'src/cli/commands', 'src/data', 'src/survival']) {
      for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.ts'))) {
        readFileSync(join(root, dir, f), 'utf8').split('\n').forEach((line, i) => {
          if (/Math\.(max|min)\([^)]*\.\.\./.test(line)) hits.push(`${dir}/${f}:${i + 1}`);
        });
      }
    }
    expect(hits).toEqual([]);
  });
});
