// Worker thread of `npm run pipeline` on large files: runs one byte range of
// the file through the core (lib/pipeline/parallel.ts) and posts back its
// mergeable aggregate state.
import { parentPort, workerData } from "node:worker_threads";
import { type RangeJob, runRange, transferablesOf } from "../../lib/pipeline/parallel";

const port = parentPort;
if (port === null) throw new Error("pipeline-worker runs as a worker thread");
const done = runRange(workerData as RangeJob, (bytes, rows) =>
  port.postMessage({ type: "progress", bytes, rows }),
);
port.postMessage(done, transferablesOf(done));
