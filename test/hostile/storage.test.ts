/**
 * Browser storage fuzzed (issue 15): whatever another tab, an older version or a broken browser left under our key,
 * reading it never throws, and an entry is either kept exactly or discarded with a reason; whatever we save reads
 * back unchanged (any file name, text and exclusion ids).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeSaved, encodeSaved, loadSaved, saveState, STORAGE_KEY } from '../../src/app/persistence.ts';
import { fuzz } from './arbitraries.ts';
import { MemoryStorage } from '../app/memoryStorage.ts';

describe('saved state fuzzed (fast-check, fixed seed)', () => {
  test('decodeSaved(any string): no exception; an entry or a reason', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.json().map((j) => j)), (raw) => {
      const { entry, problem } = decodeSaved(raw);
      expect(entry === null ? typeof problem : problem).toBe(entry === null ? 'string' : null);
    }), fuzz(400));
  });

  test('decodeSaved of JSON objects shaped like ours with wrong field types: discarded with a reason, never thrown', () => {
    const anything = fc.oneof(
      fc.constant(null), fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string()), fc.object(),
    );
    const entry = fc.record({
      version: fc.oneof(fc.constant(1), anything), fileName: anything,
      textIn: fc.oneof(fc.constantFrom('local', 'indexeddb', null), anything),
      text: anything, textKey: fc.option(anything), excluded: fc.oneof(fc.array(fc.string()), anything),
    }, { requiredKeys: [] });
    fc.assert(fc.property(entry, (o) => {
      const r = decodeSaved(JSON.stringify(o));
      expect(r.entry !== null || typeof r.problem === 'string').toBe(true);
    }), fuzz(400));
  });

  test('saveState then loadSaved: any file name, text and ids read back unchanged', async () => {
    const saved = fc.record({
      fileName: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
      text: fc.string({ unit: 'grapheme', maxLength: 500 }),
      excluded: fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), { maxLength: 20 }),
    });
    await fc.assert(fc.asyncProperty(saved, async (s) => {
      const local = new MemoryStorage();
      const tab = new MemoryStorage();
      expect(await saveState(s, local, tab)).toBeNull();
      const back = await loadSaved(local, tab);
      expect(back.problems).toEqual([]);
      expect(back.saved).toEqual(s);
      // the shared entry alone (a new tab) reads back the same
      expect((await loadSaved(local, new MemoryStorage())).saved).toEqual(s);
    }), fuzz(200));
  });

  test('garbage under our key in both storages: a notice and the bundled table, never an exception', async () => {
    for (const raw of ['{', 'null', '[]', '{"version":1}', encodeSaved({ fileName: 'a', text: 'b', excluded: [] }).replace('"a"', '7')]) {
      const local = new MemoryStorage();
      const tab = new MemoryStorage();
      local.setItem(STORAGE_KEY, raw);
      tab.setItem(STORAGE_KEY, raw);
      const r = await loadSaved(local, tab);
      expect(r.saved).toBeNull();
      expect(r.problems.length).toBe(1);
    }
  });
});
