// npm run pipeline -- <file.csv> --out <dir> [--mapping JSON] [--aliases JSON] [--day-first] [--no-fuzzy]
// Runs the streaming core over one file without the server and writes SPEC §5's
// files into <dir>. Output goes to <dir>.partial-<pid> first and is moved into
// place only when the run succeeded, so a failed run never leaves a folder
// that looks complete.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ZodError } from "zod";
import { RESULT_FILES, writeResultFiles } from "../../lib/pipeline/outputs";
import { runFileParallel } from "../../lib/pipeline/parallel";
import { type PipelineOptions, PipelineError, type Progress } from "../../lib/pipeline/types";
import { formatCount, runMain, UsageError } from "./common";

const USAGE =
  "usage: npm run pipeline -- <file.csv> --out <dir> [--mapping JSON] [--aliases JSON] [--day-first] [--no-fuzzy]\n" +
  '  --mapping  role → header, e.g. \'{"product":"Item","unit_price":"Price"}\'\n' +
  '  --aliases  spelling → name, e.g. \'{"lap top":"Laptop Pro 15"}\'';

function parseJson(flag: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${flag} is not valid JSON: ${(e as Error).message}`);
  }
}

/** zod issues as "--mapping.product: expected string" lines */
function describeZodError(err: ZodError): string {
  return err.issues
    .map((i) => {
      const [head, ...rest] = i.path.map(String);
      const flag = head === "mapping" ? "--mapping" : head === "aliases" ? "--aliases" : (head ?? "options");
      return `${[flag, ...rest].join(".")}: ${i.message}`;
    })
    .join("; ");
}

async function parseCommandLine(
  argv: string[],
): Promise<{ file: string; out: string; options: PipelineOptions }> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      mapping: { type: "string" },
      aliases: { type: "string" },
      "day-first": { type: "boolean" },
      "no-fuzzy": { type: "boolean" },
    },
  });
  if (positionals.length === 0) throw new UsageError("no input file");
  if (positionals.length > 1) throw new UsageError(`one input file only, got ${positionals.length}`);
  if (!values.out) throw new UsageError("--out <dir> is required");
  const input = {
    mapping: parseJson("--mapping", values.mapping),
    aliases: parseJson("--aliases", values.aliases),
    dayFirst: values["day-first"] ? true : undefined,
    fuzzy: !values["no-fuzzy"],
  };
  const file = positionals[0] as string;
  // Only a mapping or aliases need the schema: loading zod costs ~60 ms of every run's start.
  if (input.mapping === undefined && input.aliases === undefined) {
    return {
      file,
      out: values.out,
      options: Object.freeze({ dayFirst: input.dayFirst, fuzzy: input.fuzzy }),
    };
  }
  const { parseJobOptions } = await import("../../lib/validations/job-options");
  try {
    return { file, out: values.out, options: parseJobOptions(input) };
  } catch (e) {
    if ((e as Error)?.name === "ZodError") throw new UsageError(describeZodError(e as ZodError));
    throw e;
  }
}

/** A single rewritten line on a terminal; a plain line every ~2 s otherwise (CI logs). */
function progressReporter(): { every: number; report: (p: Progress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  const line = (p: Progress) => {
    const pct = p.totalBytes > 0 ? ((100 * p.bytesRead) / p.totalBytes).toFixed(1) : "100.0";
    if (p.secondPass) return `${pct.padStart(5)}%  second pass for the anomalies`;
    return `${pct.padStart(5)}%  ${formatCount(p.rowsRead)} rows  ${formatCount(p.rowsPerSecond)} rows/s`;
  };
  let shown = false;
  return {
    every: tty ? 200 : 2000,
    report(p) {
      if (tty) {
        process.stderr.write(`\r\x1b[K${line(p)}`);
        shown = true;
      } else process.stderr.write(`${line(p)}\n`);
    },
    done() {
      if (shown) process.stderr.write("\r\x1b[K");
    },
  };
}

/** Moves the finished files from `tmp` into `dir`; an existing `dir` gets its §5 files replaced. */
function publish(tmp: string, dir: string): void {
  if (!existsSync(dir)) {
    renameSync(tmp, dir);
    return;
  }
  if (!statSync(dir).isDirectory()) throw new Error(`--out ${dir} exists and is not a folder`);
  const produced = new Set(readdirSync(tmp));
  // A §5 file this run did not write would be stale next to the new ones.
  for (const f of RESULT_FILES) if (!produced.has(f)) rmSync(join(dir, f), { force: true });
  for (const f of produced) renameSync(join(tmp, f), join(dir, f));
  rmSync(tmp, { recursive: true, force: true });
}

/** Partial folders of runs that were killed (Ctrl-C cannot interrupt the synchronous core to clean up). */
function removeStalePartials(dir: string): void {
  const prefix = `${basename(dir)}.partial-`;
  for (const name of readdirSync(dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) {
      rmSync(join(dirname(dir), name), { recursive: true, force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function fail(err: PipelineError): void {
  const lines = [`error: ${err.message}`];
  const d = err.details;
  if (d?.headers) lines.push(`  headers found: ${d.headers.map((h) => JSON.stringify(h)).join(", ")}`);
  if (d?.missing) lines.push(`  roles missing: ${d.missing.join(", ")}`);
  for (const [k, v] of Object.entries(d ?? {})) {
    if (k !== "headers" && k !== "missing")
      lines.push(`  ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
  }
  console.error(lines.join("\n"));
  process.exitCode = 1;
}

await runMain(USAGE, async () => {
  const { file, out, options } = await parseCommandLine(process.argv.slice(2));
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  if (!statSync(file).isFile())
    throw new Error(
      `${file}: not a regular file (${statSync(file).isDirectory() ? "a directory" : "a special file"})`,
    );

  const dir = resolve(out);
  const tmp = `${dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  removeStalePartials(dir);
  mkdirSync(tmp);
  const progress = progressReporter();
  let ok = false;
  try {
    // two threads on large files (lib/pipeline/parallel.ts), one otherwise
    const result = await runFileParallel(
      file,
      options,
      join(tmp, "rejected_rows.csv"),
      new URL("./pipeline-worker.mjs", import.meta.url),
      { onProgress: progress.report, progressEveryMs: progress.every },
    );
    progress.done();
    writeResultFiles(tmp, result);
    publish(tmp, dir);
    ok = true;

    const s = result.summary;
    // performance.now() counts from process start: the figure includes start-up.
    const secs = performance.now() / 1000;
    console.log(
      `${formatCount(s.rowsRead)} rows read, ${formatCount(s.rowsValid)} valid, ${formatCount(s.rowsRejected)} rejected; ` +
        `revenue ${s.revenue.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}; ` +
        `${formatCount(s.anomalies)} anomalies; ${secs.toFixed(2)} s, ${formatCount(s.rowsRead / secs)} rows/s → ${out}`,
    );
  } catch (e) {
    progress.done();
    if (e instanceof PipelineError) fail(e);
    else throw e;
  } finally {
    if (!ok) {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
});
