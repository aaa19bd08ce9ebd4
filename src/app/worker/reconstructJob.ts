/**
 * One reconstruction as the dialog asks for it (pure, no DOM; run inside the Web Worker): the digitised curve's text
 * and the risk table's text → Guyot et al. (2012) IPD with diagnostics. The same steps, checks and defaults as the
 * CLI's `nelm reconstruct` (src/cli/commands/reconstruct.ts), so the IPD rows match its `--format csv` output.
 */
import { formatProblem } from '../../data/formatProblem.ts';
import type { Problem } from '../../data/types.ts';
import { guyot, type IpdRow, type RiskPoint } from '../../survival/guyot.ts';
import type { Digitisation, DigitisationChoice } from '../../survival/detectDigitisation.ts';
import { guyotDiagnostics, type RiskDiagnostic } from '../../survival/guyotDiagnostics.ts';
import { prepareCurve, type SurvivalScale } from '../../survival/prepareCurve.ts';
import { readCurve } from '../../data/readCurve.ts';
import { readRiskTable } from '../../data/readRiskTable.ts';
import { reconstructInputProblem } from '../../survival/reconstructLimits.ts';

export interface ReconstructRequest {
  readonly curveText: string;
  readonly curveName: string;
  readonly riskText: string;
  readonly riskName: string;
  /** published total number of events, when known */
  readonly totalEvents?: number;
  readonly scale: SurvivalScale;
  /** WebPlotDigitizer dataset to use when the file holds several */
  readonly dataset?: string;
  /** how the figure was digitised (steps, corners, trace); default 'auto': detected from the points */
  readonly digitised?: DigitisationChoice;
}

export interface ReconstructOutput {
  readonly ok: true;
  readonly dataset: string;
  readonly datasets: readonly string[];
  readonly ipd: readonly IpdRow[];
  readonly n: number;
  readonly events: number;
  readonly median: number | null;
  readonly rmse: number;
  readonly maxAbsError: number;
  /** reconstructed is null, with a note, for a row after the last digitised time (not used) */
  readonly risk: readonly RiskDiagnostic[];
  /** the digitisation style used, stated or detected */
  readonly digitised: Digitisation;
  readonly publishedEvents: number | null;
  /** the prepared digitised points (fraction scale), to draw under the reconstructed curve */
  readonly points: { readonly time: readonly number[]; readonly survival: readonly number[] };
  readonly scale: 'fraction' | 'percent';
  readonly warnings: readonly string[];
}

export interface ReconstructFailure {
  readonly ok: false;
  readonly error: string;
  /** dataset names, when the error is that the file holds several and none was chosen */
  readonly datasets?: readonly string[];
}

function problemText(name: string, problems: readonly Problem[]): string {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${name}: ${formatProblem(problems[0])}${more}`;
}

/** Reads, prepares and reconstructs; every bad input is one message naming the file, row and column. */
export function reconstructJob(req: ReconstructRequest): ReconstructOutput | ReconstructFailure {
  const read = readCurve(req.curveText);
  if (read.problems.length > 0) return { ok: false, error: problemText(req.curveName, read.problems) };
  if (read.datasets.length === 0) return { ok: false, error: `${req.curveName}: no digitised points` };
  const names = read.datasets.map((d) => d.name);
  let dataset = read.datasets[0];
  if (req.dataset) {
    const hit = read.datasets.find((d) => d.name === req.dataset);
    if (!hit) return { ok: false, error: `${req.curveName}: no dataset named "${req.dataset}" (datasets: ${names.join(', ')})`, datasets: names };
    dataset = hit;
  } else if (read.datasets.length > 1) {
    return { ok: false, error: `${req.curveName}: ${names.length} datasets (${names.join(', ')}): choose one`, datasets: names };
  }
  if (dataset.points.length < 2) return { ok: false, error: `${req.curveName}: need at least 2 digitised points, found ${dataset.points.length}` };

  const rt = readRiskTable(req.riskText);
  if (rt.problems.length > 0) return { ok: false, error: problemText(req.riskName, rt.problems) };
  if (rt.rows.length === 0) return { ok: false, error: `${req.riskName}: no numbers at risk` };
  if (rt.rows[0].time !== 0) {
    return { ok: false, error: `${req.riskName}: ${formatProblem({ row: rt.rows[0].row, column: 'time', message: `the numbers at risk must start at time 0, not ${rt.rows[0].time}` })}` };
  }
  const risk: RiskPoint[] = rt.rows.map((r) => ({ time: r.time, nRisk: r.nRisk }));
  const contradiction = reconstructInputProblem(dataset.points, risk, req.scale);
  if (contradiction) {
    const where = contradiction.input === 'curve' ? req.curveName : req.riskName;
    return { ok: false, error: `${where}: ${contradiction.message}` };
  }
  const total = req.totalEvents;
  if (total !== undefined && (!Number.isInteger(total) || total < 0 || total > risk[0].nRisk)) {
    return { ok: false, error: `invalid total events: ${total} (a whole number from 0 to the ${risk[0].nRisk} patients at time 0)` };
  }

  const riskTimes = risk.map((r) => r.time);
  const curve = prepareCurve(dataset.points, { riskTimes, scale: req.scale, digitised: req.digitised });
  const result = guyot(curve, risk, { totalEvents: total });
  const diag = guyotDiagnostics(curve, risk, result, total);
  return {
    ok: true, dataset: dataset.name, datasets: names, ipd: result.ipd, n: result.n, events: result.events,
    median: diag.median, rmse: diag.rmse, maxAbsError: diag.maxAbsError, risk: diag.risk,
    publishedEvents: diag.events.published, points: { time: curve.time, survival: curve.survival }, scale: curve.scale,
    digitised: curve.digitised,
    warnings: [...curve.warnings, ...result.warnings],
  };
}

/** The IPD as the CLI's `reconstruct --format csv` prints it: a `time,event` header, then one row per patient. */
export function ipdCsv(ipd: readonly IpdRow[]): string {
  return ['time,event', ...ipd.map((r) => `${r.time},${r.event}`)].join('\n');
}
