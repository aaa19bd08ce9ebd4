/**
 * `nelm km --ipd FILE [--group COLUMN] [--times 12,24,60] [--horizon H] [--conf-type log|log-log|plain]`
 * Kaplan–Meier per group from individual patient data (CSV with columns time, event[, group]), with the
 * log-rank test (two or more groups) and a Cox hazard ratio (exactly two groups: the second group in sorted
 * order relative to the first).
 * - `--group`: the grouping column; without it a column named `group` is used when present, else one group.
 * - `--times`: times at which S(t) is reported; default every event time of that group.
 * - `--horizon`: RMST horizon; default the largest observed time in the whole file (the same for every group).
 * - Confidence limits: conf.type 'log' by default (as R survfit), 95 %.
 */
import { parseCsv } from '../../data/parseCsv.ts';
import { parseNumber } from '../../data/parseNumber.ts';
import { formatProblem } from '../../data/formatProblem.ts';
import { invalidCell } from '../../data/invalidCell.ts';
import { coxBinary } from '../../survival/coxBinary.ts';
import { kaplanMeier } from '../../survival/kaplanMeier.ts';
import type { ConfType } from '../../survival/kaplanMeier.ts';
import { kmSummaryAt } from '../../survival/kmSummaryAt.ts';
import { logRank } from '../../survival/logRank.ts';
import { rmst } from '../../survival/rmst.ts';
import { choice, CliError, json, option, readInput, requireOption } from '../args.ts';
import type { Args } from '../args.ts';

interface Ipd {
  readonly time: number[];
  readonly event: (0 | 1)[];
  readonly group: string[];
}

function readIpd(text: string, explicitGroup: string | undefined): Ipd {
  const table = parseCsv(text);
  if (table.problems.length > 0) throw new CliError(formatProblem(table.problems[0]));
  const groupColumn = explicitGroup ?? (table.header.includes('group') ? 'group' : undefined);
  for (const col of ['time', 'event', ...(groupColumn ? [groupColumn] : [])]) {
    if (!table.header.includes(col)) {
      throw new CliError(`row ${table.headerRow}: missing column "${col}" (header: ${table.header.join(', ')})`);
    }
  }
  if (table.rows.length === 0) throw new CliError('file: no data rows');
  const ipd: Ipd = { time: [], event: [], group: [] };
  for (const { row, cells } of table.rows) {
    const time = parseNumber(cells.time, { decimalComma: table.delimiter === ';' });
    if (time === null || time < 0) {
      throw new CliError(formatProblem(invalidCell(row, 'time', cells.time, 'must be a number ≥ 0')));
    }
    const event = cells.event.trim();
    if (event !== '0' && event !== '1') {
      throw new CliError(formatProblem(invalidCell(row, 'event', cells.event, 'must be 0 or 1')));
    }
    const group = groupColumn ? cells[groupColumn].trim() : 'all';
    if (group === '') throw new CliError(formatProblem({ row, column: groupColumn ?? '', message: 'empty group' }));
    ipd.time.push(time);
    ipd.event.push(event === '1' ? 1 : 0);
    ipd.group.push(group);
  }
  return ipd;
}

function readTimes(args: Args): number[] | undefined {
  const raw = option(args, 'times');
  if (raw === undefined) return undefined;
  const parts = raw.split(',');
  return parts.map((p) => {
    const t = parseNumber(p);
    if (t === null || t < 0) throw new CliError(`invalid --times: "${p.trim()}" in "${raw}" (numbers ≥ 0, comma-separated)`);
    return t;
  });
}

export function run(args: Args): string {
  const path = requireOption(args, 'ipd');
  const text = readInput(path);
  const confType = choice<ConfType>(args, 'conf-type', ['log', 'log-log', 'plain'], 'log');
  const times = readTimes(args);
  const horizonRaw = option(args, 'horizon');
  const horizonArg = horizonRaw === undefined ? undefined : parseNumber(horizonRaw);
  if (horizonArg === null || (horizonArg !== undefined && horizonArg <= 0)) {
    throw new CliError(`invalid --horizon: ${horizonRaw} (must be a number > 0)`);
  }
  const ipd = readIpd(text, option(args, 'group'));
  const labels = [...new Set(ipd.group)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  // a loop: 130 000 times spread into Math.max as arguments overflow the call stack
  const horizon = horizonArg ?? ipd.time.reduce((m, t) => (t > m ? t : m), 0);

  const groups = labels.map((label) => {
    const idx = ipd.group.flatMap((g, i) => (g === label ? [i] : []));
    const km = kaplanMeier({ time: idx.map((i) => ipd.time[i]), event: idx.map((i) => ipd.event[i]) }, { confType });
    const at = times ?? km.times.filter((_, i) => km.nEvent[i] > 0);
    return {
      group: label,
      n: km.n,
      events: km.events,
      median: km.median,
      median_ci: km.medianCi,
      rmst: rmst(km, horizon),
      rmst_horizon: horizon,
      surv: kmSummaryAt(km, at).map((r) => ({
        time: r.time, surv: r.surv, lower: r.lower, upper: r.upper, n_risk: r.nRisk,
      })),
    };
  });
  const lr = labels.length >= 2 ? logRank(ipd.time, ipd.event, ipd.group) : null;
  let cox = null;
  if (labels.length === 2) {
    const fit = coxBinary(ipd.time, ipd.event, ipd.group.map((g) => (g === labels[1] ? 1 : 0)));
    cox = { hr: fit.hr, ci: fit.ci, p: fit.p, comparison: `${labels[1]} vs ${labels[0]}`, converged: fit.converged };
  }
  return json({
    conf_type: confType,
    groups,
    logrank: lr && { chisq: lr.chisq, df: lr.df, p: lr.p },
    cox,
  });
}
