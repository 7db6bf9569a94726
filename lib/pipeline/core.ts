// The streaming core (SPEC §2–7): bytes in, one pass, flat memory.
//
// push() (or pushFrom()) puts a piece of input after the bytes carried from
// the previous one and splits them into RFC 4180 records on the bytes — a
// byte loop for lines without quotes (or with simply quoted fields), a full
// state machine for the rest. Common cells are read from the bytes
// (bytes.ts), others decoded one at a time for the text readers. Each row is
// cleaned by the rules of §3 and added to aggregates indexed by small integers.
// end() closes the pass; result() turns the aggregates into the datasets of §5.
// Rejected rows go to the sink as they are found.
import { grow } from "./arrays";
import { blankAt, dateAt, discountAt, hashAsciiBytes, moneyAt, quantityAt, SLOW } from "./bytes";
import { DATE_EMPTY, DayFirstVote, parseDate, slashParts } from "./dates";
import { ChunkDecoder, type Encoding } from "./decode";
import { BY_DISCOUNT, BY_REVENUE, CandidatePool } from "./candidates";
import {
  anomalyScore,
  computeFences,
  type Fences,
  finalize,
  MAX_ANOMALY_ROWS,
  topAnomalies,
} from "./finalize";
import { addCompAt } from "./fsum";
import { declaredDelimiter, detectDelimiter, laterHeader, laterHeaderAdvice, mapColumns } from "./header";
import { aliasMap, displayName, groupKey, resolveAlias } from "./names";
import {
  NUM_CURRENCY,
  NUM_EMPTY,
  NUM_FORMAT,
  NUM_INVALID,
  NUM_OK,
  NUM_PERCENT,
  numValue,
  readDiscount,
  readMoney,
  readQuantity,
} from "./numbers";
import { OrderIds } from "./orders";
import { QuantileSketch } from "./sketch";
import { SpecialBytes } from "./special-bytes";
import {
  type AggregateState,
  type AnomalyGroupState,
  type Candidate,
  CELL_DISCOUNT_REVENUE,
  CELL_DISCOUNT_SUM,
  CELL_PROFIT,
  CELL_QUANTITY,
  CELL_REVENUE,
  CELL_TRANSACTIONS,
  CELL_WIDTH,
  type CellTable,
  cellSlot,
  countDiscount,
  type KeyGroupState,
  MONTH_KEYS,
  newAnomalyGroup,
  pruneValues,
  retainValue,
} from "./state";
import { flat } from "./strings";
import { notTextMessage } from "./wide-text";
import {
  noDataError,
  PipelineError,
  type PipelineOptions,
  type PipelineResult,
  type RejectBytesSink,
  REJECT_REASONS,
  REPAIR_CODES,
  type RejectReason,
  type RejectSink,
  type RepairCode,
} from "./types";

const LF = 10;
const CR = 13;
const QUOTE = 34;
/** a record longer than this (characters) is rejected and skipped to the next line */
export const MAX_RECORD_CHARS = 1 << 22;
/** raw text kept per rejected row */
const MAX_RAW_CHARS = 1 << 16;
const DAY_FIRST_SAMPLE = 10_000;
/**
 * ...or the rows that end within this many bytes after the header, if fewer:
 * the sample is held in memory until it is complete
 */
const DAY_FIRST_SAMPLE_BYTES = 16 << 20;
const LONG_RECORD_NOTE = "…[the rest of a record longer than 4 MiB]";
/** an over-long record (a quoted field with line breaks) whose first line is short */
const LONG_RECORD_LINE_NOTE =
  "…[the first line of a record longer than 4 MiB; reading went on at the next line]";
const NUL_WINDOW = 64 * 1024;
/** retained anomaly values (9 bytes each) before falling back to a second pass */
const RETAIN_CAP = 4_000_000;
/** retained values past which young groups keep only rows above a floor (raiseYoungFloor) */
const YOUNG_FLOOR_AT = 1 << 18;
/** full rows kept per product and per ordering: the list shows at most 1,000 */
const TOP = 1000;
/** rollup cells the core has room for before its cell arrays grow */
const INITIAL_CELLS = 8192;

const SEP_WITHOUT_HEADER = "The file has a `sep=` line and no header after it.";

const MODE_PROCESS = 0;
const MODE_OBSERVE = 1;
const MODE_RESCAN = 2;

const KIND_QUANTITY = 0;
const KIND_MONEY = 1;
const KIND_DISCOUNT = 2;

// rejected rows and repairs are counted by their place in these lists (a Map's
// get and set for each of the bench file's 300,000 cost ~15 ms)
const REASON_INDEX = indexOf(REJECT_REASONS);
const REPAIR_INDEX = indexOf(REPAIR_CODES);

function indexOf<K extends string>(list: readonly K[]): Record<K, number> {
  return Object.fromEntries(list.map((k, i) => [k, i])) as Record<K, number>;
}

/** the entries of counts (by place in list) that are not zero, as an object */
function countsOf<K extends string>(list: readonly K[], counts: Float64Array): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  list.forEach((k, i) => {
    if ((counts[i] as number) > 0) out[k] = counts[i] as number;
  });
  return out;
}

// the current row's figures in Pipeline.fig
const FIG_REVENUE = 0;
const FIG_DISCOUNT = 1;
const FIG_QUANTITY = 2;
/** the unit price, when revenue is computed from it */
const FIG_PRICE = 3;
const FIG_PROFIT = 4;

export interface PipelineInit {
  encoding?: Encoding;
  /**
   * For a pass over a later byte range of a file (after the header's bytes):
   * the physical line number of the range's first record.
   */
  startLine?: number;
  /** read the header and settle day-first, then stop (rows are not read) */
  probe?: boolean;
  /** rejected rows as bytes, when the sink can take them so (RejectBytesSink) */
  rejectBytes?: RejectBytesSink;
  /** retained anomaly values past which young groups keep only rows above a floor (tests set it low) */
  youngFloorAt?: number;
}

/** decodes cells of the bytes being read */
interface TextSource {
  text(a: number, b: number): string;
  /** the bytes being read (from offset 0) */
  readonly view: DataView;
}

/** slot of the cell b[a, e) (not empty) in a Names byte cache: its length, first, middle and last byte */
function byteSlot(b: Uint8Array, a: number, e: number): number {
  const len = e - a;
  return (
    (len * 1031 + (b[a] as number) * 131 + (b[e - 1] as number) * 17 + (b[a + (len >> 1)] as number)) & 4095
  );
}

/** Name table for one field: raw cell → spelling → grouping key. */
class Names {
  private raw = new Map<string, number>();
  /** spelling id → the raw cell as written */
  private rawOf: string[] = [];
  /** direct-mapped cache in front of the map: (length, first, middle, last char) → spelling id */
  private cache = new Int32Array(4096).fill(-1);
  /** the same for cells read as bytes: (length, first, middle, last byte) → spelling id */
  private byteCache = new Int32Array(4096).fill(-1);
  // The byte forms of the spellings, side by side in one pool: a cached cell
  // is checked against pool[startOf[id], + lengthOf[id]) with no object
  // between the cache and the bytes (a Uint8Array and a DataView per
  // spelling cost four dependent loads a lookup, three lookups a row).
  private pool: Uint8Array = new Uint8Array(1 << 16);
  private poolView = new DataView(this.pool.buffer);
  private poolUsed = 0;
  /** by spelling id: where its bytes start in the pool, and how many (-1: none yet) */
  private startOf: Int32Array = new Int32Array(256);
  private lengthOf: Int32Array = new Int32Array(256).fill(-1);
  // Behind the direct-mapped cache, every byte form by a hash of all its
  // bytes (open addressing, at most half full): codes that share their length
  // and first, middle and last bytes ("SKU 00875 Item") crowd a few cache
  // slots, and each of their rows built the cell's text to find its spelling.
  /** slot → spelling id + 1 (0: empty) */
  private formTable: Int32Array = new Int32Array(1024);
  /** by spelling id: the hash of its byte form */
  private formHash: Int32Array = new Int32Array(256);
  private forms = 0;
  spellingDisplay: string[] = [];
  spellingRows: number[] = [];
  spellingGroup: number[] = [];
  groupKeys: string[] = [];
  private keyToGroup = new Map<string, number>();

  /** spelling id of the cell s[a, b) */
  spelling(s: string, a: number, b: number): number {
    const len = b - a;
    const h =
      (len * 1031 + s.charCodeAt(a) * 131 + s.charCodeAt(b - 1) * 17 + s.charCodeAt(a + (len >> 1))) & 4095;
    const hit = this.cache[h] as number;
    if (hit >= 0) {
      const v = this.rawOf[hit] as string;
      // a native compare: a char loop here was the hottest line of the core
      if (v.length === len && s.startsWith(v, a)) return hit;
    }
    const v = s.slice(a, b);
    let id = this.raw.get(v);
    if (id === undefined) id = this.add(v);
    this.cache[h] = id;
    return id;
  }

  /**
   * spelling id of the unquoted cell b[a, e): a direct-mapped cache of byte
   * copies answers most rows without building the cell's text
   */
  spellingBytes(b: Uint8Array, a: number, e: number, source: TextSource): number {
    const hit = this.cachedSpelling(b, a, e, source.view);
    if (hit >= 0) return hit;
    const known = this.formOf(b, a, e, source.view);
    if (known >= 0) return known;
    const text = source.text(a, e);
    const id = this.spelling(text, 0, text.length);
    // one byte form per spelling: the encoding maps text to bytes one to one
    if (id >= this.lengthOf.length || (this.lengthOf[id] as number) < 0) this.keepBytes(id, b, a, e);
    this.byteCache[byteSlot(b, a, e)] = id;
    return id;
  }

  private keepBytes(id: number, b: Uint8Array, a: number, e: number): void {
    if (id >= this.lengthOf.length) {
      const n = Math.max(this.lengthOf.length * 2, id + 1);
      this.startOf = grow(this.startOf, n);
      this.lengthOf = grow(this.lengthOf, n, -1);
      this.formHash = grow(this.formHash, n);
    }
    this.formHash[id] = hashAsciiBytes(b, a, e);
    if (++this.forms * 2 > this.formTable.length) {
      const old = this.formTable;
      this.formTable = new Int32Array(old.length * 2);
      for (const at of old) if (at !== 0) this.placeForm(at - 1);
    }
    this.placeForm(id);
    const len = e - a;
    if (this.poolUsed + len > this.pool.length) {
      this.pool = grow(this.pool, Math.max(this.pool.length * 2, this.poolUsed + len));
      this.poolView = new DataView(this.pool.buffer);
    }
    this.pool.set(b.subarray(a, e), this.poolUsed);
    this.startOf[id] = this.poolUsed;
    this.lengthOf[id] = len;
    this.poolUsed += len;
  }

  private placeForm(id: number): void {
    const table = this.formTable;
    const mask = table.length - 1;
    let slot = (this.formHash[id] as number) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = id + 1;
  }

  /**
   * The spelling id of the unquoted cell b[a, e) (`view`: b as a DataView)
   * when the byte cache holds it, else -1. Only cells that were not blank
   * ever get there.
   */
  cachedSpelling(b: Uint8Array, a: number, e: number, view: DataView): number {
    const len = e - a;
    if (len === 0) return -1;
    const hit = this.byteCache[byteSlot(b, a, e)] as number;
    // only spellings with a byte form are in the byte cache
    if (hit < 0 || this.lengthOf[hit] !== len) return -1;
    const s = this.startOf[hit] as number;
    // four bytes at a time, then the rest
    const pv = this.poolView;
    let i = 0;
    while (i + 4 <= len && pv.getInt32(s + i, true) === view.getInt32(a + i, true)) i += 4;
    const pool = this.pool;
    while (i < len && pool[s + i] === b[a + i]) i++;
    return i === len ? hit : -1;
  }

  /**
   * The spelling with the bytes of the unquoted, not blank cell b[a, e) that
   * the byte cache missed, from the table of byte forms (filling the cache's
   * slot), else -1. Kept off cachedSpelling, which the row code inlines: there
   * it made the bench file's rows ~3% slower (as did cachedSpelling calling
   * sameBytes instead of its own copy of the compare).
   */
  private formOf(b: Uint8Array, a: number, e: number, view: DataView): number {
    if (this.forms === 0) return -1;
    const len = e - a;
    const h = hashAsciiBytes(b, a, e);
    const table = this.formTable;
    const mask = table.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = (table[at] as number) - 1;
      if (id < 0) return -1;
      if (this.formHash[id] === h && this.sameBytes(id, b, a, len, view)) {
        this.byteCache[byteSlot(b, a, e)] = id;
        return id;
      }
    }
  }

  /** whether spelling id's byte form is b[a, a + len) */
  private sameBytes(id: number, b: Uint8Array, a: number, len: number, view: DataView): boolean {
    if (this.lengthOf[id] !== len) return false;
    const s = this.startOf[id] as number;
    // four bytes at a time, then the rest
    const pv = this.poolView;
    let i = 0;
    while (i + 4 <= len && pv.getInt32(s + i, true) === view.getInt32(a + i, true)) i += 4;
    const pool = this.pool;
    while (i < len && pool[s + i] === b[a + i]) i++;
    return i === len;
  }

  /** spelling id of a whole string */
  spellingOf(v: string): number {
    return this.spelling(v, 0, v.length);
  }

  /** the group of a grouping key, created (with no spellings yet) when new */
  ensureGroup(key: string): number {
    let g = this.keyToGroup.get(key);
    if (g === undefined) {
      g = this.groupKeys.length;
      this.groupKeys.push(key);
      this.keyToGroup.set(key, g);
    }
    return g;
  }

  private add(raw: string): number {
    const display = displayName(raw);
    const g = this.ensureGroup(groupKey(display));
    const id = this.spellingDisplay.length;
    this.spellingDisplay.push(display);
    this.spellingRows.push(0);
    this.spellingGroup.push(g);
    // a flat copy: a slice would pin the whole chunk it came from
    const copy = flat(raw);
    this.raw.set(copy, id);
    this.rawOf.push(copy);
    return id;
  }

  groupState(): KeyGroupState[] {
    const out: KeyGroupState[] = this.groupKeys.map((key) => ({ key, spellings: new Map(), rows: 0 }));
    for (let s = 0; s < this.spellingDisplay.length; s++) {
      const n = this.spellingRows[s] as number;
      if (n === 0) continue;
      const g = out[this.spellingGroup[s] as number] as KeyGroupState;
      const d = this.spellingDisplay[s] as string;
      g.spellings.set(d, (g.spellings.get(d) ?? 0) + n);
      g.rows += n;
    }
    return out;
  }
}

/** what String.prototype.trim removes, and the characters that show nothing (strings.ts: INVISIBLE) */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    (c > 0x1000 &&
      (c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200d) ||
        c === 0x2060 ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

/** the cell s[a, b) is empty after trimming */
function isBlank(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Input is read in pieces of at most this many bytes (plus the carried
 * partial record), so the reused work buffer stays small.
 */
const PIECE = 256 * 1024;

export class Pipeline {
  readonly options: PipelineOptions;
  private readonly sink: RejectSink | undefined;
  private readonly sinkBytes: RejectBytesSink | undefined;
  private decoder: ChunkDecoder;

  // ── input state
  bytesRead = 0;
  /** the work buffer's memory with the special bytes' index (null: a plain buffer, scanned in JavaScript) */
  private special = SpecialBytes.create(PIECE * 2);
  /** reused buffer: bytes carried from the last piece, then the next piece */
  private work: Uint8Array = this.special?.work ?? new Uint8Array(PIECE * 2);
  /** the work buffer as a DataView (names compare four bytes at a time) */
  view: DataView = new DataView(this.work.buffer);
  private carryLen = 0;
  /** the bytes being read: carry + piece (a plain Uint8Array: a Buffer reads slower per byte) */
  private buf: Uint8Array = new Uint8Array(0);
  /** the same bytes as a Buffer, for decoding */
  private bufB: Buffer = Buffer.alloc(0);
  private pos = 0;
  private bomChecked = false;
  /** file offset of the work buffer's first byte */
  private base = 0;
  /** file offset just after the header (-1 until it was read) */
  headerEnd = -1;
  private readonly startLine: number;
  private readonly probeOnly: boolean;
  /** physical line number of the record starting at pos */
  private line = 1;
  private nulChecked = 0;
  private ended = false;
  private mode = MODE_PROCESS;
  private skipRestOfLine = false;
  /** the greatest byte the line scanner stops at (the delimiter, `"`, CR, LF) */
  private specialTop = QUOTE;

  // ── header
  private headerDone = false;
  /** the delimiter an Excel `sep=` line above the header declared, once the pass read past that line */
  private sepDelimiter: string | null = null;
  headers: string[] = [];
  delimiter = ",";
  private delimCode = 44;
  private headerCount = 0;
  private mapping: Record<string, string> = {};
  private cDate = -1;
  private cProduct = -1;
  private cQty = -1;
  private cPrice = -1;
  /** unit_price column even when revenue is mapped (shown in anomalies) */
  private cPriceAny = -1;
  private cDisc = -1;
  private cRev = -1;
  private cProfit = -1;
  private cRegion = -1;
  private cCat = -1;
  private cOrder = -1;

  // ── day-first decision
  private dayFirst: boolean;
  private dayFirstDecided: boolean;
  private vote = new DayFirstVote();
  private observed = 0;

  // ── fields of the current record: byte ranges, or text for quoted fields
  private fs: Int32Array = new Int32Array(64);
  private fe: Int32Array = new Int32Array(64);
  private fq: (string | null)[] = [];
  private anyQuoted = false;
  private nf = 0;
  /** fields splitLine left with their doubled quotes in (unescapeLine takes them out) */
  private escFields: Int32Array = new Int32Array(8);
  private nEsc = 0;
  /** the line unescapeLine changed, as it was in the file (reject() writes it), and its number */
  private lineCopy: Uint8Array = new Uint8Array(256);
  private lineCopyLen = 0;
  private copiedLine = -1;
  private recLines = 0;
  private recContentEnd = 0;
  // the cell selected by sel(), as text
  private cs = "";
  private ca = 0;
  private cb = 0;

  // ── counts
  rowsRead = 0;
  rowsValid = 0;
  rowsRejected = 0;
  /** by REASON_INDEX */
  private rejected = new Float64Array(REJECT_REASONS.length);
  /** by REPAIR_INDEX */
  private repairs = new Float64Array(REPAIR_CODES.length);
  private dateMin = Number.POSITIVE_INFINITY;
  private dateMax = Number.NEGATIVE_INFINITY;

  // ── names
  private products = new Names();
  private regions = new Names();
  private categories = new Names();
  private unknownRegion = -1;
  private uncategorized = -1;

  // ── rollup cells: (product group, region group, category group, month)
  // Room for 8,192 cells from the start (~1 MB, most of it untouched on small
  // files): a table that grows while V8 compiles the row code makes it throw
  // that compile away, and sales files reach thousands of cells in their first
  // rows.
  /** open addressing: hash of a cell's key → cell + 1 (0 = empty) */
  private cellTable: Int32Array = new Int32Array(INITIAL_CELLS * 2);
  private nCells = 0;
  /** by cell: its key (product, region, category, month id) side by side */
  private cellKeys: Int32Array = new Int32Array(INITIAL_CELLS * 4);
  /** by cell: its CELL_WIDTH figures (state.ts) */
  private cellSums: Float64Array = new Float64Array(INITIAL_CELLS * CELL_WIDTH);
  /** month key (year × 12 + month − 1, years 1–9999) → month id + 1 (0: not seen yet) */
  private monthSlots = new Int32Array(MONTH_KEYS);
  private monthKeys: number[] = [];

  // ── distinct orders
  private orderIds = new OrderIds();

  // ── anomalies
  private readonly productAliases: Map<string, string>;
  /** product key group → the key group its anomaly statistics go to */
  private anomalyOf: number[] = [];
  private anomalyGroups: AnomalyGroupState[] = []; // by product key group
  /** the rows kept for the anomaly list (candidates.ts) */
  private cands = new CandidatePool();
  /** by product key group: its best rows by revenue and by discount (slots of cands) */
  private byRev: number[][] = [];
  private byDisc: number[][] = [];
  /** by product key group: the least value a row needs to enter byRev / byDisc */
  private revBar: number[] = [];
  private discBar: number[] = [];
  /** retained values over all groups */
  private retained = 0;
  /** retained values past which raiseYoungFloor() runs (again) */
  private floorAt: number;
  /** the threshold of groups too young for a fence of their own */
  private youngFloor = 0;
  private candOverflow = false;
  /** the anomaly rows found by a second pass */
  private cand: Candidate[] = [];
  private rescanCount = 0;
  /**
   * The current row's figures (FIG_*) for the functions row() calls: in a
   * typed array, a double passed as an argument or kept in a field is a new
   * heap number each time (~20 MB of garbage a million rows).
   */
  private fig = new Float64Array(5);

  // ── end of pass
  private state: AggregateState | null = null;
  private fences: Fences | null = null;
  /** the state's anomaly groups have no `top` yet: their candidates are still in cands (end()) */
  private topsPending = false;
  private started = Date.now();
  private passMs = 0;
  private encodingUsed: Encoding = "utf-8";

  constructor(options: PipelineOptions, sink?: RejectSink, init: PipelineInit = {}) {
    this.options = options;
    this.sink = sink;
    this.sinkBytes = init.rejectBytes;
    this.decoder = new ChunkDecoder(init.encoding);
    this.productAliases = aliasMap("product", options.aliases);
    this.dayFirst = options.dayFirst ?? false;
    this.dayFirstDecided = options.dayFirst !== undefined;
    this.startLine = init.startLine ?? 0;
    this.probeOnly = init.probe === true;
    this.floorAt = init.youngFloorAt ?? YOUNG_FLOOR_AT;
    this.setDelimiter(",");
  }

  get encoding(): Encoding {
    return this.decoder.detected;
  }

  /** the encoding the bytes so far settled (null: ASCII only, which reads the same in both) */
  get encodingSeen(): Encoding | null {
    return this.decoder.encoding;
  }

  /** day-first as decided (or given); null while undecided */
  get dayFirstDecision(): boolean | null {
    return this.dayFirstDecided ? this.dayFirst : null;
  }

  /** a probe (init.probe) has been given the whole file: settle the header and day-first from what it holds */
  endProbe(): void {
    if (!this.probeOnly) throw new Error("endProbe() is for probes");
    this.feed(this.carryLen, true);
  }

  /** every byte pushed so far was read as whole records (none carried, nothing skipped) */
  get atRecordBoundary(): boolean {
    return this.carryLen === 0 && !this.skipRestOfLine;
  }

  /** role → header as mapped (after the header was read) */
  get mappingUsed(): Record<string, string> {
    return this.mapping;
  }

  // ───────────────────────────── input

  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error("push() after end()");
    for (let off = 0; off < chunk.length; off += PIECE) {
      const piece = chunk.subarray(off, Math.min(off + PIECE, chunk.length));
      this.room(piece.length).set(piece);
      this.took(piece.length);
    }
  }

  /**
   * Reads the next bytes straight into the work buffer, after the carried
   * ones (no copy through a chunk): `read(target)` fills target from its
   * start and returns how many bytes it put there, 0 at the end. Returns that
   * count.
   */
  pushFrom(read: (target: Uint8Array) => number): number {
    if (this.ended) throw new Error("pushFrom() after end()");
    const n = read(this.room(PIECE));
    if (n > 0) this.took(n);
    return n;
  }

  /** the work buffer's free space after the carry, at least `n` bytes of it */
  private room(n: number): Uint8Array {
    const need = this.carryLen + n;
    if (need > this.work.length) {
      const size = Math.max(need, this.work.length * 2);
      const grown = this.special?.grow(size, this.carryLen) ?? null;
      if (grown !== null) this.work = grown;
      else {
        // a plain buffer (no WebAssembly memory that large): scanned in JavaScript from now on
        this.special = null;
        const plain = new Uint8Array(size);
        plain.set(this.work.subarray(0, this.carryLen));
        this.work = plain;
      }
      this.view = new DataView(this.work.buffer);
    }
    return this.work.subarray(this.carryLen, need);
  }

  /** n bytes were put after the carry: check and read them */
  private took(n: number): void {
    this.checkNul(this.work.subarray(this.carryLen, this.carryLen + n));
    this.bytesRead += n;
    this.feed(this.carryLen + n, false);
  }

  private checkNul(chunk: Uint8Array): void {
    if (this.nulChecked >= NUL_WINDOW || this.mode === MODE_RESCAN) return;
    const n = Math.min(chunk.length, NUL_WINDOW - this.nulChecked);
    const at = chunk.subarray(0, n).indexOf(0);
    if (at >= 0) {
      // the first bytes of the file are at the chunk's start while nulChecked is 0
      const head = this.nulChecked === 0 ? chunk : new Uint8Array(0);
      throw new PipelineError("not_text", notTextMessage(head, this.nulChecked + at));
    }
    this.nulChecked += n;
  }

  /** reads the first n bytes of the work buffer; carries what is left to its front */
  private feed(n: number, final: boolean): void {
    const bytes = this.work.subarray(0, n);
    this.decoder.check(bytes, final);
    this.buf = bytes;
    this.bufB = Buffer.from(bytes.buffer, bytes.byteOffset, n);
    this.base = this.bytesRead - n;
    this.pos = 0;
    if (!this.bomChecked && n >= 3) {
      this.bomChecked = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.pos = 3;
    }
    this.process(final);
    this.carryLen = final ? 0 : n - this.pos;
    if (this.carryLen > 0) this.work.copyWithin(0, this.pos, n);
  }

  /** the text of buf[a, b) */
  text(a: number, b: number): string {
    return this.decoder.text(this.bufB, a, b);
  }

  private process(final: boolean): void {
    if (!this.headerDone && !this.readHeader(final)) return;
    if (!this.dayFirstDecided) {
      // a cheap pre-check (line breaks), then the observe scan's row count decides
      const capped = !final && this.buf.length - this.pos >= DAY_FIRST_SAMPLE_BYTES;
      if (!final && !capped && !this.sampleComplete()) return;
      if (!this.decideDayFirst(final, capped)) return;
    }
    if (this.probeOnly) return;
    this.scan(final);
  }

  /**
   * Ends the pass. Returns true when the anomaly list needs a second pass over
   * the same bytes (beginRescan, push, end); result() is ready otherwise.
   */
  end(): boolean {
    this.feed(this.carryLen, true);
    this.ended = true;
    if (this.mode === MODE_RESCAN) {
      // the duration covers both passes
      this.passMs = Date.now() - this.started;
      return false;
    }
    // the candidates stay in the pool: result() builds only those that can make the list
    this.closePass(false);
    this.fences = computeFences(this.state as AggregateState, this.options);
    return !this.fences.candidatesComplete;
  }

  /**
   * Ends a pass over a byte range whose state is merged with others' (parallel.ts):
   * end() without the fences, which only the merged state can give.
   */
  endRange(): AggregateState {
    this.feed(this.carryLen, true);
    this.ended = true;
    this.closePass();
    return this.state as AggregateState;
  }

  /** `withTop`: each anomaly group's candidates built as Candidate objects now (else topsPending) */
  private closePass(withTop = true): void {
    if (!this.headerDone) {
      throw new PipelineError(
        "no_header",
        this.sepDelimiter === null ? "The file is empty: no header line was found." : SEP_WITHOUT_HEADER,
      );
    }
    if (this.rowsRead === 0) throw noDataError(this.headers);
    this.passMs = Date.now() - this.started;
    this.encodingUsed = this.decoder.detected;
    this.state = this.collectState(withTop);
    this.topsPending = !withTop;
  }

  // ───────────────────────────── header and day-first sample

  private setDelimiter(d: string): void {
    this.delimiter = d;
    this.delimCode = d.charCodeAt(0);
    this.specialTop = Math.max(LF, CR, QUOTE, this.delimCode);
  }

  private readHeader(final: boolean): boolean {
    const t = this.buf;
    const len = t.length;
    // skip blank lines before the header
    let p = this.pos;
    for (;;) {
      let q = p;
      while (q < len && (t[q] === 32 || t[q] === 9)) q++;
      if (q >= len) {
        this.pos = p;
        return false;
      }
      const c = t[q];
      if (c === LF) p = q + 1;
      else if (c === CR) {
        if (q + 1 >= len && !final) {
          this.pos = p;
          return false;
        }
        p = t[q + 1] === LF ? q + 2 : q + 1;
      } else break;
      this.line++;
    }
    // the delimiter comes from the first physical line of the header
    const lineEnd = lineEndOf(t, p);
    if (lineEnd >= len && !final) {
      this.pos = p;
      if (len - p > MAX_RECORD_CHARS) {
        throw new PipelineError(
          "no_header",
          "The first line is longer than 4 MiB: this does not look like a CSV header.",
        );
      }
      return false;
    }
    const first = this.text(p, lineEnd);
    if (this.sepDelimiter === null) {
      // an Excel `sep=;` line above the header: its delimiter, and the header on the next non-blank line
      const declared = declaredDelimiter(first);
      if (declared !== null) {
        const next = skipLineBreak(t, lineEnd);
        if (next < 0 || (next === len && t[len - 1] === CR && !final)) {
          this.pos = p;
          if (final) throw new PipelineError("no_header", SEP_WITHOUT_HEADER);
          return false;
        }
        this.sepDelimiter = declared;
        this.line++;
        this.pos = next;
        return this.readHeader(final);
      }
    }
    this.setDelimiter(this.sepDelimiter ?? detectDelimiter(first));
    const end = this.parseGeneral(p, final);
    if (end < 0) {
      if (final) throw new PipelineError("no_header", "The header line has an unterminated quote.");
      this.pos = p;
      return false;
    }
    const headers: string[] = [];
    for (let i = 0; i < this.nf; i++) {
      this.sel(i);
      headers.push(this.cs.trim());
    }
    while (headers.length > 1 && headers[headers.length - 1] === "") headers.pop();
    this.headerDone = true;
    this.line += this.recLines;
    this.pos = end;
    if (this.mode === MODE_RESCAN) return true;
    this.headers = headers;
    this.headerCount = headers.length;
    this.applyMapping();
    this.headerEnd = this.base + end;
    if (this.startLine > 0) this.line = this.startLine;
    return true;
  }

  private applyMapping(): void {
    const m = mapColumns(this.headers, this.options.mapping);
    if (m.unknown.length > 0) {
      const absent = m.unknown.filter((u) => u.takenBy === undefined);
      const twice = m.unknown.filter((u) => u.takenBy !== undefined);
      const problems: string[] = [];
      if (absent.length > 0)
        problems.push(
          `The mapping names columns that are not in the file: ${absent.map((u) => `${u.role} → "${u.header}"`).join(", ")}.`,
        );
      if (twice.length > 0)
        problems.push(
          `The mapping gives one column two roles (a column serves one role only): ${twice.map((u) => `${u.role} → "${u.header}", already ${u.takenBy}`).join("; ")}.`,
        );
      if (m.missing.length > 0) problems.push(`Required columns are missing: ${m.missing.join(", ")}.`);
      throw new PipelineError(
        "bad_mapping",
        `${problems.join(" ")} Headers found: ${this.headers.join(", ")}.`,
        { headers: this.headers, unknown: m.unknown, missing: m.missing },
      );
    }
    if (m.missing.length > 0) {
      throw new PipelineError(
        "missing_roles",
        `Required columns are missing: ${m.missing.join(", ")}. Headers found: ${this.headers.join(", ")}. ${this.laterHeaderHint() ?? "Map them explicitly if they are there under another name."}`,
        { headers: this.headers, missing: m.missing },
      );
    }
    this.mapping = m.mapping as Record<string, string>;
    const c = m.columns;
    this.cDate = c.sale_date ?? -1;
    this.cProduct = c.product ?? -1;
    this.cQty = c.quantity ?? -1;
    this.cRev = c.revenue ?? -1;
    this.cPrice = this.cRev >= 0 ? -1 : (c.unit_price ?? -1);
    this.cPriceAny = c.unit_price ?? -1;
    this.cDisc = c.discount ?? -1;
    this.cProfit = c.profit ?? -1;
    this.cRegion = c.region ?? -1;
    this.cCat = c.category ?? -1;
    this.cOrder = c.order_id ?? -1;
  }

  /**
   * When one of the next 20 lines (in the bytes at hand) would be a header
   * that maps every required role: which line, and what to do about it.
   */
  private laterHeaderHint(): string | null {
    const text = this.text(this.pos, Math.min(this.buf.length, this.pos + 64 * 1024));
    const found = laterHeader(text.split(/\r\n|\r|\n/).slice(0, 20));
    if (found === null) return null;
    return `${laterHeaderAdvice(this.line + found.index, found.headers)} and try again.`;
  }

  /** enough bytes to decide day-first from the first 10,000 data rows? */
  private sampleComplete(): boolean {
    const t = this.bufB;
    let count = 0;
    let i = this.pos - 1;
    for (;;) {
      i = t.indexOf(LF, i + 1);
      if (i < 0) {
        // lone-CR files: count CRs instead
        if (count === 0) {
          let j = this.pos - 1;
          for (;;) {
            j = t.indexOf(CR, j + 1);
            if (j < 0) return false;
            if (++count > DAY_FIRST_SAMPLE + 1) return true;
          }
        }
        return false;
      }
      if (++count > DAY_FIRST_SAMPLE + 1) return true;
    }
  }

  /**
   * Observes the first 10,000 data rows, or (`capped`) those that end within
   * the first DAY_FIRST_SAMPLE_BYTES after the header; false when the bytes
   * hold fewer and more may come.
   */
  private decideDayFirst(final: boolean, capped: boolean): boolean {
    const savePos = this.pos;
    const saveLine = this.line;
    const all = this.buf;
    // No `N/N/YYYY` anywhere in the sample's bytes: no row can vote, and the
    // answer is month-first without reading the rows one by one (when the
    // bytes surely hold the whole sample).
    const sampleEnd = capped ? savePos + DAY_FIRST_SAMPLE_BYTES : all.length;
    if (
      !mayHoldSlashDate(all, savePos, sampleEnd) &&
      (final || capped || recordsAtLeast(all, savePos, sampleEnd, DAY_FIRST_SAMPLE, this.delimCode))
    ) {
      this.dayFirst = false;
      this.dayFirstDecided = true;
      return true;
    }
    if (capped) this.buf = all.subarray(0, this.pos + DAY_FIRST_SAMPLE_BYTES);
    this.vote = new DayFirstVote();
    this.observed = 0;
    this.mode = MODE_OBSERVE;
    this.scan(final);
    this.mode = MODE_PROCESS;
    this.buf = all;
    this.pos = savePos;
    this.line = saveLine;
    this.skipRestOfLine = false;
    if (!final && !capped && this.observed < DAY_FIRST_SAMPLE) return false;
    this.dayFirst = this.vote.dayFirst;
    this.dayFirstDecided = true;
    return true;
  }

  // ───────────────────────────── records

  /** splits the bytes into records from pos and hands each to record() */
  private scan(final: boolean): void {
    const t = this.buf;
    const len = t.length;
    let p = this.pos;
    // where the delimiters, quotes and line breaks are from p on (the work
    // buffer is the index's memory from its first byte)
    const special = this.special;
    const at =
      special !== null && p < len && t.buffer === special.work.buffer
        ? special.index(p, len, this.delimCode)
        : null;
    let k = 0;
    while (p < len) {
      if (this.mode === MODE_OBSERVE && this.observed >= DAY_FIRST_SAMPLE) break;
      // fast path: a line without quotes or lone CRs, split from the index or while it is scanned
      let i =
        at !== null
          ? splitIndexed(t, at, k, p, len, this.delimCode, this.fs, this.fe)
          : splitPlain(t, p, len, this.delimCode, this.specialTop, this.fs, this.fe);
      let escaped = 0;
      k = plainOut.next;
      // doubled quotes are not taken out while the day-first sample reads bytes it reads again
      if (i >= 0 && at !== null && plainOut.escaped !== 0 && this.mode === MODE_OBSERVE) i = -1;
      if (i >= 0) {
        this.nf = plainOut.fields;
        if (at !== null && plainOut.escaped !== 0) escaped = this.listEscaped(plainOut.escaped);
      } else {
        i = this.splitLine(p);
        escaped = this.nEsc;
      }
      const c = i < len ? (t[i] as number) : -1;
      let next = -1;
      if (c === LF) next = i + 1;
      else if (c === CR && i + 1 < len && t[i + 1] === LF) next = i + 2;
      if (next > 0) {
        if (next - p > MAX_RECORD_CHARS) {
          // as long a line is rejected whether or not its end is in the buffer yet
          p = this.rejectLine(p, true);
          continue;
        }
        if (this.nf === 1 && this.blankLineAt(p)) {
          p = next;
          this.line++;
          continue;
        }
        if (escaped !== 0) this.unescapeLine(p, i);
        this.anyQuoted = false;
        this.record(p, i);
        this.line++;
        p = next;
        continue;
      }
      // everything else goes through the state machine: quotes, lone CRs, the last line
      const lineStart = p;
      if (this.blankLineAt(p)) {
        const e = skipLineBreak(t, p);
        if (e < 0 || (e === len && t[len - 1] === CR && !final)) {
          if (!final) break;
          p = len;
          continue;
        }
        p = e;
        this.line++;
        continue;
      }
      const end = this.parseGeneral(lineStart, final);
      if (end === -1) {
        // incomplete: wait for more bytes unless the record is absurdly long
        if (len - lineStart > MAX_RECORD_CHARS) {
          p = this.rejectLine(lineStart, true);
          continue;
        }
        break;
      }
      if (end === -2) {
        // unterminated quote at the end of the input: reject its first line, go on after it
        p = this.rejectLine(lineStart, false);
        continue;
      }
      if (end - lineStart > MAX_RECORD_CHARS) {
        p = this.rejectLine(lineStart, true);
        continue;
      }
      p = end;
      this.record(lineStart, this.recContentEnd);
      this.line += this.recLines;
    }
    this.pos = p;
  }

  /**
   * The line scanner's second try, for lines splitPlain hands back (a quote,
   * more fields than fs holds, the end of the bytes): splits the line at p at
   * delimiters, up to its first LF or CR (or the end of the bytes), and
   * returns that position; the fields so far are in fs/fe and nf. Quoted
   * fields with no line break inside are split here too, their bytes between
   * the quotes; those with doubled quotes are listed in escFields for
   * unescapeLine. At any other quote it stops there (the record goes to
   * parseGeneral). (A tenth of the bench file's rows are quoted, 4% with
   * doubled quotes: parseGeneral's text for them cost ~50 ms of its 1M rows.)
   */
  private splitLine(p: number): number {
    const t = this.buf;
    const len = t.length;
    const top = this.specialTop;
    let fs = this.fs;
    let fe = this.fe;
    let f = 0;
    let s = p;
    let i = p;
    const d = this.delimCode;
    // the last field's bounds when it was quoted
    let lastS = -1;
    let lastE = -1;
    this.nEsc = 0;
    for (; i < len; i++) {
      let c = t[i] as number;
      // most bytes are above every special byte (the delimiter, `"`, CR, LF)
      if (c > top) continue;
      let fieldS = s;
      let fieldE = i;
      if (c === QUOTE) {
        // a quoted field with no quote or line break inside: the bytes between the quotes
        if (i !== s) break;
        let j = i + 1;
        while (j < len && (c = t[j] as number) !== QUOTE && c !== LF && c !== CR) j++;
        if (j + 1 >= len || c !== QUOTE) break;
        c = t[j + 1] as number;
        if (c === QUOTE) {
          // doubled quotes (not while the day-first sample reads the bytes it reads again)
          if (this.mode === MODE_OBSERVE) break;
          j = closingQuote(t, j + 2, len);
          if (j < 0) break;
          c = t[j + 1] as number;
          if (c !== d && c !== LF && c !== CR) break;
          if (this.nEsc === this.escFields.length) this.escFields = grow(this.escFields, this.nEsc * 2);
          this.escFields[this.nEsc++] = f;
        }
        if (c === d) {
          fieldS = i + 1;
          fieldE = j;
          i = j + 1;
        } else if (c === LF || c === CR) {
          lastS = i + 1;
          lastE = j;
          i = j + 1;
          break;
        } else break;
      } else if (c !== d) {
        if (c === LF || c === CR) break;
        continue;
      }
      if (f >= fs.length - 1) {
        this.growFields();
        fs = this.fs;
        fe = this.fe;
      }
      fs[f] = fieldS;
      fe[f] = fieldE;
      f++;
      s = i + 1;
    }
    if (lastS >= 0) {
      fs[f] = lastS;
      fe[f] = lastE;
    } else {
      fs[f] = s;
      fe[f] = i;
    }
    this.nf = f + 1;
    return i;
  }

  /** the fields of a bit mask (splitIndexed's) in escFields, for unescapeLine; returns how many */
  private listEscaped(mask: number): number {
    this.nEsc = 0;
    for (let m = mask; m !== 0; m &= m - 1) {
      if (this.nEsc === this.escFields.length) this.escFields = grow(this.escFields, this.nEsc * 2);
      this.escFields[this.nEsc++] = 31 - Math.clz32(m & -m);
    }
    return this.nEsc;
  }

  /**
   * Takes the doubled quotes out of the fields splitLine or splitIndexed
   * marked, in the work buffer (the line at p, up to e, is read once more
   * only if it is rejected: a copy keeps it as it was).
   */
  private unescapeLine(p: number, e: number): void {
    const t = this.buf;
    const n = e - p;
    if (this.lineCopy.length < n) this.lineCopy = new Uint8Array(Math.max(n, this.lineCopy.length * 2));
    // a loop, not set(subarray): no view object for each such line
    const copy = this.lineCopy;
    for (let k = 0; k < n; k++) copy[k] = t[p + k] as number;
    this.lineCopyLen = n;
    this.copiedLine = this.line;
    for (let k = 0; k < this.nEsc; k++) {
      const f = this.escFields[k] as number;
      const b = this.fe[f] as number;
      let w = this.fs[f] as number;
      for (let r = w; r < b; r++) {
        const c = t[r] as number;
        t[w++] = c;
        if (c === QUOTE) r++;
      }
      this.fe[f] = w;
    }
    this.nEsc = 0;
  }

  private growFields(): void {
    const n = this.fs.length * 2;
    this.fs = grow(this.fs, n);
    this.fe = grow(this.fe, n);
  }

  /**
   * RFC 4180 record at p. Fills the field arrays; returns the position after
   * the record's line break, -1 when the bytes end first (more may come), -2
   * when the input ends inside quotes. Sets recLines (line breaks consumed,
   * the terminator included) and recContentEnd.
   */
  private parseGeneral(p: number, final: boolean): number {
    const t = this.buf;
    const len = t.length;
    const dc = this.delimCode;
    let f = 0;
    let lines = 0;
    let anyQuoted = false;
    let i = p;
    for (;;) {
      if (f >= this.fs.length - 1) this.growFields();
      if (i < len && t[i] === QUOTE) {
        // the closing quote, past doubled quotes
        let j = i + 1;
        let doubled = false;
        for (;;) {
          while (j < len && t[j] !== QUOTE) j++;
          if (j >= len) return final ? -2 : -1;
          if (j + 1 >= len && !final) return -1;
          if (t[j + 1] !== QUOTE) break;
          doubled = true;
          j += 2;
        }
        lines += countBreaks(t, i + 1, j);
        // text after the closing quote up to the delimiter is kept as written
        let k = j + 1;
        while (k < len) {
          const c = t[k];
          if (c === dc || c === LF || c === CR) break;
          k++;
        }
        if (k >= len && !final) return -1;
        if (!doubled && k === j + 1) {
          // the common case: the field is the bytes between the quotes
          this.fq[f] = null;
          this.fs[f] = i + 1;
          this.fe[f] = j;
        } else {
          let value = this.text(i + 1, j);
          if (doubled) value = value.replaceAll('""', '"');
          if (k > j + 1) value += this.text(j + 1, k);
          this.fq[f] = value;
          this.fs[f] = 0;
          this.fe[f] = value.length;
          anyQuoted = true;
        }
        f++;
        i = k;
      } else {
        let k = i;
        while (k < len) {
          const c = t[k];
          if (c === dc || c === LF || c === CR) break;
          k++;
        }
        if (k >= len && !final) return -1;
        this.fq[f] = null;
        this.fs[f] = i;
        this.fe[f] = k;
        f++;
        i = k;
      }
      if (i >= len) {
        this.nf = f;
        this.anyQuoted = anyQuoted;
        this.recLines = lines + 1;
        this.recContentEnd = len;
        return len;
      }
      const c = t[i];
      if (c === dc) {
        i++;
        continue;
      }
      this.nf = f;
      this.anyQuoted = anyQuoted;
      this.recContentEnd = i;
      this.recLines = lines + 1;
      if (c === CR) {
        if (i + 1 >= len && !final) return -1;
        return t[i + 1] === LF ? i + 2 : i + 1;
      }
      return i + 1;
    }
  }

  /**
   * Rejects the physical line at p as field_count and returns where reading
   * goes on: after that line. A line over the length limit (`tooLong`) keeps
   * its first MAX_RAW_CHARS bytes, cut at a character boundary and at the same
   * place however much of the line the buffer holds; when its end is not in
   * the buffer yet, the rest is dropped as it comes.
   */
  private rejectLine(p: number, tooLong: boolean): number {
    const t = this.buf;
    const e = lineEndOf(t, p);
    this.countRow();
    if (!tooLong) this.reject("field_count", p, e);
    else {
      let cut = Math.min(e, p + MAX_RAW_CHARS);
      if (this.decoder.encoding === "utf-8") while (cut > p && ((t[cut] as number) & 0xc0) === 0x80) cut--;
      this.reject("field_count", p, cut, cut < e ? LONG_RECORD_NOTE : LONG_RECORD_LINE_NOTE);
      if (e >= t.length) {
        this.skipRestOfLine = true;
        return t.length;
      }
    }
    this.line++;
    const next = skipLineBreak(t, e);
    return next < 0 ? t.length : next;
  }

  /**
   * The line at p holds only spaces (and tabs, unless tab is the delimiter:
   * then they separate empty fields); looks no further than its first other byte.
   */
  private blankLineAt(p: number): boolean {
    const t = this.buf;
    const tabIsBlank = this.delimCode !== 9;
    let i = p;
    while (i < t.length && (t[i] === 32 || (t[i] === 9 && tabIsBlank))) i++;
    return i >= t.length || t[i] === LF || t[i] === CR;
  }

  // ───────────────────────────── rows

  /** selects field i as text in (cs, ca, cb) */
  private sel(i: number): void {
    if (this.anyQuoted) {
      const q = this.fq[i];
      if (q !== null && q !== undefined) {
        this.cs = q;
        this.ca = 0;
        this.cb = q.length;
        return;
      }
    }
    const s = this.text(this.fs[i] as number, this.fe[i] as number);
    this.cs = s;
    this.ca = 0;
    this.cb = s.length;
  }

  /** field i is a byte range of buf (not a quoted field's text) */
  private isRaw(i: number): boolean {
    if (!this.anyQuoted) return true;
    const q = this.fq[i];
    return q === null || q === undefined;
  }

  private dateOf(i: number): number {
    if (this.isRaw(i)) {
      const d = dateAt(this.buf, this.fs[i] as number, this.fe[i] as number, this.dayFirst);
      if (d !== SLOW) return d;
    }
    this.sel(i);
    return parseDate(this.cs, this.ca, this.cb, this.dayFirst);
  }

  /** reads field i as a number of the given kind (NUM_* code, value in numOut) */
  private numberOf(i: number, kind: number): number {
    const raw = this.isRaw(i);
    if (raw) {
      const t = this.buf;
      const a = this.fs[i] as number;
      const e = this.fe[i] as number;
      const r =
        kind === KIND_MONEY
          ? moneyAt(t, a, e)
          : kind === KIND_QUANTITY
            ? quantityAt(t, a, e)
            : discountAt(t, a, e);
      if (r !== SLOW) return r;
    }
    this.sel(i);
    if (kind === KIND_QUANTITY) return readQuantity(this.cs, this.ca, this.cb);
    if (kind === KIND_MONEY) return readMoney(this.cs, this.ca, this.cb);
    return readDiscount(this.cs, this.ca, this.cb);
  }

  private isBlankField(i: number): boolean {
    if (this.isRaw(i)) {
      const r = blankAt(this.buf, this.fs[i] as number, this.fe[i] as number);
      if (r !== SLOW) return r === 1;
    }
    this.sel(i);
    return isBlank(this.cs, this.ca, this.cb);
  }

  private spellingOf(names: Names, i: number): number {
    if (this.isRaw(i)) return names.spellingBytes(this.buf, this.fs[i] as number, this.fe[i] as number, this);
    const q = this.fq[i] as string;
    return names.spelling(q, 0, q.length);
  }

  /** the spelling id of field i when the names' byte cache knows it (so it is not blank), else -1 */
  private cachedSpellingOf(names: Names, i: number): number {
    if (!this.isRaw(i)) return -1;
    return names.cachedSpelling(this.buf, this.fs[i] as number, this.fe[i] as number, this.view);
  }

  private countRow(): void {
    if (this.mode === MODE_PROCESS) this.rowsRead++;
  }

  private record(start: number, end: number): void {
    if (this.skipRestOfLine) {
      // the tail of an over-long line that was already rejected
      this.skipRestOfLine = false;
      return;
    }
    if (this.mode === MODE_OBSERVE) {
      this.observed++;
      // only a cell with a `/` can vote (slashParts): the others are not decoded
      if (this.cDate < this.nf && this.mayHaveSlash(this.cDate)) {
        this.sel(this.cDate);
        this.vote.observe(slashParts(this.cs, this.ca, this.cb));
      }
      return;
    }
    this.row(start, end);
  }

  /** field i is text (a quoted field with doubled quotes), or bytes with a `/` or a full-width `／` */
  private mayHaveSlash(i: number): boolean {
    if (!this.isRaw(i)) return true;
    const t = this.buf;
    const e = this.fe[i] as number;
    for (let k = this.fs[i] as number; k < e; k++) if (t[k] === 47 || isFullWidthSlashAt(t, k)) return true;
    return false;
  }

  private reject(reason: RejectReason, start: number, end: number, note = ""): void {
    // the day-first sample and the anomaly second pass see rows the main pass counts
    if (this.mode !== MODE_PROCESS) return;
    this.rowsRejected++;
    const r = REASON_INDEX[reason];
    this.rejected[r] = (this.rejected[r] as number) + 1;
    // the line as the file has it, also when unescapeLine changed its bytes
    let bytes = this.buf;
    if (this.copiedLine === this.line) {
      bytes = this.lineCopy.subarray(0, this.lineCopyLen);
      end -= start;
      start = 0;
    }
    // UTF-8 (or ASCII so far) bytes are the raw text as is; as many bytes are at least as many characters
    if (
      this.sinkBytes !== undefined &&
      note === "" &&
      end - start <= MAX_RAW_CHARS &&
      this.decoder.encoding !== "windows-1252" &&
      this.sinkBytes(this.line, reason, bytes, start, end)
    )
      return;
    if (this.sink) {
      const t =
        bytes === this.buf
          ? this.text(start, end)
          : this.decoder.text(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), start, end);
      const raw =
        note !== ""
          ? `${t}${note}`
          : t.length > MAX_RAW_CHARS
            ? `${t.slice(0, MAX_RAW_CHARS)}…[${t.length - MAX_RAW_CHARS} more characters]`
            : t;
      this.sink(this.line, reason, raw);
    }
  }

  private row(start: number, end: number): void {
    this.countRow();
    const nf = this.nf;
    const hc = this.headerCount;
    if (nf !== hc) {
      // one extra trailing empty field (a trailing delimiter) is tolerated
      let ok = false;
      if (nf === hc + 1) {
        if (this.isRaw(nf - 1)) ok = this.fs[nf - 1] === this.fe[nf - 1];
        else ok = (this.fq[nf - 1] as string).length === 0;
      }
      if (!ok) {
        this.reject("field_count", start, end);
        return;
      }
    }

    // the second pass reads on only in rows of the products it collects for
    if (this.mode === MODE_RESCAN && this.rescanSkips()) return;

    // 2. date
    const date = this.dateOf(this.cDate);
    if (date < 0) {
      this.reject(date === DATE_EMPTY ? "missing_date" : "invalid_date", start, end);
      return;
    }

    // 3. product (a spelling the cache knows is not blank)
    let pSpell = this.cachedSpellingOf(this.products, this.cProduct);
    if (pSpell < 0 && this.isBlankField(this.cProduct)) {
      this.reject("missing_product", start, end);
      return;
    }

    // 4. quantity
    const qCode = this.numberOf(this.cQty, KIND_QUANTITY);
    if (qCode === NUM_EMPTY) {
      this.reject("missing_quantity", start, end);
      return;
    }
    if (qCode === NUM_INVALID) {
      this.reject("invalid_quantity", start, end);
      return;
    }
    const qty = numValue();
    if (!(qty > 0)) {
      this.reject("non_positive_quantity", start, end);
      return;
    }

    // 5. unit price (only when revenue is computed from it)
    let price = 0;
    let pCode = NUM_OK;
    if (this.cPrice >= 0) {
      pCode = this.amountOf(this.cPrice, "missing_price", "invalid_price", "negative_price", start, end);
      if (pCode < 0) return;
      price = numValue();
      this.fig[FIG_PRICE] = price;
    }

    // 6. discount
    let disc = 0;
    let dCode = NUM_OK;
    if (this.cDisc >= 0) {
      dCode = this.numberOf(this.cDisc, KIND_DISCOUNT);
      if (dCode === NUM_INVALID) {
        this.reject("invalid_discount", start, end);
        return;
      }
      if (dCode !== NUM_EMPTY) {
        disc = numValue();
        if (!(disc >= 0 && disc <= 1)) {
          this.reject("invalid_discount", start, end);
          return;
        }
      }
    }

    // 7. revenue
    let revenue: number;
    let rCode = NUM_OK;
    if (this.cRev >= 0) {
      rCode = this.amountOf(this.cRev, "missing_revenue", "invalid_revenue", "invalid_revenue", start, end);
      if (rCode < 0) return;
      revenue = numValue();
    } else {
      revenue = qty * price * (1 - disc);
    }

    if (pSpell < 0) pSpell = this.spellingOf(this.products, this.cProduct);
    const pGroup = this.products.spellingGroup[pSpell] as number;
    const aGroup = this.anomalyGroupOf(pGroup);
    const fig = this.fig;
    fig[FIG_REVENUE] = revenue;
    fig[FIG_DISCOUNT] = disc;
    fig[FIG_QUANTITY] = qty;
    if (this.mode === MODE_RESCAN) {
      const rGroup = this.nameGroup(this.regions, this.cRegion, null);
      const cGroup = this.nameGroup(this.categories, this.cCat, null);
      this.rescanRow(aGroup, rGroup, cGroup, date);
      return;
    }

    // ── a valid row: repairs
    if (qCode !== NUM_OK) this.repair("quantity_text");
    if (pCode === NUM_CURRENCY || rCode === NUM_CURRENCY) this.repair("price_currency");
    if (pCode === NUM_FORMAT || rCode === NUM_FORMAT) this.repair("price_format");
    if (dCode === NUM_PERCENT) this.repair("discount_percent_sign");
    else if (dCode === NUM_EMPTY) this.repair("missing_discount");

    let profit = 0;
    if (this.cProfit >= 0) {
      const c = this.numberOf(this.cProfit, KIND_MONEY);
      if (c !== NUM_EMPTY && c !== NUM_INVALID) profit = numValue();
    }
    fig[FIG_PROFIT] = profit;

    this.rowsValid++;
    if (date < this.dateMin) this.dateMin = date;
    if (date > this.dateMax) this.dateMax = date;

    // names
    this.products.spellingRows[pSpell] = (this.products.spellingRows[pSpell] as number) + 1;
    const rGroup = this.nameGroup(this.regions, this.cRegion, "missing_region");
    const cGroup = this.nameGroup(this.categories, this.cCat, "missing_category");

    if (this.cOrder >= 0) this.addOrder();

    // month
    const ym = (date / 100) | 0;
    const monthKey = ((ym / 100) | 0) * 12 + (ym % 100) - 1;
    let monthId = (this.monthSlots[monthKey] as number) - 1;
    if (monthId < 0) {
      monthId = this.monthKeys.length;
      this.monthKeys.push(monthKey);
      this.monthSlots[monthKey] = monthId + 1;
    }

    const cell = this.cellOf(pGroup, rGroup, cGroup, monthId);
    addToCell(this.cellSums, cell * CELL_WIDTH, fig);

    this.observeAnomaly(aGroup, rGroup, cGroup, date);
  }

  /**
   * A money column of the row (unit price, revenue): its NUM_* code with the
   * value in numOut, or -1 once the row was rejected for being empty,
   * unreadable or negative (each with its own reason).
   */
  private amountOf(
    col: number,
    missing: RejectReason,
    invalid: RejectReason,
    negative: RejectReason,
    start: number,
    end: number,
  ): number {
    const code = this.numberOf(col, KIND_MONEY);
    const reason =
      code === NUM_EMPTY ? missing : code === NUM_INVALID ? invalid : numValue() < 0 ? negative : null;
    if (reason === null) return code;
    this.reject(reason, start, end);
    return -1;
  }

  private repair(code: RepairCode): void {
    const r = REPAIR_INDEX[code];
    this.repairs[r] = (this.repairs[r] as number) + 1;
  }

  /** group of the region/category cell; empty cells become Unknown/Uncategorized */
  private nameGroup(names: Names, col: number, repair: RepairCode | null): number {
    let s: number;
    if (col < 0) s = this.fallback(names);
    else {
      // a cell the byte cache knows is not blank: most rows end here
      s = this.cachedSpellingOf(names, col);
      if (s < 0) {
        if (this.isBlankField(col)) {
          if (repair !== null) this.repair(repair);
          s = this.fallback(names);
        } else s = this.spellingOf(names, col);
      }
    }
    if (repair !== null) names.spellingRows[s] = (names.spellingRows[s] as number) + 1;
    return names.spellingGroup[s] as number;
  }

  private fallback(names: Names): number {
    if (names === this.regions) {
      if (this.unknownRegion < 0) this.unknownRegion = names.spellingOf("Unknown");
      return this.unknownRegion;
    }
    if (this.uncategorized < 0) this.uncategorized = names.spellingOf("Uncategorized");
    return this.uncategorized;
  }

  private cellOf(p: number, r: number, c: number, month: number): number {
    const table = this.cellTable;
    const keys = this.cellKeys;
    const mask = table.length - 1;
    for (let h = cellSlot(p, r, c, month, mask); ; h = (h + 1) & mask) {
      const e = table[h] as number;
      if (e === 0) return this.newCell(p, r, c, month);
      const k = (e - 1) * 4;
      if (keys[k] === p && keys[k + 1] === r && keys[k + 2] === c && keys[k + 3] === month) return e - 1;
    }
  }

  private newCell(p: number, r: number, c: number, month: number): number {
    const cell = this.nCells++;
    if (this.nCells * 4 > this.cellKeys.length) {
      const n = this.cellKeys.length / 2;
      this.cellKeys = grow(this.cellKeys, n * 4);
      this.cellSums = grow(this.cellSums, n * CELL_WIDTH);
    }
    const k = cell * 4;
    this.cellKeys[k] = p;
    this.cellKeys[k + 1] = r;
    this.cellKeys[k + 2] = c;
    this.cellKeys[k + 3] = month;
    if (this.nCells * 2 > this.cellTable.length) {
      this.cellTable = new Int32Array(this.cellTable.length * 2);
      for (let i = 0; i < this.nCells; i++) this.placeCell(i);
    } else this.placeCell(cell);
    return cell;
  }

  private placeCell(cell: number): void {
    const table = this.cellTable;
    const keys = this.cellKeys;
    const mask = table.length - 1;
    const k = cell * 4;
    let h = cellSlot(
      keys[k] as number,
      keys[k + 1] as number,
      keys[k + 2] as number,
      keys[k + 3] as number,
      mask,
    );
    while (table[h] !== 0) h = (h + 1) & mask;
    table[h] = cell + 1;
  }

  private addOrder(): void {
    const col = this.cOrder;
    if (this.isRaw(col)) {
      const t = this.buf;
      let a = this.fs[col] as number;
      let b = this.fe[col] as number;
      while (a < b && t[a] === 32) a++;
      while (b > a && t[b - 1] === 32) b--;
      if (a === b) return;
      if (!this.orderIds.addBytes(t, a, b)) this.orderIds.addText(this.text(a, b));
      return;
    }
    const id = this.orderIdOfRow();
    if (id !== "") this.orderIds.addText(id);
  }

  // ───────────────────────────── anomalies

  /**
   * Rows of a spelling that an alias sends to another product count toward
   * that product's fence from the start (aliases are known before the pass),
   * so no group's retention threshold comes from a distribution it won't keep.
   */
  private anomalyGroupOf(g: number): number {
    let a = this.anomalyOf[g];
    if (a === undefined) {
      const key = this.products.groupKeys[g] as string;
      const target = resolveAlias(this.productAliases, key).key;
      a = target === key ? g : this.products.ensureGroup(target);
      this.anomalyOf[g] = a;
    }
    return a;
  }

  /** the current row (its figures in fig) in its anomaly group */
  private observeAnomaly(g: number, r: number, c: number, date: number): void {
    const revenue = this.fig[FIG_REVENUE] as number;
    const disc = this.fig[FIG_DISCOUNT] as number;
    let a = this.anomalyGroups[g];
    if (a === undefined) {
      a = this.anomalyGroups[g] = newAnomalyGroup();
      a.threshold = this.youngFloor;
      this.byRev[g] = [];
      this.byDisc[g] = [];
      this.revBar[g] = Number.NEGATIVE_INFINITY;
      this.discBar[g] = Number.NEGATIVE_INFINITY;
    }
    const sk = a.sketch;
    const bucket = QuantileSketch.bucketOf(revenue);
    sk.addBucketed(revenue, bucket);
    countDiscount(a, disc);
    const discHigh = disc >= 0.5;
    const n = sk.n;
    // the retention threshold is half the group's own fence, set at 32, 64, 128, …
    // rows and every 65,536 after (half: a spelling group merged into its product
    // later, by an alias or the typo rule, can have a fence well above the
    // product's); end() checks that no final fence fell below a row left out
    if (n >= 32 && ((n & (n - 1)) === 0 || (n & 0xffff) === 0)) {
      const thr = sk.upperFence() * 0.5;
      if (thr !== a.threshold) this.setThreshold(g, a, thr);
    }
    if (this.candOverflow) return;
    const aboveThreshold = revenue > a.threshold;
    if (!aboveThreshold) {
      if (revenue > a.droppedMax) a.droppedMax = revenue;
      if (!discHigh) return;
    }
    retainValue(a, revenue, discHigh ? 1 : 0);
    if (++this.retained > this.floorAt) {
      if (this.retained > RETAIN_CAP) {
        this.overflow();
        return;
      }
      this.raiseYoungFloor();
    }
    // full rows only for what can still make this group's top 1,000 (a row
    // tied with the least kept one goes in: keepBest ranks ties by content)
    const byRev = aboveThreshold && revenue >= (this.revBar[g] as number);
    const byDisc = discHigh && disc >= (this.discBar[g] as number);
    if (!byRev && !byDisc) return;
    // in both lists before either is cut: a cut can let go of this very row
    const slot = this.keepRow(g, r, c, date);
    const revList = this.byRev[g] as number[];
    const discList = this.byDisc[g] as number[];
    if (byRev) this.cands.push(revList, slot);
    if (byDisc) this.cands.push(discList, slot);
    if (revList.length >= 2 * TOP) this.revBar[g] = this.cands.keepBest(revList, BY_REVENUE, TOP);
    if (discList.length >= 2 * TOP) this.discBar[g] = this.cands.keepBest(discList, BY_DISCOUNT, TOP);
  }

  /** the current row in a slot of cands */
  private keepRow(g: number, r: number, c: number, date: number): number {
    // the order id's bytes; none (an empty id) without the column; e < a: a quoted cell's text
    const col = this.cOrder;
    const raw = col < 0 || this.isRaw(col);
    const a = col >= 0 && raw ? (this.fs[col] as number) : 0;
    const e = col >= 0 ? (raw ? (this.fe[col] as number) : -1) : 0;
    const cands = this.cands;
    const fig = this.fig;
    const s = cands.add(
      g,
      r,
      c,
      this.line,
      fig[FIG_REVENUE] as number,
      fig[FIG_DISCOUNT] as number,
      date,
      fig[FIG_QUANTITY] as number,
      this.rowUnitPrice(),
      this.buf,
      a,
      e,
    );
    if (cands.needsOrderId(s)) cands.setOrderId(s, this.orderIdOfRow());
    return s;
  }

  /**
   * Sets a group's retention threshold. A raised one drops the retained
   * values and the revenue candidates at or below it, counted in droppedMax.
   */
  private setThreshold(g: number, a: AnomalyGroupState, thr: number): void {
    const raised = thr > a.threshold;
    a.threshold = thr;
    if (!raised) return;
    const before = a.count;
    pruneValues(a);
    this.retained -= before - a.count;
    const list = this.byRev[g] as number[];
    const dropped = this.cands.dropRevenueAtOrBelow(list, thr);
    if (dropped > a.droppedMax) a.droppedMax = dropped;
    // the rows left above the bar still fill the list; fewer, and any row above thr may make it
    if (list.length < TOP) this.revBar[g] = Number.NEGATIVE_INFINITY;
  }

  /**
   * Many rows retained: a group with fewer than 32 rows, which has no fence of
   * its own yet, keeps from now on only rows above half the fence over all the
   * rows so far (a file with tens of thousands of small products otherwise
   * keeps every one of their rows as a candidate). A product whose own fence
   * ends up lower and that had a row between the two gets the second pass.
   */
  private raiseYoungFloor(): void {
    this.youngFloor = Math.max(this.youngFloor, this.sketchOfAllRows().upperFence() * 0.5);
    this.anomalyGroups.forEach((a, g) => {
      if (a.sketch.n < 32 && a.threshold < this.youngFloor) this.setThreshold(g, a, this.youngFloor);
    });
    this.floorAt = Math.min(RETAIN_CAP, Math.max(this.floorAt, this.retained) * 2);
  }

  /** the current row's order id as an anomaly shows it ("" without the column) */
  private orderIdOfRow(): string {
    if (this.cOrder < 0) return "";
    this.sel(this.cOrder);
    return this.cs.slice(this.ca, this.cb).trim();
  }

  /** too many rows retained: the anomalies will come from a second pass with the final fences */
  private overflow(): void {
    this.candOverflow = true;
    for (const a of this.anomalyGroups) {
      if (!a) continue;
      a.values = new Float64Array(0);
      a.discountFlags = new Uint8Array(0);
      a.count = 0;
    }
    this.cands = new CandidatePool();
    this.byRev = [];
    this.byDisc = [];
    this.retained = 0;
  }

  private makeCandidate(g: number, r: number, c: number, date: number): Candidate {
    return {
      group: g,
      region: r,
      category: c,
      line: this.line,
      revenue: this.fig[FIG_REVENUE] as number,
      discount: this.fig[FIG_DISCOUNT] as number,
      date,
      quantity: this.fig[FIG_QUANTITY] as number,
      unitPrice: this.rowUnitPrice(),
      // a decoded cell is a string of its own: keeping it pins nothing larger
      orderId: this.orderIdOfRow(),
    };
  }

  /** the current row's unit price as an anomaly shows it (null: none) */
  private rowUnitPrice(): number | null {
    // read already when revenue is computed from it
    if (this.cPrice >= 0) return this.fig[FIG_PRICE] as number;
    if (this.cPriceAny < 0) return null;
    this.sel(this.cPriceAny);
    const c = readMoney(this.cs, this.ca, this.cb);
    return c !== NUM_EMPTY && c !== NUM_INVALID ? numValue() : null;
  }

  /**
   * The second pass for the anomalies of a state merged from byte ranges
   * (parallel.ts), ready for the whole file's bytes from its start: names map
   * to the state's key groups (made in its order), and result() finalizes the
   * state with the candidates this pass finds.
   */
  static rescanOf(state: AggregateState, fences: Fences, options: PipelineOptions, passMs: number): Pipeline {
    const p = new Pipeline({ ...options, dayFirst: state.dayFirst });
    for (const g of state.products) p.products.ensureGroup(g.key);
    for (const g of state.regions) p.regions.ensureGroup(g.key);
    for (const g of state.categories) p.categories.ensureGroup(g.key);
    p.setDelimiter(state.delimiter);
    p.headers = state.headers;
    p.headerCount = state.headers.length;
    p.applyMapping();
    p.state = state;
    p.fences = fences;
    p.started = Date.now() - passMs;
    p.encodingUsed = state.encoding;
    p.beginRescan();
    return p;
  }

  /** Starts a second pass over the same bytes that only collects anomalies. */
  beginRescan(): void {
    if (this.fences === null) throw new Error("beginRescan() before end()");
    this.mode = MODE_RESCAN;
    this.ended = false;
    this.carryLen = 0;
    this.pos = 0;
    this.bomChecked = false;
    this.line = 1;
    this.headerDone = false;
    this.sepDelimiter = null;
    this.skipRestOfLine = false;
    this.cand = [];
    this.rescanCount = 0;
    this.decoder = new ChunkDecoder(this.encodingUsed);
  }

  /** the second pass: the row's product (a spelling the cache knows) kept every candidate in the first */
  private rescanSkips(): boolean {
    const spelling = this.cachedSpellingOf(this.products, this.cProduct);
    if (spelling < 0) return false;
    const g = this.anomalyGroupOf(this.products.spellingGroup[spelling] as number);
    return (this.fences as Fences).incomplete[g] === 0;
  }

  private rescanRow(g: number, r: number, c: number, date: number): void {
    const revenue = this.fig[FIG_REVENUE] as number;
    const disc = this.fig[FIG_DISCOUNT] as number;
    const f = this.fences as Fences;
    // a product whose candidates the first pass kept (or a group it did not have)
    if (f.incomplete[g] !== 1) return;
    if (anomalyScore(g, revenue, disc, f) <= 0) return;
    this.rescanCount++;
    this.cand.push(this.makeCandidate(g, r, c, date));
    if (this.cand.length > 20_000) this.cand = topAnomalies(this.cand, f);
  }

  // ───────────────────────────── results

  private collectState(withTop: boolean): AggregateState {
    const n = this.nCells;
    // the figures are the pass's own array (no row adds to a cell after the
    // pass): a copy doubled the peak memory of a file with a million cells
    const cells: CellTable = {
      count: n,
      product: new Int32Array(n),
      region: new Int32Array(n),
      category: new Int32Array(n),
      monthKey: new Int32Array(n),
      sums: this.cellSums.subarray(0, n * CELL_WIDTH),
    };
    const keys = this.cellKeys;
    for (let i = 0; i < n; i++) {
      cells.product[i] = keys[i * 4] as number;
      cells.region[i] = keys[i * 4 + 1] as number;
      cells.category[i] = keys[i * 4 + 2] as number;
      cells.monthKey[i] = this.monthKeys[keys[i * 4 + 3] as number] as number;
    }
    const products = this.products.groupState();
    return {
      headers: this.headers,
      mapping: this.mapping,
      delimiter: this.delimiter,
      encoding: this.encodingUsed,
      dayFirst: this.dayFirst,
      rowsRead: this.rowsRead,
      rowsValid: this.rowsValid,
      rowsRejected: this.rowsRejected,
      rejectedByReason: countsOf(REJECT_REASONS, this.rejected),
      repairs: countsOf(REPAIR_CODES, this.repairs),
      dateMin: Number.isFinite(this.dateMin) ? this.dateMin : null,
      dateMax: Number.isFinite(this.dateMax) ? this.dateMax : null,
      hasProfit: this.cProfit >= 0,
      hasOrders: this.cOrder >= 0,
      orderSet: this.orderIds.toSet(),
      hll: this.orderIds.hll,
      products,
      regions: this.regions.groupState(),
      categories: this.categories.groupState(),
      cells,
      anomalyGroups: products.map((_, g) => {
        const a = this.anomalyGroups[g] ?? newAnomalyGroup();
        a.top = withTop ? this.bestRows(g) : [];
        return a;
      }),
      globalSketch: this.sketchOfAllRows(),
      candidatesOverflowed: this.candOverflow,
    };
  }

  /**
   * The first pass's candidates that can make the anomaly list, of the
   * groups whose candidates are complete: each group's best rows (bestSlots),
   * flagged, and scoring at least the 1,000th best score among them.
   * Built as objects are only those (~1,000 of the bench file's ~20,000
   * kept rows: building them all at the end of the pass, and sorting them,
   * cost its cold run ~20 ms).
   */
  private firstPassTop(f: Fences): Candidate[] {
    const slots: number[] = [];
    const scores: number[] = [];
    const cands = this.cands;
    for (let g = 0; g < this.byRev.length; g++) {
      if (f.incomplete[g] === 1) continue;
      for (const s of this.bestSlots(g)) {
        const score = anomalyScore(g, cands.revenueOf(s), cands.discountOf(s), f);
        if (score <= 0) continue;
        slots.push(s);
        scores.push(score);
      }
    }
    let cut = Number.NEGATIVE_INFINITY;
    if (slots.length > MAX_ANOMALY_ROWS) {
      const sorted = Float64Array.from(scores).sort();
      cut = sorted[sorted.length - MAX_ANOMALY_ROWS] as number;
    }
    const out: Candidate[] = [];
    for (let i = 0; i < slots.length; i++) {
      if ((scores[i] as number) >= cut) out.push(cands.candidate(slots[i] as number));
    }
    return out;
  }

  /** the group's best rows by revenue and by discount, each row once */
  private bestRows(g: number): Candidate[] {
    return this.bestSlots(g).map((s) => this.cands.candidate(s));
  }

  /** the slots of the group's best rows by revenue and by discount (its lists cut to them), each once */
  private bestSlots(g: number): number[] {
    const rev = this.byRev[g] ?? [];
    const disc = this.byDisc[g] ?? [];
    this.cands.keepBest(rev, BY_REVENUE, TOP);
    this.cands.keepBest(disc, BY_DISCOUNT, TOP);
    return [...new Set([...rev, ...disc])];
  }

  /** every valid row so far: each is in exactly one group's sketch, and sketches merge exactly */
  private sketchOfAllRows(): QuantileSketch {
    const all = new QuantileSketch();
    for (const a of this.anomalyGroups) if (a) all.merge(a.sketch);
    return all;
  }

  /** the datasets of §5 (after end(), and after the rescan when end() asked for one) */
  result(): PipelineResult {
    if (this.state === null || this.fences === null) throw new Error("result() before end()");
    if (this.mode === MODE_RESCAN && !this.ended) throw new Error("result() during the rescan");
    const rescanned =
      this.mode === MODE_RESCAN ? { candidates: this.cand, count: this.rescanCount } : undefined;
    const firstPass = this.topsPending ? this.firstPassTop(this.fences) : undefined;
    return finalize(this.state, this.options, this.passMs, this.fences, rescanned, firstPass);
  }

  /** the mergeable aggregate state (after end()) */
  aggregateState(): AggregateState {
    if (this.state === null) throw new Error("aggregateState() before end()");
    if (this.topsPending) {
      // a state that leaves the pipeline (merged with others) carries its candidates
      this.state.anomalyGroups.forEach((a, g) => {
        a.top = this.bestRows(g);
      });
      this.topsPending = false;
    }
    return this.state;
  }
}

/** the UTF-8 bytes of U+FF0F FULLWIDTH SOLIDUS (／) start at t[k] */
function isFullWidthSlashAt(t: Uint8Array, k: number): boolean {
  return t[k] === 0xef && t[k + 1] === 0xbc && t[k + 2] === 0x8f;
}

/**
 * Whether t[from, to) holds `D/M/YYYY` (one or two digits each): the only
 * shape a day-first vote comes from (slashParts). Looks only around slashes;
 * any full-width slash counts as one (its digits may be full-width too).
 */
function mayHoldSlashDate(t: Uint8Array, from: number, to: number): boolean {
  // full-width dates (１３／０４／２０２４) are left to the row-by-row sample
  for (let k = t.indexOf(0xef, from); k >= 0 && k < to; k = t.indexOf(0xef, k + 1)) {
    if (isFullWidthSlashAt(t, k)) return true;
  }
  const isDigit = (i: number) => i < to && (t[i] as number) >= 48 && (t[i] as number) <= 57;
  for (let k = t.indexOf(47, from); k >= 0 && k < to; k = t.indexOf(47, k + 1)) {
    // k is the first slash: a digit before it, one or two after, the second slash, four digits
    if (k === from || !isDigit(k - 1) || !isDigit(k + 1)) continue;
    const k2 = isDigit(k + 2) ? k + 3 : k + 2;
    if (k2 < to && t[k2] === 47 && isDigit(k2 + 1) && isDigit(k2 + 2) && isDigit(k2 + 3) && isDigit(k2 + 4)) {
      return true;
    }
  }
  return false;
}

/**
 * The bytes t[from, to) surely hold n data records: counted as the record
 * splitter reads them (a quote opens a quoted field only at a field's start,
 * and a doubled quote inside one is text), blank lines and over-long records
 * not counted. Jumps from line break to line break with native searches.
 * False when unsure: a quoted field the bytes end in, or a lone CR (such
 * files are left to the row-by-row sample).
 */
function recordsAtLeast(t: Uint8Array, from: number, to: number, n: number, delim: number): boolean {
  const tabIsBlank = delim !== 9;
  const next = (c: number, at: number) => {
    const k = t.indexOf(c, at);
    return k < 0 || k >= to ? to : k;
  };
  let records = 0;
  let start = from;
  let q = next(QUOTE, from);
  let r = next(CR, from);
  let e = next(LF, from);
  for (;;) {
    // a quote before the line's end opens a quoted field when it starts a field:
    // line breaks inside belong to the field
    while (q < e) {
      if (q === start || t[q - 1] === delim) {
        let j = q + 1;
        for (;;) {
          j = t.indexOf(QUOTE, j);
          if (j < 0 || j + 1 >= to) return false;
          if (t[j + 1] !== QUOTE) break;
          j += 2;
        }
        if (e < j) e = next(LF, j + 1);
        if (r < j) r = next(CR, j + 1);
        q = next(QUOTE, j + 1);
      } else q = next(QUOTE, q + 1);
    }
    if (e >= to || r < e - 1) return false;
    const contentEnd = r === e - 1 ? r : e;
    let k = start;
    while (k < contentEnd && (t[k] === 32 || (t[k] === 9 && tabIsBlank))) k++;
    // (an over-long record is rejected, not observed)
    if (k < contentEnd && e - start <= MAX_RECORD_CHARS && ++records >= n) return true;
    start = e + 1;
    if (r < start) r = next(CR, start);
    e = next(LF, start);
  }
}

/**
 * Adds a valid row to its rollup cell's figures at sums[at]: one call from
 * row() (which is too large for the compiler to inline five more into it).
 */
function addToCell(sums: Float64Array, at: number, fig: Float64Array) {
  const revenue = fig[FIG_REVENUE] as number;
  const profit = fig[FIG_PROFIT] as number;
  const disc = fig[FIG_DISCOUNT] as number;
  const qty = fig[FIG_QUANTITY] as number;
  addCompAt(sums, at + CELL_REVENUE, revenue);
  if (profit !== 0) addCompAt(sums, at + CELL_PROFIT, profit);
  if (disc !== 0) {
    addCompAt(sums, at + CELL_DISCOUNT_REVENUE, revenue * disc);
    addCompAt(sums, at + CELL_DISCOUNT_SUM, disc);
  }
  addCompAt(sums, at + CELL_QUANTITY, qty);
  sums[at + CELL_TRANSACTIONS] = (sums[at + CELL_TRANSACTIONS] as number) + 1;
}

/**
 * set by splitPlain and splitIndexed: how many fields the line had; by
 * splitIndexed, its next entry in the index, and the fields with doubled
 * quotes (bit f for field f)
 */
const plainOut = { fields: 0, next: 0, escaped: 0 };

/**
 * The fast path of the line scanner: splits the line at p into fields at the
 * delimiter d (starts in fs, ends in fe) up to its first CR or LF, and
 * returns that position with the field count in plainOut. -1 when the line
 * needs splitLine: a quote, the last four bytes reached first, or more
 * fields than fs holds. `top` is the greatest byte it stops at (the
 * delimiter, quote, CR, LF): most bytes are above it. A small function with
 * nothing but locals, so the byte loop compiles to a few instructions per
 * byte.
 */
function splitPlain(
  t: Uint8Array,
  p: number,
  len: number,
  d: number,
  top: number,
  fs: Int32Array,
  fe: Int32Array,
): number {
  const max = fs.length - 1;
  let f = 0;
  let s = p;
  let i = p;
  // the byte loop, four bytes a round: a fifth less time than one byte a round on
  // the bench file's lines alone, 10-17 ms less on its whole 1M-row run
  const last4 = len - 4;
  for (;;) {
    let c = 0;
    for (;;) {
      // a line that ends in the last bytes is splitLine's: a loop here for
      // them, reached first at the end of the first buffer, sent this function
      // and scan, which inlines it, back to the interpreter then
      if (i > last4) return -1;
      if ((c = t[i] as number) <= top) break;
      if ((c = t[i + 1] as number) <= top) {
        i += 1;
        break;
      }
      if ((c = t[i + 2] as number) <= top) {
        i += 2;
        break;
      }
      if ((c = t[i + 3] as number) <= top) {
        i += 3;
        break;
      }
      i += 4;
    }
    if (c === d) {
      if (f >= max) return -1;
      fs[f] = s;
      fe[f] = i;
      f++;
      s = ++i;
    } else if (c === LF || c === CR) {
      fs[f] = s;
      fe[f] = i;
      plainOut.fields = f + 1;
      return i;
    } else if (c === QUOTE) return -1;
    else i++;
  }
}

/**
 * splitPlain from the special bytes' positions (SpecialBytes.index): splits
 * the line at p at the delimiters listed from entry k on, up to the first CR
 * or LF, and returns that position with the field count in plainOut and the
 * entry after it in plainOut.next. Quoted fields without line breaks
 * inside are split too, their bytes between the quotes, as splitLine splits
 * them; those with doubled quotes (among the first 31 fields) are marked in
 * plainOut.escaped for unescapeLine. -1 when the line needs splitLine: any
 * other quote, no line break before `len`, or more fields than fs holds.
 * Entries before p (lines read some other way) are passed over.
 */
function splitIndexed(
  t: Uint8Array,
  at: Int32Array,
  k: number,
  p: number,
  len: number,
  d: number,
  fs: Int32Array,
  fe: Int32Array,
): number {
  // the list ends with len, and p < len
  let q = at[k] as number;
  while (q < p) q = at[++k] as number;
  plainOut.next = k;
  plainOut.escaped = 0;
  const max = fs.length - 1;
  let f = 0;
  let s = p;
  while (q < len) {
    const c = t[q] as number;
    k++;
    if (c === d) {
      if (f >= max) return -1;
      fs[f] = s;
      fe[f] = q;
      f++;
      s = q + 1;
      q = at[k] as number;
    } else if (c === LF || c === CR) {
      fs[f] = s;
      fe[f] = q;
      plainOut.fields = f + 1;
      plainOut.next = k;
      return q;
    } else {
      // a quoted field with no line break inside: the bytes between the quotes
      if (q !== s) return -1;
      const open = q;
      q = at[k] as number;
      let c2 = 0;
      for (;;) {
        // delimiters inside are text
        while (q < len && t[q] === d) q = at[++k] as number;
        if (q >= len || t[q] !== QUOTE) return -1;
        // a quote: the delimiter or a line break must follow, or a second quote (one quote of the text)
        const after = at[++k] as number;
        if (after !== q + 1 || after >= len) return -1;
        c2 = t[after] as number;
        if (c2 !== QUOTE) break;
        if (f > 30) return -1;
        plainOut.escaped |= 1 << f;
        q = at[++k] as number;
      }
      const after = q + 1;
      if (c2 === d) {
        if (f >= max) return -1;
        fs[f] = open + 1;
        fe[f] = q;
        f++;
        s = after + 1;
        q = at[++k] as number;
      } else if (c2 === LF || c2 === CR) {
        fs[f] = open + 1;
        fe[f] = q;
        plainOut.fields = f + 1;
        plainOut.next = k + 1;
        return after;
      } else return -1;
    }
  }
  return -1;
}

/** the quote that closes a quoted field from i on, past doubled quotes; -1 at a line break or the end of t first */
function closingQuote(t: Uint8Array, i: number, len: number): number {
  for (; i < len; i++) {
    const c = t[i] as number;
    if (c === LF || c === CR) return -1;
    if (c === QUOTE) {
      if (i + 1 >= len) return -1;
      if (t[i + 1] !== QUOTE) return i;
      i++;
    }
  }
  return -1;
}

function countBreaks(t: Uint8Array, a: number, b: number): number {
  let n = 0;
  for (let i = a; i < b; i++) {
    const c = t[i];
    if (c === LF) n++;
    else if (c === CR && t[i + 1] !== LF) n++;
  }
  return n;
}

/** position after the line break at or after p (-1 if none in t) */
function skipLineBreak(t: Uint8Array, p: number): number {
  for (let i = p; i < t.length; i++) {
    const c = t[i];
    if (c === LF) return i + 1;
    if (c === CR) return t[i + 1] === LF ? i + 2 : i + 1;
  }
  return -1;
}

/** end of the line starting at p (its first CR or LF, or the end of t) */
function lineEndOf(t: Uint8Array, p: number): number {
  let i = p;
  while (i < t.length) {
    const c = t[i];
    if (c === LF || c === CR) break;
    i++;
  }
  return i;
}

// ───────────────────────────── test seam

/** the private scanner state parseRecords drives (TypeScript privacy is compile-time only) */
interface ScannerInternals {
  headerDone: boolean;
  dayFirstDecided: boolean;
  setDelimiter(d: string): void;
  nf: number;
  cs: string;
  ca: number;
  cb: number;
  sel(i: number): void;
  record(start: number, end: number): void;
  feed(n: number, final: boolean): void;
  carryLen: number;
}

/**
 * The records of `text` as the core splits them, for parser conformance tests
 * (csv-spectrum, papaparse). Not a second parser: it runs a real Pipeline's
 * push → decode → scan()/parseGeneral() path, with the header step skipped
 * (the first line is a record like any other) and record() swapped for one
 * that collects the fields instead of cleaning them. Blank lines are skipped
 * as in a job; the delimiter is detected from the first line when not given.
 */
export function parseRecords(text: string, delimiter?: string): string[][] {
  const p = new Pipeline({ fuzzy: false });
  const s = p as unknown as ScannerInternals;
  const firstLine = /^\uFEFF?([^\r\n]*)/.exec(text)?.[1] ?? "";
  s.setDelimiter(delimiter ?? detectDelimiter(firstLine));
  s.headerDone = true;
  s.dayFirstDecided = true;
  const out: string[][] = [];
  s.record = () => {
    const fields: string[] = [];
    for (let i = 0; i < s.nf; i++) {
      s.sel(i);
      fields.push(s.cs.slice(s.ca, s.cb));
    }
    out.push(fields);
  };
  p.push(new TextEncoder().encode(text));
  s.feed(s.carryLen, true);
  return out;
}
