// Bytes → text for the core (SPEC §2): UTF-8 with or without BOM; a file that
// is not valid UTF-8 is read as Windows-1252. Multi-byte sequences split
// across chunks are carried to the next chunk.
import { isAscii, isUtf8 } from "node:buffer";

export type Encoding = "utf-8" | "windows-1252";

/** Thrown when invalid UTF-8 shows up after non-ASCII text was already read as UTF-8. */
export class EncodingRestart extends Error {
  constructor() {
    super("invalid UTF-8 after UTF-8 text: the file must be re-read as Windows-1252");
    this.name = "EncodingRestart";
  }
}

const cp1252 = new TextDecoder("windows-1252");

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
  private carry: Uint8Array | null = null;
  private sawNonAscii = false;
  private first = true;

  constructor(forced?: Encoding) {
    this.encoding = forced ?? null;
  }

  decode(chunk: Uint8Array, final: boolean): string {
    let bytes = chunk;
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry);
      joined.set(chunk, this.carry.length);
      bytes = joined;
      this.carry = null;
    }
    if (this.first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    this.first = false;
    let text: string;
    if (this.encoding === "windows-1252") {
      text = cp1252.decode(bytes);
    } else {
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (isAscii(buf)) {
        text = buf.toString("latin1");
      } else {
        const tail = final ? 0 : incompleteTail(bytes);
        const body = tail ? buf.subarray(0, buf.length - tail) : buf;
        if (isUtf8(body)) {
          this.encoding = "utf-8";
          this.sawNonAscii = true;
          text = body.toString("utf8");
          if (tail) this.carry = bytes.slice(bytes.length - tail);
        } else if (this.sawNonAscii && this.encoding === "utf-8") {
          throw new EncodingRestart();
        } else {
          // everything before was ASCII, which reads the same in both encodings
          this.encoding = "windows-1252";
          text = cp1252.decode(bytes);
        }
      }
    }
    return text;
  }

  get detected(): Encoding {
    return this.encoding ?? "utf-8";
  }
}
