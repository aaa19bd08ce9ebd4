import { describe, expect, test } from 'vitest';
import type { SofEffect, SofRow, SummaryOfFindings } from '../../src/analysis/summaryOfFindings.ts';
import { DEFAULT_THRESHOLDS } from '../../src/analysis/summaryOfFindings.ts';
import {
  effectText, escapeHtml, markdownCell, sofCsv, sofHtml, sofMarkdown, sofRows, unmatchedOverrides, withOverride,
} from '../../src/app/sofModel.ts';

// A hand-made summary-of-findings row (the analysis layer's rules are tested in test/analysis/summaryOfFindings.test.ts).
const ROW: SofRow = {
  id: 'resection.os_5y', modality: 'resection', outcome: 'os_5y', basis: 'pooled', k: 2, n: 200,
  effect: { kind: 'proportion', estimate: 0.711, ci: [0.653, 0.763], pi: [0.564, 0.824], I2: 53.7, method: 'REML, knha, PLO' },
  studies: [], designs: ['prospective', 'retrospective'], eggerP: null,
  start: { level: 'low', reason: 'observational: 2 single-arm series pooled (non-comparative): starts at low' },
  steps: [
    { domain: 'risk of bias', decision: 'downgrade', levels: 1, reason: 'most, <b>retrospective</b>' },
    { domain: 'inconsistency', decision: 'no change', levels: 0, reason: 'I² = 20.0% ≤ 50%' },
    { domain: 'imprecision', decision: 'downgrade', levels: 2, reason: 'a | pipe' },
    { domain: 'publication bias', decision: 'not assessable', levels: 0, reason: 'k = 2 < 10' },
    { domain: 'indirectness', decision: 'no change', levels: 0, reason: 'none' },
  ],
  certainty: 'very low', warnings: [],
};
const SOF: SummaryOfFindings = { rows: [ROW], thresholds: DEFAULT_THRESHOLDS };
const CTX = { title: 'Summary of findings: bundled', method: ['REML'], source: ['Source: test'] };

describe('effectText(effect)', () => {
  test('a proportion with CI and PI, in percent', () => {
    expect(effectText(ROW.effect)).toBe('71.1% (95% CI 65.3–76.3; 95% PI 56.4–82.4)');
  });
  test('a median, with and without its CI', () => {
    expect(effectText({ kind: 'median', estimate: 84, ci: null, range: [6, 125], weighted: null }))
      .toBe('84 months (median of the medians; no 95% CI at k < 6; range 6–125)');
    expect(effectText({ kind: 'median', estimate: 40.25, ci: [30, 52.5], range: [20, 70], weighted: null }))
      .toBe('40.3 months (median of the medians; 95% CI 30–52.5; range 20–70)');
  });
  test('a trial\'s hazard ratio and an arm against its comparator', () => {
    const hr: SofEffect = {
      kind: 'ratio', endpoint: 'ttp', comparison: 'ssa vs placebo', estimate: 0.34, ci: [0.2, 0.59], pi: null, I2: null, pooled: false,
      trials: [{ cohortId: 'rinke_2009', trial: 'PROMID (Rinke 2009)', estimate: 0.34, ci: [0.2, 0.59] }],
    };
    expect(effectText(hr)).toBe('HR 0.34 (95% CI 0.20–0.59), time to progression, ssa vs placebo (PROMID (Rinke 2009))');
    expect(effectText({
      kind: 'comparison', comparisons: [{
        cohortId: 'raymond_2011', trial: 'Raymond 2011', arm: 'sunitinib', comparator: 'placebo', treatment: '11.4', control: '5.5',
        treatmentValue: 11.4, controlValue: 5.5, unit: 'months',
      }],
    })).toBe('11.4 vs 5.5 months (sunitinib vs placebo; Raymond 2011)');
  });
  test('review statements', () => {
    expect(effectText({ kind: 'review', statements: [{ rowId: 'x', printed: '0–20', seed: '000' }] })).toBe('0–20% (review statement, seed 000)');
  });
});

describe('sofRows(sof, overrides)', () => {
  test('labels, steps as text, the computed rating standing without an override', () => {
    const [r] = sofRows(SOF, []);
    expect([r.modality, r.outcome, r.evidence, r.designs, r.certainty, r.override]).toEqual([
      'Resection', '5-year overall survival', 'Single-arm series, pooled', 'prospective, retrospective', 'very low', null,
    ]);
    expect(r.steps.map((s) => s.text)).toEqual([
      'rated down 1 level — most, <b>retrospective</b>', 'no change — I² = 20.0% ≤ 50%', 'rated down 2 levels — a | pipe',
      'not assessable — k = 2 < 10', 'no change — none',
    ]);
  });
  test('the panel\'s rating stands over the computed one; overrides of other rows are listed apart', () => {
    const overrides = withOverride([{ id: 'y90.orr', certainty: 'low', reason: 'x' }], 'resection.os_5y', 'moderate', 'large effect');
    const [r] = sofRows(SOF, overrides);
    expect([r.computed, r.certainty, r.override?.reason]).toEqual(['very low', 'moderate', 'large effect']);
    expect(unmatchedOverrides(SOF, overrides).map((o) => o.id)).toEqual(['y90.orr']);
    expect(withOverride(overrides, 'resection.os_5y', null)).toEqual([{ id: 'y90.orr', certainty: 'low', reason: 'x' }]);
  });
});

describe('exports', () => {
  const rows = sofRows(SOF, [{ id: 'resection.os_5y', certainty: 'low', reason: '=cmd|, "q" <i>' }]);
  test('CSV through resultsToCsv: every step in its column, the panel\'s rating and reason guarded and quoted', () => {
    const lines = sofCsv(rows).split('\r\n');
    expect(lines[0]).toBe('id,modality,outcome,evidence,k,N,effect,estimate,ci_low,ci_high,pi_low,pi_high,designs,starting_level,'
      + 'risk_of_bias,inconsistency,imprecision,publication_bias,indirectness,computed_certainty,panel_certainty,panel_reason,certainty');
    expect(lines[1]).toBe('resection.os_5y,Resection,5-year overall survival,"Single-arm series, pooled",2,200,'
      + '"71.1% (95% CI 65.3–76.3; 95% PI 56.4–82.4)",0.711,0.653,0.763,0.564,0.824,"prospective, retrospective",'
      + 'low — observational: 2 single-arm series pooled (non-comparative): starts at low,'
      + '"rated down 1 level — most, <b>retrospective</b>",no change — I² = 20.0% ≤ 50%,rated down 2 levels — a | pipe,'
      + 'not assessable — k = 2 < 10,no change — none,very low,low,"\'=cmd|, ""q"" <i>",low');
  });
  test('HTML: every text escaped, nothing from the data read as markup', () => {
    expect(escapeHtml('<a href="x">&\'</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    const html = sofHtml(rows, CTX);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Risk of bias: rated down 1 level — most, &lt;b&gt;retrospective&lt;/b&gt;');
    expect(html).toContain('Panel: low — =cmd|, &quot;q&quot; &lt;i&gt;');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<b>retrospective');
    expect(html).toContain('<strong>Computed, GRADE-style: the panel&#39;s judgement prevails.</strong>');
    expect(html).toContain('J Clin Epidemiol 2011;64:1283–1293');
  });
  test('Markdown: a pipe table, pipes and line breaks escaped', () => {
    expect(markdownCell('a|b\\c\nd <e>')).toBe('a\\|b\\\\c d &lt;e&gt;');
    const md = sofMarkdown(rows, CTX).split('\n');
    const header = md.findIndex((l) => l.startsWith('| Modality |'));
    expect(md[header]).toBe('| Modality | Outcome | Evidence | Studies (k) | Patients (N) | Effect (95% CI; 95% PI) | Designs | Certainty | How it was rated |');
    expect(md[header + 1]).toBe('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    expect(md[header + 2].startsWith('| Resection | 5-year overall survival | Single-arm series, pooled | 2 | 200 | 71.1% (95% CI 65.3–76.3; 95% PI 56.4–82.4) | prospective, retrospective | low (panel; computed: very low) | Starting level: low')).toBe(true);
    expect(md[header + 2]).toContain('Imprecision: rated down 2 levels — a \\| pipe');
    // one cell per column: the escaped pipes do not split the row
    expect(md[header + 2].split(/(?<!\\)\|/).length - 2).toBe(9);
  });
});
