// The core's work buffer, kept in a WebAssembly memory so that a SIMD routine
// (special-bytes.wat) can list where the line scanner must stop: every
// delimiter, quote, CR and LF, sixteen bytes at a time. The scanner then
// walks that list instead of testing each byte. Splitting the bench file's
// lines alone took ~60 ms instead of ~120 this way, and the core's cold run of
// that 1M-row file ~45 ms less (ten alternated runs, medians 701 against
// 746 ms): the byte loop's exit at each field's end is a branch the CPU
// cannot predict (fields differ in length), where the list's walk takes one
// such branch a line.
//
// Where WebAssembly or its SIMD instructions are missing, create() returns
// null and the core scans bytes in JavaScript alone, with the same results.
import { SPECIAL_BYTES_WASM } from "./special-bytes-wasm";

type Find = (from: number, len: number, out: number, delimiter: number) => number;

const PAGE = 64 * 1024;

/** the module, compiled once per thread; null when this runtime cannot */
let compiled: WebAssembly.Module | null | undefined;
let enabled = true;

function specialBytesModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(SPECIAL_BYTES_WASM, "base64"));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * Whether Pipelines created from now on list special bytes with WebAssembly
 * (when the runtime can). Tests turn it off to run the JavaScript scanner,
 * which is also what runs where WebAssembly is missing.
 */
export function setSpecialBytesIndex(on: boolean): void {
  enabled = on;
}

export class SpecialBytes {
  /** the work buffer: the memory's first bytes */
  work: Uint8Array = new Uint8Array(0);
  /** what the last index() found: positions in ascending order, then the end it was given */
  positions: Int32Array = new Int32Array(0);
  private readonly module: WebAssembly.Module;
  /** set by allocate(), which the constructor calls */
  private find!: Find;
  /** byte offset of positions in the memory */
  private at = 0;

  /** a work buffer of `capacity` bytes with its index, or null (use a plain buffer and no index) */
  static create(capacity: number): SpecialBytes | null {
    const m = enabled ? specialBytesModule() : null;
    if (m === null) return null;
    try {
      return new SpecialBytes(m, capacity);
    } catch {
      // no address space left for another memory: the plain buffer does the same work
      return null;
    }
  }

  private constructor(m: WebAssembly.Module, capacity: number) {
    this.module = m;
    this.allocate(capacity);
  }

  /**
   * A work buffer of `capacity` bytes (more than now) that starts with the
   * first `keep` bytes of the old one; null when no memory that large can be
   * had (the caller goes on with a plain buffer and no index).
   */
  grow(capacity: number, keep: number): Uint8Array | null {
    const old = this.work;
    try {
      this.allocate(capacity);
    } catch {
      return null;
    }
    this.work.set(old.subarray(0, keep));
    return this.work;
  }

  /** lists the special bytes of work[from, len) (`delimiter`, `"`, CR, LF) in positions, followed by len */
  index(from: number, len: number, delimiter: number): Int32Array {
    const n = this.find(from, len, this.at, delimiter);
    this.positions[n] = len;
    return this.positions;
  }

  /**
   * A new memory, not a grown one: growing a memory detaches its old buffer,
   * and the first ArrayBuffer detached in a thread makes V8's optimized code
   * check every typed array access for it from then on (the bench file's run
   * was ~40 ms slower when its work buffer grew once).
   */
  private allocate(capacity: number): void {
    const memory = new WebAssembly.Memory({ initial: pagesFor(capacity) });
    this.find = new WebAssembly.Instance(this.module, { core: { memory } }).exports.find as Find;
    this.at = positionsAt(capacity);
    this.work = new Uint8Array(memory.buffer, 0, capacity);
    this.positions = new Int32Array(memory.buffer, this.at, capacity + SLACK_SLOTS);
  }
}

// The routine reads up to 15 bytes past the buffer's end, and writes up to
// four positions past the last it found; then comes the sentinel.
const SLACK_SLOTS = 8;

function positionsAt(capacity: number): number {
  return (capacity + 16 + 15) & ~15;
}

function pagesFor(capacity: number): number {
  return Math.ceil((positionsAt(capacity) + (capacity + SLACK_SLOTS) * 4) / PAGE);
}
