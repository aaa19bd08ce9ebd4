/**
 * A Plot render transform that gives every element a mark draws the class `name` (each bubble a `circle.study`, the
 * fitted line a `path.fit`), so tests, CSS and readers find one mark's shapes by name. Pass it as the mark's `render`.
 */
import type { RenderFunction } from '@observablehq/plot';

export function classEach(name: string): RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next ? next(index, scales, values, dimensions, context) : null;
    for (const el of g ? Array.from(g.children) : []) el.classList.add(name);
    return g;
  };
}
