// The header check before a job is queued (SPEC §2): not text → not_text,
// no header / no data / unmapped required roles → the matching PipelineError.
import { Pipeline } from "./core";
import { type Encoding, EncodingRestart } from "./decode";
import { type Mapping, type PipelineOptions, PipelineError } from "./types";

export interface SniffResult {
  headers: string[];
  delimiter: string;
  encoding: "utf-8" | "windows-1252";
  mapping: Mapping;
  /** where the bytes after the header's line break start */
  headerEnd: number;
}

/**
 * True when b[from, to) holds only blank-line bytes: line breaks and spaces,
 * and tabs unless the tab is the delimiter (then a line of tabs is a row).
 */
export function onlyBlankLines(b: Uint8Array, from: number, to: number, delimiter: string): boolean {
  const tabIsBlank = delimiter !== "\t";
  for (let i = from; i < to; i++) {
    const c = b[i] as number;
    if (c !== 10 && c !== 13 && c !== 32 && !(c === 9 && tabIsBlank)) return false;
  }
  return true;
}

/**
 * `head` is the first bytes of the file (1 MiB is plenty); `isWholeFile` says
 * whether that is all of it, so that "header but no data rows" can be told.
 */
export function sniffFile(head: Uint8Array, isWholeFile: boolean, options: PipelineOptions): SniffResult {
  let p: Pipeline;
  try {
    p = sniffPass(head, isWholeFile, options);
  } catch (e) {
    // invalid UTF-8 after UTF-8 text: the file is Windows-1252, as runFile would find
    if (!(e instanceof EncodingRestart)) throw e;
    p = sniffPass(head, isWholeFile, options, "windows-1252");
  }
  return {
    headers: p.headers,
    delimiter: p.delimiter,
    encoding: p.encoding,
    mapping: p.mappingUsed,
    headerEnd: p.headerEnd,
  };
}

function sniffPass(
  head: Uint8Array,
  isWholeFile: boolean,
  options: PipelineOptions,
  encoding?: Encoding,
): Pipeline {
  const p = new Pipeline(options, undefined, { encoding });
  p.push(head);
  if (isWholeFile) p.end();
  else if (p.headers.length === 0) {
    const mb = Math.round(head.length / (1 << 20));
    const first = mb <= 1 ? "first megabyte" : `first ${mb} MB`;
    throw new PipelineError("no_header", `No header line was found in the ${first} of the file.`);
  }
  return p;
}
