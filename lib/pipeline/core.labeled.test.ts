// SPEC §2–§4 against labelled cells: random files in every dialect the spec
// allows (delimiter, line ending, UTF-8 with or without BOM, Windows-1252,
// quoting, blank lines, trailing delimiters, line breaks inside quotes) built
// from cells whose meaning is written down next to them (a value, a repair
// code, or a reject reason). The expected outcome of each row follows from the
// spec's check order alone, so the core's counts, reasons, line numbers,
// repairs and sums are compared with figures that owe nothing to its code.
import { describe, expect, it } from "vitest";
import { run } from "./__fixtures__/run";
import type { RejectReason, RepairCode } from "./types";

/** a seeded generator (mulberry32), so a failure names a file that can be made again */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T,
  };
}
type Rng = ReturnType<typeof random>;

/** a cell: its text, and what reading it gives (value and repair) or the row's reject reason */
interface Cell {
  text: string;
  value?: number;
  repair?: RepairCode;
  reason?: RejectReason;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const pad = (n: number) => String(n).padStart(2, "0");
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** how the file writes NN/NN/YYYY dates: month-first, day-first (proved by a day > 12 first), or both seen (month-first) */
type SlashMode = "mdy" | "dmy" | "both";

function dateCell(r: Rng, mode: SlashMode, state: { bothShown: boolean }): Cell {
  const y = r.pick([2022, 2023, 2024]);
  const m = r.int(1, 12);
  let d = r.int(1, daysIn(y, m));
  const name = MONTHS[m - 1] as string;
  const short = name.slice(0, 3);
  const time = () => `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}`;
  switch (r.int(0, 13)) {
    case 0:
      return { text: `${y}-${pad(m)}-${pad(d)}` };
    case 1:
      return { text: `${y}-${pad(m)}-${pad(d)} ${time()}` };
    case 2:
      return {
        text: `${y}-${pad(m)}-${pad(d)}T${time()}:${pad(r.int(0, 59))}.${r.int(100, 999)}${r.pick(["Z", "+02:00", ""])}`,
      };
    case 3:
      return { text: `${y}/${pad(m)}/${pad(d)}` };
    case 4:
      return { text: `${pad(d)}-${r.pick([short, name, name.toLowerCase()])}-${y}` };
    case 5:
      return { text: `${d} ${r.pick([short, name, name.toUpperCase()])} ${y}` };
    case 6:
      return { text: `${r.pick([short, name])} ${d}, ${y}` };
    case 7:
      return { text: `${pad(d)}.${pad(m)}.${y}` };
    case 8:
      return { text: `${y}-${m}-${d}` };
    case 9:
    case 10: {
      if (mode === "mdy") return { text: `${m}/${r.pick([String(d), pad(d)])}/${y}` };
      if (mode === "dmy") return { text: `${r.pick([String(d), pad(d)])}/${m}/${y}` };
      // both kinds: the first such date has a second part > 12, so the file is month-first
      if (!state.bothShown) {
        state.bothShown = true;
        d = r.int(13, 28);
        return { text: `${m}/${d}/${y}` };
      }
      if (d > 12 && r.next() < 0.5) return { text: `${d}/${m}/${y}`, reason: "invalid_date" };
      return { text: `${m}/${d}/${y}` };
    }
    case 11:
      return {
        text: r.pick(["2024-02-30", "2023-13-01", "2023-02-29", "yesterday", "31-Foo-2024", "2024-04-31"]),
        reason: "invalid_date",
      };
    case 12:
      return { text: r.pick(["", "  "]), reason: "missing_date" };
    default:
      return { text: `${y}-${pad(m)}-${pad(d)}` };
  }
}

function quantityCell(r: Rng): Cell {
  const q = r.int(1, 20);
  switch (r.int(0, 9)) {
    case 5:
      return { text: `${q} units`, value: q, repair: "quantity_text" };
    case 6:
      return { text: `qty: ${q}`, value: q, repair: "quantity_text" };
    case 7:
      return { text: r.pick(["0", "-2"]), reason: "non_positive_quantity" };
    case 8:
      return { text: r.pick(["abc", "n/a"]), reason: "invalid_quantity" };
    case 9:
      return { text: r.pick(["", "  "]), reason: "missing_quantity" };
    default:
      return { text: r.pick([String(q), ` ${q} `, `${q}.0`]), value: q };
  }
}

/** a money cell of the unit price or (revenue) the revenue column */
function moneyCell(r: Rng, revenue: boolean): Cell {
  const cents = r.int(100, 500_000);
  const v = cents / 100;
  const s = v.toFixed(2);
  const whole = Math.floor(v);
  const invalid: RejectReason = revenue ? "invalid_revenue" : "invalid_price";
  switch (r.int(0, 11)) {
    case 4:
      return { text: `$${s}`, value: v, repair: "price_currency" };
    case 5:
      return { text: r.pick([`${s} USD`, `USD ${s}`, `${s} EUR`]), value: v, repair: "price_currency" };
    case 6:
      return { text: r.pick([`€ ${s}`, `${s}€`, `£${s}`]), value: v, repair: "price_currency" };
    case 7:
      if (v < 1000) return { text: s, value: v };
      return { text: `${whole.toLocaleString("en-US")}.${s.slice(-2)}`, value: v, repair: "price_format" };
    case 8:
      return { text: `${whole},${s.slice(-2)}`, value: v, repair: "price_format" };
    case 9:
      return { text: r.pick(["-5.00", "-0.5"]), reason: revenue ? "invalid_revenue" : "negative_price" };
    case 10:
      return { text: r.pick(["abc", "USD"]), reason: invalid };
    case 11:
      return { text: "", reason: revenue ? "missing_revenue" : "missing_price" };
    default:
      return { text: r.pick([s, ` ${s} `]), value: v };
  }
}

function discountCell(r: Rng): Cell {
  switch (r.int(0, 7)) {
    case 3: {
      const p = r.pick([5, 10, 15, 20, 25, 50]);
      return { text: `${p}%`, value: p / 100, repair: "discount_percent_sign" };
    }
    case 4: {
      const d = r.pick([0.05, 0.1, 0.25, 0.5]);
      return { text: String(d), value: d };
    }
    case 5:
      return { text: "", value: 0, repair: "missing_discount" };
    case 6:
      return { text: r.pick(["150%", "-0.1", "1.5"]), reason: "invalid_discount" };
    case 7:
      return { text: r.pick(["x", "ten"]), reason: "invalid_discount" };
    default:
      return { text: "0", value: 0 };
  }
}

const PRODUCTS = [
  "Laptop Pro 15",
  "Blender Pro",
  "Desk Lamp",
  "Café Crème",
  'Monitor 27" UltraSharp',
  "USB-C Cable, 2m",
];
const REGIONS = ["North", "South", "East", "West", "Zürich"];
const CATEGORIES = ["Electronics", "Home", "Office"];

interface Expected {
  rowsRead: number;
  rowsValid: number;
  rejectedByReason: Record<string, number>;
  repairs: Record<string, number>;
  revenue: number;
  quantity: number;
  rejected: [number, RejectReason][];
  byRegion: Map<string, { revenue: number; transactions: number }>;
  byProduct: Map<string, { revenue: number; transactions: number }>;
}

function makeFile(seed: number): { bytes: Uint8Array; expected: Expected; label: string } {
  const r = random(seed);
  const delim = r.pick([",", ";", "\t", "|"]);
  const nl = r.pick(["\n", "\r\n", "\r"]);
  const encoding = r.pick(["utf-8", "utf-8 BOM", "windows-1252"] as const);
  const revenue = r.next() < 0.3;
  const trailing = r.next() < 0.2;
  const mode = r.pick(["mdy", "dmy", "both"] as const);
  const state = { bothShown: false };
  const header: Record<string, string> = {
    order: r.pick(["order_id", "Order ID", "invoice"]),
    date: r.pick(["sale_date", "Order Date", "date"]),
    product: r.pick(["product_name", "Product", "item"]),
    category: r.pick(["category", "Department"]),
    region: r.pick(["region", "Territory"]),
    quantity: r.pick(["quantity", "Qty", "units"]),
    money: revenue ? r.pick(["revenue", "Sales", "amount"]) : r.pick(["unit_price", "Price"]),
    discount: r.pick(["discount", "disc"]),
  };
  const roles = Object.keys(header);
  for (let i = roles.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [roles[i], roles[j]] = [roles[j] as string, roles[i] as string];
  }
  const quote = (c: string) =>
    c.includes(delim) || c.includes('"') || c.includes("\n") || c.includes("\r") || r.next() < 0.05
      ? `"${c.replaceAll('"', '""')}"`
      : c;
  const lines = [roles.map((k) => quote(header[k] as string)).join(delim)];
  const exp: Expected = {
    rowsRead: 0,
    rowsValid: 0,
    rejectedByReason: {},
    repairs: {},
    revenue: 0,
    quantity: 0,
    rejected: [],
    byRegion: new Map(),
    byProduct: new Map(),
  };
  const count = (o: Record<string, number>, k: string) => {
    o[k] = (o[k] ?? 0) + 1;
  };
  const add = (m: Expected["byRegion"], k: string, rev: number) => {
    const g = m.get(k) ?? { revenue: 0, transactions: 0 };
    g.revenue += rev;
    g.transactions++;
    m.set(k, g);
  };
  let line = 1;
  const rows = r.int(40, 300);
  for (let i = 0; i < rows; i++) {
    if (r.next() < 0.03) {
      lines.push(r.pick(["", "  "]));
      line++;
      continue;
    }
    const date = dateCell(r, mode, state);
    let product = r.next() < 0.05 ? r.pick(["", " "]) : r.pick(PRODUCTS);
    if (product.trim() !== "" && r.next() < 0.03) product = "Gift\nBox";
    if (product.trim() !== "" && r.next() < 0.1) product = `  ${product} `;
    const qty = quantityCell(r);
    const money = moneyCell(r, revenue);
    const disc = discountCell(r);
    const region = r.next() < 0.1 ? "" : r.pick(REGIONS);
    const category = r.next() < 0.1 ? "" : r.pick(CATEGORIES);
    const cells: Record<string, string> = {
      order: `O${i}`,
      date: date.text,
      product,
      category,
      region,
      quantity: qty.text,
      money: money.text,
      discount: disc.text,
    };
    let fields = roles.map((k) => cells[k] as string);
    const ragged = r.next() < 0.03;
    if (ragged) fields = r.next() < 0.5 ? fields.slice(0, -2) : [...fields, "x", "y"];
    let text = fields.map(quote).join(delim);
    if (trailing && !ragged) text += delim;
    lines.push(text);
    const start = line + 1;
    line += 1 + (text.match(/\n/g)?.length ?? 0);
    exp.rowsRead++;
    // SPEC §3: the first failing check, in order
    const reason: RejectReason | undefined = ragged
      ? "field_count"
      : (date.reason ??
        (product.trim() === "" ? "missing_product" : undefined) ??
        qty.reason ??
        (revenue ? undefined : money.reason) ??
        disc.reason ??
        (revenue ? money.reason : undefined));
    if (reason) {
      count(exp.rejectedByReason, reason);
      exp.rejected.push([start, reason]);
      continue;
    }
    exp.rowsValid++;
    for (const c of [qty, money, disc]) if (c.repair) count(exp.repairs, c.repair);
    if (region === "") count(exp.repairs, "missing_region");
    if (category === "") count(exp.repairs, "missing_category");
    const q = qty.value as number;
    const rev = revenue
      ? (money.value as number)
      : q * (money.value as number) * (1 - (disc.value as number));
    exp.revenue += rev;
    exp.quantity += q;
    add(exp.byRegion, region === "" ? "Unknown" : region, rev);
    add(exp.byProduct, product.trim().split(/\s+/).join(" "), rev);
  }
  const text = lines.join(nl) + (r.next() < 0.8 ? nl : "");
  let bytes: Uint8Array;
  if (encoding === "windows-1252") {
    // every character used here is Latin-1 but €, which Windows-1252 has at 0x80
    bytes = Uint8Array.from([...text].map((c) => (c === "€" ? 0x80 : (c.codePointAt(0) as number))));
  } else {
    const body = new TextEncoder().encode(text);
    bytes = encoding === "utf-8 BOM" ? Uint8Array.from([0xef, 0xbb, 0xbf, ...body]) : body;
  }
  const label = `seed ${seed}: ${JSON.stringify(delim)} ${JSON.stringify(nl)} ${encoding} ${revenue ? "revenue" : "unit price"} ${mode}`;
  return { bytes, expected: exp, label };
}

/** money compared to the cent: sums of many rows may differ in the last bits */
const near = (got: number, want: number) => Math.abs(got - want) <= 0.006 + 1e-12 * Math.abs(want);

describe("labelled cells in random files of every dialect (SPEC §2–§4)", () => {
  it("gives each row the reason, line, repairs and figures its cells call for", () => {
    for (let seed = 1; seed <= 120; seed++) {
      const { bytes, expected: e, label } = makeFile(seed);
      const r = random(seed * 7919);
      // cut in random places too: records straddle chunks
      const splits = [r.int(1, bytes.length - 1), r.int(1, bytes.length - 1)];
      const out = run(bytes, {}, { splits });
      const s = out.summary;
      expect(
        {
          rowsRead: s.rowsRead,
          rowsValid: s.rowsValid,
          rejectedByReason: s.rejectedByReason,
          repairs: s.repairs,
          quantity: s.quantity,
        },
        label,
      ).toEqual({
        rowsRead: e.rowsRead,
        rowsValid: e.rowsValid,
        rejectedByReason: e.rejectedByReason,
        repairs: e.repairs,
        quantity: e.quantity,
      });
      expect(near(s.revenue, e.revenue), `${label}: revenue ${s.revenue}, want ${e.revenue}`).toBe(true);
      expect(
        out.rejected.map((x) => [x.line, x.reason]),
        label,
      ).toEqual(e.rejected);
      // by region and by product: the same rows, the same money
      const groups = [
        [new Map(out.regions.map((x) => [x.region, x])), e.byRegion],
        [new Map(out.products.map((x) => [x.product, x])), e.byProduct],
      ] as const;
      for (const [got, want] of groups) {
        expect([...got.keys()].sort(), label).toEqual([...want.keys()].sort());
        for (const [k, w] of want) {
          const g = got.get(k) as { revenue: number; transactions: number };
          expect(g.transactions, `${label} ${k}`).toBe(w.transactions);
          expect(near(g.revenue, w.revenue), `${label} ${k}: revenue ${g.revenue}, want ${w.revenue}`).toBe(
            true,
          );
        }
      }
    }
  });
});
