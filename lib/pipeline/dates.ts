// Sale dates (SPEC §3). A date is returned packed as y*10000 + m*100 + d, or
// DATE_EMPTY / DATE_INVALID. The common ISO shapes are read at fixed offsets;
// the other accepted formats go through small regular expressions.
import { asciiForm } from "./strings";

export const DATE_EMPTY = -2;
export const DATE_INVALID = -1;

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function packDate(y: number, m: number, d: number): number {
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return DATE_INVALID;
  return y * 10000 + m * 100 + d;
}

/** space, TAB or a no-break space around a cell (as the number readers allow) */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160 || c === 0x202f;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  // far enough below zero that a number built from four such places (×1000 + ×100 + ×10 + ×1) stays negative
  return c >= 0 && c <= 9 ? c : -100_000;
}

// optional time after a date: ` 10:30`, ` 10:30:15`, `T10:30:15.123Z`, ` 2:05 PM`, `+01:00`
const TIME =
  /^(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([AaPp])\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?$/;

function validTime(rest: string): boolean {
  if (rest === "") return true;
  const m = TIME.exec(rest);
  if (!m) return false;
  if (m[1] === undefined) return true;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const sec = m[3] === undefined ? 0 : Number(m[3]);
  if (min > 59 || sec > 59) return false;
  if (m[4] !== undefined) return h >= 1 && h <= 12;
  return h <= 23;
}

const YMD = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(.*)$/;
const DMY_NAME = /^(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ](\d{4})(.*)$/;
const MDY_NAME = /^([A-Za-z]{3,9})\.?[ -](\d{1,2})(?:st|nd|rd|th)?,?[ -](\d{4})(.*)$/;
const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(.*)$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(.*)$/;

/**
 * Parses s[a, b). `dayFirst` decides `NN/NN/YYYY`. Surrounding spaces are
 * ignored; a time after the date is checked and dropped (no zone shifting).
 */
export function parseDate(s: string, a: number, b: number, dayFirst: boolean): number {
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  const len = b - a;
  if (len === 0) return DATE_EMPTY;
  // fast path: YYYY-MM-DD or YYYY/MM/DD with two-digit parts, then nothing or a time
  if (len >= 10) {
    const sep = s.charCodeAt(a + 4);
    if ((sep === 45 || sep === 47) && s.charCodeAt(a + 7) === sep) {
      const y = digit(s, a) * 1000 + digit(s, a + 1) * 100 + digit(s, a + 2) * 10 + digit(s, a + 3);
      const m = digit(s, a + 5) * 10 + digit(s, a + 6);
      const d = digit(s, a + 8) * 10 + digit(s, a + 9);
      if (y >= 0 && m >= 0 && d >= 0) {
        if (len === 10) return packDate(y, m, d);
        const c = s.charCodeAt(a + 10);
        if (c === 32 || c === 84 /* T */) {
          // `YYYY-MM-DD HH:MM:SS` at fixed offsets
          if (
            len === 19 &&
            s.charCodeAt(a + 13) === 58 &&
            s.charCodeAt(a + 16) === 58 &&
            digit(s, a + 11) >= 0 &&
            digit(s, a + 12) >= 0 &&
            digit(s, a + 14) >= 0 &&
            digit(s, a + 15) >= 0 &&
            digit(s, a + 17) >= 0 &&
            digit(s, a + 18) >= 0
          ) {
            const h = digit(s, a + 11) * 10 + digit(s, a + 12);
            const mi = digit(s, a + 14) * 10 + digit(s, a + 15);
            const se = digit(s, a + 17) * 10 + digit(s, a + 18);
            if (h > 23 || mi > 59 || se > 59) return DATE_INVALID;
            return packDate(y, m, d);
          }
          return validTime(s.slice(a + 10, b)) ? packDate(y, m, d) : DATE_INVALID;
        }
      }
    }
  }
  // fast path: DD-Mon-YYYY
  if (len === 11 && s.charCodeAt(a + 2) === 45 && s.charCodeAt(a + 6) === 45) {
    const d = digit(s, a) * 10 + digit(s, a + 1);
    const y = digit(s, a + 7) * 1000 + digit(s, a + 8) * 100 + digit(s, a + 9) * 10 + digit(s, a + 10);
    const m = monthOf3(s.charCodeAt(a + 3) | 32, s.charCodeAt(a + 4) | 32, s.charCodeAt(a + 5) | 32);
    if (d >= 0 && y >= 0 && m > 0) return packDate(y, m, d);
  }
  return parseDateSlow(s.slice(a, b), dayFirst);
}

const MON3 = "janfebmaraprmayjunjulaugsepoctnovdec";

/** month number of three lowercase letters, 0 if none */
function monthOf3(c1: number, c2: number, c3: number): number {
  for (let i = 0; i < 36; i += 3) {
    if (MON3.charCodeAt(i) === c1 && MON3.charCodeAt(i + 1) === c2 && MON3.charCodeAt(i + 2) === c3)
      return i / 3 + 1;
  }
  return 0;
}

function parseDateSlow(t: string, dayFirst: boolean): number {
  const ascii = asciiForm(t);
  if (ascii !== null) {
    t = ascii.trim();
    // nothing visible in the cell
    if (t === "") return DATE_EMPTY;
  }
  let m = YMD.exec(t);
  if (m) {
    if (!validTime(m[5] as string)) return DATE_INVALID;
    return packDate(Number(m[1]), Number(m[3]), Number(m[4]));
  }
  m = SLASH.exec(t);
  if (m) {
    if (!validTime(m[4] as string)) return DATE_INVALID;
    const p1 = Number(m[1]);
    const p2 = Number(m[2]);
    return dayFirst ? packDate(Number(m[3]), p2, p1) : packDate(Number(m[3]), p1, p2);
  }
  m = DOTTED.exec(t);
  if (m) {
    if (!validTime(m[4] as string)) return DATE_INVALID;
    return packDate(Number(m[3]), Number(m[2]), Number(m[1]));
  }
  m = DMY_NAME.exec(t);
  if (m) {
    const mon = MONTHS[(m[2] as string).toLowerCase()];
    if (mon === undefined || !validTime(m[4] as string)) return DATE_INVALID;
    return packDate(Number(m[3]), mon, Number(m[1]));
  }
  m = MDY_NAME.exec(t);
  if (m) {
    const mon = MONTHS[(m[1] as string).toLowerCase()];
    if (mon === undefined || !validTime(m[4] as string)) return DATE_INVALID;
    return packDate(Number(m[3]), mon, Number(m[2]));
  }
  return DATE_INVALID;
}

/**
 * For the day-first decision: the two leading parts of an `NN/NN/YYYY` date,
 * packed as p1*100 + p2, or -1 when the cell has another shape.
 */
export function slashParts(s: string, a: number, b: number): number {
  const raw = s.slice(a, b);
  // full-width digits and slashes (１３／０４／２０２４) vote as the dates read them
  const t = (asciiForm(raw) ?? raw).trim();
  const m = SLASH.exec(t);
  if (!m) return -1;
  return Number(m[1]) * 100 + Number(m[2]);
}

/** Decides day-first from observed slash dates (SPEC §3). */
export class DayFirstVote {
  private firstOver12 = false;
  private secondOver12 = false;
  observe(parts: number): void {
    if (parts < 0) return;
    if (Math.floor(parts / 100) > 12) this.firstOver12 = true;
    if (parts % 100 > 12) this.secondOver12 = true;
  }
  get dayFirst(): boolean {
    return this.firstOver12 && !this.secondOver12;
  }
}

export function formatDate(packed: number): string {
  const y = Math.floor(packed / 10000);
  const m = Math.floor(packed / 100) % 100;
  const d = packed % 100;
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

export function formatMonth(monthKey: number): string {
  // monthKey = y*12 + (m-1)
  const y = Math.floor(monthKey / 12);
  const m = (monthKey % 12) + 1;
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}`;
}
