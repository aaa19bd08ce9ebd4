import type { StorageLike } from '../../src/app/persistence.ts';

/** An in-memory Storage (the Web Storage API's getItem/setItem/removeItem/key/length); `failWrites` makes setItem throw as a full one does. */
export class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  failWrites = false;
  get length(): number {
    return this.map.size;
  }

  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }

  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }

  setItem(k: string, v: string): void {
    if (this.failWrites) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.map.set(k, v);
  }

  removeItem(k: string): void {
    this.map.delete(k);
  }
}
