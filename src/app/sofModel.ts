/**
 * The summary-of-findings view's model: the analysis layer's rows (summaryOfFindings) as display rows — labels, the
 * effect as text, each rating step as a line — with the user's overrides (from the URL state) applied, and the three
 * exports: CSV (resultsToCsv, the one CSV writer), an HTML table and a Markdown table that paste into Word. The HTML
 * and Markdown are built from escaped text; no markup from the data is ever interpreted.
 */
import {
  CERTAINTIES, GRADE_SOURCES, SOF_DOMAINS,
  type Certainty, type CertaintyStep, type SofEffect, type SofRow, type SummaryOfFindings,
} from '../analysis/index.ts';
import { resultsToCsv, type CsvColumn } from '../charts/export/resultsToCsv.ts';
import { modalityLabel } from './labels.ts';
import type { SofOverride } from './state.ts';

/** The view's label, on screen and in every export. */
export const SOF_LABEL = 'computed, GRADE-style: the panel\'s judgement prevails';

const OUTCOME_TEXT: Readonly<Record<string, string>> = {
  os_5y: '5-year overall survival', orr: 'Objective response', os_median_months: 'Median overall survival',
  pfs_median_months: 'Median progression-free survival', hazard_ratio: 'Hazard ratio', mortality_periop: 'Perioperative mortality',
};

const ENDPOINT_TEXT: Readonly<Record<string, string>> = {
  pfs: 'progression-free survival', ttp: 'time to progression', os: 'overall survival', unspecified: 'endpoint not stated',
};

const BASIS_TEXT: Readonly<Record<SofRow['basis'], string>> = {
  pooled: 'Single-arm series, pooled', trial: 'Randomised, arm vs comparator', review: 'Review-level statement',
};

export interface SofDisplayRow {
  readonly id: string;
  readonly modality: string;
  readonly outcome: string;
  readonly evidence: string;
  readonly k: number;
  readonly n: number | null;
  readonly effect: string;
  readonly designs: string;
  readonly start: string;
  /** one line per domain: "Risk of bias: rated down 1 level — retrospective …" */
  readonly steps: readonly { readonly domain: string; readonly decision: CertaintyStep['decision']; readonly text: string }[];
  readonly computed: Certainty;
  readonly override: SofOverride | null;
  /** the rating that stands: the panel's when set, else the computed one */
  readonly certainty: Certainty;
  readonly warnings: readonly string[];
  readonly row: SofRow;
}

const p1 = (x: number): string => (100 * x).toFixed(1);
const months = (x: number): string => String(Number(x.toFixed(1)));

/** The effect as one line of text: "71.1% (95% CI 65.3–76.3; 95% PI 56.4–82.4)". */
export function effectText(e: SofEffect): string {
  switch (e.kind) {
    case 'proportion': {
      const pi = e.pi ? `; 95% PI ${p1(e.pi[0])}–${p1(e.pi[1])}` : '';
      return `${p1(e.estimate)}% (95% CI ${p1(e.ci[0])}–${p1(e.ci[1])}${pi})`;
    }
    case 'median': {
      const ci = e.ci ? `95% CI ${months(e.ci[0])}–${months(e.ci[1])}` : 'no 95% CI at k < 6';
      return `${months(e.estimate)} months (median of the medians; ${ci}; range ${months(e.range[0])}–${months(e.range[1])})`;
    }
    case 'ratio': {
      const endpoint = ENDPOINT_TEXT[e.endpoint] ?? e.endpoint;
      if (e.estimate === null) {
        return `${e.comparison}, ${endpoint}: ${e.trials.map((t) => `HR ${t.estimate.toFixed(2)} (${t.trial})`).join('; ')}`;
      }
      const ci = e.ci ? ` (95% CI ${e.ci[0].toFixed(2)}–${e.ci[1].toFixed(2)}${e.pi ? `; 95% PI ${e.pi[0].toFixed(2)}–${e.pi[1].toFixed(2)}` : ''})` : ' (no CI printed)';
      const who = e.pooled ? `pooled, ${e.trials.length} trials` : e.trials.map((t) => t.trial).join('; ');
      return `HR ${e.estimate.toFixed(2)}${ci}, ${endpoint}, ${e.comparison} (${who})`;
    }
    case 'comparison':
      return e.comparisons.map((c) => `${c.treatment} vs ${c.control}${c.unit === '%' ? '%' : ' months'} (${c.arm} vs ${c.comparator}; ${c.trial})`).join('; ');
    case 'review':
      return e.statements.map((s) => `${s.printed}${s.printed.includes('%') ? '' : '%'} (review statement, seed ${s.seed})`).join('; ');
  }
}

function outcomeText(r: SofRow): string {
  const base = OUTCOME_TEXT[r.outcome] ?? r.outcome;
  return r.effect.kind === 'ratio' ? `${base} (${ENDPOINT_TEXT[r.effect.endpoint] ?? r.effect.endpoint})` : base;
}

function stepText(s: CertaintyStep): string {
  const what = s.decision === 'downgrade' ? `rated down ${s.levels} ${s.levels === 1 ? 'level' : 'levels'}` : s.decision;
  return `${what} — ${s.reason}`;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Display rows of a summary of findings, with the overrides whose id names a row applied. */
export function sofRows(sof: SummaryOfFindings, overrides: readonly SofOverride[]): SofDisplayRow[] {
  const byId = new Map(overrides.map((o) => [o.id, o]));
  return sof.rows.map((r) => {
    const override = byId.get(r.id) ?? null;
    return {
      id: r.id, modality: modalityLabel(r.modality), outcome: outcomeText(r), evidence: BASIS_TEXT[r.basis],
      k: r.k, n: r.n,
      effect: effectText(r.effect), designs: r.designs.join(', '), start: `${r.start.level} — ${r.start.reason}`,
      steps: r.steps.map((s) => ({ domain: capital(s.domain), decision: s.decision, text: stepText(s) })),
      computed: r.certainty, override, certainty: override?.certainty ?? r.certainty, warnings: r.warnings, row: r,
    };
  });
}

/** Overrides that name no row of this table (another dataset's, or hand-edited): kept in the link, listed. */
export function unmatchedOverrides(sof: SummaryOfFindings, overrides: readonly SofOverride[]): SofOverride[] {
  const ids = new Set(sof.rows.map((r) => r.id));
  return overrides.filter((o) => !ids.has(o.id));
}

/** The overrides with `id` set to `certainty` and `reason` (replacing any earlier one), or removed (certainty null). */
export function withOverride(
  overrides: readonly SofOverride[], id: string, certainty: Certainty | null, reason = '',
): SofOverride[] {
  const rest = overrides.filter((o) => o.id !== id);
  return certainty === null ? rest : [...rest, { id, certainty, reason }];
}

export const certaintyRank = (c: Certainty): number => CERTAINTIES.length - CERTAINTIES.indexOf(c);

// ------------------------------------------------------------------------------------------------------ exports

/** What every export says besides the table: the label, the method, the exclusions, the source lines. */
export interface SofExportContext {
  readonly title: string;
  /** e.g. "REML τ², Hartung–Knapp CI, logit; thresholds …; exclusions: mayo_2010" */
  readonly method: readonly string[];
  readonly source: readonly string[];
}

const CSV_COLUMNS: readonly CsvColumn<SofDisplayRow>[] = [
  'id',
  'modality',
  'outcome',
  'evidence',
  { header: 'k', value: (r) => r.k },
  { header: 'N', value: (r) => r.n },
  'effect',
  { header: 'estimate', value: (r) => estimateOf(r.row.effect)?.[0] },
  { header: 'ci_low', value: (r) => estimateOf(r.row.effect)?.[1] },
  { header: 'ci_high', value: (r) => estimateOf(r.row.effect)?.[2] },
  { header: 'pi_low', value: (r) => piOf(r.row.effect)?.[0] },
  { header: 'pi_high', value: (r) => piOf(r.row.effect)?.[1] },
  'designs',
  { header: 'starting_level', value: (r) => r.start },
  ...SOF_DOMAINS.map((d): CsvColumn<SofDisplayRow> => ({
    header: d.replace(/ /g, '_'), value: (r) => r.steps.find((s) => s.domain.toLowerCase() === d)?.text,
  })),
  { header: 'computed_certainty', value: (r) => r.computed },
  { header: 'panel_certainty', value: (r) => r.override?.certainty },
  { header: 'panel_reason', value: (r) => r.override?.reason },
  { header: 'certainty', value: (r) => r.certainty },
];

/** [estimate, ci low, ci high] on the scale shown (proportions as fractions, medians in months, ratios). */
function estimateOf(e: SofEffect): [number, number | null, number | null] | null {
  if (e.kind === 'proportion') return [e.estimate, e.ci[0], e.ci[1]];
  if (e.kind === 'median') return [e.estimate, e.ci?.[0] ?? null, e.ci?.[1] ?? null];
  if (e.kind === 'ratio' && e.estimate !== null) return [e.estimate, e.ci?.[0] ?? null, e.ci?.[1] ?? null];
  return null;
}

function piOf(e: SofEffect): readonly [number, number] | null {
  return (e.kind === 'proportion' || e.kind === 'ratio') ? e.pi : null;
}

/** The table as CSV: one row per summary-of-findings row, every step's reason in its own column. */
export function sofCsv(rows: readonly SofDisplayRow[]): string {
  return resultsToCsv(rows, CSV_COLUMNS);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

/** Text safe inside HTML element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

const HEAD = ['Modality', 'Outcome', 'Evidence', 'Studies (k)', 'Patients (N)', 'Effect (95% CI; 95% PI)', 'Designs', 'Certainty', 'How it was rated'];

function ratingText(r: SofDisplayRow): string {
  return r.override
    ? `${r.certainty} (panel; computed: ${r.computed})`
    : `${r.certainty} (computed)`;
}

function ratingLines(r: SofDisplayRow): string[] {
  return [
    `Starting level: ${r.start}`,
    ...r.steps.map((s) => `${s.domain}: ${s.text}`),
    ...(r.override ? [`Panel: ${r.override.certainty} — ${r.override.reason}`] : []),
  ];
}

function cells(r: SofDisplayRow): string[] {
  return [r.modality, r.outcome, r.evidence, String(r.k), r.n === null ? 'not printed' : String(r.n), r.effect, r.designs, ratingText(r)];
}

/** A standalone HTML document with the table (borders and fonts inline so it pastes into Word as a table). */
export function sofHtml(rows: readonly SofDisplayRow[], ctx: SofExportContext): string {
  const cell = 'border:1px solid #000;padding:3pt;vertical-align:top;text-align:left';
  const th = HEAD.map((x) => `<th style="${cell}">${escapeHtml(x)}</th>`).join('');
  const body = rows.map((r) => {
    const lines = ratingLines(r).map((l) => escapeHtml(l)).join('<br>');
    return `<tr>${cells(r).map((c) => `<td style="${cell}">${escapeHtml(c)}</td>`).join('')}<td style="${cell}">${lines}</td></tr>`;
  }).join('\n');
  const paras = (list: readonly string[]) => list.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(ctx.title)}</title>`,
    '<style>body{font:10pt Calibri,Arial,sans-serif}table{border-collapse:collapse}</style>',
    '</head><body>',
    `<h1>${escapeHtml(ctx.title)}</h1>`,
    `<p><strong>${escapeHtml(capital(SOF_LABEL))}.</strong></p>`,
    paras(ctx.method),
    `<table style="border-collapse:collapse">\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`,
    '<h2>GRADE guidance</h2>',
    paras(Object.values(GRADE_SOURCES)),
    paras(ctx.source),
    '</body></html>',
    '',
  ].join('\n');
}

/** Text in a Markdown table cell: pipes and backslashes escaped, line breaks as <br>-free spaces, HTML-looking text escaped. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ');
}

/** The table in Markdown (pipe table; paste into Word through a Markdown converter, or read as text). */
export function sofMarkdown(rows: readonly SofDisplayRow[], ctx: SofExportContext): string {
  const line = (cs: readonly string[]) => `| ${cs.map(markdownCell).join(' | ')} |`;
  return [
    `# ${markdownCell(ctx.title)}`,
    '',
    `**${capital(SOF_LABEL)}.**`,
    '',
    ...ctx.method.map((m) => `${markdownCell(m)}\n`),
    line(HEAD),
    `|${HEAD.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => line([...cells(r), ratingLines(r).join(' · ')])),
    '',
    '## GRADE guidance',
    '',
    ...Object.values(GRADE_SOURCES).map((s) => `- ${markdownCell(s)}`),
    '',
    ...ctx.source.map((s) => `${markdownCell(s)}\n`),
  ].join('\n');
}
