import { describe, expect, it } from "vitest";
import { notTextMessage, wideTextOf } from "./wide-text";

const utf16le = (s: string, bom = true) =>
  new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(s, "utf16le")]);
const utf16be = (s: string, bom = true) => {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return new Uint8Array([...(bom ? [0xfe, 0xff] : []), ...le]);
};
const header = "Date\tProduct\tQuantity\tPrice\r\n2024-01-02\tPen\t3\t1.50\r\n";

describe("wideTextOf (UTF-16 and UTF-32 told apart from binary data)", () => {
  it("knows UTF-16 by its byte order mark, either byte order", () => {
    expect(wideTextOf(utf16le(header))).toBe("UTF-16");
    expect(wideTextOf(utf16be(header))).toBe("UTF-16");
  });

  it("knows UTF-16 without a byte order mark by its NUL in every other byte", () => {
    expect(wideTextOf(utf16le(header, false))).toBe("UTF-16");
    expect(wideTextOf(utf16be(header, false))).toBe("UTF-16");
    // a few non-ASCII characters (no NUL byte in them) do not hide it
    expect(wideTextOf(utf16le("Café Crème,Zürich,3,1.50\r\n".repeat(4), false))).toBe("UTF-16");
  });

  it("knows UTF-32 by its byte order mark", () => {
    expect(wideTextOf(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))).toBe("UTF-32");
    expect(wideTextOf(new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0, 0x41]))).toBe("UTF-32");
  });

  it("does not take binary data or text with a stray NUL for UTF-16", () => {
    // a ZIP (an .xlsx) header, a PNG header, and UTF-8 text with one NUL
    expect(
      wideTextOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0, 0, 0, 0x21, 0])),
    ).toBeNull();
    expect(
      wideTextOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
    ).toBeNull();
    expect(
      wideTextOf(new Uint8Array([...Buffer.from("sale_date,product\n2024-01-01,W"), 0, 0x31])),
    ).toBeNull();
    // too few bytes to tell
    expect(wideTextOf(new Uint8Array([0x41, 0]))).toBeNull();
  });

  it("says what the file is and how to save it, or where the NUL byte is", () => {
    expect(notTextMessage(utf16le(header), 3)).toMatch(/^This file is UTF-16 text; .*CSV UTF-8/);
    expect(notTextMessage(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]), 4)).toBe(
      "This is not a text file: byte 5 is a NUL byte. Upload a CSV or other delimited text file.",
    );
  });
});
