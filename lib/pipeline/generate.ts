// Sample sales data in the original pipeline's shape (SPEC §12): its columns,
// products, regions and misspellings, seasonal volume, four date formats, and
// injected errors that really reach the output at the requested rate.
// Pure and deterministic per seed; fast enough to make a 10M-row bench file.

export interface SampleOptions {
  rows: number;
  /** fraction of rows carrying one injected error; default 0.15 */
  errorRate?: number;
  /** default 42 */
  seed?: number;
}

export const SAMPLE_HEADER =
  "order_id,product_name,category,quantity,unit_price,discount_percent,region,sale_date,customer_email";

export const ERROR_KINDS = [
  "non_positive_quantity", // -3 or 0
  "bad_discount", // 1.5, -0.2, 150%
  "quantity_units", // "4 units"
  "currency_price", // $89.99, "$1,299.99"
  "missing_price",
  "missing_date",
  "extreme_value", // quantity or price ×50–100
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

interface Weighted<T> {
  value: T;
  weight: number;
}

export interface SampleProduct {
  name: string;
  category: "Electronics" | "Home Appliance" | "Fashion";
  /** list price */
  price: number;
  /** largest ordinary quantity per line */
  maxQuantity: number;
  /** share of rows, relative */
  weight: number;
  /** spellings as written in the file (unescaped), with relative weights; the first is the canonical one */
  spellings: readonly Weighted<string>[];
}

// The original pipeline's seven products and its typo maps, plus three more
// whose names need CSV quoting (an inch mark, a comma) so the parser's quoted
// path sees real traffic.
export const SAMPLE_PRODUCTS: readonly SampleProduct[] = [
  {
    name: "Laptop Pro 15",
    category: "Electronics",
    price: 1299.99,
    maxQuantity: 3,
    weight: 9,
    spellings: [
      { value: "Laptop Pro 15", weight: 86 },
      { value: "laptop pro", weight: 5 },
      { value: "Laptop Pro", weight: 3 },
      { value: "LAPTOP PRO 15", weight: 3 },
      { value: "Laptop  Pro 15", weight: 3 },
    ],
  },
  {
    name: "Smartphone X",
    category: "Electronics",
    price: 799,
    maxQuantity: 3,
    weight: 12,
    spellings: [
      { value: "Smartphone X", weight: 85 },
      { value: "Smartfone X", weight: 4 },
      { value: "smart-phone x", weight: 4 },
      { value: "smartphone-x", weight: 4 },
      { value: "smartphone x", weight: 3 },
    ],
  },
  {
    name: "Wireless Headphones",
    category: "Electronics",
    price: 149.99,
    maxQuantity: 6,
    weight: 16,
    spellings: [
      { value: "Wireless Headphones", weight: 86 },
      { value: "Wirless Headphones", weight: 6 },
      { value: "wireless headphones", weight: 4 },
      { value: "Wireless Headphone", weight: 4 },
    ],
  },
  {
    name: "4K LED TV",
    category: "Electronics",
    price: 649,
    maxQuantity: 2,
    weight: 10,
    spellings: [
      { value: "4K LED TV", weight: 86 },
      { value: "4ktv", weight: 5 },
      { value: "4k led tv", weight: 5 },
      { value: "4K LED-TV", weight: 4 },
    ],
  },
  {
    name: "Blender Pro",
    category: "Home Appliance",
    price: 89.99,
    maxQuantity: 4,
    weight: 8,
    spellings: [
      { value: "Blender Pro", weight: 88 },
      { value: "BlenderPro", weight: 7 },
      { value: "blender pro", weight: 5 },
    ],
  },
  {
    name: "Coffee Maker Elite",
    category: "Home Appliance",
    price: 129.5,
    maxQuantity: 4,
    weight: 8,
    spellings: [
      { value: "Coffee Maker Elite", weight: 87 },
      { value: "Cofee Maker Elite", weight: 7 },
      { value: "coffee maker elite", weight: 6 },
    ],
  },
  {
    name: "Men's T-shirt (Blue)",
    category: "Fashion",
    price: 19.99,
    maxQuantity: 10,
    weight: 18,
    spellings: [
      { value: "Men's T-shirt (Blue)", weight: 84 },
      { value: "mens t-shirt (blue)", weight: 6 },
      { value: "T-shirt (Blue)", weight: 6 },
      { value: "Mens T-Shirt (Blue)", weight: 4 },
    ],
  },
  {
    name: 'Monitor 27" UltraSharp',
    category: "Electronics",
    price: 429,
    maxQuantity: 3,
    weight: 4,
    spellings: [
      { value: 'Monitor 27" UltraSharp', weight: 90 },
      { value: 'monitor 27" ultrasharp', weight: 5 },
      { value: 'Monitor 27" Ultra Sharp', weight: 5 },
    ],
  },
  {
    name: "Air Fryer XL, 5.5L",
    category: "Home Appliance",
    price: 119.99,
    maxQuantity: 3,
    weight: 4,
    spellings: [
      { value: "Air Fryer XL, 5.5L", weight: 90 },
      { value: "air fryer xl, 5.5l", weight: 5 },
      { value: "Air Fryer XL 5.5L", weight: 5 },
    ],
  },
  {
    name: "Women's Denim Jacket",
    category: "Fashion",
    price: 59.9,
    maxQuantity: 4,
    weight: 11,
    spellings: [
      { value: "Women's Denim Jacket", weight: 88 },
      { value: "womens denim jacket", weight: 6 },
      { value: "Women's Denim Jaket", weight: 6 },
    ],
  },
];

const CATEGORY_SPELLINGS: Readonly<Record<SampleProduct["category"], readonly Weighted<string>[]>> = {
  Electronics: [
    { value: "Electronics", weight: 92 },
    { value: "electronics", weight: 5 },
    { value: "Electronic", weight: 3 },
  ],
  "Home Appliance": [
    { value: "Home Appliance", weight: 88 },
    { value: "home appliances", weight: 6 },
    { value: "Home Appliances", weight: 6 },
  ],
  Fashion: [
    { value: "Fashion", weight: 88 },
    { value: "clothing", weight: 6 },
    { value: "Clothing", weight: 6 },
  ],
};

const REGIONS: readonly Weighted<readonly Weighted<string>[]>[] = [
  { value: regionSpellings("North", "nort"), weight: 30 },
  { value: regionSpellings("South", "sout"), weight: 25 },
  { value: regionSpellings("East", "eas"), weight: 25 },
  { value: regionSpellings("West", "wes"), weight: 20 },
];

function regionSpellings(name: string, typo: string): readonly Weighted<string>[] {
  return [
    { value: name, weight: 88 },
    { value: typo, weight: 4 },
    { value: name.toLowerCase(), weight: 3 },
    { value: name.toUpperCase(), weight: 2 },
    { value: ` ${name} `, weight: 2 },
    { value: "", weight: 1 },
  ];
}

/** Nov/Dec peak, a January dip, and ~10% growth in the second year. */
const MONTH_WEIGHTS = [0.8, 0.75, 0.85, 0.9, 0.95, 1, 1, 1, 0.95, 1.05, 1.5, 1.8];
const FIRST_YEAR = 2023;
const YEARS = 2;
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const FIRST_NAMES = [
  "james",
  "mary",
  "john",
  "patricia",
  "robert",
  "jennifer",
  "michael",
  "linda",
  "william",
  "elizabeth",
  "david",
  "barbara",
  "richard",
  "susan",
  "joseph",
  "jessica",
  "thomas",
  "sarah",
  "carlos",
  "aisha",
  "wei",
  "priya",
  "olga",
  "kenji",
  "fatima",
];
const LAST_NAMES = [
  "smith",
  "johnson",
  "williams",
  "brown",
  "jones",
  "garcia",
  "miller",
  "davis",
  "rodriguez",
  "martinez",
  "hernandez",
  "lopez",
  "gonzalez",
  "wilson",
  "anderson",
  "thomas",
  "taylor",
  "moore",
  "jackson",
  "martin",
  "lee",
  "nguyen",
  "patel",
  "kim",
  "muller",
];
const EMAIL_DOMAINS = ["example.com", "mail.example.org", "shop.example.net", "example.co.uk"];
const CUSTOMERS = 20_000;

const CHUNK_BYTES = 1 << 20;
const PICK_BITS = 12;
const PICK_TABLE = 1 << PICK_BITS;
const PICK_MASK = PICK_TABLE - 1;
const RANDOM_RANGE = 2 ** 30;

/**
 * A small sfc32-style generator: 128 bits of state, a handful of integer ops
 * per call. Returns 30 random bits (a small integer, so V8 never boxes it); a
 * row splits each draw into 12-bit and 6-bit fields to make few calls.
 */
function createRandom(seed: number): () => number {
  let a = 0x9e3779b9 | 0;
  let b = 0x243f6a88 | 0;
  let c = 0xb7e15162 | 0;
  let d = seed | 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 2;
  };
  // Mix the seed into all of the state before the first value is used.
  for (let i = 0; i < 16; i++) next();
  return next;
}

/** A lookup table for O(1) weighted picks: index = table[12 random bits]. */
function pickTable(weights: readonly number[]): Uint16Array {
  const total = weights.reduce((s, w) => s + w, 0);
  const table = new Uint16Array(PICK_TABLE);
  let filled = 0;
  let cumulative = 0;
  weights.forEach((w, i) => {
    cumulative += w;
    const end = i === weights.length - 1 ? PICK_TABLE : Math.round((cumulative / total) * PICK_TABLE);
    for (; filled < end; filled++) table[filled] = i;
  });
  return table;
}

/** RFC 4180: quote a field that holds a delimiter, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function quoted(value: string): string {
  return value.startsWith('"') ? value : `"${value}"`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatMoney(n: number): string {
  return n.toFixed(2);
}

/** 1234.5 → "1,234.50" */
function formatThousands(n: number): string {
  const [whole = "0", frac = "00"] = n.toFixed(2).split(".");
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ",")}.${frac}`;
}

/** All generated text is ASCII, so a string's char codes are its bytes. */
function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// Uint8Array#set is a native copy: many times faster than a JS loop for a
// field of 10+ bytes, slower for 1–4 bytes because of its call overhead.
function put(buf: Uint8Array, p: number, src: Uint8Array): number {
  const n = src.length;
  if (n > 6) buf.set(src, p);
  else for (let k = 0; k < n; k++) buf[p + k] = src[k]!;
  return p + n;
}

interface Variants {
  bytes: Uint8Array[];
  table: Uint16Array;
}

function variants(list: readonly Weighted<string>[], toField: (s: string) => string = csvField): Variants {
  return { bytes: list.map((v) => ascii(toField(v.value))), table: pickTable(list.map((v) => v.weight)) };
}

/** `bits`: 12 random bits */
function pick(v: Variants, bits: number): Uint8Array {
  return v.bytes[v.table[bits]!]!;
}

/** Everything formatted once, so a row is mostly table look-ups and byte copies. */
function prepare() {
  const products = SAMPLE_PRODUCTS.map((p) => {
    // Besides the list price, promotional or regional prices within ±10%.
    const prices: number[] = [];
    for (let k = -10; k <= 10; k++) prices.push(Math.round(p.price * (100 + k)) / 100);
    // quantities skewed towards 1
    const qtyWeights = Array.from({ length: p.maxQuantity }, (_, i) => 1 / (i + 1) ** 1.3);
    return {
      product: p,
      spellings: variants(p.spellings),
      quotedSpellings: variants(p.spellings, (s) => quoted(csvField(s))),
      categories: variants(CATEGORY_SPELLINGS[p.category]),
      quotedCategories: variants(CATEGORY_SPELLINGS[p.category], quoted),
      listPrice: ascii(formatMoney(p.price)),
      // Big prices are sometimes exported with a thousands separator (a repair, not an error).
      listPriceThousands: ascii(p.price >= 1000 ? quoted(formatThousands(p.price)) : formatMoney(p.price)),
      prices,
      priceBytes: prices.map((n) => ascii(formatMoney(n))),
      quantities: pickTable(qtyWeights),
    };
  });
  const productTable = pickTable(SAMPLE_PRODUCTS.map((p) => p.weight));
  const regions = REGIONS.map((r) => variants(r.value));
  const regionTable = pickTable(REGIONS.map((r) => r.weight));

  // Days of the two years, grouped by month; dates pre-formatted per format.
  const monthStart: number[] = [];
  const monthDays: number[] = [];
  const monthWeights: number[] = [];
  const isoDates: Uint8Array[] = [];
  const slashDates: Uint8Array[] = [];
  const monDates: Uint8Array[] = [];
  for (let y = 0; y < YEARS; y++) {
    const year = FIRST_YEAR + y;
    for (let m = 0; m < 12; m++) {
      const days = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
      monthStart.push(isoDates.length);
      monthDays.push(days);
      monthWeights.push(MONTH_WEIGHTS[m]! * (1 + 0.1 * y));
      for (let d = 1; d <= days; d++) {
        isoDates.push(ascii(`${year}-${pad2(m + 1)}-${pad2(d)}`));
        slashDates.push(ascii(`${year}/${pad2(m + 1)}/${pad2(d)}`));
        monDates.push(ascii(`${pad2(d)}-${MONTH_NAMES[m]}-${year}`));
      }
    }
  }

  const customers: Uint8Array[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
    const n = Math.floor(i / (FIRST_NAMES.length * LAST_NAMES.length));
    customers.push(ascii(`${first}.${last}${n === 0 ? "" : n}@${EMAIL_DOMAINS[i % EMAIL_DOMAINS.length]}`));
  }

  return {
    orderPrefix: ascii("ORD-"),
    times: Array.from({ length: 1440 }, (_, m) => ascii(` ${pad2((m / 60) | 0)}:${pad2(m % 60)}`)),
    seconds: Array.from({ length: 60 }, (_, s) => ascii(`:${pad2(s)}`)),
    products,
    productTable,
    regions,
    regionTable,
    monthStart,
    monthDays,
    monthTable: pickTable(monthWeights),
    isoDates,
    slashDates,
    monDates,
    customers,
    discountFractions: Array.from({ length: 31 }, (_, i) => ascii(i === 0 ? "0" : (i / 100).toFixed(2))),
    discountPercents: Array.from({ length: 31 }, (_, i) => ascii(`${i}%`)),
    smallInts: Array.from({ length: 101 }, (_, i) => ascii(String(i))),
    units: Array.from({ length: 101 }, (_, i) => ascii(`${i} units`)),
    nonPositive: ["0", "-1", "-1", "-2", "-3", "-5"].map(ascii),
    badDiscounts: ["1.5", "1.5", "-0.2", "-0.2", "2", "150%", "-0.05", "1.25"].map(ascii),
  };
}

type Prepared = ReturnType<typeof prepare>;
let prepared: Prepared | undefined;

/** The product-dependent part of a line: "product,category,quantity,price,discount". */
interface LineMiddle {
  bytes: Uint8Array;
  product: Uint8Array;
  category: Uint8Array;
  qtyValue: number;
  quantity: Uint8Array;
  priceValue: number;
  price: Uint8Array;
  discount: Uint8Array;
}

const POOL_BITS = 8;
const POOL_SIZE = 1 << POOL_BITS;

/**
 * POOL_SIZE clean line middles per product, drawn from the distributions
 * below; a row picks one with 8 random bits. One copy instead of five field
 * draws and copies per row, with the same per-product distributions; small
 * enough (~2,500 lines) to stay in cache.
 */
function buildPools(P: Prepared, random: () => number): LineMiddle[][] {
  return P.products.map((pp) => {
    const pool: LineMiddle[] = [];
    for (let i = 0; i < POOL_SIZE; i++) {
      let r = random();
      // 1 row in 64 comes from an export that quotes every text field.
      const quoteAll = r >>> 24 === 0;
      const product = pick(quoteAll ? pp.quotedSpellings : pp.spellings, r & PICK_MASK);
      const qtyValue = pp.quantities[(r >>> 12) & PICK_MASK]! + 1;

      r = random();
      const category =
        r >>> 24 === 0 ? EMPTY : pick(quoteAll ? pp.quotedCategories : pp.categories, r & PICK_MASK);
      const discountDraw = (r >>> 12) & PICK_MASK;

      r = random();
      let price: Uint8Array;
      let priceValue: number;
      const priceDraw = r >>> 24;
      if (priceDraw < 46) {
        priceValue = pp.product.price;
        price = pp.listPrice;
      } else if (priceDraw < 51) {
        priceValue = pp.product.price;
        price = pp.listPriceThousands;
      } else {
        const k = ((r & PICK_MASK) * 21) >>> PICK_BITS;
        priceValue = pp.prices[k]!;
        price = pp.priceBytes[k]!;
      }
      const discountValue = ((((r >>> 12) & PICK_MASK) * 30) >>> PICK_BITS) + 1; // 1..30
      let discount: Uint8Array;
      if (discountDraw < 205)
        discount = EMPTY; // 5%
      else if (discountDraw < 614)
        discount = P.discountPercents[discountValue]!; // 10%
      else if (discountDraw < 2253)
        discount = P.discountFractions[0]!; // 40%
      else discount = P.discountFractions[discountValue]!;

      const quantity = P.smallInts[qtyValue]!;
      const bytes = new Uint8Array(
        product.length + category.length + quantity.length + price.length + discount.length + 4,
      );
      let q = put(bytes, 0, product);
      bytes[q++] = COMMA;
      q = put(bytes, q, category);
      bytes[q++] = COMMA;
      q = put(bytes, q, quantity);
      bytes[q++] = COMMA;
      q = put(bytes, q, price);
      bytes[q++] = COMMA;
      put(bytes, q, discount);
      pool.push({ bytes, product, category, qtyValue, quantity, priceValue, price, discount });
    }
    return pool;
  });
}

const COMMA = 44;
const NEWLINE = 10;
const EMPTY = new Uint8Array(0);
const ZERO = 48;
/** longest row: order id, the longest spellings and an extreme price stay far below this */
const MAX_ROW_BYTES = 1024;

/**
 * Writes `opts.rows` data rows of messy sales CSV (header first, LF line
 * endings, ASCII) through `write`, in chunks of about 1 MB. The chunk is a
 * view of a reused buffer: consume or copy it before returning. The same
 * options always give the same bytes, and the first N rows do not depend on
 * `rows`.
 */
export function generateSampleBytes(opts: SampleOptions, write: (chunk: Uint8Array) => void): void {
  const rows = opts.rows;
  const errorRate = opts.errorRate ?? 0.15;
  const seed = opts.seed ?? 42;
  if (!Number.isSafeInteger(rows) || rows < 0)
    throw new RangeError(`rows must be a whole number ≥ 0, got ${rows}`);
  if (!(errorRate >= 0 && errorRate <= 1))
    throw new RangeError(`errorRate must be in [0, 1], got ${errorRate}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);

  const P = (prepared ??= prepare());
  const random = createRandom(seed);
  const pools = buildPools(P, random);

  const buf = new Uint8Array(CHUNK_BYTES + MAX_ROW_BYTES);
  let p = put(buf, 0, ascii(`${SAMPLE_HEADER}\n`));
  let orderNo = 100_000;
  // Fields shared by the lines of one order (a line in five continues the previous order).
  let region: Uint8Array = EMPTY;
  let date: Uint8Array = EMPTY;
  let time: Uint8Array = EMPTY;
  let seconds: Uint8Array = EMPTY;
  let customer: Uint8Array = EMPTY;

  const errorThreshold = errorRate * RANDOM_RANGE;

  for (let i = 0; i < rows; i++) {
    let r = random();
    if (i === 0 || (r & PICK_MASK) >= 819 /* 80% of 4096 */) {
      orderNo++;
      const month = P.monthTable[(r >>> 12) & PICK_MASK]!;
      const format = r >>> 24; // 6 bits
      r = random();
      const day = P.monthStart[month]! + (((r & PICK_MASK) * P.monthDays[month]!) >>> PICK_BITS);
      const regionSpellings = P.regions[P.regionTable[(r >>> 12) & PICK_MASK]!]!;
      time = EMPTY;
      seconds = EMPTY;
      if (format < 26) {
        date = P.isoDates[day]!;
        const t = random();
        time = P.times[((t & PICK_MASK) * 1440) >>> PICK_BITS]!;
        seconds = P.seconds[(((t >>> 12) & PICK_MASK) * 60) >>> PICK_BITS]!;
      } else if (format < 45) date = P.isoDates[day]!;
      else if (format < 58) date = P.slashDates[day]!;
      else date = P.monDates[day]!;
      r = random();
      region = pick(regionSpellings, r & PICK_MASK);
      customer = P.customers[Math.floor(((r >>> 12) / 262144) * CUSTOMERS)]!;
    }

    r = random();
    const m = pools[P.productTable[r & PICK_MASK]!]![(r >>> 12) & (POOL_SIZE - 1)]!;
    let withDate = true;
    let quantity = m.quantity;
    let price = m.price;
    let discount = m.discount;
    let clean = true;
    if (random() < errorThreshold) {
      clean = false;
      r = random();
      const kind = ERROR_KINDS[((r & PICK_MASK) * ERROR_KINDS.length) >>> PICK_BITS]!;
      const sub = ((r >>> 12) & PICK_MASK) / PICK_TABLE;
      switch (kind) {
        case "non_positive_quantity":
          quantity = P.nonPositive[(sub * P.nonPositive.length) | 0]!;
          break;
        case "bad_discount":
          discount = P.badDiscounts[(sub * P.badDiscounts.length) | 0]!;
          break;
        case "quantity_units":
          quantity = P.units[m.qtyValue]!;
          break;
        case "currency_price":
          price = ascii(
            m.priceValue >= 1000
              ? quoted(`$${formatThousands(m.priceValue)}`)
              : `$${formatMoney(m.priceValue)}`,
          );
          break;
        case "missing_price":
          price = EMPTY;
          break;
        case "missing_date":
          withDate = false;
          break;
        case "extreme_value": {
          const factor = 50 + ((sub * 51) | 0);
          if (r >>> 29 === 0) quantity = ascii(String(m.qtyValue * factor));
          else price = ascii(formatMoney(m.priceValue * factor));
          break;
        }
      }
    }

    // ORD-<n>
    p = put(buf, p, P.orderPrefix);
    let digits = 1;
    for (let n = orderNo; n >= 10; n = (n / 10) | 0) digits++;
    for (let n = orderNo, q = p + digits - 1; q >= p; q--, n = (n / 10) | 0) buf[q] = ZERO + (n % 10);
    p += digits;
    buf[p++] = COMMA;
    if (clean) p = put(buf, p, m.bytes);
    else {
      p = put(buf, p, m.product);
      buf[p++] = COMMA;
      p = put(buf, p, m.category);
      buf[p++] = COMMA;
      p = put(buf, p, quantity);
      buf[p++] = COMMA;
      p = put(buf, p, price);
      buf[p++] = COMMA;
      p = put(buf, p, discount);
    }
    buf[p++] = COMMA;
    p = put(buf, p, region);
    buf[p++] = COMMA;
    if (withDate) {
      p = put(buf, p, date);
      p = put(buf, p, time);
      p = put(buf, p, seconds);
    }
    buf[p++] = COMMA;
    p = put(buf, p, customer);
    buf[p++] = NEWLINE;

    if (p >= CHUNK_BYTES) {
      write(buf.subarray(0, p));
      p = 0;
    }
  }
  if (p > 0) write(buf.subarray(0, p));
}

/** generateSampleBytes with text chunks (all ASCII), for callers that want strings. */
export function generateSample(opts: SampleOptions, write: (chunk: string) => void): void {
  const decoder = new TextDecoder();
  generateSampleBytes(opts, (chunk) => write(decoder.decode(chunk)));
}
