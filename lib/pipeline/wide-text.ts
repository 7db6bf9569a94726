// UTF-16 and UTF-32 text (SPEC §2 reads UTF-8 and Windows-1252 only). Such a
// file has NUL bytes, so it is refused as not text; this tells it apart from
// binary data, so the error can say what the file is and how to save it
// instead. Excel's "Unicode Text" export is UTF-16 with a byte order mark.
// No Node imports: the browser preview uses it too.

export type WideText = "UTF-16" | "UTF-32";

/** how far into the file the no-BOM check looks */
const SAMPLE = 256;

/**
 * Whether a file's first bytes are UTF-16 or UTF-32 text: a byte order mark,
 * or (UTF-16 without one) a NUL in nearly every other byte and almost none
 * between, as ASCII characters of two bytes have. Null otherwise.
 */
export function wideTextOf(head: Uint8Array): WideText | null {
  const b = (i: number) => head[i] as number;
  if (head.length >= 4) {
    if (b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0) return "UTF-32";
    if (b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff) return "UTF-32";
  }
  if (head.length >= 2 && ((b(0) === 0xff && b(1) === 0xfe) || (b(0) === 0xfe && b(1) === 0xff)))
    return "UTF-16";
  const n = Math.min(head.length, SAMPLE) & ~1;
  if (n < 8) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (b(i) !== 0) continue;
    if (i & 1) odd++;
    else even++;
  }
  const pairs = n / 2;
  const most = pairs * 0.9;
  const few = pairs * 0.1;
  return (odd >= most && even <= few) || (even >= most && odd <= few) ? "UTF-16" : null;
}

/** how to go on with such a file (the job's error and the upload preview say it alike) */
export const SAVE_AS_UTF8 = 'Save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)") and try again.';

/** the not_text message for a file whose first bytes are `head` and whose byte `at` (0-based) is a NUL */
export function notTextMessage(head: Uint8Array, at: number): string {
  const wide = wideTextOf(head);
  if (wide !== null) {
    return `This file is ${wide} text; only UTF-8 and Windows-1252 are read. ${SAVE_AS_UTF8}`;
  }
  return `This is not a text file: byte ${at + 1} is a NUL byte. Upload a CSV or other delimited text file.`;
}
