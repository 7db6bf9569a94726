// The browser preview of a chosen file (SPEC §10): only its first 64 KiB are
// read, decoded the way the server decodes, and parsed with papaparse using the
// delimiter the server would detect or an Excel `sep=` line declares
// (lib/pipeline/header.ts).
import Papa from "papaparse";
import { declaredDelimiter, detectDelimiter, laterHeader } from "@/lib/pipeline/header";
import { type WideText, wideTextOf } from "@/lib/pipeline/wide-text";

export const PREVIEW_BYTES = 64 * 1024;
export const PREVIEW_ROWS = 10;

export type FilePreview =
  /** wide: the file is UTF-16 or UTF-32 text rather than binary data */
  | { kind: "not_text"; wide: WideText | null }
  | { kind: "empty" }
  | {
      kind: "ok";
      headers: string[];
      rows: string[][];
      delimiter: string;
      encoding: "utf-8" | "windows-1252";
      /** true when the file has a header but no data row within the bytes read */
      noData: boolean;
      /** a line below the first that would map every required role (a title line above the header) */
      laterHeader: { line: number; headers: string[] } | null;
      truncated: boolean;
    };

/** UTF-8 when valid (an incomplete last character is fine), Windows-1252 otherwise. */
function decode(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true }),
      encoding: "utf-8",
    };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

export async function readPreview(file: File): Promise<FilePreview> {
  const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  if (bytes.includes(0)) return { kind: "not_text", wide: wideTextOf(bytes) };
  const truncated = file.size > PREVIEW_BYTES;
  let { text, encoding } = decode(bytes);
  // Drop the partial last line of a truncated read.
  if (truncated) {
    const cut = Math.max(text.lastIndexOf("\n"), text.lastIndexOf("\r"));
    if (cut > 0) text = text.slice(0, cut);
  }
  // The header is the first non-blank line, or the next one after an Excel `sep=;` line.
  const lines = text.split(/\r\n|\r|\n/);
  const nonBlank = (from: number) => lines.findIndex((l, i) => i >= from && l.trim() !== "");
  let headerIndex = nonBlank(0);
  if (headerIndex < 0) return { kind: "empty" };
  const declared = declaredDelimiter(lines[headerIndex] as string);
  if (declared !== null) headerIndex = nonBlank(headerIndex + 1);
  if (headerIndex < 0) return { kind: "empty" };
  const delimiter = declared ?? detectDelimiter(lines[headerIndex] as string);
  const fromHeader = lines.slice(headerIndex).join("\n");
  const parsed = Papa.parse<string[]>(fromHeader, {
    delimiter,
    preview: PREVIEW_ROWS + 1,
    skipEmptyLines: "greedy",
  });
  const [headers = [], ...rows] = parsed.data;
  const later = laterHeader(lines.slice(headerIndex + 1, headerIndex + 21));
  return {
    kind: "ok",
    headers,
    rows,
    delimiter,
    encoding,
    noData: rows.length === 0,
    laterHeader: later && { line: headerIndex + 2 + later.index, headers: later.headers },
    truncated,
  };
}
