// Product, region and category names (SPEC §4): display form, grouping key,
// aliases, the guarded typo merge, and the cleaning report. Runs after the
// pass on per-key counts, which is exact because every aggregate is additive.
import { asciiForm, withoutInvisible } from "./strings";
import type { CleaningRow, NameField } from "./types";

/** trimmed, inner whitespace collapsed */
export function displayName(raw: string): string {
  const t = withoutInvisible(raw).trim();
  // a run of whitespace, or any whitespace that is not a plain space, becomes one space
  return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, " ") : t;
}

/**
 * lowercase, without whitespace and - _ . , ' " ( ) — and without their
 * typographic forms (‘ ’ “ ” and the Unicode hyphens and dashes), which word
 * processors and spreadsheets put in for them (`Women’s` is `Women's`). The
 * text is NFC-normalised first, so an accent typed as a separate mark groups
 * with the same letter written as one character (they look the same), and
 * full-width letters and digits (`ＳＫＵ－１`) group with their ASCII forms.
 */
export function groupKey(display: string): string {
  return (asciiForm(display) ?? display)
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s\-_.,'"()\u2010-\u2015\u2018\u2019\u201c\u201d]+/g, "");
}

export const BUILTIN_ALIASES: Readonly<Record<NameField, Readonly<Record<string, string>>>> = {
  region: { nort: "North", sout: "South", eas: "East", wes: "West" },
  product: {
    "laptop pro": "Laptop Pro 15",
    "smartfone x": "Smartphone X",
    "smart-phone x": "Smartphone X",
    "smartphone-x": "Smartphone X",
    "wirless headphones": "Wireless Headphones",
    "4ktv": "4K LED TV",
    "4k led tv": "4K LED TV",
    blenderpro: "Blender Pro",
    "cofee maker elite": "Coffee Maker Elite",
    "mens t-shirt (blue)": "Men's T-shirt (Blue)",
    "t-shirt (blue)": "Men's T-shirt (Blue)",
  },
  category: { "home appliances": "Home Appliance", clothing: "Fashion" },
};

/** What the pass collected for one grouping key. */
export interface KeyGroupInput {
  key: string;
  /** display-form spelling → rows */
  spellings: Map<string, number>;
  rows: number;
}

/** alias key → target display: the built-in list of the field, then per-job aliases (which win) */
export function aliasMap(
  field: NameField,
  userAliases: Readonly<Record<string, string>> | undefined,
): Map<string, string> {
  const aliasTo = new Map<string, string>();
  for (const [from, to] of Object.entries(BUILTIN_ALIASES[field])) aliasTo.set(groupKey(from), to);
  for (const [from, to] of Object.entries(userAliases ?? {}))
    aliasTo.set(groupKey(displayName(from)), displayName(to));
  return aliasTo;
}

/** where aliases take a key, following chains (bounded); display is null when no alias applies */
export function resolveAlias(
  aliasTo: Map<string, string>,
  key: string,
): { key: string; display: string | null } {
  let k = key;
  let display: string | null = null;
  for (let hop = 0; hop < 8; hop++) {
    const to = aliasTo.get(k);
    if (to === undefined) break;
    const next = groupKey(to);
    display = to;
    if (next === k) break;
    k = next;
  }
  return { key: k, display };
}

export interface ResolvedNames {
  /** grouping key → final display name */
  displayOf: Map<string, string>;
  cleaning: CleaningRow[];
}

function digitRuns(key: string): string {
  const m = key.match(/\d+/g);
  return m ? m.join(" ") : "";
}

/** Levenshtein distance in characters, or max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  return charDistance(codePoints(a), codePoints(b), max);
}

/** editDistance over strings given as their characters (codePoints) */
function charDistance(ca: readonly number[], cb: readonly number[], max: number): number {
  const la = ca.length;
  const lb = cb.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const c = ca[i - 1];
    for (let j = 1; j <= lb; j++) {
      const cost = c === cb[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] as number;
}

/** the characters of s as code points (a character past U+FFFF is one, not two UTF-16 units) */
function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

function mostFrequent(spellings: Map<string, number>): string {
  let best = "";
  let bestRows = -1;
  for (const [s, n] of spellings) {
    if (n > bestRows || (n === bestRows && s < best)) {
      best = s;
      bestRows = n;
    }
  }
  return best;
}

/**
 * Aliases (built-in for the field plus per-job ones, matched by key), then the
 * typo merge, then display names. Deterministic: depends only on the counts.
 */
export function resolveNames(
  field: NameField,
  groups: readonly KeyGroupInput[],
  userAliases: Readonly<Record<string, string>> | undefined,
  fuzzy: boolean,
): ResolvedNames {
  const aliasTo = aliasMap(field, userAliases);

  // 1. aliases: key → merged key, following chains (bounded)
  interface Merged {
    key: string;
    rows: number;
    members: KeyGroupInput[];
    aliasDisplay: string | null;
  }
  const merged = new Map<string, Merged>();
  for (const g of groups) {
    const { key, display: aliasDisplay } = resolveAlias(aliasTo, g.key);
    let m = merged.get(key);
    if (!m) {
      m = { key, rows: 0, members: [], aliasDisplay: null };
      merged.set(key, m);
    }
    m.rows += g.rows;
    m.members.push(g);
    if (aliasDisplay !== null) m.aliasDisplay = aliasDisplay;
  }

  // 2. typo merge: into a key with ≥ 10× the rows, same digit runs, close enough.
  // A group is reached by its own key or by a key of the file an alias sent to
  // it: "Desk Lampp" is a typo of "Desk Lamp" even when an alias renames that.
  // Only groups with 10× the rows of the smallest can be targets, and only
  // groups with a tenth of the largest's rows or fewer can merge: a catalog of
  // even sizes (50,000 SKUs of ~20 rows each) has neither, and goes by without
  // a character array or a list entry per key.
  const parent = new Map<string, string>();
  if (fuzzy) {
    let minRows = Number.POSITIVE_INFINITY;
    let maxRows = 0;
    for (const m of merged.values()) {
      if (m.key === "") continue;
      if (m.rows < minRows) minRows = m.rows;
      if (m.rows > maxRows) maxRows = m.rows;
    }
    // the groups that can take a typo in, most rows first
    const targets = [...merged.values()]
      .filter((m) => m.key !== "" && m.rows >= minRows * 10)
      .sort((x, y) => y.rows - x.rows || (x.key < y.key ? -1 : 1));
    interface Target {
      group: Merged;
      key: string;
      chars: number[];
    }
    // their keys (their own and their aliased ones) by length, each list in descending rows
    const byLength = new Map<number, Target[]>();
    for (const m of targets) {
      const keys = new Set([m.key]);
      for (const g of m.members) if (g.key !== "") keys.add(g.key);
      for (const key of keys) {
        const chars = codePoints(key);
        const list = byLength.get(chars.length);
        const t = { group: m, key, chars };
        if (list) list.push(t);
        else byLength.set(chars.length, [t]);
      }
    }
    if (byLength.size > 0) {
      for (const src of merged.values()) {
        const need = src.rows * 10;
        if (src.key === "" || maxRows < need) continue;
        const digits = digitRuns(src.key);
        const srcChars = codePoints(src.key);
        let best: Merged | null = null;
        let bestDist = 3;
        const srcLength = srcChars.length;
        for (let len = srcLength - 2; len <= srcLength + 2; len++) {
          for (const { group: t, key, chars } of byLength.get(len) ?? []) {
            if (t.rows < need) break; // lists are in descending rows
            if (t === src) continue;
            const max = Math.max(srcLength, chars.length) <= 6 ? 1 : 2;
            if (digitRuns(key) !== digits) continue;
            const d = charDistance(srcChars, chars, max);
            if (d > max) continue;
            if (
              best === null ||
              d < bestDist ||
              (d === bestDist && (t.rows > best.rows || (t.rows === best.rows && t.key < best.key)))
            ) {
              best = t;
              bestDist = d;
            }
          }
        }
        if (best) parent.set(src.key, best.key);
      }
    }
  }
  const root = (key: string): string => {
    let k = key;
    for (let hop = 0; hop < 64; hop++) {
      const p = parent.get(k);
      if (p === undefined) return k;
      k = p;
    }
    return k;
  };

  // 3. final groups and display names
  const displayOf = new Map<string, string>();
  const cleaning: CleaningRow[] = [];
  const finish = (members: KeyGroupInput[], aliasDisplay: string | null) => {
    // one key group's spellings as they are (most groups of a catalog); several added up
    let spellings = (members[0] as KeyGroupInput).spellings;
    if (members.length > 1) {
      spellings = new Map();
      for (const g of members)
        for (const [s, n] of g.spellings) spellings.set(s, (spellings.get(s) ?? 0) + n);
    }
    const display = aliasDisplay ?? mostFrequent(spellings);
    for (const g of members) displayOf.set(g.key, display);
    for (const [s, n] of spellings) {
      if (s !== display) cleaning.push({ field, original: s, canonical: display, rows: n });
    }
  };
  // a group no typo merge touches (it went into none, none came into it) is
  // final as it is; the others are gathered by the key they end at
  const parents = new Set(parent.values());
  const finals = new Map<string, { members: KeyGroupInput[]; aliasDisplay: string | null }>();
  for (const m of merged.values()) {
    const r = root(m.key);
    if (r === m.key && !parents.has(r)) {
      finish(m.members, m.aliasDisplay);
      continue;
    }
    let f = finals.get(r);
    if (!f) {
      f = { members: [], aliasDisplay: null };
      finals.set(r, f);
    }
    if (m.key === r && m.aliasDisplay !== null) f.aliasDisplay = m.aliasDisplay;
    for (const g of m.members) f.members.push(g);
  }
  for (const f of finals.values()) finish(f.members, f.aliasDisplay);
  cleaning.sort(
    (a, b) => a.canonical.localeCompare(b.canonical) || b.rows - a.rows || (a.original < b.original ? -1 : 1),
  );
  return { displayOf, cleaning };
}
