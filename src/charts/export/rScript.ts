/**
 * R scripts that reproduce an analysis with the reference implementations, with the data inline:
 * `rScript` — a pooled analysis with metafor (Viechtbauer 2010): escalc() with the explorer's continuity correction,
 * rma() with the same τ² estimator and CI test, one fit per subgroup; `rSurvivalScript` — Kaplan–Meier with
 * survival::survfit on individual patient data. Each prints its figures with sprintf("%.10f") so they can be
 * compared with the explorer's to 1e-6.
 */
import type { Measure, Method, Test } from '../../meta/types.ts';

export interface RProportionStudy {
  readonly study: string;
  readonly events: number;
  readonly n: number;
  readonly group?: string;
}

export interface RGenericStudy {
  readonly study: string;
  readonly yi: number;
  readonly vi: number;
  readonly group?: string;
}

export type RAnalysis =
  | { readonly measure: Exclude<Measure, 'GEN'>; readonly method: Method; readonly test: Test; readonly studies: readonly RProportionStudy[] }
  | {
    readonly measure: 'GEN'; readonly method: Method; readonly test: Test; readonly studies: readonly RGenericStudy[];
    /** the effects are log ratios: back-transform with exp */
    readonly exponentiate?: boolean;
  };

/**
 * An R string literal (double-quoted; backslash, quote and control characters escaped as \\uXXXX). R strings cannot
 * hold NUL, so a NUL becomes U+FFFD (the replacement character); rScript says so in a comment.
 */
export function rString(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (code === 0) out += '\\ufffd';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** An R double literal that reads back as exactly the same double (JavaScript's shortest round-trip form). */
export function rNumber(x: number): string {
  if (Number.isNaN(x)) return 'NA_real_';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  return String(x);
}

function column(name: string, values: readonly string[]): string {
  return `  ${name} = c(${values.join(', ')})`;
}

const BACK: Readonly<Record<Measure, string>> = {
  PR: 'function(x) x',
  PLO: 'transf.ilogit',
  PAS: 'transf.iarcsin',
  PFT: 'function(x) transf.ipft.hm(x, targs = list(ni = dat$ni))',
  GEN: 'function(x) x',
};

/** A metafor script reproducing the explorer's pooled analysis (and subgroups when studies carry a group). */
export function rScript(analysis: RAnalysis): string {
  const grouped = analysis.studies.some((s) => s.group !== undefined);
  const cols = [column('study', analysis.studies.map((s) => rString(s.study)))];
  let escalc: string;
  if (analysis.measure === 'GEN') {
    const studies = analysis.studies;
    cols.push(column('yi', studies.map((s) => rNumber(s.yi))), column('vi', studies.map((s) => rNumber(s.vi))));
    escalc = '# generic effect sizes: yi and vi are used as given';
  } else {
    const studies = analysis.studies;
    cols.push(column('xi', studies.map((s) => rNumber(s.events))), column('ni', studies.map((s) => rNumber(s.n))));
    const add = analysis.measure === 'PR' || analysis.measure === 'PLO' ? '1/2' : '0';
    escalc = [
      analysis.measure === 'PR' || analysis.measure === 'PLO'
        ? '# continuity correction as the explorer: 1/2 added to events and non-events only for studies with 0 or n events'
        : '# no continuity correction: the arcsine transforms are defined at 0 and n',
      `dat <- escalc(measure = ${rString(analysis.measure)}, xi = xi, ni = ni, data = dat, add = ${add}, to = "only0")`,
    ].join('\n');
  }
  if (grouped) cols.push(column('group', analysis.studies.map((s) => rString(s.group ?? '(none)'))));
  const back = analysis.measure === 'GEN' && analysis.exponentiate ? 'exp' : BACK[analysis.measure];
  const rma = (subset: string) =>
    `rma(yi, vi, data = ${subset}, method = ${rString(analysis.method)}, test = ${rString(analysis.test)}, control = ctl)`;
  const lines = [
    '# Reproduces a pooled analysis of the NELM Evidence Explorer with metafor (Viechtbauer 2010, JSS 36(3)).',
    `# measure = ${analysis.measure}, method = ${analysis.method}, test = ${analysis.test}; k = ${analysis.studies.length}`,
    'suppressPackageStartupMessages(library(metafor))',
    '',
    ...(analysis.studies.some((s) => s.study.includes('\u0000') || (s.group ?? '').includes('\u0000'))
      ? ['# a NUL character in a study name or group was replaced by U+FFFD (R strings cannot hold NUL)']
      : []),
    'dat <- data.frame(',
    cols.join(',\n') + ',',
    '  stringsAsFactors = FALSE',
    ')',
    escalc,
    '',
    '# iterative tau^2 estimators (REML, ML, EB, PM) converged tightly, as the explorer does (metafor\'s default 1e-5 is looser)',
    'ctl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 1000)',
    `back <- ${back}`,
    'report <- function(label, res) {',
    '  cat(sprintf("%s: estimate = %.10f\\n", label, as.numeric(coef(res))))',
    '  cat(sprintf("%s: se = %.10f\\n", label, res$se))',
    '  cat(sprintf("%s: ci = %.10f %.10f\\n", label, res$ci.lb, res$ci.ub))',
    '  cat(sprintf("%s: tau2 = %.10f\\n", label, res$tau2))',
    '  cat(sprintf("%s: back = %.10f [%.10f, %.10f]\\n", label, back(as.numeric(coef(res))), back(res$ci.lb), back(res$ci.ub)))',
    '}',
    '',
    `res <- ${rma('dat')}`,
    'report("overall", res)',
  ];
  if (grouped) {
    lines.push(
      '',
      '# one fit per subgroup, each with its own tau^2',
      'for (g in unique(dat$group)) {',
      `  fit_g <- tryCatch(${rma('dat[dat$group == g, ]')}, error = function(e) NULL)`,
      '  if (is.null(fit_g)) cat(sprintf("group %s: not estimable\\n", g)) else report(paste("group", g), fit_g)',
      '}',
    );
  }
  lines.push('', 'print(res)', '');
  return lines.join('\n');
}

export interface RSurvivalAnalysis {
  /** individual patient data (e.g. a Guyot reconstruction): time in months, event 1 = death, 0 = censored */
  readonly ipd: readonly { readonly time: number; readonly event: 0 | 1; readonly group?: string }[];
  /** times (months) at which to print S(t) */
  readonly times?: readonly number[];
  readonly confType?: 'log' | 'log-log' | 'plain';
}

/** A survival::survfit script (Therneau, survival package) printing the median and S(t) of each curve. */
export function rSurvivalScript(analysis: RSurvivalAnalysis): string {
  const grouped = analysis.ipd.some((r) => r.group !== undefined);
  const cols = [
    column('time', analysis.ipd.map((r) => rNumber(r.time))),
    column('event', analysis.ipd.map((r) => String(r.event))),
  ];
  if (grouped) cols.push(column('group', analysis.ipd.map((r) => rString(r.group ?? '(none)'))));
  const times = analysis.times ?? [];
  return [
    '# Reproduces a Kaplan–Meier analysis of the NELM Evidence Explorer with survival::survfit.',
    'suppressPackageStartupMessages(library(survival))',
    '',
    'ipd <- data.frame(',
    cols.join(',\n') + ',',
    '  stringsAsFactors = FALSE',
    ')',
    `fit <- survfit(Surv(time, event) ~ ${grouped ? 'group' : '1'}, data = ipd, conf.type = ${rString(analysis.confType ?? 'log')})`,
    'tab <- summary(fit)$table',
    'if (is.null(dim(tab))) tab <- t(as.matrix(tab))',
    'labels <- if (is.null(fit$strata)) "all" else sub("^group=", "", names(fit$strata))',
    'for (i in seq_along(labels)) {',
    '  cat(sprintf("%s: median = %.10f\\n", labels[i], tab[i, "median"]))',
    '}',
    `times <- c(${times.map(rNumber).join(', ')})`,
    'if (length(times) > 0) {',
    '  s <- summary(fit, times = times, extend = TRUE)',
    '  strata <- if (is.null(s$strata)) rep("all", length(s$time)) else sub("^group=", "", as.character(s$strata))',
    '  for (j in seq_along(s$time)) cat(sprintf("%s: S(%s) = %.10f\\n", strata[j], format(s$time[j]), s$surv[j]))',
    '}',
    '',
    'print(fit)',
    '',
  ].join('\n');
}
