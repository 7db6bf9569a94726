// The display name kept for an upload (SPEC §8: a job records its original file name).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PipelineError } from "../pipeline/types";
import { ensureDir, newId, uploadPath, uploadsDir } from "./storage";
import { cleanFileName, limitText, sniffUpload } from "./upload";

describe("cleanFileName", () => {
  it("keeps the base name only, without control characters", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\exports\\sales.csv")).toBe("sales.csv");
    expect(cleanFileName("a\u0000b\u001fc\u007f.csv")).toBe("abc.csv");
    expect(cleanFileName("  ")).toBe("upload.csv");
    expect(cleanFileName(null)).toBe("upload.csv");
    expect(cleanFileName("..")).toBe("upload.csv");
    expect(cleanFileName(" . ")).toBe("upload.csv");
    expect(cleanFileName("..sales.csv")).toBe("..sales.csv");
  });

  it("drops bidirectional controls that would make the name read as something else", () => {
    expect(cleanFileName("invoice\u202Evsc.exe")).toBe("invoicevsc.exe");
    expect(cleanFileName("a\u2066b\u2069\u200f.csv")).toBe("ab.csv");
    expect(cleanFileName("مبيعات.csv")).toBe("مبيعات.csv");
  });

  it("cuts a long name at 255 UTF-16 units, never inside an emoji", () => {
    const long = `${"a".repeat(254)}📈b.csv`;
    expect(cleanFileName(long)).toBe("a".repeat(254));
    expect(cleanFileName(`${"a".repeat(253)}📈b.csv`)).toBe(`${"a".repeat(253)}📈`);
    expect(cleanFileName("é".repeat(300))).toBe("é".repeat(255));
  });
});

describe("limitText", () => {
  it("says the upload limit in a unit that shows it", () => {
    expect(limitText(2048 * 1024 * 1024)).toBe("2,048 MB");
    expect(limitText(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(limitText(0.5 * 1024 * 1024)).toBe("512 KB");
    expect(limitText(Math.floor(0.001 * 1024 * 1024))).toBe("1 KB");
    expect(limitText(100)).toBe("100 bytes");
  });
});

describe("sniffUpload", () => {
  let dir = "";
  const saved = process.env.DATA_DIR;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "sales-sniff-"));
    process.env.DATA_DIR = dir;
    ensureDir(uploadsDir());
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });
  const stored = (text: string) => {
    const key = newId();
    writeFileSync(uploadPath(key), text);
    return { key, size: Buffer.byteLength(text) };
  };
  const refusal = (text: string) => {
    const { key, size } = stored(text);
    try {
      sniffUpload(key, size, { fuzzy: true });
    } catch (e) {
      if (e instanceof PipelineError) return e;
      throw e;
    }
    return null;
  };
  const header = "sale_date,product,quantity,unit_price\n";

  it("refuses a header followed by more than the first MiB of blank lines (SPEC §2: no data rows → 422)", () => {
    const e = refusal(`${header}${"\n \r\n".repeat(400_000)}`);
    expect(e?.code).toBe("no_data");
    expect(e?.message).toBe(
      "The file has a header (sale_date, product, quantity, unit_price) but no data rows.",
    );
  });

  it("accepts the same file once a data row follows the blank lines, however far in", () => {
    expect(refusal(`${header}${"\n".repeat(3_000_000)}2024-01-01,Mug,1,2\n`)).toBeNull();
    // with tab as the delimiter a line of tabs is a row (of empty fields), not a blank line
    const tabs = "sale_date\tproduct\tquantity\tunit_price\n";
    expect(refusal(`${tabs}${"\n".repeat(1_100_000)}\t\t\t\n`)).toBeNull();
  });
});
