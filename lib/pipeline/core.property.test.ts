// Invariants of SPEC §3 and §5 on random messy sale files: counts add up, the
// datasets agree with the summary, rejected rows are real lines of the file in
// order, and a random two-chunk split changes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { observable, orderFree } from "./__fixtures__/compare";
import { run } from "./__fixtures__/run";
import { rollupRows } from "./rollup";
import { REJECT_REASONS } from "./types";

const cell = {
  order: fc.constantFrom("", "A1", "A2", " A3 ", "B-7", "=HYPERLINK()"),
  date: fc.constantFrom(
    "",
    "2024-01-05",
    "2024-02-29",
    "2023-02-29",
    "13/01/2024",
    "01/13/2024",
    "05-Mar-2024",
    "Mar 5, 2024",
    "5.3.2024",
    "2024-03-05T10:00:00Z",
    "nope",
  ),
  product: fc.constantFrom(
    "",
    " ",
    "Widget",
    "widget",
    "Wigdet",
    "Café Crème",
    "DVD+RW",
    "DVD-RW",
    "😀 Pack",
    'Quote "Q"',
    "Comma, Inc",
    "Line\nBreak",
  ),
  category: fc.constantFrom("", "Tools", "tools", "Clothing", "Home Appliances"),
  region: fc.constantFrom("", "North", "nort", "South", "Éast"),
  quantity: fc.constantFrom("", "1", "2", "0", "-1", "5 units", "qty: 3", "1,5", "x", "2.5"),
  price: fc.constantFrom(
    "",
    "10",
    "12.50",
    "$12.50",
    "12.50 USD",
    "€ 9",
    "$1,234.56",
    "1,234.56",
    "12,50",
    "-3",
    "abc",
    "0",
  ),
  discount: fc.constantFrom("", "0", "0.1", "15%", "150%", "-0.1", "0.6", "1", "x"),
};

const rowArb = fc.record(cell);
const fileArb = fc.record({
  rows: fc.array(
    fc.record({
      row: rowArb,
      shape: fc.constantFrom("ok", "ok", "ok", "ok", "short", "long", "trailing"),
      blankBefore: fc.boolean(),
    }),
    { minLength: 1, maxLength: 40 },
  ),
  newline: fc.constantFrom("\n", "\r\n", "\r"),
  bom: fc.boolean(),
  split: fc.nat(),
  shuffle: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
});

function quote(v: string): string {
  return /[",\r\n]/.test(v) || v.startsWith(" ") ? `"${v.replace(/"/g, '""')}"` : v;
}

describe("random sale files", () => {
  it("keep the counting and consistency invariants, and a two-chunk split changes nothing", () => {
    fc.assert(
      fc.property(fileArb, (f) => {
        const lines = ["order_id,sale_date,product_name,category,region,quantity,unit_price,discount"];
        for (const { row, shape, blankBefore } of f.rows) {
          if (blankBefore) lines.push("");
          const cells = [
            row.order,
            row.date,
            row.product,
            row.category,
            row.region,
            row.quantity,
            row.price,
            row.discount,
          ].map(quote);
          if (shape === "short") cells.pop();
          if (shape === "long") cells.push("extra");
          if (shape === "trailing") cells.push("");
          lines.push(cells.join(","));
        }
        const text = (f.bom ? "\uFEFF" : "") + lines.join(f.newline) + f.newline;
        const bytes = new TextEncoder().encode(text);
        const out = run(bytes);
        const s = out.summary;

        expect(s.rowsRead).toBe(f.rows.length);
        expect(s.rowsRead).toBe(s.rowsValid + s.rowsRejected);
        expect(Object.values(s.rejectedByReason).reduce((a, b) => a + (b ?? 0), 0)).toBe(s.rowsRejected);
        for (const k of Object.keys(s.rejectedByReason)) expect(REJECT_REASONS).toContain(k);
        expect(out.rejected).toHaveLength(s.rowsRejected);
        // rejected rows: in file order, on real lines, raw text from the file
        const physical = text.split(/\r\n|\r|\n/).length;
        let last = 1;
        for (const r of out.rejected) {
          expect(r.line).toBeGreaterThan(last);
          expect(r.line).toBeLessThanOrEqual(physical);
          expect(text).toContain(r.raw);
          last = r.line;
        }
        // datasets agree with the summary
        const sum = (xs: { revenue: number }[]) => xs.reduce((a, x) => a + x.revenue, 0);
        const tx = (xs: { transactions: number }[]) => xs.reduce((a, x) => a + x.transactions, 0);
        expect(s.transactions).toBe(s.rowsValid);
        for (const d of [out.monthly, out.products, out.regions, out.categories, rollupRows(out.rollup)]) {
          expect(tx(d)).toBe(s.rowsValid);
          expect(sum(d)).toBeCloseTo(s.revenue, 6);
        }
        if (s.revenue > 0) expect(out.regions.reduce((a, r) => a + r.revenueShare, 0)).toBeCloseTo(1, 9);
        expect(s.rowsValid === 0).toBe(s.dateFrom === null);
        expect(out.anomalies.length).toBeLessThanOrEqual(s.anomalies);

        const k = 1 + (f.split % (bytes.length - 1));
        const cut = run(bytes, {}, { splits: [k] });
        const strip = (o: typeof out) => ({
          ...o,
          summary: { ...o.summary, durationMs: 0, rowsPerSecond: 0 },
        });
        expect(strip(cut)).toEqual(strip(out));

        // the same rows in another order: the same results, anomalies but line numbers
        const recs = lines.slice(1).filter((l) => l !== "");
        for (let i = recs.length - 1; i > 0; i--) {
          const j = (f.shuffle[i] as number) % (i + 1);
          [recs[i], recs[j]] = [recs[j] as string, recs[i] as string];
        }
        const shuffled = run([lines[0], ...recs].join(f.newline) + f.newline);
        expect(orderFree(shuffled, shuffled.rejected)).toEqual(orderFree(out, out.rejected));
      }),
      { numRuns: 100, seed: 424242 },
    );
  });
});

/**
 * `make(q)` writes a file with some cells wrapped in q: the file with those
 * cells as they are and with them quoted must give the same result, but the
 * rejected rows' text
 */
function expectSameQuotedOrNot(make: (q: (s: string) => string) => string): void {
  const strip = (o: ReturnType<typeof run>) => ({
    ...observable(o),
    rejected: o.rejected.map((r) => [r.line, r.reason]),
  });
  expect(strip(run(make((s) => s)))).toEqual(strip(run(make((s) => `"${s}"`))));
}

describe("numbers and dates read while a line is split", () => {
  // a numeric cell that starts with a quote is read later by the byte and text
  // readers: quoting every cell must change nothing but the rejected rows' text
  const piece = fc.constantFrom(
    ..."0123456789",
    "12",
    "000",
    "9999999999999999",
    ".",
    "-",
    "+",
    " ",
    "$",
    "%",
    "e",
    " units",
    "€",
    ",",
  );
  const numCell = fc.array(piece, { maxLength: 6 }).map((p) => p.join(""));
  const header = "order_id;sale_date;product_name;quantity;revenue;discount;profit;unit_price";
  const rowArb = fc.tuple(numCell, numCell, numCell, numCell, numCell);

  // around the edges of each part's range
  const two = (max: number) => fc.integer({ min: 0, max: max + 1 }).map((n) => String(n).padStart(2, "0"));
  const datePiece = fc.constantFrom("2024", "0000", "-", "/", " ", "T", ":", "1", "02", "29", "13", "x", "");
  const dateCell = fc.oneof(
    fc.array(datePiece, { maxLength: 9 }).map((p) => p.join("")),
    fc
      .tuple(
        fc.constantFrom("2024", "2023", "0000", "20x4"),
        fc.constantFrom("-", "/"),
        two(12),
        two(31),
        fc.constantFrom("", " ", "T"),
        fc.tuple(two(23), two(59), two(59)),
      )
      .map(
        ([y, sep, m, d, t, [h, mi, se]]) =>
          `${y}${sep}${m}${sep}${d}${t === "" ? "" : `${t}${h}:${mi}:${se}`}`,
      ),
  );

  it("dates give what dateOf gives, quoted or not, first in the line or not", () => {
    fc.assert(
      fc.property(fc.array(dateCell, { minLength: 1, maxLength: 30 }), fc.boolean(), (dates, first) => {
        const head = first
          ? "sale_date;product_name;quantity;unit_price"
          : "product_name;quantity;unit_price;sale_date";
        const make = (q: (s: string) => string) =>
          [head, ...dates.map((d, i) => (first ? `${q(d)};P;${i + 1};2` : `P;${i + 1};2;${q(d)}`))]
            .map((l) => `${l}\n`)
            .join("");
        expectSameQuotedOrNot(make);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("gives what the readers give, quoted or not, at any place in the line", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 30 }), fc.boolean(), (rows, crlf) => {
        const nl = crlf ? "\r\n" : "\n";
        const make = (q: (s: string) => string) =>
          [
            header,
            ...rows.map(
              ([a, b, c, d, e], i) =>
                `O${i};2024-01-0${(i % 9) + 1};P;${q(a)};${q(b)};${q(c)};${q(d)};${q(e)}`,
            ),
          ]
            .map((l) => l + nl)
            .join("");
        expectSameQuotedOrNot(make);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
