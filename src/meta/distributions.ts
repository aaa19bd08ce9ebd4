/**
 * All distribution functions in one import, for tests and tools. Library code imports the file of the one
 * distribution it needs (normal.ts, studentT.ts, chiSquare.ts), so a bundle carries only those stdlib packages.
 */
export { normalCdf, normalQuantile, normalTwoSidedP } from './normal.ts';
export { tCdf, tQuantile, tTwoSidedP } from './studentT.ts';
export { chisqCdf, chisqQuantile, chisqUpper } from './chiSquare.ts';
