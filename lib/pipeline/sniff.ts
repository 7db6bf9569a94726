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
    throw new PipelineError("no_header", "No header line was found in the first megabyte of the file.");
  }
  return p;
}
