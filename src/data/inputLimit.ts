/**
 * The largest input file the CLI and the upload panel read: 100 MB (104 857 600 bytes). A 100 MB study,yi,vi file
 * is about 2 million rows; reading it takes ~40 s and ~1.7 GB of memory on the shared 2-core machine (Node 20), the
 * most a browser tab can be asked for. Real inputs are far smaller: the bundled table is 0.07 MB and 130 000
 * patients of IPD are 2 MB. Anything larger (or endless, like /dev/zero) is refused before it is parsed.
 * docs/hardening.md has the figures.
 */
export const MAX_INPUT_BYTES = 100 * 1024 * 1024;

const megabytes = (bytes: number): string => `${Math.ceil((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * The one message for a file over the limit; `size` is its byte count when known (an endless device has none).
 *
 * tooLargeMessage(200 * 1024 * 1024) → 'file too large: 200 MB (the limit is 100 MB; …)'
 */
export function tooLargeMessage(size?: number): string {
  const what = size === undefined ? `more than ${megabytes(MAX_INPUT_BYTES)}` : megabytes(size);
  return `file too large: ${what} (the limit is ${megabytes(MAX_INPUT_BYTES)}; split the file or leave out columns the analysis does not use)`;
}
