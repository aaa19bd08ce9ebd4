/**
 * Sends plain data with long arrays (an analysis of 10⁵ rows, or its input) through postMessage in pieces, so no
 * one message takes the page's thread for long to copy (structured clone) on either side: splitLargeArrays takes
 * every array longer than `chunk` out of the value (by its path) and cuts it into slices; joinLargeArrays puts the
 * slices back. join(split(x)) deep-equals x.
 */

/** Where a long array sat in the value: object keys and array indexes from the root. */
export type ArrayPath = readonly (string | number)[];

export interface SplitValue<T> {
  /** the value with each long array replaced by [] */
  readonly skeleton: T;
  readonly paths: readonly ArrayPath[];
  /** slices of the long arrays, in order: `path` indexes `paths` */
  readonly slices: readonly { readonly path: number; readonly items: readonly unknown[] }[];
}

type Container = Record<string | number, unknown>;

function isPlainObject(v: unknown): v is Container {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Copies the containers on the way to each long array (the value itself is not changed). */
export function splitLargeArrays<T>(value: T, chunk: number): SplitValue<T> {
  const paths: ArrayPath[] = [];
  const slices: { path: number; items: readonly unknown[] }[] = [];
  const walk = (v: unknown, path: ArrayPath): unknown => {
    if (Array.isArray(v)) {
      if (v.length > chunk) {
        const index = paths.push(path) - 1;
        for (let i = 0; i < v.length; i += chunk) slices.push({ path: index, items: v.slice(i, i + chunk) });
        return [];
      }
      let copy: unknown[] | null = null;
      v.forEach((x, i) => {
        const y = walk(x, [...path, i]);
        if (y !== x) (copy ??= [...v as unknown[]])[i] = y;
      });
      return copy ?? v;
    }
    if (isPlainObject(v)) {
      let copy: Container | null = null;
      for (const [k, x] of Object.entries(v)) {
        const y = walk(x, [...path, k]);
        if (y !== x) (copy ??= { ...v })[k] = y;
      }
      return copy ?? v;
    }
    return v;
  };
  return { skeleton: walk(value, []) as T, paths, slices };
}

/** The value again: each path of `skeleton` (a fresh copy, e.g. as a message arrived) gets its slices joined, in order. */
export function joinLargeArrays<T>(
  skeleton: T, paths: readonly ArrayPath[], slices: readonly (readonly unknown[])[][],
): T {
  paths.forEach((path, i) => {
    const joined = ([] as unknown[]).concat(...slices[i]);
    if (path.length === 0) {
      skeleton = joined as T;
      return;
    }
    let at = skeleton as unknown as Container;
    for (const step of path.slice(0, -1)) at = at[step] as Container;
    at[path.at(-1)!] = joined;
  });
  return skeleton;
}
