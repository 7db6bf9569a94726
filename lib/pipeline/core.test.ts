// The record scanner of the core (parseRecords runs the real Pipeline scan
// path): the csv-spectrum suite, and agreement with papaparse on random
// RFC 4180 text.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { parseRecords } from "./core";

const spectrumDir = dirname(createRequire(import.meta.url).resolve("csv-spectrum/package.json"));
const spectrumNames = readdirSync(join(spectrumDir, "csvs"))
  .filter((f) => f.endsWith(".csv"))
  .map((f) => f.slice(0, -4))
  .sort();

describe("csv-spectrum", () => {
  it("has the twelve cases this suite expects", () => {
    expect(spectrumNames).toHaveLength(12);
  });

  it.each(spectrumNames)("%s parses to the expected records", (name) => {
    const csv = readFileSync(join(spectrumDir, "csvs", `${name}.csv`), "utf8");
    const json = JSON.parse(readFileSync(join(spectrumDir, "json", `${name}.json`), "utf8")) as
      | Record<string, string>
      | Record<string, string>[];
    // location_coordinates.json is a lone object, and its phone number is not
    // the one in the .csv (upstream data slip): expect the csv's own value
    const expected = Array.isArray(json) ? json : [{ ...json, "Contact Phone Number": "2095257564" }];
    const [header, ...rows] = parseRecords(csv);
    expect(header).toBeDefined();
    const objects = rows.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
    expect(objects).toEqual(expected);
    // no field beyond the header's
    for (const r of rows) expect(r).toHaveLength((header as string[]).length);
  });
});

describe("parseRecords", () => {
  it("keeps CR, LF and CRLF inside quotes and splits on all three outside", () => {
    expect(parseRecords('a,b\r\n"x\ry","1\n2"\r"3\r\n4",5\n6,7')).toEqual([
      ["a", "b"],
      ["x\ry", "1\n2"],
      ["3\r\n4", "5"],
      ["6", "7"],
    ]);
  });

  it("skips blank lines and strips a UTF-8 BOM", () => {
    expect(parseRecords("\uFEFFa;b\n\n  \n1;2\r\n\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("detects the delimiter from the first line when none is given", () => {
    expect(parseRecords("a|b|c\n1|2,5|3")).toEqual([
      ["a", "b", "c"],
      ["1", "2,5", "3"],
    ]);
    expect(parseRecords("a\tb\n1\t2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});

// ── papaparse agreement on generated RFC 4180 text

const DELIMS = [",", ";", "\t", "|"] as const;
const NEWLINES = ["\n", "\r\n", "\r"] as const;
// delimiters, quotes, line breaks, spaces, 2-, 3- and 4-byte UTF-8
const CHARS = ["a", "Z", "0", "9", " ", ",", ";", "\t", "|", '"', "\r", "\n", "é", "€", "😀", "ß", "-", "."];

const fieldArb = fc.record({
  text: fc.array(fc.constantFrom(...CHARS), { maxLength: 8 }).map((cs) => cs.join("")),
  forceQuote: fc.boolean(),
});

const docArb = fc.record({
  delimiter: fc.constantFrom(...DELIMS),
  newline: fc.constantFrom(...NEWLINES),
  bom: fc.boolean(),
  trailingNewline: fc.boolean(),
  records: fc.array(
    fc.record({
      fields: fc.array(fieldArb, { minLength: 1, maxLength: 5 }),
      // blank lines before this record: empty or spaces only
      blanksBefore: fc.array(fc.constantFrom("", " ", "  "), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

type Doc = typeof docArb extends fc.Arbitrary<infer T> ? T : never;

function encodeField(text: string, forceQuote: boolean, delimiter: string): string {
  const needs = text.includes(delimiter) || /["\r\n]/.test(text) || forceQuote;
  return needs ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A single field that is empty or spaces/tabs only reads as a blank line: that is not a record. */
function isBlankRecord(fields: { text: string }[]): boolean {
  return fields.length === 1 && /^[ \t]*$/.test((fields[0] as { text: string }).text);
}

function render(doc: Doc): { text: string; expected: string[][] } {
  const lines: string[] = [];
  const expected: string[][] = [];
  for (const r of doc.records) {
    if (isBlankRecord(r.fields)) continue;
    lines.push(...r.blanksBefore);
    lines.push(r.fields.map((f) => encodeField(f.text, f.forceQuote, doc.delimiter)).join(doc.delimiter));
    expected.push(r.fields.map((f) => f.text));
  }
  const text = (doc.bom ? "\uFEFF" : "") + lines.join(doc.newline) + (doc.trailingNewline ? doc.newline : "");
  return { text, expected };
}

function papaRecords(text: string, delimiter: string, newline: string): string[][] {
  // papaparse keeps a BOM as text and reads blank lines as one-field records
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(input, {
    header: false,
    dynamicTyping: false,
    delimiter,
    newline: newline as "\n" | "\r\n" | "\r",
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data.filter((r) => !(r.length === 1 && /^[ \t]*$/.test(r[0] as string)));
}

describe("parseRecords against papaparse", () => {
  it("agrees on random CSV text (quoted delimiters, doubled quotes, CR/LF/CRLF, BOM, blanks, non-ASCII)", () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const { text, expected } = render(doc);
        if (expected.length === 0) return;
        const ours = parseRecords(text, doc.delimiter);
        const theirs = papaRecords(text, doc.delimiter, doc.newline);
        expect(ours).toEqual(theirs);
        // and both read back what was written
        expect(ours).toEqual(expected);
      }),
      { numRuns: 600, seed: 20261123 },
    );
  });
});
