// Reading numbers out of messy cells (SPEC §3). Functions work on a slice
// s[a, b) so the hot path never builds a substring. A fast path handles plain
// decimals (`12`, `12.5`, `-3`); everything else goes through readMessyNumber.
import { asciiForm } from "./strings";

/** What a cell held besides a plain number; the caller maps it to repair codes. */
export const NUM_OK = 0; // a plain number
export const NUM_EMPTY = 1; // empty after trimming
export const NUM_INVALID = 2; // no readable number
export const NUM_CURRENCY = 3; // currency symbols/codes or inner spaces stripped
export const NUM_FORMAT = 4; // thousands separators or a decimal comma
export const NUM_TEXT = 5; // a number with surrounding text (quantities)
export const NUM_PERCENT = 6; // `15%`

/**
 * Result slot: the value of the last read (avoids allocating a pair per
 * cell). A typed array: a double stored in an object's field was a new heap
 * number at each store, ~16 MB of garbage a million rows.
 */
export const numOut = new Float64Array(1);

/** the value of the last read (in numOut) */
export function numValue(): number {
  return numOut[0] as number;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160 || c === 0x202f || c === 0x2009;
}

/**
 * Plain decimal: optional sign, digits, optional `.digits`, optional exponent
 * (`1.5E+06`), surrounded by spaces at most. Returns NUM_OK / NUM_EMPTY, or -1
 * when the cell needs the slow path. Exact for up to 15 significant digits
 * (mantissa / power of ten).
 */
export function readPlainNumber(s: string, a: number, b: number): number {
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  if (a === b) return NUM_EMPTY;
  let i = a;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45 /* - */ || c === 43 /* + */) {
    neg = c === 45;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = 0;
  const start = i;
  for (; i < b; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
    } else break;
  }
  if (i < b && c === 46 /* . */) {
    i++;
    for (; i < b; i++) {
      c = s.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        digits++;
        frac++;
      } else break;
    }
  }
  if (i < b && (c === 101 || c === 69) /* e E */ && digits > 0) return readExponent(s, a, i, b);
  if (i !== b || digits === 0 || i === start) return -1;
  if (digits > 15) {
    numOut[0] = Number(s.slice(a, b));
    return Number.isFinite(numValue()) ? NUM_OK : -1;
  }
  const v = frac === 0 ? mant : mant / (POW10[frac] as number);
  numOut[0] = neg ? -v : v;
  return NUM_OK;
}

/**
 * The rest of a plain decimal in scientific notation, from its `e` at s[e]:
 * an optional sign and up to four digits ending the cell (`1.5E+06`, `1e-7`,
 * as spreadsheets export large and small numbers). The value is what
 * Number() reads; -1 when the rest is anything else or the value is not finite.
 */
function readExponent(s: string, a: number, e: number, b: number): number {
  let j = e + 1;
  let c = s.charCodeAt(j);
  if (c === 43 || c === 45) j++;
  const first = j;
  while (j < b && (c = s.charCodeAt(j)) >= 48 && c <= 57) j++;
  if (j !== b || j === first || j - first > 4) return -1;
  const v = Number(s.slice(a, b));
  if (!Number.isFinite(v)) return -1;
  numOut[0] = v;
  return NUM_OK;
}

/** s[a, b) with each U+2212 MINUS SIGN (which some exports write for `-`) as `-`, or null when it has none */
function withAsciiMinus(s: string, a: number, b: number): string | null {
  const i = s.indexOf("\u2212", a);
  return i >= 0 && i < b ? s.slice(a, b).replaceAll("\u2212", "-") : null;
}

const CURRENCY_SYMBOLS = /[$€£¥₹₩₽₺₪₫฿₴₦₱¢]/g;
// ISO-style codes and a few common written forms, as whole words; a code may
// also be glued to the digits before it (`12.50USD`)
const CURRENCY_CODES =
  /(?<![A-Za-z])(?:USD|EUR|GBP|JPY|CNY|RMB|INR|AUD|CAD|CHF|NZD|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|SGD|HKD|KRW|TRY|RUB|AED|SAR|US\$|R\$|A\$|C\$|NZ\$|HK\$|S\$|Rs\.?)(?=$|[\s\d.,-])/gi;

/**
 * Reads a money-like cell: currency symbols/codes and spaces are stripped
 * (NUM_CURRENCY), thousands separators removed or a decimal comma read
 * (NUM_FORMAT). `(12.50)` is read as -12.50. Anything else left is NUM_INVALID.
 */
export function readMoney(s: string, a: number, b: number): number {
  const plain = readPlainNumber(s, a, b);
  if (plain !== -1) return plain;
  const minus = withAsciiMinus(s, a, b);
  if (minus !== null) return readMoney(minus, 0, minus.length);
  // fast path: a currency symbol glued to a plain number, `$12.50`
  const c0 = s.charCodeAt(a);
  if ((c0 === 36 || c0 === 8364 || c0 === 163) && readPlainNumber(s, a + 1, b) === NUM_OK)
    return NUM_CURRENCY;
  let t = s.slice(a, b).trim();
  const ascii = asciiForm(t);
  if (ascii !== null) {
    // `１２．５０`, `12\u200b.50`: read as typed in ASCII, a format repair at least
    const r = readMoney(ascii, 0, ascii.length);
    return r === NUM_OK ? NUM_FORMAT : r;
  }
  let code = NUM_OK;
  const stripped = t.replace(CURRENCY_CODES, "").replace(CURRENCY_SYMBOLS, "");
  if (stripped !== t) code = NUM_CURRENCY;
  t = stripped;
  let neg = false;
  const paren = /^\((.*)\)$/.exec(t.trim());
  if (paren) {
    neg = true;
    t = paren[1] as string;
  }
  if (/\s/.test(t.trim())) {
    // spaces inside (`1 234,50`, `- 5`) are stripped like currency noise
    code = NUM_CURRENCY;
  }
  t = t.replace(/[\s\u00a0\u202f\u2009]+/g, "");
  if (t.startsWith("-")) {
    neg = !neg;
    t = t.slice(1);
  } else if (t.startsWith("+")) t = t.slice(1);
  if (t.endsWith("-")) {
    // trailing minus as in some accounting exports: `12.50-`
    neg = !neg;
    t = t.slice(0, -1);
  }
  const n = readFormatted(t);
  if (n === null) return NUM_INVALID;
  if (n.formatted && code === NUM_OK) code = NUM_FORMAT;
  if (t === "") return NUM_INVALID;
  numOut[0] = neg ? -n.value : n.value;
  if (code === NUM_OK) return NUM_OK;
  return code;
}

/**
 * Digits with separators, no sign: `1234.5`, `1,234.56`, `1.234,56`,
 * `12,50` (decimal comma), `1'234.50`, `1 234` was handled by the caller.
 */
function readFormatted(t: string): { value: number; formatted: boolean } | null {
  if (!/^[\d.,']+$/.test(t) || !/\d/.test(t)) return null;
  const lastDot = t.lastIndexOf(".");
  const lastComma = t.lastIndexOf(",");
  let intPart: string;
  let fracPart = "";
  let formatted = false;
  if (t.includes("'")) formatted = true;
  const noApos = t.replace(/'/g, "");
  if (lastDot >= 0 && lastComma >= 0) {
    // both: the later one is the decimal mark
    const dec = lastDot > lastComma ? "." : ",";
    const thou = dec === "." ? "," : ".";
    const di = noApos.lastIndexOf(dec);
    intPart = noApos.slice(0, di);
    fracPart = noApos.slice(di + 1);
    if (!validGroups(intPart, thou)) return null;
    intPart = intPart.split(thou).join("");
    formatted = true;
  } else if (lastComma >= 0) {
    const parts = noApos.split(",");
    const last = parts[parts.length - 1] as string;
    if (parts.length === 2 && (last.length === 1 || last.length === 2)) {
      // a lone comma with one or two digits after it is a decimal comma
      intPart = parts[0] as string;
      fracPart = last;
    } else {
      if (!validGroups(noApos, ",")) return null;
      intPart = parts.join("");
    }
    formatted = true;
  } else if (lastDot >= 0) {
    const parts = noApos.split(".");
    if (parts.length === 2) {
      intPart = parts[0] as string;
      fracPart = parts[1] as string;
    } else {
      // `1.234.567`: dots as thousands separators
      if (!validGroups(noApos, ".")) return null;
      intPart = parts.join("");
      formatted = true;
    }
  } else {
    intPart = noApos;
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) return null;
  if (intPart === "" && fracPart === "") return null;
  const value = Number(`${intPart || "0"}.${fracPart || "0"}`);
  if (!Number.isFinite(value)) return null;
  return { value, formatted };
}

/**
 * `1,234,567` style: first group 1–3 digits, the rest exactly 3; or, with
 * commas, the Indian style of lakhs and crores: `1,00,000`, `12,34,56,789`
 * (groups of 2, the last of 3).
 */
function validGroups(s: string, sep: string): boolean {
  const groups = s.split(sep);
  if (groups.length === 1) return /^\d+$/.test(s) || s === "";
  if (sep === "," && /^\d{1,2}(?:,\d{2})+,\d{3}$/.test(s)) return true;
  const first = groups[0] as string;
  if (!/^\d{1,3}$/.test(first)) return false;
  for (let i = 1; i < groups.length; i++) if (!/^\d{3}$/.test(groups[i] as string)) return false;
  return true;
}

const NUMBER_IN_TEXT = /[-+]?\d[\d,.']*/;
/** a minus that starts the cell or a word, then only spaces and currency signs before the number: `- 5 units`, `-€ 5 pcs` */
const MINUS_BEFORE = /(?:^|\s)-[\s$€£¥₹₩₽₺₪₫฿₴₦₱¢]*$/;
const SPACED_DIGITS = /^[-+]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?$/;

/**
 * Quantities: a plain number, a formatted one, or a number inside text
 * (`5 units`, `qty: 5`) → NUM_TEXT. The first number in the text is used.
 */
export function readQuantity(s: string, a: number, b: number): number {
  const plain = readPlainNumber(s, a, b);
  if (plain !== -1) return plain;
  const minus = withAsciiMinus(s, a, b);
  if (minus !== null) return readQuantity(minus, 0, minus.length);
  const money = readMoney(s, a, b);
  if (money === NUM_OK || money === NUM_FORMAT) return money;
  if (money === NUM_CURRENCY) {
    // digit groups split by spaces (`1 000`): thousands separators, not a number and text
    if (SPACED_DIGITS.test(s.slice(a, b).trim())) return NUM_FORMAT;
    // `- 5`, `-$5`: a negative number with noise (the search below finds `5` alone)
    if (numValue() < 0) return NUM_TEXT;
  }
  const t = s.slice(a, b);
  const ascii = asciiForm(t);
  if (ascii !== null) {
    const r = readQuantity(ascii, 0, ascii.length);
    return r === NUM_OK ? NUM_FORMAT : r;
  }
  const m = NUMBER_IN_TEXT.exec(t);
  if (!m) return NUM_INVALID;
  let num = m[0].replace(/[.,']+$/, "");
  let neg = false;
  if (num.startsWith("-") || num.startsWith("+")) {
    neg = num.startsWith("-");
    num = num.slice(1);
  } else neg = MINUS_BEFORE.test(t.slice(0, m.index));
  const n = readFormatted(num);
  if (n === null) return NUM_INVALID;
  numOut[0] = neg ? -n.value : n.value;
  return NUM_TEXT;
}

/**
 * Discounts: a fraction (`0.15`), or a percentage (`15%`, `15 %`) → NUM_PERCENT
 * with the value divided by 100. Currency noise is not accepted here.
 */
export function readDiscount(s: string, a: number, b: number): number {
  const plain = readPlainNumber(s, a, b);
  if (plain !== -1) return plain;
  const minus = withAsciiMinus(s, a, b);
  if (minus !== null) return readDiscount(minus, 0, minus.length);
  // fast path: `15%`
  if (s.charCodeAt(b - 1) === 37 && readPlainNumber(s, a, b - 1) === NUM_OK) {
    numOut[0] = numValue() / 100;
    return NUM_PERCENT;
  }
  const t = s.slice(a, b).trim();
  const ascii = asciiForm(t);
  if (ascii !== null) return readDiscount(ascii, 0, ascii.length);
  if (t.endsWith("%")) {
    const inner = t.slice(0, -1).trim();
    const r = readPlainNumber(inner, 0, inner.length);
    if (r === NUM_OK) {
      numOut[0] = numValue() / 100;
      return NUM_PERCENT;
    }
    const n = readFormatted(inner.replace(/^[-+]/, ""));
    if (n === null || inner === "") return NUM_INVALID;
    numOut[0] = (inner.startsWith("-") ? -n.value : n.value) / 100;
    return NUM_PERCENT;
  }
  // `0,15` with a decimal comma
  const n = readFormatted(t.replace(/^[-+]/, ""));
  if (n === null) return NUM_INVALID;
  numOut[0] = t.startsWith("-") ? -n.value : n.value;
  return NUM_OK;
}
