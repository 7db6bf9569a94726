// The display name kept for an upload (SPEC §8: a job records its original file name).
import { describe, expect, it } from "vitest";
import { cleanFileName } from "./upload";

describe("cleanFileName", () => {
  it("keeps the base name only, without control characters", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\exports\\sales.csv")).toBe("sales.csv");
    expect(cleanFileName("a\u0000b\u001fc\u007f.csv")).toBe("abc.csv");
    expect(cleanFileName("  ")).toBe("upload.csv");
    expect(cleanFileName(null)).toBe("upload.csv");
  });

  it("cuts a long name at 255 UTF-16 units, never inside an emoji", () => {
    const long = `${"a".repeat(254)}📈b.csv`;
    expect(cleanFileName(long)).toBe("a".repeat(254));
    expect(cleanFileName(`${"a".repeat(253)}📈b.csv`)).toBe(`${"a".repeat(253)}📈`);
    expect(cleanFileName("é".repeat(300))).toBe("é".repeat(255));
  });
});
