// Worker-thread entry of a job: (generate the sample file,) run the streaming
// core over the upload, stream rejected rows to rejected_rows.csv, write the
// result files and post the result back. It touches no database.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { generateSampleBytes } from "../pipeline/generate";
import { openRejectedWriter, writeResultFiles } from "../pipeline/outputs";
import { runFile } from "../pipeline/run-file";
import { PipelineError, type RejectReason } from "../pipeline/types";
import { encodeRollup } from "../pipeline/rollup";
import type { SampleSpec, WorkerInput, WorkerMessage } from "./messages";
import { ROLLUP_COLUMNS_FILE } from "./storage";

/** Longest raw line kept in the database; rejected_rows.csv has it whole. */
const MAX_STORED_RAW = 4000;

const post = (m: WorkerMessage) => parentPort?.postMessage(m);

function generate(spec: SampleSpec, partial: string, target: string): number {
  const fd = openSync(partial, "w");
  const started = performance.now();
  let lines = -1; // the header line is not a row
  let lastPost = 0;
  try {
    // ~1 MB chunks of a reused buffer: written before the generator continues.
    generateSampleBytes(spec, (chunk) => {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      const now = performance.now();
      if (now - lastPost >= 250) {
        lastPost = now;
        const rowsPerSecond = Math.round(lines / Math.max((now - started) / 1000, 0.001));
        post({ type: "generating", rows: Math.max(0, lines), of: spec.rows, rowsPerSecond });
      }
    });
  } finally {
    closeSync(fd);
  }
  renameSync(partial, target);
  return statSync(target).size;
}

function run(input: WorkerInput): void {
  if (input.sample && !existsSync(input.uploadFile)) {
    if (!input.partialFile) throw new Error("no place to generate the sample data");
    post({ type: "sample-ready", sizeBytes: generate(input.sample, input.partialFile, input.uploadFile) });
  }
  if (!existsSync(input.uploadFile)) throw new Error("the uploaded file is no longer on the server");
  rmSync(input.outDir, { recursive: true, force: true });
  mkdirSync(input.outDir, { recursive: true });

  const writer = openRejectedWriter(join(input.outDir, "rejected_rows.csv"));
  const kept: { line: number; reason: RejectReason; raw: string }[] = [];
  let result: ReturnType<typeof runFile>;
  try {
    result = runFile(input.uploadFile, input.options, {
      progressEveryMs: 250,
      onProgress: (progress) => post({ type: "progress", progress }),
      // late invalid UTF-8: the file is read again as Windows-1252, rejected rows too
      onRestart: () => {
        writer.reset();
        kept.length = 0;
      },
      // the first rows are kept as text for the job's page; the rest go to the file as bytes
      onRejectedBytes: (line, reason, b, a, e) =>
        kept.length >= input.keepRejected && writer.sinkBytes(line, reason, b, a, e),
      onRejected: (line, reason, raw) => {
        writer.sink(line, reason, raw);
        if (kept.length < input.keepRejected) {
          kept.push({ line, reason, raw: raw.length > MAX_STORED_RAW ? raw.slice(0, MAX_STORED_RAW) : raw });
        }
      },
    });
  } finally {
    writer.close();
  }
  writeResultFiles(input.outDir, result);
  const { rollup, ...stored } = result;
  writeFileSync(join(input.outDir, ROLLUP_COLUMNS_FILE), encodeRollup(rollup));
  post({ type: "done", result: stored, rejected: kept });
}

function start(input: WorkerInput): void {
  try {
    run(input);
  } catch (e) {
    const message =
      e instanceof PipelineError
        ? e.message
        : `Processing failed: ${e instanceof Error ? e.message : String(e)}`;
    post({ type: "failed", message, code: e instanceof PipelineError ? e.code : null });
  }
}

// The pool starts a worker before it has a job for it (a job then skips the
// ~0.1 s this module takes to load): such a worker gets its input as its first
// message, and ends after that job as any other. Its workerData is not null
// but an empty object: the bundler's runtime passes its own globals in it and
// takes them out again.
const given = workerData as Partial<WorkerInput> | null;
if (given?.jobId) start(given as WorkerInput);
else parentPort?.once("message", (input: WorkerInput) => start(input));
