// The command-line tools as a user runs them: through scripts/run.mjs, in a
// child process, checking exit codes and what lands on disk.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { RESULT_FILES } from "../../lib/pipeline/outputs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "sales-cli-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "scripts", "run.mjs"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run generate / pipeline", () => {
  const sample = join(scratch, "sample.csv");

  it("generates a sample file and reports it on stderr", () => {
    const r = run("generate", "--rows", "3000", "--out", sample, "--seed", "7");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/generated 3,000 rows, [\d,]+ bytes/);
    const text = readFileSync(sample, "utf8");
    expect(text.split("\n")).toHaveLength(3002); // header, rows, final empty piece
  }, 60_000);

  it("refuses bad generate arguments with exit 2 and the usage", () => {
    for (const args of [
      ["--rows", "x", "--out", sample],
      ["--rows", "5"],
      ["--rows", "5", "--out", sample, "--error-rate", "2"],
    ]) {
      const r = run("generate", ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: .*\nusage: npm run generate/);
    }
  }, 60_000);

  it("writes every §5 file into --out and a one-line summary", () => {
    const out = join(scratch, "out");
    const r = run("pipeline", sample, "--out", out);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...RESULT_FILES].sort());
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.rowsRead).toBe(3000);
    expect(summary.rowsValid + summary.rowsRejected).toBe(3000);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toMatch(/^3,000 rows read, [\d,]+ valid, [\d,]+ rejected; revenue [\d,.]+; .* → /);
    const rejected = readFileSync(join(out, "rejected_rows.csv"), "utf8").trimEnd().split("\n");
    expect(rejected).toHaveLength(summary.rowsRejected + 1);
  }, 60_000);

  it("replaces the §5 files of an existing --out and keeps other files", () => {
    const out = join(scratch, "again");
    expect(run("pipeline", sample, "--out", out).code).toBe(0);
    writeFileSync(join(out, "notes.txt"), "mine");
    const r = run("pipeline", sample, "--out", out, "--no-fuzzy", "--day-first");
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).dayFirst).toBe(true);
    expect(readdirSync(scratch).filter((f) => f.includes(".partial-"))).toEqual([]);
  }, 60_000);

  it("takes --mapping and --aliases", () => {
    const file = join(scratch, "mapped.csv");
    writeFileSync(
      file,
      "Day,Item,Units,Cost,Area\n2024-01-05,lap top,2,10.00,East\n2024-01-06,Laptop Pro 15,1,20.00,West\n",
    );
    const out = join(scratch, "mapped");
    const r = run(
      "pipeline",
      file,
      "--out",
      out,
      "--mapping",
      '{"sale_date":"Day","product":"Item","quantity":"Units","unit_price":"Cost","region":"Area"}',
      "--aliases",
      '{"lap top":"Laptop Pro 15"}',
    );
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.rowsValid).toBe(2);
    expect(summary.mapping.product).toBe("Item");
    expect(readFileSync(join(out, "products.csv"), "utf8").trimEnd().split("\n")).toHaveLength(2);
  }, 60_000);

  it("refuses bad --mapping JSON with exit 2 and writes nothing", () => {
    const out = join(scratch, "bad-json");
    const r = run("pipeline", sample, "--out", out, "--mapping", "{product:");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --mapping is not valid JSON/);
    expect(existsSync(out)).toBe(false);
    // valid JSON the options schema refuses (loaded only when --mapping or --aliases is given)
    const wrong = run("pipeline", sample, "--out", out, "--mapping", '{"product":3}');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^error: --mapping\.product: .*expected string/);
    const aliases = run("pipeline", sample, "--out", out, "--aliases", '{"":"X"}');
    expect(aliases.code).toBe(2);
    expect(aliases.stderr).toMatch(/^error: --aliases/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("fails a file without the required columns with exit 1, the headers and the missing roles", () => {
    const bad = join(scratch, "bad.csv");
    writeFileSync(bad, "a,b\n1,2\n");
    const out = join(scratch, "missing");
    const r = run("pipeline", bad, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toMatch(/headers found: "a", "b"/);
    expect(r.stderr).toMatch(/roles missing: .*sale_date/);
    // a failed run leaves neither the folder nor its partial twin
    expect(readdirSync(scratch).filter((f) => f.startsWith("missing"))).toEqual([]);
  }, 60_000);

  it("names why an input path is not a file it can read", () => {
    const gone = run("pipeline", join(scratch, "nowhere.csv"), "--out", join(scratch, "o1"));
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^error: .*nowhere\.csv: no such file/);
    const dir = run("pipeline", scratch, "--out", join(scratch, "o2"));
    expect(dir.code).toBe(1);
    expect(dir.stderr).toMatch(/^error: .*: not a regular file \(a directory\)/);
    expect(existsSync(join(scratch, "o1")) || existsSync(join(scratch, "o2"))).toBe(false);
  }, 60_000);
});
