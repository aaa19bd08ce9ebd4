import { describe, expect, test } from 'vitest';
import { decodeSaved, encodeSaved, loadSaved, saveState, STORAGE_KEY } from '../../src/app/persistence.ts';
import { MemoryStorage } from './memoryStorage.ts';

const ADDED = { fileName: 'added.csv', text: 'row_id,cohort_id\n"a, b",c\n' };

describe('persistence of studies added to the bundled table (living review)', () => {
  test('saveState then loadSaved returns the added file unchanged, with or without an upload and exclusions', async () => {
    for (const saved of [
      { fileName: null, text: null, excluded: [], added: ADDED },
      { fileName: 'mine.csv', text: 'study,events,n\nA,1,2\n', excluded: ['x'], added: ADDED },
    ]) {
      const local = new MemoryStorage();
      const tab = new MemoryStorage();
      await expect(saveState(saved, local, tab)).resolves.toBeNull();
      const raw = JSON.parse(local.getItem(STORAGE_KEY) ?? 'null') as Record<string, unknown>;
      expect(raw.added).toEqual(ADDED);
      await expect(loadSaved(local, tab)).resolves.toEqual({ saved, problems: [] });
      await expect(loadSaved(local, new MemoryStorage())).resolves.toEqual({ saved, problems: [] });
    }
  });

  test('an entry without added studies (as written before the living review) has no `added` key and reads back as before', async () => {
    expect(JSON.parse(encodeSaved({ fileName: null, text: null, excluded: ['x'] }))).toEqual({
      version: 1, fileName: null, textIn: null, text: null, excluded: ['x'],
    });
    const local = new MemoryStorage();
    local.setItem(STORAGE_KEY, '{"version":1,"fileName":null,"textIn":null,"text":null,"excluded":["x"]}');
    await expect(loadSaved(local, null)).resolves.toEqual({ saved: { fileName: null, text: null, excluded: ['x'] }, problems: [] });
  });

  test('removing the added studies (nothing else saved) removes the entry', async () => {
    const local = new MemoryStorage();
    await saveState({ fileName: null, text: null, excluded: [], added: ADDED }, local, null);
    expect(local.map.size).toBe(1);
    await saveState({ fileName: null, text: null, excluded: [] }, local, null);
    expect(local.map.size).toBe(0);
  });

  test('an ill-typed `added` discards the entry with a reason', () => {
    const base = { version: 1, fileName: null, textIn: null, text: null, excluded: [] };
    for (const added of [null, 'x', [], {}, { fileName: 'a' }, { fileName: 'a', text: 3 }, { fileName: 7, text: 'b' }]) {
      expect(decodeSaved(JSON.stringify({ ...base, added }))).toEqual({
        entry: null, problem: 'the saved data is incomplete or malformed; it was discarded',
      });
    }
  });
});
