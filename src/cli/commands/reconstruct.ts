/**
 * `nelm reconstruct --curve FILE (--risk FILE | --n N) [--events N] [--scale auto|fraction|percent]
 *   [--digitised auto|steps|corners|trace] [--dataset NAME] [--format json|csv]`
 * Individual patient data reconstructed from a digitised Kaplan–Meier curve (Guyot et al. 2012, BMC Med Res
 * Methodol 12:9), with diagnostics against the digitised points and the published numbers at risk.
 * - `--curve`: WebPlotDigitizer's per-dataset export (`x, y`, or `x; y` with decimal commas), its "Export All Data"
 *   (choose a dataset with `--dataset` when there are several), or a `time,survival` table with a header.
 * - `--risk`: the published numbers at risk, `time,n_risk` (header optional), starting at time 0.
 * - `--n`: the number of patients, when no risk table is published (event counts are then unreliable).
 * - `--events`: the published total number of events.
 * - `--scale`: survival as a fraction or percent; `auto` reads a maximum above 1.5 as percent. A curve told to be
 *   a fraction that reaches above 1.05 is refused.
 * - `--digitised`: how the figure was digitised — `steps` (one point at the left end of each horizontal segment),
 *   `corners` (both corners of each drop), `trace` (a dense trace); `auto` (default) detects it from the points.
 * - At most 10⁶ patients (MAX_PATIENTS) and times up to 10⁶ (MAX_TIME); no patients at time 0 is refused.
 * JSON: {ipd: [{time, event}], n, events, median, digitised: {style, how, flat_share}, diagnostics: {rmse,
 * max_abs_error, risk: [{time, published, reconstructed, note?}], events: {published, reconstructed}},
 * warnings: [...]}; CSV: `time,event` rows. A risk-table row after the last digitised time has reconstructed null
 * and the note "not used (after the last digitised time)".
 */
import { formatProblem } from '../../data/formatProblem.ts';
import type { Problem } from '../../data/types.ts';
import { guyot, type RiskPoint } from '../../survival/guyot.ts';
import { DIGITISATION_CHOICES } from '../../survival/detectDigitisation.ts';
import { guyotDiagnostics } from '../../survival/guyotDiagnostics.ts';
import { prepareCurve } from '../../survival/prepareCurve.ts';
import { readCurve } from '../../data/readCurve.ts';
import { readRiskTable } from '../../data/readRiskTable.ts';
import { MAX_PATIENTS, reconstructInputProblem } from '../../survival/reconstructLimits.ts';
import { choice, CliError, json, option, readInput, requireOption } from '../args.ts';
import type { Args } from '../args.ts';

function fail(path: string, problems: readonly Problem[]): never {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new CliError(`${path}: ${formatProblem(problems[0])}${more}`);
}

function wholeNumber(args: Args, name: string, min: number, max = Infinity): number | undefined {
  const raw = option(args, name);
  if (raw === undefined) return undefined;
  const v = Number(raw.trim());
  if (raw.trim() === '' || !Number.isInteger(v) || v < min) throw new CliError(`invalid --${name}: ${raw} (a whole number ≥ ${min})`);
  if (v > max) throw new CliError(`invalid --${name}: ${raw} (at most ${max.toLocaleString('en-US')} patients can be reconstructed)`);
  return v;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(4)) : null);

export function run(args: Args): string {
  const curvePath = requireOption(args, 'curve');
  const riskPath = option(args, 'risk');
  const n = wholeNumber(args, 'n', 1, MAX_PATIENTS);
  const totalEvents = wholeNumber(args, 'events', 0);
  const scale = choice(args, 'scale', ['auto', 'fraction', 'percent'] as const, 'auto');
  const digitised = choice(args, 'digitised', DIGITISATION_CHOICES, 'auto');
  const format = choice(args, 'format', ['json', 'csv'] as const, 'json');
  if (riskPath === undefined && n === undefined) throw new CliError('missing option --risk (or --n when no numbers at risk are published)');

  const read = readCurve(readInput(curvePath));
  if (read.problems.length > 0) fail(curvePath, read.problems);
  const name = option(args, 'dataset');
  let dataset = read.datasets[0];
  if (name !== undefined) {
    const hit = read.datasets.find((d) => d.name === name);
    if (!hit) throw new CliError(`${curvePath}: no dataset named "${name}" (datasets: ${read.datasets.map((d) => d.name).join(', ')})`);
    dataset = hit;
  } else if (read.datasets.length > 1) {
    throw new CliError(`${curvePath}: ${read.datasets.length} datasets (${read.datasets.map((d) => d.name).join(', ')}): choose one with --dataset`);
  }
  if (dataset.points.length < 2) throw new CliError(`${curvePath}: file: need at least 2 digitised points, found ${dataset.points.length}`);

  let risk: RiskPoint[];
  if (riskPath !== undefined) {
    const rt = readRiskTable(readInput(riskPath));
    if (rt.problems.length > 0) fail(riskPath, rt.problems);
    if (rt.rows[0].time !== 0) {
      throw new CliError(`${riskPath}: ${formatProblem({ row: rt.rows[0].row, column: 'time', message: `the numbers at risk must start at time 0, not ${rt.rows[0].time}` })}`);
    }
    if (n !== undefined && n !== rt.rows[0].nRisk) throw new CliError(`--n ${n} disagrees with ${rt.rows[0].nRisk} at risk at time 0 in ${riskPath}`);
    risk = rt.rows.map((r) => ({ time: r.time, nRisk: r.nRisk }));
  } else {
    risk = [{ time: 0, nRisk: n as number }];
  }

  const contradiction = reconstructInputProblem(dataset.points, risk, scale);
  if (contradiction !== null) {
    const where = contradiction.input === 'curve' ? curvePath : riskPath ?? `--n ${n}`;
    throw new CliError(`${where}: ${contradiction.message}`);
  }
  if (totalEvents !== undefined && totalEvents > risk[0].nRisk) {
    throw new CliError(`invalid --events: ${totalEvents} (more than the ${risk[0].nRisk} patients at time 0)`);
  }

  const curve = prepareCurve(dataset.points, { riskTimes: risk.map((r) => r.time), scale, digitised });
  const result = guyot(curve, risk, { totalEvents });
  const diag = guyotDiagnostics(curve, risk, result, totalEvents);
  if (format === 'csv') return ['time,event', ...result.ipd.map((r) => `${r.time},${r.event}`)].join('\n');
  return json({
    ipd: result.ipd,
    n: result.n,
    events: result.events,
    median: diag.median,
    digitised: {
      style: curve.digitised.style, how: curve.digitised.how, flat_share: finiteOrNull(curve.digitised.flatShare),
    },
    diagnostics: {
      rmse: diag.rmse,
      max_abs_error: diag.maxAbsError,
      risk: diag.risk,
      events: diag.events,
    },
    warnings: [...curve.warnings, ...result.warnings],
  });
}
