/** Public entry of the pooling engine: effect sizes → fit → derived views. */
export { PoolInputError } from './poolInputError.ts';
export { fit } from './fit.ts';
export { fitSubgroups, type SubgroupFit, type SubgroupResult } from './subgroups.ts';
export { genericEffect, proportionEffect, ratioCiEffect } from './effectSizes.ts';
export { backTransform, backTransformValue, harmonicMeanN, inverseDoubleArcsine } from './backTransform.ts';
export type * from './types.ts';
