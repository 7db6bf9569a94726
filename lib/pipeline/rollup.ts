// The rollup of SPEC §7 as columns: the names once, then a typed array per
// column. finalize builds it so (a SKU-level file has hundreds of thousands of
// cells: an object per cell took half a second and ~170 MB), the worker writes
// it as rollup.columns beside the result files, and the server sums the
// dashboard's datasets from it (lib/queries/rollup-columns.ts).
//
// Layout (the host's byte order; a file from another order fails the magic
// number and is rebuilt from the database):
//   u32 magic, u32 version, u32 cells n, u32 bytes of the names' JSON
//   the names' JSON, UTF-8: [months, regions, categories, products], then
//   zero bytes up to a multiple of 8
//   Uint32 columns of n: month, region, category, product (indexes into the names)
//   Float64 columns of n: revenue, profit, quantity, transactions,
//   discountRevenue, discountSum
import type { RollupRow } from "./types";

const MAGIC = 0x43524153; // "SARC" read as a little-endian u32
const VERSION = 1;
const HEADER = 16;

export const MEASURES = [
  "revenue",
  "profit",
  "quantity",
  "transactions",
  "discountRevenue",
  "discountSum",
] as const;
export type Measure = (typeof MEASURES)[number];

export const NAME_COLUMNS = ["month", "region", "category", "product"] as const;
export type NameColumn = (typeof NAME_COLUMNS)[number];

export interface RollupColumns {
  cells: number;
  /** by column: the distinct values, which the column's Uint32Array indexes */
  names: Record<NameColumn, string[]>;
  ids: Record<NameColumn, Uint32Array>;
  values: Record<Measure, Float64Array>;
  /** the bytes of its columns (the names aside), for the server's cache */
  byteLength: number;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** the bytes the columns of n cells take */
export const columnBytes = (n: number): number => n * (NAME_COLUMNS.length * 4 + MEASURES.length * 8);

/** rows as columns, the names in the order they first appear */
export function rollupColumnsOf(rows: readonly RollupRow[]): RollupColumns {
  const n = rows.length;
  const names = {} as Record<NameColumn, string[]>;
  const ids = {} as Record<NameColumn, Uint32Array>;
  for (const c of NAME_COLUMNS) {
    const index = new Map<string, number>();
    const col = new Uint32Array(n);
    rows.forEach((r, i) => {
      let id = index.get(r[c]);
      if (id === undefined) {
        id = index.size;
        index.set(r[c], id);
      }
      col[i] = id;
    });
    names[c] = [...index.keys()];
    ids[c] = col;
  }
  const values = {} as Record<Measure, Float64Array>;
  for (const m of MEASURES) values[m] = Float64Array.from(rows, (r) => r[m]);
  return { cells: n, names, ids, values, byteLength: columnBytes(n) };
}

/** the columns as one object per cell (tests, and a look at a small rollup) */
export function rollupRows(cols: RollupColumns): RollupRow[] {
  const { names, ids, values } = cols;
  return Array.from({ length: cols.cells }, (_, i) => {
    const row = {} as RollupRow;
    for (const c of NAME_COLUMNS) row[c] = names[c][ids[c][i] as number] as string;
    for (const m of MEASURES) row[m] = values[m][i] as number;
    return row;
  });
}

/** the columns in the layout above */
export function encodeRollup(cols: RollupColumns): Uint8Array {
  const n = cols.cells;
  const json = new TextEncoder().encode(JSON.stringify(NAME_COLUMNS.map((c) => cols.names[c])));
  const idsAt = HEADER + pad8(json.length);
  const valuesAt = pad8(idsAt + NAME_COLUMNS.length * 4 * n);
  const out = new Uint8Array(valuesAt + MEASURES.length * 8 * n);
  new Uint32Array(out.buffer, 0, 4).set([MAGIC, VERSION, n, json.length]);
  out.set(json, HEADER);
  NAME_COLUMNS.forEach((c, k) => {
    new Uint32Array(out.buffer, idsAt + k * 4 * n, n).set(cols.ids[c].subarray(0, n));
  });
  MEASURES.forEach((m, k) => {
    new Float64Array(out.buffer, valuesAt + k * 8 * n, n).set(cols.values[m].subarray(0, n));
  });
  return out;
}

/** the columns of encodeRollup's bytes; throws on anything else (another version, a cut file) */
export function decodeRollup(input: Uint8Array): RollupColumns {
  // typed views need aligned offsets: a small Buffer can sit anywhere in Node's pool
  const bytes = input.byteOffset % 8 === 0 ? input : new Uint8Array(input);
  const fail = (why: string): never => {
    throw new Error(`not a rollup columns file: ${why}`);
  };
  if (bytes.length < HEADER) fail("too short");
  const [magic, version, n, jsonBytes] = new Uint32Array(bytes.buffer, bytes.byteOffset, 4) as unknown as [
    number,
    number,
    number,
    number,
  ];
  if (magic !== MAGIC) fail("wrong magic number");
  if (version !== VERSION) fail(`version ${version}, not ${VERSION}`);
  const idsAt = HEADER + pad8(jsonBytes);
  const valuesAt = pad8(idsAt + NAME_COLUMNS.length * 4 * n);
  if (bytes.length !== valuesAt + MEASURES.length * 8 * n) fail("wrong length");
  const lists = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER, HEADER + jsonBytes))) as unknown;
  if (
    !Array.isArray(lists) ||
    lists.length !== NAME_COLUMNS.length ||
    !lists.every((l) => Array.isArray(l) && l.every((s) => typeof s === "string"))
  )
    fail("bad names");
  const names = {} as Record<NameColumn, string[]>;
  const ids = {} as Record<NameColumn, Uint32Array>;
  NAME_COLUMNS.forEach((c, k) => {
    names[c] = (lists as string[][])[k] as string[];
    ids[c] = new Uint32Array(bytes.buffer, bytes.byteOffset + idsAt + k * 4 * n, n);
    if (n > 0 && largest(ids[c]) >= names[c].length) fail(`${c} index out of range`);
  });
  const values = {} as Record<Measure, Float64Array>;
  MEASURES.forEach((m, k) => {
    values[m] = new Float64Array(bytes.buffer, bytes.byteOffset + valuesAt + k * 8 * n, n);
  });
  return { cells: n, names, ids, values, byteLength: columnBytes(n) };
}

function largest(a: Uint32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) if ((a[i] as number) > max) max = a[i] as number;
  return max;
}
