/**
 * The bytes of an input file → its text, as a browser's FileReader.readAsText does it (the Encoding Standard's
 * "decode": BOM sniffing, else UTF-8): a UTF-8, UTF-16LE or UTF-16BE byte-order mark chooses the encoding and is
 * dropped; without one the bytes are read as UTF-8. Bytes that do not decode become U+FFFD (never an exception),
 * which parseCsv reports by row and column. The CLI and the upload panel both read files through this function, so
 * Excel's "Unicode text" (UTF-16LE with a BOM, tab-separated) reads the same in both.
 *
 * decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00])) → 'a'
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // UTF-16BE as UTF-16LE with each pair of bytes swapped (a lone last byte stays and decodes to U+FFFD)
    const swapped = bytes.slice(2);
    for (let i = 0; i + 1 < swapped.length; i += 2) {
      const b = swapped[i];
      swapped[i] = swapped[i + 1];
      swapped[i + 1] = b;
    }
    return new TextDecoder('utf-16le').decode(swapped);
  }
  const utf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return new TextDecoder('utf-8').decode(utf8Bom ? bytes.subarray(3) : bytes);
}
