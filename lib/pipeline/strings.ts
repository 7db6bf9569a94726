// Small string helpers of the hot path.

/**
 * A 32-bit FNV-1a over s[a, b) four characters a round (each round's four as
 * one little-endian word, as hashAsciiBytes reads ASCII bytes), then a byte
 * a round, with a final avalanche (order ids past the exact limit). Four a
 * round: the multiplications chain, and ids are ~10 characters.
 */
export function hashSlice(s: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  let i = a;
  for (; i + 4 <= b; i += 4) {
    const w =
      s.charCodeAt(i) |
      (s.charCodeAt(i + 1) << 8) |
      (s.charCodeAt(i + 2) << 16) |
      (s.charCodeAt(i + 3) << 24);
    h = Math.imul(h ^ w, 0x01000193);
  }
  for (; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return avalanche(h);
}

/** the final mixing step of hashSlice (and of hashAsciiBytes, which must give the same values) */
export function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** a copy of s that shares no storage with a larger string (a slice would pin its whole chunk) */
export function flat(s: string): string {
  return s.length > 12 ? (JSON.parse(JSON.stringify(s)) as string) : s;
}

/** characters that show nothing (zero-width space, joiners, word joiner, a BOM inside text) */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
/** what asciiForm changes: those, full-width forms of ASCII (U+FF01–U+FF5E) and of ¢ £ ¥ ₩, the ideographic space */
const NOT_ASCII_FORM = /[\u200b-\u200d\u2060\ufeff\u3000\uff01-\uff5e\uffe0\uffe1\uffe5\uffe6]/;
const FULL_WIDTH_SIGNS: Record<string, string> = {
  "\u3000": " ",
  "\uffe0": "¢",
  "\uffe1": "£",
  "\uffe5": "¥",
  "\uffe6": "₩",
};

/**
 * t as typed on a Western keyboard: characters that show nothing removed, the
 * full-width forms East Asian input methods type (`１２．５０`, `ＳＫＵ`) as
 * their ASCII letters, digits and marks, the ideographic space as a space;
 * null when t has none of them (the usual case, found by one regex test).
 */
export function asciiForm(t: string): string | null {
  if (!NOT_ASCII_FORM.test(t)) return null;
  return t
    .replace(INVISIBLE, "")
    .replace(
      /[\u3000\uff01-\uff5e\uffe0\uffe1\uffe5\uffe6]/g,
      (c) => FULL_WIDTH_SIGNS[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    );
}

/** t without the characters that show nothing */
export function withoutInvisible(t: string): string {
  return t.replace(INVISIBLE, "");
}

/**
 * Text in code point order, as SQLite's BINARY collation and byte-wise UTF-8
 * order have it (`<` on strings compares UTF-16 units, which puts U+E000–U+FFFF
 * after the surrogates of U+10000 and above).
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return unitRank(x) - unitRank(y);
  }
  return a.length - b.length;
}

/** surrogates (code points above U+FFFF) after U+E000–U+FFFF, everything else in place */
function unitRank(u: number): number {
  if (u >= 0xe000) return u - 0x800;
  return u >= 0xd800 ? u + 0x2000 : u;
}
