import type { Dataset } from './dataset.ts';
import type { AppState } from './state.ts';

/** What a view gets from the app: the state, the data, and ways to change either. */
export interface ViewContext {
  readonly state: AppState;
  readonly dataset: Dataset;
  /** merge into the state; 'push' adds a history entry (view changes), 'replace' does not (controls) */
  readonly navigate: (patch: Partial<AppState>, mode?: 'push' | 'replace') => void;
  /** switch to an uploaded dataset, or back to the bundled table (null) */
  readonly useDataset: (d: Dataset | null) => void;
  /** the last upload's outcome, shown in the data view */
  readonly upload: UploadStatus | null;
  readonly setUpload: (u: UploadStatus | null) => void;
}

export interface UploadStatus {
  readonly fileName: string;
  readonly kind: string;
  readonly valid: number;
  readonly problems: readonly string[];
  /** set when at least one row is valid */
  readonly dataset: Dataset | null;
}
