// The special bytes' index (WebAssembly SIMD) against a plain scan, and the
// core with it against the core scanning bytes in JavaScript alone.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { assembleSpecialBytes, generatedSource } from "../../scripts/build-wasm.mjs";
import { observable } from "./__fixtures__/compare";
import { run } from "./__fixtures__/run";
import { generateSampleBytes } from "./generate";
import { SpecialBytes, setSpecialBytesIndex } from "./special-bytes";

afterEach(() => setSpecialBytesIndex(true));

/** what find() must list: positions of the delimiter, `"`, LF and CR in b[from, len) */
function plainScan(b: Uint8Array, from: number, len: number, d: number): number[] {
  const out: number[] = [];
  for (let i = from; i < len; i++) {
    const c = b[i];
    if (c === d || c === 34 || c === 10 || c === 13) out.push(i);
  }
  return out;
}

function indexed(s: SpecialBytes, from: number, len: number, d: number): number[] {
  const at = s.index(from, len, d);
  const out: number[] = [];
  for (let k = 0; at[k] !== len; k++) out.push(at[k] as number);
  return out;
}

const DELIMITERS = [44, 59, 9, 124];
// the special bytes often, and bytes that only look near them
const byteArb = fc.constantFrom(44, 59, 9, 124, 34, 10, 13, 65, 32, 0, 0xc3, 0xa9, 0x8a, 0xff, 11, 12, 35);

describe("SpecialBytes", () => {
  it("is built from special-bytes.wat as it is (npm run wasm)", async () => {
    const generated = readFileSync(new URL("./special-bytes-wasm.ts", import.meta.url), "utf8");
    expect(generated).toBe(generatedSource(await assembleSpecialBytes()));
  });

  it("lists the same positions as a byte-by-byte scan, from any start to any end", () => {
    const s = SpecialBytes.create(4096);
    expect(s).not.toBeNull();
    const special = s as SpecialBytes;
    fc.assert(
      fc.property(
        fc.array(byteArb, { maxLength: 300 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...DELIMITERS),
        (bytes, a, b, d) => {
          const work = special.work;
          // what lies past the end must not be listed
          work.fill(d, 0, 400);
          work.set(bytes);
          const len = bytes.length === 0 ? 0 : b % (bytes.length + 1);
          const from = len === 0 ? 0 : a % (len + 1);
          expect(indexed(special, from, len, d)).toEqual(plainScan(work, from, len, d));
        },
      ),
      { numRuns: 2000, seed: 1618 },
    );
  });

  it("finds every byte of a buffer full of them, up to its last byte", () => {
    const special = SpecialBytes.create(1000) as SpecialBytes;
    special.work.fill(10);
    expect(indexed(special, 0, 1000, 44)).toEqual(plainScan(special.work, 0, 1000, 44));
    expect(indexed(special, 7, 999, 44)).toHaveLength(992);
  });

  it("keeps the bytes it was asked to keep when it grows", () => {
    const special = SpecialBytes.create(64) as SpecialBytes;
    special.work.set(new TextEncoder().encode("a,b\nc,d\n"));
    const work = special.grow(100_000, 8) as Uint8Array;
    expect(work.length).toBe(100_000);
    expect(new TextDecoder().decode(work.subarray(0, 8))).toBe("a,b\nc,d\n");
    work.fill(44, 8, 100_000);
    expect(indexed(special, 0, 100_000, 44)).toEqual(plainScan(work, 0, 100_000, 44));
  });
});

/** the core's whole result and rejected rows, with the index and with the JavaScript scanner alone */
function bothScanners(bytes: Uint8Array, cut: { splits?: number[]; chunkSize?: number } = {}) {
  setSpecialBytesIndex(true);
  const withIndex = run(bytes, {}, cut);
  setSpecialBytesIndex(false);
  const plain = run(bytes, {}, cut);
  setSpecialBytesIndex(true);
  const view = (o: typeof plain) => ({ ...observable(o), rejected: o.rejected });
  return { withIndex: view(withIndex), plain: view(plain) };
}

/** a generated file, then a record with a product name of `longName` bytes, then the file's rows again */
function withLongRecord(rows: number, seed: number, longName: number): Uint8Array {
  const parts: Uint8Array[] = [];
  generateSampleBytes({ rows, errorRate: 0.15, seed }, (c) => parts.push(c.slice()));
  const long = new TextEncoder().encode(`A9,${"x".repeat(longName)},Tools,2,9.99,0,North,2024-01-05,a@b.c\n`);
  return Buffer.concat([...parts, long, ...parts.slice(1)]);
}

describe("the core with the index", () => {
  const cellArb = fc.constantFrom(
    "",
    " ",
    "2024-01-05",
    "5.3.2024",
    "Widget",
    '"Quoted, with comma"',
    '"Monitor 27"" UltraSharp"',
    '"two\nlines"',
    '"unclosed',
    'in"side',
    "12.50",
    "$1,299.99",
    "15%",
    "3 units",
    "a;b",
    "tab\there",
    "x|y",
    "lone\rCR",
    "Café",
  );
  const fileArb = fc.record({
    delimiter: fc.constantFrom(",", ";", "\t", "|"),
    newline: fc.constantFrom("\n", "\r\n", "\r"),
    rows: fc.array(fc.array(cellArb, { minLength: 0, maxLength: 10 }), { minLength: 1, maxLength: 60 }),
    split: fc.nat(),
    finalBreak: fc.boolean(),
  });

  it("gives what the JavaScript scanner gives on random messy files in every dialect, split anywhere", () => {
    fc.assert(
      fc.property(fileArb, (f) => {
        const header = [
          "order_id",
          "sale_date",
          "product_name",
          "category",
          "quantity",
          "unit_price",
          "discount",
          "region",
        ];
        const dates = ["2024-01-05", "2024-02-29", "5.3.2024", "13/01/2024"];
        const lines = [header.join(f.delimiter)];
        f.rows.forEach((cells, i) => {
          // a valid row now and then, so rows get past the date and product checks
          if (i % 3 === 0)
            lines.push(
              ["A1", dates[i % 4], "Widget", "Tools", "2", "9.99", "0.1", "North"].join(f.delimiter),
            );
          lines.push(cells.join(f.delimiter));
        });
        const text = lines.join(f.newline) + (f.finalBreak ? f.newline : "");
        const bytes = new TextEncoder().encode(text);
        const { withIndex, plain } = bothScanners(bytes, { splits: [f.split % bytes.length] });
        expect(withIndex).toEqual(plain);
      }),
      { numRuns: 300, seed: 27182 },
    );
  });

  it("gives what the JavaScript scanner gives on a generated file read in pieces, and on a record longer than its buffer", () => {
    const bytes = withLongRecord(30_000, 7, 700_000);
    for (const chunkSize of [65_536, 1_000_003]) {
      const { withIndex, plain } = bothScanners(bytes, { chunkSize });
      expect(withIndex).toEqual(plain);
    }
  });

  it("goes on in JavaScript when no larger memory can be had for a long record", () => {
    const bytes = withLongRecord(5_000, 11, 900_000);
    const { plain } = bothScanners(bytes);
    // the first memory is made; a larger one, for the long record, is refused
    const Real = WebAssembly.Memory;
    let made = 0;
    const refusing = function (descriptor: WebAssembly.MemoryDescriptor) {
      if (made++ > 0) throw new RangeError("WebAssembly.Memory(): could not allocate memory");
      return new Real(descriptor);
    };
    Object.assign(WebAssembly, { Memory: refusing });
    try {
      const out = run(bytes);
      expect(made).toBe(2);
      expect({ ...observable(out), rejected: out.rejected }).toEqual(plain);
    } finally {
      Object.assign(WebAssembly, { Memory: Real });
    }
  });
});
