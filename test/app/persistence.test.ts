import { describe, expect, test } from 'vitest';
import {
  clearSaved, decodeSaved, encodeSaved, IDB_TEXT_FROM, LOCAL_TEXT_LIMIT, loadSaved, saveState, STORAGE_KEY, textKeyOf,
  type StorageLike,
} from '../../src/app/persistence.ts';
import { MemoryStorage } from './memoryStorage.ts';

const CSV = 'study,events,n\nA,3,10\n"B, with comma",5,20\n';

describe('persistence', () => {
  test('STORAGE_KEY carries the schema version', () => {
    expect(STORAGE_KEY).toBe('nelm-explorer:v1');
  });

  test('saveState then loadSaved returns the file name, raw text and exclusions unchanged', async () => {
    const storage = new MemoryStorage();
    const saved = { fileName: 'mine.csv', text: CSV, excluded: ['A', 'B, with comma'] };
    await expect(saveState(saved, storage)).resolves.toBeNull();
    const raw = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null') as Record<string, unknown>;
    expect(raw).toEqual({ version: 1, fileName: 'mine.csv', textIn: 'local', text: CSV, excluded: ['A', 'B, with comma'] });
    await expect(loadSaved(storage)).resolves.toEqual({ saved, problems: [] });
  });

  test('saveState with the bundled table and no exclusions removes the entry', async () => {
    const storage = new MemoryStorage();
    await saveState({ fileName: 'x.csv', text: CSV, excluded: [] }, storage);
    await saveState({ fileName: null, text: null, excluded: [] }, storage);
    expect(storage.map.size).toBe(0);
    await expect(loadSaved(storage)).resolves.toEqual({ saved: null, problems: [] });
  });

  test('exclusions of the bundled table are saved without a file', async () => {
    const storage = new MemoryStorage();
    await saveState({ fileName: null, text: null, excluded: ['row-1'] }, storage);
    await expect(loadSaved(storage)).resolves.toEqual({ saved: { fileName: null, text: null, excluded: ['row-1'] }, problems: [] });
  });

  test('loadSaved discards a corrupt entry with a notice and removes it', async () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{"version":1,"fileName":');
    const r = await loadSaved(storage);
    expect(r.saved).toBeNull();
    expect(r.problems).toEqual(['the saved data could not be read (corrupt); it was discarded']);
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });

  test('loadSaved discards an entry of another version, and keys of older schema versions', async () => {
    const storage = new MemoryStorage();
    const v2 = { version: 2, fileName: null, textIn: null, text: null, excluded: [] };
    storage.setItem(STORAGE_KEY, JSON.stringify(v2));
    storage.setItem('nelm-explorer:v0', 'anything');
    storage.setItem('other-app', 'kept');
    const r = await loadSaved(storage);
    expect(r.saved).toBeNull();
    expect(r.problems).toEqual([
      'saved data from another version (nelm-explorer:v0) was discarded',
      'the saved data is from another version (2); it was discarded',
    ]);
    expect([...storage.map.keys()]).toEqual(['other-app']);
  });

  test('decodeSaved rejects malformed shapes instead of trusting them', () => {
    const bad = [
      'null', '[]', '"text"', '{"version":1}',
      JSON.stringify({ version: 1, fileName: 'a.csv', textIn: 'local', text: 7, excluded: [] }),
      JSON.stringify({ version: 1, fileName: 'a.csv', textIn: 'local', text: null, excluded: [] }),
      JSON.stringify({ version: 1, fileName: null, textIn: null, text: null, excluded: [1] }),
      JSON.stringify({ version: 1, fileName: null, textIn: 'local', text: 'x', excluded: [] }),
    ];
    for (const raw of bad) expect(decodeSaved(raw).entry, raw).toBeNull();
  });

  test('decodeSaved drops empty, over-long (> 1000 characters) and duplicate excluded ids; keeps any character', () => {
    const excluded = ['a', '', 'a', 'x'.repeat(1001), 'b', 'Smith, 2010 "😀"', 'y'.repeat(300)];
    const raw = JSON.stringify({ version: 1, fileName: null, textIn: null, text: null, excluded });
    expect(decodeSaved(raw).entry?.excluded).toEqual(['a', 'b', 'Smith, 2010 "😀"', 'y'.repeat(300)]);
  });

  test('encodeSaved points a text over LOCAL_TEXT_LIMIT to IndexedDB and keeps it out of localStorage', () => {
    const big = 'x'.repeat(LOCAL_TEXT_LIMIT + 1);
    const raw = JSON.parse(encodeSaved({ fileName: 'big.csv', text: big, excluded: [] }, 'indexeddb')) as Record<string, unknown>;
    expect(raw).toEqual({ version: 1, fileName: 'big.csv', textIn: 'indexeddb', text: null, textKey: textKeyOf(big), excluded: [] });
    // an entry written before texts were keyed by content reads back with the old key
    const old = JSON.stringify({ version: 1, fileName: 'big.csv', textIn: 'indexeddb', text: null, excluded: [] });
    expect(decodeSaved(old).entry?.textKey).toBe('upload-text');
  });

  test('saveState of the same state again writes nothing (a large text is not rewritten on every navigation); a change is written', async () => {
    const storage = new MemoryStorage();
    let writes = 0;
    const counting: StorageLike = Object.assign(Object.create(storage) as MemoryStorage, {
      setItem: (k: string, v: string) => {
        writes += 1;
        storage.setItem(k, v);
      },
    });
    const text = `study,events,n\n${'S,1,10\n'.repeat(1000)}`;
    await saveState({ fileName: 'big.csv', text, excluded: ['2'] }, counting, null);
    expect(writes).toBe(1);
    await saveState({ fileName: 'big.csv', text: `${text}`, excluded: ['2'] }, counting, null);
    expect(writes).toBe(1);
    await saveState({ fileName: 'big.csv', text, excluded: ['2', '3'] }, counting, null);
    expect(writes).toBe(2);
    expect((await loadSaved(counting, null)).saved?.excluded).toEqual(['2', '3']);
    // after clearSaved the same state is written again
    await clearSaved(counting, null);
    await saveState({ fileName: 'big.csv', text, excluded: ['2', '3'] }, counting, null);
    expect(writes).toBe(3);
  });

  test('saveState sends a text over IDB_TEXT_FROM to IndexedDB, never to localStorage (here Node has no IndexedDB)', async () => {
    const storage = new MemoryStorage();
    const tab = new MemoryStorage();
    const small = `study,events,n\n${'S,1,10\n'.repeat(Math.floor(IDB_TEXT_FROM / 7) - 3)}`;
    expect(small.length).toBeLessThanOrEqual(IDB_TEXT_FROM);
    await expect(saveState({ fileName: 'small.csv', text: small, excluded: [] }, storage, tab)).resolves.toBeNull();
    expect((await loadSaved(storage, tab)).saved?.text).toBe(small);
    const big = `${small}S,1,10\n`.repeat(2);
    expect(big.length).toBeGreaterThan(IDB_TEXT_FROM);
    await expect(saveState({ fileName: 'big.csv', text: big, excluded: [] }, storage, tab)).resolves.toMatch(/could not be saved.*IndexedDB unavailable/);
    // the big text went nowhere in localStorage; the last saved state is left as it was
    expect(storage.getItem(STORAGE_KEY)).not.toContain('big.csv');
    expect(tab.getItem(STORAGE_KEY)).not.toContain('big.csv');
    expect((await loadSaved(storage, tab)).saved?.fileName).toBe('small.csv');
  });

  test('saveState reports a refused write instead of throwing', async () => {
    const storage = new MemoryStorage();
    storage.failWrites = true;
    await expect(saveState({ fileName: 'a.csv', text: CSV, excluded: [] }, storage)).resolves.toMatch(/could not be saved/);
  });

  test('clearSaved removes the entry', async () => {
    const storage = new MemoryStorage();
    await saveState({ fileName: 'a.csv', text: CSV, excluded: ['A'] }, storage);
    await clearSaved(storage);
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });

  test('two tabs: a second tab that switches to the bundled table does not take the first tab\'s file away (issue 15)', async () => {
    const local = new MemoryStorage();
    const tabA = new MemoryStorage();
    const tabB = new MemoryStorage();
    await saveState({ fileName: 'a.csv', text: CSV, excluded: ['2'] }, local, tabA);
    // tab B opens with the most recent entry (A's file), then switches to the bundled table
    await expect(loadSaved(local, tabB)).resolves.toEqual({ saved: { fileName: 'a.csv', text: CSV, excluded: ['2'] }, problems: [] });
    await saveState({ fileName: null, text: null, excluded: [] }, local, tabB);
    // tab A reloads: its own file is back; a new tab gets the newest shared entry (none)
    await expect(loadSaved(local, tabA)).resolves.toEqual({ saved: { fileName: 'a.csv', text: CSV, excluded: ['2'] }, problems: [] });
    await expect(loadSaved(local, new MemoryStorage())).resolves.toEqual({ saved: null, problems: [] });
    // tab B uploads another file: A still reloads its own
    await saveState({ fileName: 'b.csv', text: 'study,events,n\nZ,1,2\n', excluded: [] }, local, tabB);
    await expect(loadSaved(local, tabA)).resolves.toMatchObject({ saved: { fileName: 'a.csv' } });
    await expect(loadSaved(local, new MemoryStorage())).resolves.toMatchObject({ saved: { fileName: 'b.csv' } });
  });

  test('textKeyOf(text) differs for different texts of the same length', () => {
    expect(textKeyOf('abc')).not.toBe(textKeyOf('abd'));
    expect(textKeyOf('abc')).toBe(textKeyOf('abc'));
  });
});
