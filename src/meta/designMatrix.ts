/**
 * Moderator columns → the design matrix of a meta-regression, as R's model.matrix(~ a + b) with metafor's
 * conventions: an intercept, then per moderator in the order given either its values (continuous) or, for a
 * categorical moderator, one 0/1 column per level after the first (treatment contrasts, the reference level
 * being the first in sorted order, as R's factor()). A column with any text value is categorical; its columns
 * are named moderator + level (`designretrospective`), as R names them.
 *
 * Rows with a missing value (null, empty text or a non-finite number) in any moderator leave the model with
 * a reason. Constant moderators and collinear columns are refused (PoolInputError naming the moderators).
 */
import { PoolInputError } from './poolInputError.ts';

export type ModeratorValue = number | string | null;

export interface ModeratorColumn {
  readonly name: string;
  /** one value per study, in the order of the effects */
  readonly values: readonly ModeratorValue[];
}

export interface DesignTerm {
  readonly moderator: string;
  readonly kind: 'continuous' | 'categorical';
  /** categorical: every level seen in the model's studies, sorted; the first is the reference */
  readonly levels: readonly string[] | null;
  /** the indexes of this moderator's coefficients */
  readonly coefficients: readonly number[];
}

export interface DroppedRow {
  /** the row's index in the input (the effects' order) */
  readonly index: number;
  readonly reason: string;
}

export interface Design {
  /** coefficient names: `intrcpt`, then the moderator columns */
  readonly names: readonly string[];
  /** the design matrix over the kept rows, one column per coefficient */
  readonly columns: readonly Float64Array[];
  /** the input indexes of the rows in the model */
  readonly kept: readonly number[];
  readonly dropped: readonly DroppedRow[];
  readonly terms: readonly DesignTerm[];
}

/** R's name for the intercept in metafor output. */
export const INTERCEPT = 'intrcpt';

/** Levels sorted as R's sort() in an English locale: letters before case, then code points for ties. */
const collator = new Intl.Collator('en', { numeric: false, sensitivity: 'variant' });
const byLevel = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

function isMissing(x: ModeratorValue): boolean {
  return x === null || (typeof x === 'string' ? x.trim() === '' : !Number.isFinite(x));
}

function isCategorical(column: ModeratorColumn, kept: readonly number[]): boolean {
  return kept.some((i) => typeof column.values[i] === 'string');
}

function label(x: ModeratorValue): string {
  return typeof x === 'string' ? x.trim() : String(x);
}

/** Unit-norm columns after centring, orthogonalised in order; the first column that adds nothing is collinear. */
function checkCollinear(columns: readonly Float64Array[], names: readonly string[], owner: readonly string[]): void {
  const k = columns[0].length;
  const basis: Float64Array[] = [];
  // the centred norm of each column, to weigh its share in a dependency
  const norms = new Array<number>(columns.length).fill(0);
  // coefficients of each accepted column's orthogonal part on the original columns (Gram–Schmidt's R⁻¹)
  const combos: number[][] = [];
  for (let j = 1; j < columns.length; j++) {
    const x = columns[j];
    let mean = 0;
    for (let i = 0; i < k; i++) mean += x[i];
    mean /= k;
    const r = new Float64Array(k);
    let norm0 = 0;
    for (let i = 0; i < k; i++) {
      r[i] = x[i] - mean;
      norm0 += r[i] * r[i];
    }
    norm0 = Math.sqrt(norm0);
    if (!(norm0 > 0)) throw new PoolInputError(`moderator ${owner[j]} is constant: column ${names[j]} has one value`);
    norms[j] = norm0;
    for (let i = 0; i < k; i++) r[i] /= norm0;
    const combo = new Array<number>(columns.length).fill(0);
    combo[j] = 1 / norm0;
    basis.forEach((q, b) => {
      let d = 0;
      for (let i = 0; i < k; i++) d += q[i] * r[i];
      for (let i = 0; i < k; i++) r[i] -= d * q[i];
      combos[b].forEach((c, l) => {
        combo[l] -= d * c;
      });
    });
    let norm = 0;
    for (let i = 0; i < k; i++) norm += r[i] * r[i];
    norm = Math.sqrt(norm);
    if (norm < 1e-7) {
      // r ≈ 0 = Σ combo_l x̃_l (centred columns): those with a non-negligible share are the dependent set
      const involved = combo
        .map((c, l) => (l > 0 && l !== j && Math.abs(c) * norms[l] > 1e-6 ? l : -1))
        .filter((l) => l > 0);
      const others = involved.map((l) => names[l]);
      const moderators = [...new Set([...involved, j].map((l) => owner[l]))];
      throw new PoolInputError(`collinear moderators: ${moderators.join(', ')} (column ${names[j]} is a linear `
        + `combination of ${others.length > 0 ? `${others.join(', ')} and ` : ''}the intercept)`);
    }
    for (let i = 0; i < k; i++) r[i] /= norm;
    basis.push(r);
    combos.push(combo.map((c) => c / norm));
  }
}

/**
 * The design matrix of `moderators` over `n` studies. Throws PoolInputError when there are no moderators, a
 * moderator repeats, its values do not number `n`, or (over the rows kept) a moderator is constant or collinear.
 */
export function designMatrix(moderators: readonly ModeratorColumn[], n: number): Design {
  // --- checks
  if (moderators.length === 0) throw new PoolInputError('no moderators: name at least one column');
  const seen = new Set<string>();
  for (const m of moderators) {
    const key = m.name.toLowerCase();
    if (seen.has(key)) throw new PoolInputError(`moderator ${m.name}: named twice`);
    seen.add(key);
    if (m.values.length !== n) throw new PoolInputError(`moderator ${m.name}: ${m.values.length} values for ${n} studies`);
  }

  // --- rows with a missing value leave the model
  const kept: number[] = [];
  const dropped: DroppedRow[] = [];
  for (let i = 0; i < n; i++) {
    const missing = moderators.filter((m) => isMissing(m.values[i])).map((m) => m.name);
    if (missing.length === 0) kept.push(i);
    else dropped.push({ index: i, reason: `missing moderator value: ${missing.join(', ')}` });
  }
  if (kept.length === 0) throw new PoolInputError('no study has a value for every moderator');

  // --- columns
  const k = kept.length;
  const names: string[] = [INTERCEPT];
  const owner: string[] = [''];
  const columns: Float64Array[] = [new Float64Array(k).fill(1)];
  const terms: DesignTerm[] = [];
  for (const m of moderators) {
    if (isCategorical(m, kept)) {
      const values = kept.map((i) => label(m.values[i]));
      const levels = [...new Set(values)].sort(byLevel);
      if (levels.length < 2) {
        throw new PoolInputError(`moderator ${m.name} is constant: every study in the model has ${levels[0]}`);
      }
      const coefficients: number[] = [];
      for (const level of levels.slice(1)) {
        coefficients.push(columns.length);
        columns.push(Float64Array.from(values, (x) => (x === level ? 1 : 0)));
        names.push(`${m.name}${level}`);
        owner.push(m.name);
      }
      terms.push({ moderator: m.name, kind: 'categorical', levels, coefficients });
    } else {
      const values = Float64Array.from(kept, (i) => m.values[i] as number);
      if (values.every((x) => x === values[0])) {
        throw new PoolInputError(`moderator ${m.name} is constant: every study in the model has ${values[0]}`);
      }
      terms.push({ moderator: m.name, kind: 'continuous', levels: null, coefficients: [columns.length] });
      columns.push(values);
      names.push(m.name);
      owner.push(m.name);
    }
  }
  checkCollinear(columns, names, owner);
  return { names, columns, kept, dropped, terms };
}

/**
 * One row of the design matrix for moderator values `at` (by moderator name; categorical ones by level), for
 * predictions. Throws PoolInputError for a missing moderator, a non-number or an unknown level.
 */
export function designRow(design: Design, at: Readonly<Record<string, number | string>>): number[] {
  const row = new Array<number>(design.names.length).fill(0);
  row[0] = 1;
  for (const t of design.terms) {
    const x = at[t.moderator];
    if (x === undefined) throw new PoolInputError(`prediction: no value for moderator ${t.moderator}`);
    if (t.kind === 'continuous') {
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new PoolInputError(`prediction: moderator ${t.moderator} needs a number, not ${String(x)}`);
      }
      row[t.coefficients[0]] = x;
    } else {
      const level = label(x);
      const j = t.levels!.indexOf(level);
      if (j < 0) throw new PoolInputError(`prediction: moderator ${t.moderator} has no level ${level} (${t.levels!.join(', ')})`);
      if (j > 0) row[t.coefficients[j - 1]] = 1;
    }
  }
  return row;
}
