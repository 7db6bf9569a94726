// Worker thread of `npm run bench`: runs the core over one file, as a job's
// worker does (rejected rows streamed to a file), and posts back the summary
// with the time spent inside runFile.
import { parentPort, workerData } from "node:worker_threads";
import { openRejectedWriter } from "../../lib/pipeline/outputs";
import { runFile } from "../../lib/pipeline/run-file";
import { parseJobOptions } from "../../lib/validations/job-options";

export interface BenchWorkerInput {
  file: string;
  rejectedPath: string;
}

export interface BenchWorkerOutput {
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  anomalies: number;
  revenue: number;
  coreMs: number;
}

const input = workerData as BenchWorkerInput;
const rejected = openRejectedWriter(input.rejectedPath);
const started = performance.now();
const result = runFile(input.file, parseJobOptions({}), {
  onRejected: rejected.sink,
  onRejectedBytes: rejected.sinkBytes,
  onRestart: rejected.reset,
});
rejected.close();
const coreMs = performance.now() - started;
const s = result.summary;
const out: BenchWorkerOutput = {
  rowsRead: s.rowsRead,
  rowsValid: s.rowsValid,
  rowsRejected: s.rowsRejected,
  anomalies: s.anomalies,
  revenue: s.revenue,
  coreMs,
};
parentPort?.postMessage(out);
