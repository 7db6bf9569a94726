// npm run generate -- --rows N --out <file.csv> [--error-rate 0.15] [--seed 42]
// Writes messy sample sales data (SPEC §12) with big synchronous writes.
import { parseArgs } from "node:util";
import { formatCount, generateFile, runMain, UsageError } from "./common";

const USAGE = "usage: npm run generate -- --rows N --out <file.csv> [--error-rate 0.15] [--seed 42]";

/** Number() reads "" as 0; a flag given an empty value is an error instead. */
function toNumber(s: string): number {
  return s.trim() === "" ? Number.NaN : Number(s.replaceAll("_", ""));
}

function parseOptions(argv: string[]) {
  // Without allowPositionals, parseArgs refuses stray arguments itself.
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: "string" },
      out: { type: "string" },
      "error-rate": { type: "string" },
      seed: { type: "string" },
    },
  });
  if (values.rows === undefined) throw new UsageError("--rows is required");
  const rows = toNumber(values.rows);
  if (!Number.isSafeInteger(rows) || rows < 0) {
    throw new UsageError(`--rows must be a whole number ≥ 0, got "${values.rows}"`);
  }
  if (values.out === undefined || values.out === "") throw new UsageError("--out is required");
  const errorRate = values["error-rate"] === undefined ? 0.15 : toNumber(values["error-rate"]);
  if (!(errorRate >= 0 && errorRate <= 1)) {
    throw new UsageError(`--error-rate must be a number from 0 to 1, got "${values["error-rate"]}"`);
  }
  const seed = values.seed === undefined ? 42 : toNumber(values.seed);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  return { rows, out: values.out, errorRate, seed };
}

await runMain(USAGE, () => {
  const o = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const bytes = generateFile(o.out, o.rows, o.errorRate, o.seed);
  const secs = (performance.now() - started) / 1000;
  console.error(
    `generated ${formatCount(o.rows)} rows, ${formatCount(bytes)} bytes in ${secs.toFixed(2)} s ` +
      `(${formatCount(Math.round(o.rows / Math.max(secs, 1e-3)))} rows/s, error rate ${o.errorRate}, seed ${o.seed}) → ${o.out}`,
  );
});
