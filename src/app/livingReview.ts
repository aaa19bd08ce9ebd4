/**
 * The living review's state: at most one study-table CSV added to the bundled table (adding another replaces it).
 * The explorer analyses `withAdded(bundled)`: the bundled dataset itself when nothing is added, else one merged
 * dataset (the same object until the added file changes, so every view's analyses are computed once and shared).
 * The added file's name and text are saved with the upload and exclusions (persistence.ts) and merged again on load.
 */
import { formatProblem } from '../data/formatProblem.ts';
import { mergeStudyTables } from '../data/mergeStudyTables.ts';
import type { Dataset } from './dataset.ts';
import type { AddedFile } from './persistence.ts';

/** The bundled table with the studies of `file` added (mergeStudyTables); `bundled` must be a study table. */
export function mergedDataset(bundled: Dataset, file: AddedFile): Dataset {
  const records = bundled.input.kind === 'studies' ? bundled.input.records : [];
  const merged = mergeStudyTables(records, file.text);
  const k = merged.added.size;
  return {
    source: 'bundled',
    name: `${bundled.name} + ${k} added ${k === 1 ? 'study' : 'studies'} (${file.fileName})`,
    input: { kind: 'studies', records: merged.records, problems: bundled.input.problems },
    added: {
      fileName: file.fileName, text: file.text, rowIds: merged.added, before: bundled,
      problems: merged.problems, notes: merged.notes,
    },
  };
}

let current: AddedFile | null = null;
let cached: { readonly bundled: Dataset; readonly file: AddedFile; readonly merged: Dataset } | null = null;

/** The dataset the explorer shows instead of the bundled table: merged with the added studies, if any. */
export function withAdded(bundled: Dataset): Dataset {
  if (current === null) return bundled;
  if (cached?.bundled !== bundled || cached.file !== current) {
    cached = { bundled, file: current, merged: mergedDataset(bundled, current) };
  }
  return cached.merged;
}

/** Adds (replacing any earlier file) or removes (null) the studies added to the bundled table. */
export function setAdded(file: AddedFile | null): void {
  current = file;
}

/** What persistence saves: `{ added }` when studies are added, else nothing. */
export function addedForSaving(): { added?: AddedFile } {
  return current ? { added: current } : {};
}

/**
 * Restores the added file saved by the last visit; returns notices: a file that adds no valid row any more (another
 * version of the bundled table now has its row_ids, say) is dropped with one. Rows left out are listed by the Data view.
 */
export function restoreAdded(bundled: Dataset, file: AddedFile): string[] {
  const merged = mergedDataset(bundled, file);
  const added = merged.added!;
  if (added.rowIds.size === 0) {
    current = null;
    const first = added.problems[0];
    return [`the studies you added (${file.fileName}) add no valid row to this bundled table${first ? ` (${formatProblem(first)})` : ''}; they were removed`];
  }
  current = file;
  cached = { bundled, file, merged };
  return [];
}
