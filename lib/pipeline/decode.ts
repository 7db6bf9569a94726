// Bytes → text for the core (SPEC §2): UTF-8 with or without BOM; a file that
// is not valid UTF-8 is read as Windows-1252. The caller carries unconsumed
// bytes (a partial record, an incomplete UTF-8 sequence) into the next call,
// so each call decodes one flat string.
import { isAscii, isUtf8 } from "node:buffer";

export type Encoding = "utf-8" | "windows-1252";

/** Thrown when invalid UTF-8 shows up after non-ASCII text was already read as UTF-8. */
export class EncodingRestart extends Error {
  constructor() {
    super("invalid UTF-8 after UTF-8 text: the file must be re-read as Windows-1252");
    this.name = "EncodingRestart";
  }
}

/**
 * Windows-1252 differs from Latin-1 in 0x80–0x9F only. Node 20's
 * TextDecoder("windows-1252") decodes those as Latin-1 C1 controls, so the
 * 27 printable characters there (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ)
 * are mapped here.
 */
const CP1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

function decodeCp1252(buf: Buffer): string {
  const s = buf.toString("latin1");
  return /[\x80-\x9f]/.test(s)
    ? s.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string)
    : s;
}

/** bytes at the end of b that start an incomplete UTF-8 sequence */
function incompleteTail(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const c = b[n - back] as number;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (c < 0x80) return 0;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

export class ChunkDecoder {
  encoding: Encoding | null;
  /** the last decode() was one byte per character */
  singleByte = true;
  /** bytes of the last input that were decoded (the rest is an incomplete sequence) */
  consumed = 0;
  private sawNonAscii = false;
  private first = true;

  constructor(forced?: Encoding) {
    this.encoding = forced ?? null;
  }

  decode(bytes: Uint8Array, final: boolean): string {
    let skip = 0;
    if (this.first && bytes.length >= 3) {
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) skip = 3;
    }
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset + skip, bytes.byteLength - skip);
    this.consumed = bytes.length;
    if (this.encoding === "windows-1252") {
      this.singleByte = true;
      return decodeCp1252(buf);
    }
    if (isAscii(buf)) {
      this.singleByte = true;
      return buf.toString("latin1");
    }
    const tail = final ? 0 : incompleteTail(buf);
    const body = tail ? buf.subarray(0, buf.length - tail) : buf;
    if (isUtf8(body)) {
      this.encoding = "utf-8";
      this.sawNonAscii = true;
      this.singleByte = false;
      this.consumed = bytes.length - tail;
      return body.toString("utf8");
    }
    if (this.sawNonAscii) throw new EncodingRestart();
    // everything before was ASCII, which reads the same in both encodings
    this.encoding = "windows-1252";
    this.singleByte = true;
    return decodeCp1252(buf);
  }

  /** bytes that encode s in the current encoding */
  byteLength(s: string): number {
    return this.singleByte ? s.length : Buffer.byteLength(s, "utf8");
  }

  get detected(): Encoding {
    return this.encoding ?? "utf-8";
  }
}
