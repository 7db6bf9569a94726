// The files of SPEC §5: CSV text with fixed columns, money with 2 decimals,
// shares and discounts with 4, and cells that a spreadsheet would run as a
// formula prefixed with `'`. The CLI and the worker both write through here,
// so a job's downloads are byte-for-byte the CLI's output.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { PipelineResult, RejectBytesSink, RejectSink, ResultFile, Summary } from "./types";

export { RESULT_FILES, type ResultFile } from "./types";

const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** One CSV cell: formula-safe, quoted when needed. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = typeof value === "number" ? String(value) : value;
  if (typeof value === "string" && s.length > 0) {
    const c = s.charCodeAt(0);
    // = + - @ TAB CR start a formula in spreadsheets, unless the cell is a plain number
    if ((c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) && !PLAIN_NUMBER.test(s)) {
      s = `'${s}`;
    }
  }
  if (/[",\r\n]/.test(s)) return `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvLine(cells: (string | number | null)[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}

/**
 * v without the float noise past 15 significant digits. The same rows summed
 * in another grouping (the files from the core's sums, the data API from the
 * rollup cells) can differ there, and on a tie such as 0.11625 that noise
 * alone would decide which way the last written digit rounds.
 */
export function settled(v: number): number {
  return Number(v.toPrecision(15));
}

export function money(v: number): string {
  const s = settled(v).toFixed(2);
  return s === "-0.00" ? "0.00" : s;
}

export function ratio(v: number): string {
  const s = settled(v).toFixed(4);
  return s === "-0.0000" ? "0.0000" : s;
}

export function amount(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Math.round(v * 1e6) / 1e6);
}

function table(header: string[], rows: (string | number | null)[][]): string {
  let out = csvLine(header);
  for (const r of rows) out += csvLine(r);
  return out;
}

/** the CSV text of one dataset file (every file of §5 but rejected_rows.csv) */
export function datasetCsv(
  file: Exclude<ResultFile, "summary.json" | "rejected_rows.csv">,
  r: PipelineResult,
): string {
  const withProfit = r.summary.profit !== null;
  const p = (v: number | null) => (withProfit ? [money(v ?? 0)] : []);
  const ph = withProfit ? ["profit"] : [];
  switch (file) {
    case "monthly_sales.csv":
      return table(
        ["month", "revenue", ...ph, "quantity", "transactions", "avg_discount"],
        r.monthly.map((m) => [
          m.month,
          money(m.revenue),
          ...p(m.profit),
          amount(m.quantity),
          m.transactions,
          ratio(m.avgDiscount),
        ]),
      );
    case "products.csv":
      return table(
        ["product", "category", "revenue", ...ph, "quantity", "transactions"],
        r.products.map((x) => [
          x.product,
          x.category,
          money(x.revenue),
          ...p(x.profit),
          amount(x.quantity),
          x.transactions,
        ]),
      );
    case "regions.csv":
      return table(
        ["region", "revenue", ...ph, "quantity", "transactions", "revenue_share"],
        r.regions.map((x) => [
          x.region,
          money(x.revenue),
          ...p(x.profit),
          amount(x.quantity),
          x.transactions,
          ratio(x.revenueShare),
        ]),
      );
    case "categories.csv":
      return table(
        ["category", "revenue", ...ph, "quantity", "transactions", "avg_discount"],
        r.categories.map((x) => [
          x.category,
          money(x.revenue),
          ...p(x.profit),
          amount(x.quantity),
          x.transactions,
          ratio(x.avgDiscount),
        ]),
      );
    case "anomalies.csv":
      return table(
        [
          "line",
          "order_id",
          "sale_date",
          "product",
          "region",
          "quantity",
          "unit_price",
          "discount",
          "revenue",
          "score",
          "reason",
        ],
        r.anomalies.map((a) => [
          a.line,
          a.orderId,
          a.saleDate,
          a.product,
          a.region,
          amount(a.quantity),
          a.unitPrice === null ? "" : money(a.unitPrice),
          ratio(a.discount),
          money(a.revenue),
          ratio(a.score),
          a.reason,
        ]),
      );
    case "cleaning_report.csv":
      return table(
        ["field", "original", "canonical", "rows"],
        r.cleaning.map((c) => [c.field, c.original, c.canonical, c.rows]),
      );
  }
}

const cents = (v: number) => Number(money(v));

/** The summary as summary.json and the API show it: money rounded to cents, quantity as in the files */
export function roundedSummary(s: Summary): Summary {
  return {
    ...s,
    revenue: cents(s.revenue),
    profit: s.profit === null ? null : cents(s.profit),
    quantity: Number(amount(s.quantity)),
  };
}

/** summary.json: money rounded to cents, everything else as computed */
export function summaryJson(s: Summary): string {
  return `${JSON.stringify(roundedSummary(s), null, 2)}\n`;
}

/** Writes every file of §5 except rejected_rows.csv (streamed by openRejectedWriter). */
export function writeResultFiles(dir: string, r: PipelineResult): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(/*turbopackIgnore: true*/ dir, "summary.json"), summaryJson(r.summary));
  for (const f of [
    "monthly_sales.csv",
    "products.csv",
    "regions.csv",
    "categories.csv",
    "anomalies.csv",
    "cleaning_report.csv",
  ] as const) {
    // a runtime path, not a build input (keeps Turbopack from tracing the project)
    writeFileSync(join(/*turbopackIgnore: true*/ dir, f), datasetCsv(f, r));
  }
}

export const REJECTED_HEADER = "line,reason,raw\n";

/** first bytes that make csvCell prefix a cell (= + - @ TAB CR): such rows go the text way */
function formulaStart(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** writes the digits of the whole number n ≥ 0 at out[at]; returns the position after them */
function writeDigits(out: Buffer, at: number, n: number): number {
  let d = 1;
  while (d * 10 <= n) d *= 10;
  let i = at;
  for (; d >= 1; d /= 10) {
    const digit = Math.floor(n / d);
    out[i++] = 48 + digit;
    n -= digit * d;
  }
  return i;
}

export interface RejectedWriter {
  sink: RejectSink;
  /** the same row from its UTF-8 bytes, copied without decoding (false: pass it to sink as text) */
  sinkBytes: RejectBytesSink;
  close(): void;
  /** start over (the file is being re-read with another encoding) */
  reset(): void;
}

/**
 * Streams rejected_rows.csv: header first, rows as they come, through one
 * reused 1 MiB buffer. A row given as bytes is written as csvCell would write
 * its text (quoted when it holds `"`, `,`, CR or LF, quotes doubled) straight
 * from the input's bytes: a bench file rejects ~9% of its rows, and decoding,
 * escaping and re-encoding each as a string cost ~1 µs a row.
 */
export function openRejectedWriter(path: string): RejectedWriter {
  let fd = openSync(path, "w");
  const out = Buffer.allocUnsafe(1 << 20);
  let len = 0;
  const flush = () => {
    let off = 0;
    while (off < len) off += writeSync(fd, out, off, len - off);
    len = 0;
  };
  const write = (text: string) => {
    // at most 3 bytes per UTF-16 unit
    if (len + text.length * 3 > out.length) flush();
    if (text.length * 3 > out.length) writeSync(fd, text);
    else len += out.write(text, len);
  };
  write(REJECTED_HEADER);
  return {
    sink(line, reason, raw) {
      write(`${line},${reason},${csvCell(raw)}\n`);
    },
    sinkBytes(line, reason, b, a, e) {
      if (a < e && formulaStart(b[a] as number)) return false;
      // the line number, the reason, two commas, two quotes, every byte doubled, LF
      const need = 16 + reason.length + 4 + 2 * (e - a);
      if (len + need > out.length) flush();
      if (need > out.length) return false;
      len = writeDigits(out, len, line);
      out[len++] = 44;
      for (let k = 0; k < reason.length; k++) out[len++] = reason.charCodeAt(k);
      out[len++] = 44;
      // copied one place to the right, leaving room for an opening quote
      const open = len;
      let w = open + 1;
      let quote = false;
      for (let i = a; i < e; i++) {
        const c = b[i] as number;
        if (c <= 44 && (c === 44 || c === 34 || c === 10 || c === 13)) {
          quote = true;
          if (c === 34) out[w++] = 34;
        }
        out[w++] = c;
      }
      if (quote) {
        out[open] = 34;
        out[w++] = 34;
        len = w;
      } else {
        out.copyWithin(open, open + 1, w);
        len = w - 1;
      }
      out[len++] = 10;
      return true;
    },
    close() {
      flush();
      closeSync(fd);
    },
    reset() {
      closeSync(fd);
      fd = openSync(path, "w");
      len = 0;
      write(REJECTED_HEADER);
    },
  };
}
