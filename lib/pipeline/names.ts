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

/** charDistance's two rows of the distance table, reused */
let distanceRows: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];

/**
 * editDistance over strings given as their characters (codePoints). Only the
 * cells within max of the diagonal are computed: a path through any other
 * cell costs more than max, so every distance up to max comes out exact.
 */
function charDistance(ca: readonly number[], cb: readonly number[], max: number): number {
  const la = ca.length;
  const lb = cb.length;
  const over = max + 1;
  if (Math.abs(la - lb) > max) return over;
  if (distanceRows[0].length <= lb + 1)
    distanceRows = [new Int32Array(lb * 2 + 2), new Int32Array(lb * 2 + 2)];
  let [prev, cur] = distanceRows;
  for (let j = 0; j <= Math.min(lb, over); j++) prev[j] = Math.min(j, over);
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(lb, i + max);
    // left of the band: column 0 (i deletions) or a cell too far from the diagonal
    cur[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    let rowMin = cur[lo - 1] as number;
    const c = ca[i - 1];
    for (let j = lo; j <= hi; j++) {
      const cost = c === cb[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur[j] = v < over ? v : over;
      if (v < rowMin) rowMin = v;
    }
    // right of the band, read by the next row
    if (hi < lb) cur[hi + 1] = over;
    if (rowMin > max) return over;
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

interface TypoTarget<G> {
  group: G;
  /** its place in the index (TypoTargets.add's count) */
  id: number;
  /** its characters (codePoints) and digit runs */
  chars: number[];
  digits: string;
}

/** a hash of the characters c[a, a + n) of a key of `length` characters, as part `part` of it */
function partHash(c: readonly number[], a: number, n: number, length: number, part: number): number {
  let h = Math.imul(length, 0x9e3779b1) ^ part;
  for (let i = a; i < a + n; i++) h = Math.imul(h ^ (c[i] as number), 0x01000193);
  return h;
}

/** a key is cut into this many parts; two edits leave at least PARTS - 2 of them as they were */
const PARTS = 4;

/**
 * The keys a typo can merge into, found without comparing a key with every
 * one of them (a long-tail catalog of 45,000 products, 3,000 of them targets,
 * took 30 s that way). A key of L ≥ PARTS characters is cut into PARTS
 * parts; two edits leave two of them as they were, each at most two
 * characters from where it was, so a key within two edits holds two of its
 * parts there: candidates() looks up each part's place ±2, for each length
 * within 2, and keeps the keys two parts found. Shorter keys are few and are
 * all candidates. A hash collision only adds a candidate: the caller
 * measures the distance of each.
 */
export class TypoTargets<G> {
  size = 0;
  private readonly parts = new Map<number, TypoTarget<G>[]>();
  private readonly short = new Map<number, TypoTarget<G>[]>();
  private readonly lengths = new Set<number>();

  add(group: G, key: string): void {
    const chars = codePoints(key);
    const t: TypoTarget<G> = { group, id: this.size, chars, digits: digitRuns(key) };
    const n = chars.length;
    this.size++;
    this.lengths.add(n);
    if (n < PARTS) {
      const list = this.short.get(n);
      if (list) list.push(t);
      else this.short.set(n, [t]);
      return;
    }
    for (let part = 0; part < PARTS; part++) {
      const [a, e] = partOf(n, part);
      const h = partHash(chars, a, e - a, n, part);
      const list = this.parts.get(h);
      if (list) list.push(t);
      else this.parts.set(h, [t]);
    }
  }

  /** by target id: the parts found for the call `seenIn` holds, as bits */
  private found = new Int32Array(0);
  private seenIn = new Int32Array(0);
  private call = 0;

  /** the targets whose keys may be within two edits of `chars`, each once */
  candidates(chars: readonly number[]): TypoTarget<G>[] {
    const out: TypoTarget<G>[] = [];
    if (this.found.length < this.size) {
      this.found = new Int32Array(this.size);
      this.seenIn = new Int32Array(this.size);
    }
    const call = ++this.call;
    const { found, seenIn } = this;
    const n = chars.length;
    for (let len = Math.max(1, n - 2); len <= n + 2; len++) {
      if (!this.lengths.has(len)) continue;
      if (len < PARTS) {
        for (const t of this.short.get(len) ?? []) out.push(t);
        continue;
      }
      for (let part = 0; part < PARTS; part++) {
        const [a, e] = partOf(len, part);
        for (let at = Math.max(0, a - 2); at <= a + 2 && at + (e - a) <= n; at++) {
          for (const t of this.parts.get(partHash(chars, at, e - a, len, part)) ?? []) {
            const bits = seenIn[t.id] === call ? (found[t.id] as number) : 0;
            if (bits & (1 << part)) continue;
            seenIn[t.id] = call;
            found[t.id] = bits | (1 << part);
            // the second part found: a candidate
            if (bits !== 0 && (bits & (bits - 1)) === 0) out.push(t);
          }
        }
      }
    }
    return out;
  }
}

/** where part `part` of a key of n ≥ PARTS characters starts and ends */
function partOf(n: number, part: number): [number, number] {
  return [Math.floor((n * part) / PARTS), Math.floor((n * (part + 1)) / PARTS)];
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
    // the groups that can take a typo in
    const targets = [...merged.values()].filter((m) => m.key !== "" && m.rows >= minRows * 10);
    // their keys (their own and their aliased ones), indexed by parts (TypoTargets)
    const index = new TypoTargets<Merged>();
    for (const m of targets) {
      const keys = new Set([m.key]);
      for (const g of m.members) if (g.key !== "") keys.add(g.key);
      for (const key of keys) index.add(m, key);
    }
    if (index.size > 0) {
      for (const src of merged.values()) {
        const need = src.rows * 10;
        if (src.key === "" || maxRows < need) continue;
        const digits = digitRuns(src.key);
        const srcChars = codePoints(src.key);
        const srcLength = srcChars.length;
        let best: Merged | null = null;
        let bestDist = 3;
        // every target key within two edits is among the candidates; the
        // nearest wins, then the one with more rows, then the first key
        for (const t of index.candidates(srcChars)) {
          const g = t.group;
          if (g.rows < need || g === src || t.digits !== digits) continue;
          const max = Math.max(srcLength, t.chars.length) <= 6 ? 1 : 2;
          const d = charDistance(srcChars, t.chars, max);
          if (d > max) continue;
          if (
            best === null ||
            d < bestDist ||
            (d === bestDist && (g.rows > best.rows || (g.rows === best.rows && g.key < best.key)))
          ) {
            best = g;
            bestDist = d;
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
