/** Bad input to `pool` (no rows, a wrong column, an impossible option): one line that names the row and column. */
export class PoolInputError extends Error {
  override readonly name = 'PoolInputError';
}
