import { decodeIds, encodeIds } from '../analysis/exclusionIds.ts';
import { CERTAINTIES, type Certainty } from '../analysis/summaryOfFindings.ts';
import { FOREST_LAYOUTS, type ForestLayoutName } from '../charts/forestLayouts.ts';
import { MODALITIES, OUTCOMES } from '../data/vocabulary.ts';

/**
 * The explorer's whole state, mirrored in the URL hash (`#view=forest&outcome=os_5y&…`) so a copied link
 * reproduces the view. The hash never reaches a server. Parsing is total: unknown or hand-edited values fall
 * back to defaults and are reported, never thrown.
 */

export const VIEWS = [
  'map', 'trials', 'forest', 'data', 'km', 'sensitivity', 'diagnostics', 'heterogeneity', 'disagreements', 'sof',
] as const;
export type View = (typeof VIEWS)[number];

export const SORTS = ['year', 'effect', 'weight', 'n'] as const;
export type Sort = (typeof SORTS)[number];

export const SCALES = ['back', 'analysis'] as const;
export type Scale = (typeof SCALES)[number];

export const STATE_MEASURES = ['PLO', 'PAS', 'PFT', 'PR'] as const;
export const STATE_METHODS = ['REML', 'DL', 'PM', 'ML', 'HE', 'SJ', 'EB', 'FE', 'GLMM', 'BAYES'] as const;
export const STATE_TESTS = ['knha', 'z', 'adhoc'] as const;

export interface AppState {
  readonly view: View;
  readonly outcome: string;
  readonly measure: (typeof STATE_MEASURES)[number];
  readonly method: (typeof STATE_METHODS)[number];
  readonly test: (typeof STATE_TESTS)[number];
  readonly sort: Sort;
  readonly scale: Scale;
  /** exclusion ids: cohort ids (study table; an old link's row id stands for its cohort) or row numbers (uploads) */
  readonly excluded: readonly string[];
  /** modality the forest plot is limited to; '' = all */
  readonly modality: string;
  /** the heterogeneity view's moderator (`mod=`): a study-table column or a moderator of the moderator table */
  readonly moderator: string;
  /** the forest plot's publication preset (`layout=`): default, revman5, jama, bmj */
  readonly layout: ForestLayoutName;
  /** the survival view draws model-based curves past their last published landmark, faded (`extend=1`) */
  readonly kmExtend: boolean;
  /** the panel's ratings in the summary of findings (`sof=`), one per row id, each with its reason */
  readonly sofOverrides: readonly SofOverride[];
}

/** A rating of a summary-of-findings row set by the user, with the reason (any text). */
export interface SofOverride {
  /** the row id: `modality.outcome`, with `.trial` or an endpoint (e.g. `ssa.hazard_ratio.ttp`) */
  readonly id: string;
  readonly certainty: Certainty;
  readonly reason: string;
}

export const DEFAULT_STATE: AppState = {
  view: 'map',
  outcome: 'os_5y',
  measure: 'PLO',
  method: 'REML',
  test: 'knha',
  sort: 'year',
  scale: 'back',
  excluded: [],
  modality: '',
  moderator: 'year',
  layout: 'default',
  kmExtend: false,
  sofOverrides: [],
};

/** Keys a link may carry (`ex`: excluded ids); any other key was mistyped or truncated and is reported. */
const KEYS = new Set(['view', 'outcome', 'measure', 'method', 'test', 'sort', 'scale', 'modality', 'ex', 'mod', 'layout', 'extend', 'sof']);
const OUTCOME_PATTERN = /^[a-z0-9_]{1,40}$/;
const MAX_EXCLUDED = 500;
/** cohort ids and row numbers are short; a longer id was not written by this app */
export const MAX_ID_LENGTH = 1000;

function pick<T extends string>(
  values: readonly T[], raw: string | null, fallback: T, name: string, problems: string[],
): T {
  if (raw === null) return fallback;
  const hit = values.find((v) => v.toLowerCase() === raw.toLowerCase());
  if (!hit) problems.push(`ignored ${name}=${raw.slice(0, 40)}: not one of ${values.join(', ')}`);
  return hit ?? fallback;
}

/** Reads a state from a URL hash (with or without '#'); unknown values are reported and replaced by defaults. */
export function parseState(hash: string): { state: AppState; problems: string[] } {
  const problems: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    return { state: DEFAULT_STATE, problems: ['ignored the link state: it could not be read'] };
  }
  const d = DEFAULT_STATE;
  for (const key of new Set(params.keys())) {
    if (!KEYS.has(key)) problems.push(`ignored ${key.slice(0, 40)}: not a setting of this link`);
  }
  const outcomeRaw = params.get('outcome');
  let outcome = d.outcome;
  if (outcomeRaw !== null) {
    if (OUTCOME_PATTERN.test(outcomeRaw) && (OUTCOMES as readonly string[]).includes(outcomeRaw)) outcome = outcomeRaw;
    else problems.push(`ignored outcome=${outcomeRaw.slice(0, 40)}: not an outcome name`);
  }
  const modalityRaw = params.get('modality') ?? '';
  const modality = OUTCOME_PATTERN.test(modalityRaw) && (MODALITIES as readonly string[]).includes(modalityRaw) ? modalityRaw : '';
  if (modalityRaw && !modality) problems.push(`ignored modality=${modalityRaw.slice(0, 40)}`);
  const moderatorRaw = params.get('mod');
  const moderatorOk = moderatorRaw !== null && OUTCOME_PATTERN.test(moderatorRaw);
  if (moderatorRaw !== null && !moderatorOk) problems.push(`ignored mod=${moderatorRaw.slice(0, 40)}: not a column name`);
  const extendRaw = params.get('extend');
  const kmExtend = extendRaw === '1';
  if (extendRaw !== null && extendRaw !== '1' && extendRaw !== '0') problems.push(`ignored extend=${extendRaw.slice(0, 40)}: not 0 or 1`);
  const excludedRaw = params.get('ex');
  const decoded = excludedRaw ? decodeIds(excludedRaw) : [];
  const tooLong = decoded.filter((id) => id.length > MAX_ID_LENGTH).length;
  if (tooLong > 0) problems.push(`ignored ${tooLong} excluded ${tooLong === 1 ? 'id' : 'ids'} longer than ${MAX_ID_LENGTH} characters`);
  const ids = [...new Set(decoded.filter((id) => id.length <= MAX_ID_LENGTH))];
  if (ids.length > MAX_EXCLUDED) problems.push(`ignored ${ids.length - MAX_EXCLUDED} excluded ids beyond the first ${MAX_EXCLUDED}`);
  const excluded = ids.slice(0, MAX_EXCLUDED);
  const state: AppState = {
    view: pick(VIEWS, params.get('view'), d.view, 'view', problems),
    outcome,
    measure: pick(STATE_MEASURES, params.get('measure'), d.measure, 'measure', problems),
    method: pick(STATE_METHODS, params.get('method'), d.method, 'method', problems),
    test: pick(STATE_TESTS, params.get('test'), d.test, 'test', problems),
    sort: pick(SORTS, params.get('sort'), d.sort, 'sort', problems),
    scale: pick(SCALES, params.get('scale'), d.scale, 'scale', problems),
    excluded,
    modality,
    moderator: moderatorOk ? moderatorRaw : d.moderator,
    layout: pick(FOREST_LAYOUTS, params.get('layout'), d.layout, 'layout', problems),
    kmExtend,
    sofOverrides: decodeOverrides(params.get('sof'), problems),
  };
  return { state, problems };
}

/** Writes a state as a URL hash, listing only values that differ from the defaults (short links). */
export function formatState(state: AppState): string {
  const params = new URLSearchParams();
  const d = DEFAULT_STATE;
  for (const key of ['view', 'outcome', 'measure', 'method', 'test', 'sort', 'scale', 'modality', 'layout'] as const) {
    if (state[key] !== d[key]) params.set(key, state[key]);
  }
  if (state.moderator !== d.moderator) params.set('mod', state.moderator);
  if (state.kmExtend) params.set('extend', '1');
  if (state.excluded.length) params.set('ex', encodeIds([...state.excluded].sort()));
  if (state.sofOverrides.length) params.set('sof', encodeOverrides(state.sofOverrides));
  const s = params.toString();
  return s ? `#${s}` : '';
}

const SOF_ID = /^[a-z0-9_]{1,40}(\.[a-z0-9_]{1,40}){1,2}$/;
const MAX_OVERRIDES = 200;
/** a reason is a sentence or a paragraph; a longer one was not written in this app */
export const MAX_REASON_LENGTH = 2000;
const certaintyCode = (c: Certainty): string => c.replace(' ', '_');

/**
 * Overrides as text for a link: each `id:certainty:reason` with id and reason percent-encoded (so ':', ',', '%', quotes,
 * line breaks, emoji and any other character round-trip, as exclusionIds.ts does for ids), joined by commas, by id.
 * [{ id: 'resection.os_5y', certainty: 'moderate', reason: 'large, consistent, 1,000 patients' }]
 *   → 'resection.os_5y:moderate:large%2C%20consistent%2C%201%2C000%20patients'
 */
export function encodeOverrides(overrides: readonly SofOverride[]): string {
  return [...overrides].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((o) => `${encodeURIComponent(o.id)}:${certaintyCode(o.certainty)}:${encodeURIComponent(o.reason)}`).join(',');
}

/** The inverse of encodeOverrides; a part that cannot be read is reported and left out; a later id replaces an earlier one. */
export function decodeOverrides(text: string | null, problems: string[]): SofOverride[] {
  if (text === null || text === '') return [];
  const out = new Map<string, SofOverride>();
  for (const part of text.split(',')) {
    if (part === '') continue;
    const [rawId, rawCertainty, ...rest] = part.split(':');
    const shown = part.slice(0, 40);
    let id: string;
    let reason: string;
    try {
      id = decodeURIComponent(rawId);
      reason = decodeURIComponent(rest.join(':'));
    } catch {
      problems.push(`ignored sof=${shown}: not percent-encoded`);
      continue;
    }
    const certainty = CERTAINTIES.find((c) => certaintyCode(c) === rawCertainty);
    if (!SOF_ID.test(id)) problems.push(`ignored sof=${shown}: not a summary-of-findings row`);
    else if (certainty === undefined) problems.push(`ignored sof=${shown}: the rating is not one of ${CERTAINTIES.map(certaintyCode).join(', ')}`);
    else if (reason.trim() === '') problems.push(`ignored sof=${shown}: an override needs a reason`);
    else if (reason.length > MAX_REASON_LENGTH) problems.push(`ignored sof=${shown}: a reason longer than ${MAX_REASON_LENGTH} characters`);
    else {
      out.delete(id);
      out.set(id, { id, certainty, reason });
    }
  }
  const list = [...out.values()];
  if (list.length > MAX_OVERRIDES) problems.push(`ignored ${list.length - MAX_OVERRIDES} overrides beyond the first ${MAX_OVERRIDES}`);
  return list.slice(0, MAX_OVERRIDES);
}
