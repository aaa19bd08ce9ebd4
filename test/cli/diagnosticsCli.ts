/** Helpers for the CLI tests of bias, leave1out and cumulative: the shared runner (runCli.ts) and fixture CSVs. */
import { nelm, writeInput } from './runCli.ts';
import type { FixtureDataset } from '../meta/diagnosticsFixture.ts';

export { nelm, writeInput as write };

const quote = (s: string | number): string => `"${String(s).replace(/"/g, '""')}"`;

/** A fixture data set as the CSV a user would pass: study,events,n,<order> for proportions, else study,yi,vi,<order>. */
export function csvOf(d: FixtureDataset): string {
  const col = d.order_column;
  const lines = d.studies.map((s) => d.measure === 'PLO'
    ? `${quote(s.study)},${s.xi},${s.ni},${quote(s.order)}`
    : `${quote(s.study)},${s.yi},${s.vi},${quote(s.order)}`);
  const head = d.measure === 'PLO' ? `study,events,n,${col}` : `study,yi,vi,${col}`;
  return [head, ...lines].join('\n') + '\n';
}
