// runFile reads straight into the core's work buffer (Pipeline.pushFrom);
// runBytes pushes chunks. Both must give the same answer, also when records
// are longer than a piece (the buffer grows) or than the 4 MiB limit.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { observable } from "./__fixtures__/compare";
import { records } from "./__fixtures__/mixed-records";
import { openRejectedWriter } from "./outputs";
import { runBytes, runFile } from "./run-file";
import type { PipelineOptions, Progress, RejectReason } from "./types";

const OPTIONS: PipelineOptions = { fuzzy: true };
const dir = mkdtempSync(join(tmpdir(), "run-file-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function both(name: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const fromFile: [number, RejectReason, string][] = [];
  const fromBytes: [number, RejectReason, string][] = [];
  const a = runFile(file, OPTIONS, { onRejected: (line, reason, raw) => fromFile.push([line, reason, raw]) });
  const b = runBytes(bytes, OPTIONS, {
    chunkSize: 100_000,
    onRejected: (line, reason, raw) => fromBytes.push([line, reason, raw]),
  });
  return { a: observable(a), b: observable(b), fromFile, fromBytes, summary: a.summary };
}

describe("runFile", () => {
  it("equals runBytes with records longer than a piece and than the 4 MiB limit", () => {
    const head = "sale_date,product,quantity,unit_price\n";
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `2024-05-${String(1 + (i % 28)).padStart(2, "0")},P${i % 9},${1 + (i % 4)},3.50`,
    );
    const longName = `"${"Long\nname ".repeat(60_000)}"`; // ~660 kB, over two pieces, with line breaks
    const tooLong = `2024-05-02,${"x".repeat(5 * 1024 * 1024)},1,1.00`; // over the limit
    const text = `${head}${rows.slice(0, 1000).join("\n")}\n2024-05-01,${longName},2,9.99\n${rows.slice(1000, 2000).join("\n")}\n${tooLong}\n${rows.slice(2000).join("\n")}\n`;
    const r = both("long.csv", text);
    expect(r.summary.rowsRead).toBe(3002);
    // the over-long line, whether or not the whole file was still held for the day-first sample
    // after the 60,000 line breaks of the long name; its first 65,536 characters, then a note
    expect(r.fromFile.map(([line, reason, raw]) => [line, reason, raw.length])).toEqual([
      [62_003, "field_count", 65_536 + "…[the rest of a record longer than 4 MiB]".length],
    ]);
    expect(r.a).toEqual(r.b);
    expect(r.fromFile).toEqual(r.fromBytes);
  });

  it("equals runBytes on a file with a BOM, CRLF and a last line without a break", () => {
    const text =
      "\uFEFFsale_date;product;quantity;unit_price\r\n2024-01-02;Mug;2;3,50\r\n2024-01-03;Cup;x;1\r\n2024-01-04;Mug;1;4";
    const r = both("bom.csv", text);
    expect(r.summary.rowsRead).toBe(3);
    expect(r.a).toEqual(r.b);
    expect(r.fromFile).toEqual(r.fromBytes);
  });

  it("ends the day-first sample 16 MiB after the header when 10,000 rows take more, whatever the chunking", () => {
    const head = "sale_date,product,quantity,unit_price\n";
    const pad = "p".repeat(100_000);
    // ~17 MiB of rows with ambiguous dates, then rows that would prove day-first
    const early = Array.from({ length: 170 }, (_, i) => `0${1 + (i % 9)}/02/2024,${pad}${i % 3},1,2.00`);
    const late = Array.from({ length: 20 }, (_, i) => `${13 + (i % 10)}/02/2024,Mug,1,2.00`);
    const text = `${head}${early.join("\n")}\n${late.join("\n")}\n`;
    const bytes = new TextEncoder().encode(text);
    const file = join(dir, "sample-cap.csv");
    writeFileSync(file, bytes);
    const result = runFile(file, OPTIONS);
    expect(result.summary.dayFirst).toBe(false);
    expect(result.summary.rowsRejected).toBe(20); // 13/02/2024 read month-first is invalid
    const viaFile = observable(result);
    for (const chunkSize of [65_536, 1 << 20, 3 << 20]) {
      expect(observable(runBytes(bytes, OPTIONS, { chunkSize }))).toEqual(viaFile);
    }
    // the same evidence inside the sample decides day-first
    const inside = `${head}${late.join("\n")}\n${early.join("\n")}\n`;
    expect(runBytes(new TextEncoder().encode(inside), OPTIONS).summary.dayFirst).toBe(true);
  });

  it("cuts an over-long UTF-8 line at a character boundary, the same for every chunking", () => {
    const head = "sale_date,product,quantity,unit_price\n";
    // 3 bytes each, so 65,536 bytes end inside a character
    const text = `${head}2024-05-01,${"€".repeat(1_500_000)},1,1.00\n2024-05-02,Mug,1,2.00\n`;
    const r = both("long-utf8.csv", text);
    const note = "…[the rest of a record longer than 4 MiB]";
    expect(r.fromFile.map(([line, reason, raw]) => [line, reason, raw])).toEqual([
      [2, "field_count", `2024-05-01,${"€".repeat((65_536 - 11 - 2) / 3)}${note}`],
    ]);
    expect(r.fromFile).toEqual(r.fromBytes);
    expect(r.summary.rowsValid).toBe(1);
  });

  it("keeps the first line of a quoted record longer than 4 MiB and says so, then reads on at the next line", () => {
    const head = "sale_date,product,quantity,unit_price\n";
    const text = `${head}2024-05-01,"Mug\n${"y".repeat(4_300_000)}\nstill quoted",1,1.00\n2024-05-02,Mug,1,2.00\n`;
    const r = both("long-record.csv", text);
    expect(r.fromFile).toEqual([
      [
        2,
        "field_count",
        '2024-05-01,"Mug…[the first line of a record longer than 4 MiB; reading went on at the next line]',
      ],
      [3, "field_count", `${"y".repeat(65_536)}…[the rest of a record longer than 4 MiB]`],
      [4, "field_count", 'still quoted",1,1.00'],
    ]);
    expect(r.fromFile).toEqual(r.fromBytes);
    expect(r.summary.rowsValid).toBe(1);
  });

  it("writes the same rejected_rows.csv whether the core hands rejected rows over as bytes or as text", () => {
    const head = "order_id,sale_date,product,category,region,quantity,unit_price,discount\n";
    const messy = `${head}${records().join("\n")}\n`;
    const files: [string, Uint8Array, number][] = [
      // [name, bytes, rows the bytes sink takes]
      ["mixed.csv", new TextEncoder().encode(messy), 6],
      ["mixed-crlf.csv", new TextEncoder().encode(messy.replaceAll("\n", "\r\n")), 6],
      // UTF-8 text, then a Windows-1252 byte: rows already written go, the file is read again as Windows-1252
      [
        "late-1252.csv",
        Buffer.concat([
          Buffer.from(`${head}C1,2024-01-02,Café,K,N,x,1,0\n${"C2,2024-01-02,Mug,K,N,1,1,0\n".repeat(3000)}`),
          Buffer.from([0x43, 0x33, 0x2c, 0x2c, 0x4d, 0xe9, 0x0a]),
        ]),
        0,
      ],
      ["cp1252.csv", readFileSync(join(import.meta.dirname, "__fixtures__", "cp1252-sales.csv")), 0],
      // past the raw limit, with its note: as text
      [
        "long.csv",
        new TextEncoder().encode(`${head}C1,2024-01-02,${"x".repeat(70_000)}\nC2,,M,K,N,1,1,0\n`),
        1,
      ],
    ];
    for (const [name, bytes, expected] of files) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const read = (withBytes: boolean) => {
        const out = join(dir, `${name}.${withBytes}.rejected.csv`);
        const w = openRejectedWriter(out);
        let taken = 0;
        runFile(file, OPTIONS, {
          onRejected: w.sink,
          onRestart: () => {
            taken = 0;
            w.reset();
          },
          onRejectedBytes: withBytes
            ? (line, reason, b, a, e) => {
                const ok = w.sinkBytes(line, reason, b, a, e);
                if (ok) taken++;
                return ok;
              }
            : undefined,
        });
        w.close();
        return { text: readFileSync(out, "utf8"), taken };
      };
      const plain = read(false);
      const fast = read(true);
      expect(fast.text, name).toBe(plain.text);
      expect(fast.taken, name).toBe(expected);
    }
  });
});

describe("progress", () => {
  it("counts a second pass for the anomalies from zero again, never past the file's size", () => {
    // "Desk Lampp" keeps no row of 100 past its threshold of 500; the typo merge
    // into "Desk Lamp" lowers the fence to ~10, so the file is read twice
    const rows = [
      ...Array.from({ length: 32 }, () => "2024-01-15,Desk Lampp,1,1000,0"),
      ...Array.from({ length: 5 }, () => "2024-01-15,Desk Lampp,1,100,0"),
      ...Array.from({ length: 400 }, () => "2024-01-15,Desk Lamp,1,10,0"),
    ];
    const bytes = new TextEncoder().encode(
      `sale_date,product,quantity,revenue,discount\n${rows.join("\n")}\n`,
    );
    const seen: Progress[] = [];
    const out = runBytes(bytes, OPTIONS, {
      chunkSize: 1000,
      progressEveryMs: 0,
      onProgress: (p) => seen.push(p),
    });
    expect(out.summary.anomalies).toBe(37);
    const first = seen.filter((p) => !p.secondPass);
    const second = seen.filter((p) => p.secondPass);
    expect(seen).toEqual([...first, ...second]);
    expect(second.length).toBeGreaterThan(2);
    for (const pass of [first, second]) {
      const bytesRead = pass.map((p) => p.bytesRead);
      expect(bytesRead).toEqual([...bytesRead].sort((a, b) => a - b));
      expect(bytesRead.at(-1)).toBe(bytes.length);
      expect(pass.every((p) => p.totalBytes === bytes.length)).toBe(true);
    }
  });
});
