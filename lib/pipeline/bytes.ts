// Byte-level fast paths of the core: the common shapes of a cell read straight
// from the input bytes, so an ordinary row never becomes a string. Each reader
// answers exactly as its text counterpart (numbers.ts, dates.ts) would on the
// same cell, or says SLOW when the cell needs the text reader: anything
// outside plain ASCII digits, signs, points and spaces.
import { DATE_EMPTY, DATE_INVALID, packDate } from "./dates";
import {
  NUM_CURRENCY,
  NUM_EMPTY,
  NUM_FORMAT,
  NUM_OK,
  NUM_PERCENT,
  NUM_TEXT,
  numOut,
  numValue,
} from "./numbers";
import { avalanche } from "./strings";

/** the cell needs the text reader */
export const SLOW = -3;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * readPlainNumber on bytes: optional sign, digits, optional `.digits`, with
 * spaces or tabs around. NUM_OK (value in numOut) / NUM_EMPTY / SLOW (also
 * for more than 15 digits: the text reader decides those). One function of
 * locals: it runs for every numeric cell.
 */
export function plainNumberAt(b: Uint8Array, a: number, e: number): number {
  let c = 0;
  while (a < e && ((c = b[a] as number) === 32 || c === 9)) a++;
  while (e > a && ((c = b[e - 1] as number) === 32 || c === 9)) e--;
  if (a === e) return NUM_EMPTY;
  let i = a;
  c = b[i] as number;
  const neg = c === 45;
  if (neg || c === 43) i++;
  // digits, then `.` and digits: an integer mantissa and the count after the point
  let mant = 0;
  const start = i;
  for (; i < e; i++) {
    c = (b[i] as number) - 48;
    if (c < 0 || c > 9) break;
    mant = mant * 10 + c;
  }
  let digits = i - start;
  let frac = 0;
  if (i < e) {
    if (c !== -2 /* . */) return SLOW;
    const f0 = ++i;
    for (; i < e; i++) {
      c = (b[i] as number) - 48;
      if (c < 0 || c > 9) return SLOW;
      mant = mant * 10 + c;
    }
    frac = i - f0;
    digits += frac;
  }
  if (digits === 0 || digits > 15) return SLOW;
  // an integer divided by an exact power of ten: the same double as Number() up to 15 digits
  const v = frac === 0 ? mant : mant / (POW10[frac] as number);
  numOut[0] = neg ? -v : v;
  return NUM_OK;
}

/**
 * readMoney on bytes: a plain number; `$` glued to one (NUM_CURRENCY); one
 * with thousands separators, `1,299.99` (NUM_FORMAT), `$1,299.99`
 * (NUM_CURRENCY). SLOW otherwise.
 */
export function moneyAt(b: Uint8Array, a: number, e: number): number {
  const r = plainNumberAt(b, a, e);
  if (r !== SLOW) return r;
  if (b[a] === 36) {
    if (plainNumberAt(b, a + 1, e) === NUM_OK || groupedNumberAt(b, a + 1, e) === NUM_FORMAT)
      return NUM_CURRENCY;
    return SLOW;
  }
  return groupedNumberAt(b, a, e);
}

/**
 * An unsigned number with commas between groups of three digits, as
 * readFormatted reads it: 1–3 digits, one or more `,ddd`, then `.` and at
 * least one digit or nothing, with spaces or tabs around; NUM_FORMAT (value
 * in numOut) or SLOW (more than 15 digits too).
 */
function groupedNumberAt(b: Uint8Array, a: number, e: number): number {
  let c = 0;
  while (a < e && ((c = b[a] as number) === 32 || c === 9)) a++;
  while (e > a && ((c = b[e - 1] as number) === 32 || c === 9)) e--;
  let i = a;
  let mant = 0;
  for (; i < e && i - a < 4; i++) {
    c = (b[i] as number) - 48;
    if (c < 0 || c > 9) break;
    mant = mant * 10 + c;
  }
  if (i === a || i - a > 3) return SLOW;
  let digits = i - a;
  let groups = 0;
  while (i < e && b[i] === 44) {
    if (i + 4 > e) return SLOW;
    for (let k = i + 1; k <= i + 3; k++) {
      c = (b[k] as number) - 48;
      if (c < 0 || c > 9) return SLOW;
      mant = mant * 10 + c;
    }
    digits += 3;
    groups++;
    i += 4;
  }
  if (groups === 0) return SLOW;
  let frac = 0;
  if (i < e) {
    if (b[i] !== 46 || i + 1 === e) return SLOW;
    for (i++; i < e; i++) {
      c = (b[i] as number) - 48;
      if (c < 0 || c > 9) return SLOW;
      mant = mant * 10 + c;
      frac++;
    }
    digits += frac;
  }
  if (digits > 15) return SLOW;
  numOut[0] = frac === 0 ? mant : mant / (POW10[frac] as number);
  return NUM_FORMAT;
}

/** readDiscount on bytes: a plain number, or one with `%` right after it (NUM_PERCENT); SLOW otherwise */
export function discountAt(b: Uint8Array, a: number, e: number): number {
  const r = plainNumberAt(b, a, e);
  if (r !== SLOW) return r;
  if (e > a && b[e - 1] === 37 && plainNumberAt(b, a, e - 1) === NUM_OK) {
    numOut[0] = numValue() / 100;
    return NUM_PERCENT;
  }
  return SLOW;
}

/** readQuantity on bytes: a plain number, or digits, one space and a word (`5 units`: NUM_TEXT); SLOW otherwise */
export function quantityAt(b: Uint8Array, a: number, e: number): number {
  const r = plainNumberAt(b, a, e);
  if (r !== SLOW) return r;
  let i = a;
  let v = 0;
  while (i < e && i - a < 15) {
    const c = (b[i] as number) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    i++;
  }
  if (i === a || i + 1 >= e || b[i] !== 32) return SLOW;
  for (let j = i + 1; j < e; j++) {
    const c = (b[j] as number) | 32;
    if (c < 97 || c > 122) return SLOW;
  }
  numOut[0] = v;
  return NUM_TEXT;
}

function digitAt(b: Uint8Array, i: number): number {
  const c = (b[i] as number) - 48;
  // far enough below zero that a number built from four such places (×1000 + ×100 + ×10 + ×1) stays negative
  return c >= 0 && c <= 9 ? c : -100_000;
}

const MON3 = "janfebmaraprmayjunjulaugsepoctnovdec";

/** month number of three ASCII letters (any case) at b[i], 0 if none */
function monthAt(b: Uint8Array, i: number): number {
  const c1 = (b[i] as number) | 32;
  const c2 = (b[i + 1] as number) | 32;
  const c3 = (b[i + 2] as number) | 32;
  for (let m = 0; m < 36; m += 3) {
    if (MON3.charCodeAt(m) === c1 && MON3.charCodeAt(m + 1) === c2 && MON3.charCodeAt(m + 2) === c3)
      return m / 3 + 1;
  }
  return 0;
}

/**
 * parseDate on bytes for `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY-MM-DD HH:MM:SS`
 * (or `T`), `DD-Mon-YYYY`, `M/D/YYYY` (by `dayFirst`) and `D.M.YYYY`, with
 * spaces or tabs around; empty cells. SLOW for anything else.
 */
export function dateAt(b: Uint8Array, a: number, e: number, dayFirst: boolean): number {
  let c = 0;
  while (a < e && ((c = b[a] as number) === 32 || c === 9)) a++;
  while (e > a && ((c = b[e - 1] as number) === 32 || c === 9)) e--;
  const len = e - a;
  if (len === 0) return DATE_EMPTY;
  if (len <= 10) {
    // `M/D/YYYY` (`D/M/YYYY` when day-first) and `D.M.YYYY`, one or two digits each
    const sep = b[a + 1] === 47 || b[a + 1] === 46 ? a + 1 : a + 2;
    const c = b[sep] as number;
    if ((c === 47 || c === 46) && len >= 8) {
      const p1 = sep === a + 1 ? digitAt(b, a) : digitAt(b, a) * 10 + digitAt(b, a + 1);
      const sep2 = b[sep + 2] === c ? sep + 2 : sep + 3;
      if (b[sep2] !== c || e - sep2 !== 5) return SLOW;
      const p2 = sep2 === sep + 2 ? digitAt(b, sep + 1) : digitAt(b, sep + 1) * 10 + digitAt(b, sep + 2);
      const y =
        digitAt(b, sep2 + 1) * 1000 +
        digitAt(b, sep2 + 2) * 100 +
        digitAt(b, sep2 + 3) * 10 +
        digitAt(b, sep2 + 4);
      if (p1 < 0 || p2 < 0 || y < 0) return SLOW;
      return c === 46 || dayFirst ? packDate(y, p2, p1) : packDate(y, p1, p2);
    }
    if (len !== 10) return SLOW;
  }
  if (len === 11) {
    if (b[a + 2] !== 45 || b[a + 6] !== 45) return SLOW;
    const d = digitAt(b, a) * 10 + digitAt(b, a + 1);
    const y =
      digitAt(b, a + 7) * 1000 + digitAt(b, a + 8) * 100 + digitAt(b, a + 9) * 10 + digitAt(b, a + 10);
    const m = monthAt(b, a + 3);
    if (d < 0 || y < 0 || m === 0) return SLOW;
    return packDate(y, m, d);
  }
  if (len !== 10 && len !== 19) return SLOW;
  return isoDateAt(b, a, len === 19);
}

/**
 * `YYYY-MM-DD` or `YYYY/MM/DD` at b[a], and (`withTime`) ` HH:MM:SS` or
 * `THH:MM:SS` after it: the packed date, DATE_INVALID, or SLOW when the bytes
 * are not that shape.
 */
function isoDateAt(b: Uint8Array, a: number, withTime: boolean): number {
  const sep = b[a + 4] as number;
  if ((sep !== 45 && sep !== 47) || b[a + 7] !== sep) return SLOW;
  const y = digitAt(b, a) * 1000 + digitAt(b, a + 1) * 100 + digitAt(b, a + 2) * 10 + digitAt(b, a + 3);
  const m = digitAt(b, a + 5) * 10 + digitAt(b, a + 6);
  const d = digitAt(b, a + 8) * 10 + digitAt(b, a + 9);
  if (y < 0 || m < 0 || d < 0) return SLOW;
  if (!withTime) return packDate(y, m, d);
  const c = b[a + 10] as number;
  if ((c !== 32 && c !== 84) || b[a + 13] !== 58 || b[a + 16] !== 58) return SLOW;
  const h = digitAt(b, a + 11) * 10 + digitAt(b, a + 12);
  const mi = digitAt(b, a + 14) * 10 + digitAt(b, a + 15);
  const se = digitAt(b, a + 17) * 10 + digitAt(b, a + 18);
  if (h < 0 || mi < 0 || se < 0) return SLOW;
  if (h > 23 || mi > 59 || se > 59) return DATE_INVALID;
  return packDate(y, m, d);
}

/** 1 when b[a, e) is only ASCII white space, 0 when it has other ASCII, SLOW at a non-ASCII byte first */
export function blankAt(b: Uint8Array, a: number, e: number): number {
  for (let i = a; i < e; i++) {
    const c = b[i] as number;
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    return c < 0x80 ? 0 : SLOW;
  }
  return 1;
}

/** set by hashAsciiBytes: whether the bytes it hashed were all ASCII */
export const hashOut = { ascii: true };

/**
 * hashSlice (strings.ts) over ASCII bytes, as an int32 (`hashSlice(...) | 0`:
 * a number that fits a small integer is never boxed on the way out); the same
 * value as over the same text. hashOut.ascii says whether b[a, e) was ASCII:
 * when not, hash its text instead.
 */
export function hashAsciiBytes(b: Uint8Array, a: number, e: number): number {
  let h = 0x811c9dc5;
  let any = 0;
  let i = a;
  for (; i + 4 <= e; i += 4) {
    const w =
      (b[i] as number) |
      ((b[i + 1] as number) << 8) |
      ((b[i + 2] as number) << 16) |
      ((b[i + 3] as number) << 24);
    any |= w;
    h = Math.imul(h ^ w, 0x01000193);
  }
  for (; i < e; i++) {
    const c = b[i] as number;
    any |= c;
    h = Math.imul(h ^ c, 0x01000193);
  }
  hashOut.ascii = (any & 0x80808080) === 0;
  return avalanche(h) | 0;
}
