// Names of SPEC §4: display form, grouping key, aliases, the guarded typo
// merge, display names and the cleaning report.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csv, run } from "./__fixtures__/run";
import { displayName, editDistance, groupKey, type KeyGroupInput, resolveNames, TypoTargets } from "./names";
import type { NameField } from "./types";

/** [spelling, rows] → the key groups the pass would collect */
function groups(spellings: [string, number][]): KeyGroupInput[] {
  const byKey = new Map<string, KeyGroupInput>();
  for (const [raw, n] of spellings) {
    const d = displayName(raw);
    const key = groupKey(d);
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { key, spellings: new Map(), rows: 0 }));
    g.spellings.set(d, (g.spellings.get(d) ?? 0) + n);
    g.rows += n;
  }
  return [...byKey.values()];
}

/** spelling → final display name */
function resolve(
  spellings: [string, number][],
  opts: { field?: NameField; aliases?: Record<string, string>; fuzzy?: boolean } = {},
) {
  const gs = groups(spellings);
  const r = resolveNames(opts.field ?? "product", gs, opts.aliases, opts.fuzzy ?? true);
  const display = Object.fromEntries(spellings.map(([s]) => [s, r.displayOf.get(groupKey(displayName(s)))]));
  return { display, cleaning: r.cleaning };
}

describe("displayName and groupKey", () => {
  it("trims and collapses inner whitespace", () => {
    expect(displayName("  Laptop   Pro\t15 ")).toBe("Laptop Pro 15");
    expect(displayName("Desk\r\nLamp")).toBe("Desk Lamp");
    expect(displayName("A\u00a0B")).toBe("A B");
    expect(displayName("Plain Name")).toBe("Plain Name");
  });

  it("keys drop case, whitespace and - _ . , ' \" ( ) but keep + / & # digits", () => {
    expect(groupKey("DVD+RW")).toBe("dvd+rw");
    expect(groupKey("DVD-RW")).toBe("dvdrw");
    expect(groupKey("Men's T-shirt (Blue)")).toBe("menstshirtblue");
    expect(groupKey("mens t-shirt (blue)")).toBe("menstshirtblue");
    expect(groupKey('A/B & C #1 "x", y_z.')).toBe("a/b&c#1xyz");
  });

  it("keys treat typographic quotes and dashes as their plain forms, and accents however they are encoded", () => {
    expect(groupKey("Women\u2019s Jacket")).toBe(groupKey("Women's Jacket"));
    expect(groupKey("\u201cDeluxe\u201d Kit \u2013 Blue")).toBe(groupKey('"Deluxe" Kit - Blue'));
    expect(groupKey("Caf\u00e9")).toBe(groupKey("Cafe\u0301")); // é as one character or e + combining accent
    // still apart: a different character
    expect(groupKey("DVD\u2013RW")).not.toBe(groupKey("DVD+RW"));
    expect(groupKey("Cafe")).not.toBe(groupKey("Caf\u00e9"));
  });
});

it("bug: full-width letters, and characters that show nothing, made a name a product of its own", () => {
  expect(groupKey(displayName("ＳＫＵ－１０２"))).toBe(groupKey("SKU-102"));
  expect(groupKey(displayName("Ｄｅｓｋ　Ｌａｍｐ"))).toBe(groupKey("Desk Lamp"));
  expect(displayName("\ufeffDesk Lamp\u200b")).toBe("Desk Lamp");
  expect(displayName("Desk\u200b Lamp")).toBe("Desk Lamp");
  expect(groupKey(displayName("Desk\u200cLamp"))).toBe(groupKey("Desk Lamp"));
  // the display keeps what was typed
  expect(displayName("ＳＫＵ－１０２")).toBe("ＳＫＵ－１０２");
  // digits still count: a full-width 3 is a 3, not a 2
  expect(groupKey("ＳＫＵ－１０３")).not.toBe(groupKey("SKU-102"));
});

it("bug: a single thin, ideographic or form-feed space inside a name was kept as written, not collapsed", () => {
  expect(displayName("Desk\u2009Lamp")).toBe("Desk Lamp");
  expect(displayName("Desk\u3000Lamp")).toBe("Desk Lamp");
  expect(displayName("Desk\fLamp")).toBe("Desk Lamp");
  expect(displayName("Desk\u202fLamp")).toBe("Desk Lamp");
  expect(displayName(" Desk Lamp ")).toBe("Desk Lamp");
});

describe("editDistance", () => {
  it("is Levenshtein, capped at max + 1", () => {
    expect(editDistance("kitten", "sitting", 3)).toBe(3);
    expect(editDistance("abc", "abc", 1)).toBe(0);
    expect(editDistance("keyboard", "keybaord", 2)).toBe(2);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
    expect(editDistance("a", "abcd", 2)).toBe(3);
    expect(editDistance("", "ab", 2)).toBe(2);
  });

  it("counts characters, not UTF-16 units: an emoji is one character", () => {
    expect(editDistance("box📦", "box📫", 2)).toBe(1);
    expect(editDistance("box📦", "box", 2)).toBe(1);
    expect(editDistance("📦📦", "📦", 1)).toBe(1);
  });
});

describe("resolveNames", () => {
  it("DVD+RW and DVD-RW stay apart; Men's T-shirt (Blue) spellings group", () => {
    const r = resolve([
      ["DVD+RW", 5],
      ["DVD-RW", 5],
      ["Men's T-shirt (Blue)", 3],
      ["mens t-shirt (blue)", 1],
      ["MENS T-SHIRT (BLUE)", 1],
    ]);
    expect(r.display).toEqual({
      "DVD+RW": "DVD+RW",
      "DVD-RW": "DVD-RW",
      "Men's T-shirt (Blue)": "Men's T-shirt (Blue)",
      "mens t-shirt (blue)": "Men's T-shirt (Blue)",
      "MENS T-SHIRT (BLUE)": "Men's T-shirt (Blue)",
    });
  });

  it("display is the most frequent spelling as written (no re-casing), ties by code order", () => {
    expect(
      resolve([
        ["keyboard", 4],
        ["KEYBOARD", 6],
      ]).display.keyboard,
    ).toBe("KEYBOARD");
    expect(
      resolve([
        ["Women's Hat (Red)", 2],
        ["womens hat (red)", 1],
      ]).display["womens hat (red)"],
    ).toBe("Women's Hat (Red)");
    expect(
      resolve([
        ["b-x", 2],
        ["B X", 2],
      ]).display["b-x"],
    ).toBe("B X");
  });

  it("applies the built-in aliases per field", () => {
    expect(
      resolve(
        [
          ["nort", 1],
          ["Wes", 1],
          ["EAS", 1],
          ["sout", 1],
        ],
        { field: "region" },
      ).display,
    ).toEqual({
      nort: "North",
      Wes: "West",
      EAS: "East",
      sout: "South",
    });
    expect(
      resolve([
        ["smartfone x", 1],
        ["Smart-Phone X", 1],
        ["4K TV", 1],
        ["laptop pro", 1],
        ["BlenderPro", 1],
      ]).display,
    ).toEqual({
      "smartfone x": "Smartphone X",
      "Smart-Phone X": "Smartphone X",
      "4K TV": "4K LED TV",
      "laptop pro": "Laptop Pro 15",
      BlenderPro: "Blender Pro",
    });
    expect(
      resolve(
        [
          ["Clothing", 1],
          ["home appliances", 1],
        ],
        { field: "category" },
      ).display,
    ).toEqual({
      Clothing: "Fashion",
      "home appliances": "Home Appliance",
    });
    // aliases are per field: a product called "nort" stays as it is
    expect(resolve([["nort", 1]], { field: "product" }).display.nort).toBe("nort");
  });

  it("applies per-job aliases by key, over the built-in ones", () => {
    const r = resolve(
      [
        ["Widget Co.", 1],
        ["Widget", 1],
        ["nort", 1],
      ],
      { field: "region", aliases: { "widget co": "Widget", NORT: "Northern" } },
    );
    expect(r.display).toEqual({ "Widget Co.": "Widget", Widget: "Widget", nort: "Northern" });
    expect(r.cleaning).toEqual([
      { field: "region", original: "nort", canonical: "Northern", rows: 1 },
      { field: "region", original: "Widget Co.", canonical: "Widget", rows: 1 },
    ]);
  });

  it("the length rule counts characters: keys of 4 and 6 characters with an emoji allow one edit, not two", () => {
    // bxs📦 / boxes📦: 4 and 6 characters (5 and 7 UTF-16 units), two edits apart
    expect(
      resolve([
        ["Boxes📦", 100],
        ["Bxs📦", 1],
      ]).display["Bxs📦"],
    ).toBe("Bxs📦");
    // longer keys with an emoji still take two edits
    expect(
      resolve([
        ["Gift Boxes📦", 100],
        ["Gift Bxs📦", 1],
      ]).display["Gift Bxs📦"],
    ).toBe("Gift Boxes📦");
  });

  it("typo merge needs ≥ 10× the rows", () => {
    expect(
      resolve([
        ["Keyboard", 10],
        ["Keybaord", 1],
      ]).display.Keybaord,
    ).toBe("Keyboard");
    expect(
      resolve([
        ["Keyboard", 9],
        ["Keybaord", 1],
      ]).display.Keybaord,
    ).toBe("Keybaord");
    expect(
      resolve([
        ["Keyboard", 20],
        ["Keybaord", 2],
      ]).display.Keybaord,
    ).toBe("Keyboard");
    expect(
      resolve([
        ["Keyboard", 19],
        ["Keybaord", 2],
      ]).display.Keybaord,
    ).toBe("Keybaord");
  });

  it("edit distance 1 for keys up to 6 characters, ≤ 2 for longer ones", () => {
    expect(
      resolve([
        ["mouse", 10],
        ["mousse", 1],
      ]).display.mousse,
    ).toBe("mouse"); // 1
    expect(
      resolve([
        ["mouse", 10],
        ["muose", 1],
      ]).display.muose,
    ).toBe("muose"); // 2, short
    expect(
      resolve([
        ["tablet", 10],
        ["tablte", 1],
      ]).display.tablte,
    ).toBe("tablte"); // 2, 6 chars
    expect(
      resolve([
        ["monitor", 10],
        ["moniotr", 1],
      ]).display.moniotr,
    ).toBe("monitor"); // 2, 7 chars
    expect(
      resolve([
        ["keyboard", 10],
        ["keyboardxyz", 1],
      ]).display.keyboardxyz,
    ).toBe("keyboardxyz"); // 3
  });

  it("names whose digits differ never merge", () => {
    expect(
      resolve([
        ["iPhone 14", 100],
        ["iPhone 15", 1],
      ]).display["iPhone 15"],
    ).toBe("iPhone 15");
    expect(
      resolve([
        ["Model 1", 100],
        ["Model 11", 1],
      ]).display["Model 11"],
    ).toBe("Model 11");
    expect(
      resolve([
        ["Laptop Pro 15", 10],
        ["Laptp Pro 15", 1],
      ]).display["Laptp Pro 15"],
    ).toBe("Laptop Pro 15");
  });

  it("of several targets the nearest wins, then the one with more rows", () => {
    // keyboar: keyboard at 1 (10 rows) beats keyboards at 2 (99 rows: too few to absorb keyboard itself)
    expect(
      resolve([
        ["keyboar", 1],
        ["keyboard", 10],
        ["keyboards", 99],
      ]).display.keyboar,
    ).toBe("keyboard");
    // merges chain: keyboard (10) itself goes into keyboards (100)
    expect(
      resolve([
        ["keyboar", 1],
        ["keyboard", 10],
        ["keyboards", 100],
      ]).display.keyboar,
    ).toBe("keyboards");
    // keybord: keyboard and keybird both at 1 → the one with more rows
    expect(
      resolve([
        ["keybord", 1],
        ["keyboard", 10],
        ["keybird", 20],
      ]).display.keybord,
    ).toBe("keybird");
  });

  it("bug: an alias on a product kept its typos from merging into it", () => {
    // "Desk Lampp" is one letter from "Desk Lamp", which an alias renames "Lamp Classic"
    const r = resolve(
      [
        ["Desk Lamp", 200],
        ["Desk Lampp", 5],
        ["Lamp Classic", 3],
      ],
      { aliases: { "Desk Lamp": "Lamp Classic" } },
    );
    expect(r.display).toEqual({
      "Desk Lamp": "Lamp Classic",
      "Desk Lampp": "Lamp Classic",
      "Lamp Classic": "Lamp Classic",
    });
    expect(r.cleaning).toEqual([
      { field: "product", original: "Desk Lamp", canonical: "Lamp Classic", rows: 200 },
      { field: "product", original: "Desk Lampp", canonical: "Lamp Classic", rows: 5 },
    ]);
    // a built-in alias too: "smartfone x" → Smartphone X, and "smartfone xx" is its typo
    expect(
      resolve([
        ["smartfone x", 40],
        ["smartfone xx", 2],
      ]).display["smartfone xx"],
    ).toBe("Smartphone X");
    // still 10× the rows: the alias's own rows count, not only the spelling's
    expect(
      resolve(
        [
          ["Desk Lamp", 10],
          ["Lamp Classic", 40],
          ["Desk Lampp", 5],
        ],
        { aliases: { "Desk Lamp": "Lamp Classic" } },
      ).display["Desk Lampp"],
    ).toBe("Lamp Classic");
  });

  it("fuzzy = false turns the typo merge off (aliases still apply)", () => {
    const r = resolve(
      [
        ["Keyboard", 10],
        ["Keybaord", 1],
        ["smartfone x", 1],
      ],
      { fuzzy: false },
    );
    expect(r.display).toEqual({ Keyboard: "Keyboard", Keybaord: "Keybaord", "smartfone x": "Smartphone X" });
    expect(r.cleaning).toEqual([
      { field: "product", original: "smartfone x", canonical: "Smartphone X", rows: 1 },
    ]);
  });

  it("reports every merged spelling with its rows in the cleaning report", () => {
    const r = resolve([
      ["Keyboard", 30],
      ["keyboard", 5],
      ["Keybaord", 2],
      ["Mouse", 12],
      ["mouse ", 1],
    ]);
    expect(r.cleaning).toEqual([
      { field: "product", original: "keyboard", canonical: "Keyboard", rows: 5 },
      { field: "product", original: "Keybaord", canonical: "Keyboard", rows: 2 },
      { field: "product", original: "mouse", canonical: "Mouse", rows: 1 },
    ]);
  });
});

describe("editDistance against the whole table", () => {
  it("agrees on every distance up to max, and says max + 1 beyond", () => {
    const full = (a: string[], b: string[]) => {
      let prev = b.map((_, j) => j + 1);
      prev.unshift(0);
      for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++)
          cur[j] = Math.min(
            (prev[j] as number) + 1,
            (cur[j - 1] as number) + 1,
            (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
        prev = cur;
      }
      return prev[b.length] as number;
    };
    const word = fc.array(fc.constantFrom("a", "b", "c", "😀"), { maxLength: 9 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const d = full(a, b);
        expect(editDistance(a.join(""), b.join(""), max)).toBe(d <= max ? d : max + 1);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("TypoTargets", () => {
  it("finds every key within two edits among its candidates", () => {
    // few letters, so that keys within two edits are common; an emoji is one character
    const key = fc
      .array(fc.constantFrom("a", "b", "c", "1", "😀"), { minLength: 1, maxLength: 10 })
      .map((cs) => cs.join(""));
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 40 }), key, (targets, source) => {
        const index = new TypoTargets<string>();
        for (const t of targets) index.add(t, t);
        const found = new Set(
          index.candidates([...source].map((c) => c.codePointAt(0) as number)).map((t) => t.group),
        );
        for (const t of targets) if (editDistance(source, t, 2) <= 2) expect(found, t).toContain(t);
      }),
      { numRuns: 2000 },
    );
  });

  it("a long-tail catalog: each rare name finds its typo target among a few candidates", () => {
    const index = new TypoTargets<string>();
    const words = ["oak", "mug", "lamp", "blue", "steel", "chair", "cotton", "basic"];
    const targets: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const name = `${words[i % 8]}${words[(i >> 3) % 8]}${words[(i >> 6) % 8]}${i.toString(36)}`.replace(
        /\d/g,
        "x",
      );
      targets.push(name);
      index.add(name, name);
    }
    const typo = `${targets[1234]}q`;
    const found = index.candidates([...typo].map((c) => c.codePointAt(0) as number)).map((t) => t.group);
    expect(found).toContain(targets[1234]);
    // not every target: names sharing words share parts, but a tenth would be plenty
    expect(found.length).toBeLessThan(targets.length / 10);
  });
});

describe("names through the core", () => {
  it("groups, aliases, merges and reports", () => {
    const rows: string[] = [];
    const add = (n: number, product: string, region: string, category: string) => {
      for (let i = 0; i < n; i++)
        rows.push(`${rows.length},2024-01-15,"${product}",${category},${region},1,10,0`);
    };
    add(10, "Wireless Headphones", "North", "Electronics");
    add(1, "wirless headphones", "nort", "Electronics");
    add(2, "DVD+RW", "  North ", "Media");
    add(2, "DVD-RW", "North", "Media");
    add(3, "Men's T-shirt (Blue)", "South", "Clothing");
    add(1, "mens t-shirt (blue)", "South", "clothing");
    const out = run(csv(rows));
    expect(out.products.map((p) => [p.product, p.transactions, p.category])).toEqual([
      ["Wireless Headphones", 11, "Electronics"],
      ["Men's T-shirt (Blue)", 4, "Fashion"],
      ["DVD+RW", 2, "Media"],
      ["DVD-RW", 2, "Media"],
    ]);
    expect(out.regions.map((r) => [r.region, r.transactions])).toEqual([
      ["North", 15],
      ["South", 4],
    ]);
    expect(out.cleaning).toEqual([
      { field: "product", original: "mens t-shirt (blue)", canonical: "Men's T-shirt (Blue)", rows: 1 },
      { field: "product", original: "wirless headphones", canonical: "Wireless Headphones", rows: 1 },
      { field: "region", original: "nort", canonical: "North", rows: 1 },
      { field: "category", original: "Clothing", canonical: "Fashion", rows: 3 },
      { field: "category", original: "clothing", canonical: "Fashion", rows: 1 },
    ]);
  });

  it("tells apart codes that share their length and first, middle and last bytes, quoted, bare or blank", () => {
    // S####Z####E: 2,000 codes on one slot of the byte cache, three rows each
    const code = (i: number) => `S${String(i).padStart(4, "0")}Z${String(i * 7).padStart(4, "0")}E`;
    const rows: string[] = [];
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 2000; i++) {
        // the first round quotes every third code: its spelling exists before its bytes are kept
        const cell = round === 0 && i % 3 === 0 ? `"${code(i)}"` : code(i);
        rows.push(`${rows.length},2024-01-15,${cell},Cat,North,${1 + round},10,0`);
        if (i % 500 === 0) rows.push(`${rows.length},2024-01-15,  ,Cat,North,1,10,0`);
      }
    const out = run(csv(rows));
    expect(out.summary.rejectedByReason).toEqual({ missing_product: 12 });
    expect(out.products).toHaveLength(2000);
    expect(out.products.every((p) => p.quantity === 6 && p.transactions === 3)).toBe(true);
    expect(new Set(out.products.map((p) => p.product))).toEqual(
      new Set(Array.from({ length: 2000 }, (_, i) => code(i))),
    );
  });

  it("tells thousands of long names apart, each spelling's bytes kept once (past 256 spellings and 64 KiB of them)", () => {
    // 3,000 names of ~50 bytes, each on three rows, in an order that interleaves them
    const name = (i: number) => `Product ${i}${" ·".repeat(i % 7)} in a long descriptive catalogue name`;
    const rows: string[] = [];
    for (let round = 0; round < 3; round++)
      for (let k = 0; k < 3000; k++) {
        const i = (k * 7 + round * 1013) % 3000;
        rows.push(`${rows.length},2024-01-15,${name(i)},Cat,North,${1 + round},10,0`);
      }
    const out = run(csv(rows), {}, { chunkSize: 65_536 });
    expect(out.products).toHaveLength(3000);
    expect(out.products.every((p) => p.quantity === 6 && p.transactions === 3)).toBe(true);
    expect(new Set(out.products.map((p) => p.product))).toEqual(
      new Set(Array.from({ length: 3000 }, (_, i) => name(i))),
    );
  });
});
