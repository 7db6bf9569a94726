// Bytes → text for the core (SPEC §2): UTF-8 with or without BOM (the core
// skips the BOM); a file that is not valid UTF-8 is read as Windows-1252. The
// core reads bytes; it checks each chunk here first and decodes only the cells
// and lines it needs as text.
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
  private sawNonAscii = false;

  constructor(forced?: Encoding) {
    this.encoding = forced ?? null;
  }

  /**
   * Checks the bytes the core is about to read and settles the encoding:
   * ASCII reads the same either way; valid UTF-8 (an incomplete sequence at
   * the end may be completed by the next chunk unless `final`) makes the file
   * UTF-8; anything else makes it Windows-1252, or throws EncodingRestart when
   * UTF-8 text was already read.
   */
  check(bytes: Uint8Array, final: boolean): void {
    if (this.encoding === "windows-1252") return;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (isAscii(buf)) return;
    const tail = final ? 0 : incompleteTail(buf);
    if (isUtf8(tail ? buf.subarray(0, buf.length - tail) : buf)) {
      this.encoding = "utf-8";
      this.sawNonAscii = true;
      return;
    }
    if (this.sawNonAscii) throw new EncodingRestart();
    // everything before was ASCII, which reads the same in both encodings
    this.encoding = "windows-1252";
  }

  /** the text of buf[a, b) (bytes that check() has seen) */
  text(buf: Buffer, a: number, b: number): string {
    return this.encoding === "windows-1252" ? decodeCp1252(buf.subarray(a, b)) : buf.toString("utf8", a, b);
  }

  get detected(): Encoding {
    return this.encoding ?? "utf-8";
  }
}
