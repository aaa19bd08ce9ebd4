/**
 * What survives a reload: the uploaded file (its name and raw text, re-parsed on load) and the exclusions, kept in
 * this browser only (localStorage under a versioned key; a text over 2 MB goes to IndexedDB, under a key made from
 * its content, and the entry points there). Each tab also keeps its own entry in sessionStorage and reads it first,
 * so a second tab that switches to another file never takes the first tab's file away from it; a new tab opens with
 * the most recent entry. Reading is defensive: a corrupt entry, one written by another schema version, or an
 * IndexedDB that fails or lacks its store is discarded with a notice, falls back to the bundled table and never
 * throws or hangs. The URL's exclusions win over saved ones (the caller decides; see explorer.ts).
 */

import { MAX_ID_LENGTH } from './state.ts';

export const STORAGE_KEY = 'nelm-explorer:v1';
const KEY_PREFIX = 'nelm-explorer:';
const VERSION = 1;
/** The longest text kept in localStorage (UTF-16 code units, about 2 MB): the cap on an added-studies file. */
export const LOCAL_TEXT_LIMIT = 2 * 1024 * 1024;
/**
 * An uploaded text longer than this (about 256 kB) is kept in IndexedDB, not localStorage: localStorage writes on the
 * page's main thread (a 1.4 MB text took ~50 ms per copy, twice with this tab's copy), IndexedDB in the background.
 */
export const IDB_TEXT_FROM = 256 * 1024;
const MAX_EXCLUDED = 500;
const IDB_NAME = 'nelm-explorer';
const IDB_STORE = 'v1';
/** The IndexedDB key of entries written before texts were keyed by content. */
const IDB_KEY = 'upload-text';
/** localStorage key listing the IndexedDB text keys in use, newest first; only the newest IDB_KEEP are kept. */
const IDB_INDEX_KEY = `${KEY_PREFIX}v1:idb-texts`;
const IDB_KEEP = 3;
/** An IndexedDB request that has not answered by then is given up (a broken database must not hang the page). */
const IDB_TIMEOUT_MS = 5000;

/** The saved state: an uploaded file (or none: the bundled table), the excluded ids, and studies added to the bundled table. */
export interface Saved {
  readonly fileName: string | null;
  readonly text: string | null;
  readonly excluded: readonly string[];
  /** the living review's added study-table CSV (its name and raw text, merged again on load); absent when none */
  readonly added?: AddedFile;
}

/** A study-table CSV added to the bundled table. Kept in localStorage (at most LOCAL_TEXT_LIMIT; see addStudiesPanel). */
export interface AddedFile {
  readonly fileName: string;
  readonly text: string;
}

/** The stored JSON: `text` is null when it lives in IndexedDB (`textIn: 'indexeddb'`) or there is no upload. */
interface Entry {
  readonly version: 1;
  readonly fileName: string | null;
  readonly textIn: 'local' | 'indexeddb' | null;
  readonly text: string | null;
  /** the IndexedDB key of the text (textIn 'indexeddb'); IDB_KEY for entries that predate it */
  readonly textKey?: string;
  readonly excluded: readonly string[];
  /** absent in entries without added studies (and in entries written before the living review) */
  readonly added?: AddedFile;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** Nothing worth saving: the bundled table with no exclusions. */
export function isEmpty(s: Saved): boolean {
  return s.fileName === null && s.excluded.length === 0 && s.added === undefined;
}

/** The JSON written under STORAGE_KEY; `textIn` says whether the text is inline or in IndexedDB. */
export function encodeSaved(s: Saved, textIn: 'local' | 'indexeddb' = 'local'): string {
  const hasFile = s.fileName !== null && s.text !== null;
  const inIdb = hasFile && textIn === 'indexeddb';
  const entry: Entry = {
    version: VERSION,
    fileName: hasFile ? s.fileName : null,
    textIn: hasFile ? textIn : null,
    text: hasFile && textIn === 'local' ? s.text : null,
    ...(inIdb ? { textKey: textKeyOf(s.text!) } : {}),
    excluded: [...s.excluded],
    ...(s.added ? { added: { fileName: s.added.fileName, text: s.added.text } } : {}),
  };
  return JSON.stringify(entry);
}

/** The IndexedDB key of a text: its length and FNV-1a hash, so two files never share a key by accident. */
export function textKeyOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${IDB_KEY}:${text.length}:${h.toString(16)}`;
}

/** Result of reading an entry: `entry` null with a `problem` when it was discarded. */
export interface Decoded {
  readonly entry: Entry | null;
  readonly problem: string | null;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

const isAddedFile = (v: unknown): v is AddedFile => typeof v === 'object' && v !== null && !Array.isArray(v)
  && 'fileName' in v && typeof v.fileName === 'string' && 'text' in v && typeof v.text === 'string';

/** Reads the stored JSON; anything not exactly schema version 1 is rejected with a reason (never throws). */
export function decodeSaved(raw: string): Decoded {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return { entry: null, problem: 'the saved data could not be read (corrupt); it was discarded' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return { entry: null, problem: 'the saved data could not be read (not an object); it was discarded' };
  }
  const o = v as Record<string, unknown>;
  if (o.version !== VERSION) {
    return { entry: null, problem: `the saved data is from another version (${String(o.version).slice(0, 20)}); it was discarded` };
  }
  const fileOk = o.fileName === null || typeof o.fileName === 'string';
  const textInOk = o.textIn === null || o.textIn === 'local' || o.textIn === 'indexeddb';
  const textOk = o.text === null || typeof o.text === 'string';
  const consistent = o.fileName === null
    ? o.textIn === null && o.text === null
    : (o.textIn === 'local' && typeof o.text === 'string') || (o.textIn === 'indexeddb' && o.text === null);
  const keyOk = o.textKey === undefined || (typeof o.textKey === 'string' && o.textKey.startsWith(IDB_KEY));
  const addedOk = o.added === undefined || isAddedFile(o.added);
  if (!fileOk || !textInOk || !textOk || !keyOk || !addedOk || !isStringArray(o.excluded) || !consistent) {
    return { entry: null, problem: 'the saved data is incomplete or malformed; it was discarded' };
  }
  const kept = o.excluded.filter((s) => s.length > 0 && s.length <= MAX_ID_LENGTH);
  const excluded = [...new Set(kept)].slice(0, MAX_EXCLUDED);
  return {
    entry: {
      version: VERSION,
      fileName: o.fileName as string | null,
      textIn: o.textIn as Entry['textIn'],
      text: o.text as string | null,
      ...(o.textIn === 'indexeddb' ? { textKey: typeof o.textKey === 'string' ? o.textKey : IDB_KEY } : {}),
      excluded,
      ...(isAddedFile(o.added) ? { added: { fileName: o.added.fileName, text: o.added.text } } : {}),
    },
    problem: null,
  };
}

/** localStorage, or null where it is missing or refused (privacy settings, sandboxed frames). */
export function browserStorage(): StorageLike | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

/** sessionStorage (this tab's own entry), or null where it is missing or refused. */
export function tabStorage(): StorageLike | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * One IndexedDB request; rejects (never hangs) when the database cannot be opened, lacks its object store (a
 * database left by another program or a failed upgrade: it is deleted so the next save can recreate it), fails, or
 * does not answer within IDB_TIMEOUT_MS.
 */
function idbRequest<T>(run: (store: IDBObjectStore) => IDBRequest<T>, mode: IDBTransactionMode): Promise<T> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB unavailable'));
      return;
    }
    const timer = setTimeout(() => reject(new Error('IndexedDB did not answer')), IDB_TIMEOUT_MS);
    const fail = (err: unknown) => {
      clearTimeout(timer);
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    let open: IDBOpenDBRequest;
    try {
      open = indexedDB.open(IDB_NAME, 1);
    } catch (err) {
      fail(err);
      return;
    }
    open.onupgradeneeded = () => open.result.createObjectStore(IDB_STORE);
    open.onerror = () => fail(open.error ?? new Error('IndexedDB unavailable'));
    open.onblocked = () => fail(new Error('IndexedDB is blocked by another tab'));
    open.onsuccess = () => {
      const db = open.result;
      try {
        if (!db.objectStoreNames.contains(IDB_STORE)) {
          db.close();
          indexedDB.deleteDatabase(IDB_NAME);
          fail(new Error('IndexedDB has no store for this app'));
          return;
        }
        const req = run(db.transaction(IDB_STORE, mode).objectStore(IDB_STORE));
        req.onsuccess = () => {
          db.close();
          clearTimeout(timer);
          resolve(req.result);
        };
        req.onerror = () => {
          db.close();
          fail(req.error ?? new Error('IndexedDB request failed'));
        };
      } catch (err) {
        db.close();
        fail(err);
      }
    };
  });
}

/** Records `key` as the newest IndexedDB text and deletes texts beyond the newest IDB_KEEP (best effort). */
async function keepIdbText(storage: StorageLike, key: string): Promise<void> {
  let keys: string[] = [];
  try {
    const v: unknown = JSON.parse(storage.getItem(IDB_INDEX_KEY) ?? '[]');
    if (isStringArray(v)) keys = v;
  } catch {
    keys = [];
  }
  const next = [key, ...keys.filter((k) => k !== key)];
  storage.setItem(IDB_INDEX_KEY, JSON.stringify(next.slice(0, IDB_KEEP)));
  for (const old of next.slice(IDB_KEEP)) await idbRequest((st) => st.delete(old), 'readwrite').catch(() => undefined);
}

/** Other keys of ours (older schema versions) are removed, each with a notice. */
function dropOtherVersions(storage: StorageLike, problems: string[]): void {
  const stale: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k !== null && /^nelm-explorer:v\d+$/.test(k) && k !== STORAGE_KEY) stale.push(k);
  }
  for (const k of stale) {
    storage.removeItem(k);
    problems.push(`saved data from another version (${k.slice(0, 40)}) was discarded`);
  }
}

/** Reads the saved state; problems (discarded entries, a missing IndexedDB text) are returned as notices. */
export async function loadSaved(
  storage: StorageLike | null = browserStorage(), tab: StorageLike | null = tabStorage(),
): Promise<{ saved: Saved | null; problems: string[] }> {
  const problems: string[] = [];
  if (!storage) return { saved: null, problems };
  try {
    dropOtherVersions(storage, problems);
    // this tab's own entry first (a reload), else the most recent one (a new tab)
    const own = tab?.getItem(STORAGE_KEY) ?? null;
    const from = own !== null ? tab! : storage;
    const raw = own ?? storage.getItem(STORAGE_KEY);
    if (raw === null) return { saved: null, problems };
    const { entry, problem } = decodeSaved(raw);
    if (!entry) {
      from.removeItem(STORAGE_KEY);
      problems.push(problem ?? 'the saved data was discarded');
      return { saved: null, problems };
    }
    let text = entry.text;
    const added = entry.added ? { added: { fileName: entry.added.fileName, text: entry.added.text } } : {};
    if (entry.textIn === 'indexeddb') {
      const key = entry.textKey ?? IDB_KEY;
      const stored = await idbRequest((s) => s.get(key) as IDBRequest<unknown>, 'readonly').catch(() => undefined);
      if (typeof stored === 'string') {
        text = stored;
      } else {
        problems.push(`the saved file ${entry.fileName ?? ''} could not be found in this browser's storage; it was discarded`);
        return { saved: { fileName: null, text: null, excluded: entry.excluded, ...added }, problems };
      }
    }
    return { saved: { fileName: entry.fileName, text, excluded: entry.excluded, ...added }, problems };
  } catch (err) {
    problems.push(`the saved data could not be read (${String(err).slice(0, 80)}); it was ignored`);
    return { saved: null, problems };
  }
}

/** The state last written, and where: saving the same again writes nothing (not a 10⁵-row text on every navigation). */
let lastWritten: { readonly s: Saved; readonly storage: StorageLike; readonly tab: StorageLike | null } | null = null;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameSaved(a: Saved, b: Saved): boolean {
  return a.fileName === b.fileName && a.text === b.text && sameList(a.excluded, b.excluded)
    && a.added?.fileName === b.added?.fileName && a.added?.text === b.added?.text;
}

/**
 * Saves the state (removes the entry when there is nothing to keep), in a task after the caller's; the same state as
 * last time, to the same storage, is not written again. Returns a problem when the browser refused
 * (quota, private mode); never throws. A large text is written to IndexedDB, the small entry to localStorage.
 */
export async function saveState(
  s: Saved, storage: StorageLike | null = browserStorage(), tab: StorageLike | null = tabStorage(),
): Promise<string | null> {
  if (!storage) return null;
  // written in a task of its own, after the view the caller has just drawn (a 10⁵-row text takes a while to store)
  await new Promise((resolve) => setTimeout(resolve, 0));
  const last = lastWritten;
  if (last && last.storage === storage && last.tab === tab && sameSaved(last.s, s)) return null;
  lastWritten = null;
  try {
    if (isEmpty(s)) {
      storage.removeItem(STORAGE_KEY);
      tab?.removeItem(STORAGE_KEY);
      lastWritten = { s, storage, tab };
      return null;
    }
    const large = s.text !== null && s.text.length > IDB_TEXT_FROM;
    if (large) {
      const key = textKeyOf(s.text!);
      await idbRequest((st) => st.put(s.text, key), 'readwrite');
      await keepIdbText(storage, key);
    }
    const encoded = encodeSaved(s, large ? 'indexeddb' : 'local');
    storage.setItem(STORAGE_KEY, encoded);
    // this tab's copy: a small text is kept here too; a large one stays in IndexedDB under its content key
    try {
      tab?.setItem(STORAGE_KEY, encoded);
    } catch {
      tab?.removeItem(STORAGE_KEY);
    }
    lastWritten = { s, storage, tab };
    return null;
  } catch (err) {
    return `your data could not be saved in this browser (${String(err).slice(0, 80)}); it stays until you close the page`;
  }
}

/** Removes everything saved (the localStorage entry and any IndexedDB text). */
export async function clearSaved(
  storage: StorageLike | null = browserStorage(), tab: StorageLike | null = tabStorage(),
): Promise<void> {
  lastWritten = null;
  try {
    storage?.removeItem(STORAGE_KEY);
    storage?.removeItem(IDB_INDEX_KEY);
    tab?.removeItem(STORAGE_KEY);
  } catch {
    // storage refused: nothing was saved there
  }
  if (typeof indexedDB !== 'undefined') {
    await new Promise<void>((resolve) => {
      try {
        const req = indexedDB.deleteDatabase(IDB_NAME);
        req.onsuccess = () => resolve();
        req.onerror = () => resolve();
        req.onblocked = () => resolve();
      } catch {
        resolve();
      }
    });
  }
}

/** Raw text of each uploaded dataset (kept beside it, so the explorer can save what was read). */
const texts = new WeakMap<object, string>();

export function rememberText(dataset: object, text: string): void {
  texts.set(dataset, text);
}

export function rawTextOf(dataset: object): string | null {
  return texts.get(dataset) ?? null;
}
