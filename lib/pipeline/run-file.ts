// Drives the core over a file or a byte array: reads a file straight into the
// core's work buffer (Pipeline.pushFrom), bytes in memory in chunks, restarts once as Windows-1252 when late invalid UTF-8 shows
// up after UTF-8 text, and runs the anomaly second pass when the core asks.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { Pipeline } from "./core";
import { EncodingRestart, type Encoding } from "./decode";
import type { PipelineOptions, PipelineResult, Progress, RejectBytesSink, RejectSink } from "./types";

export interface RunHooks {
  onProgress?: (p: Progress) => void;
  onRejected?: RejectSink;
  /** tried before onRejected: the row as bytes (RejectBytesSink) */
  onRejectedBytes?: RejectBytesSink;
  /** rejected rows seen so far are void: the file is read again from the start */
  onRestart?: () => void;
  progressEveryMs?: number;
}

const CHUNK = 1 << 20;

/**
 * V8 limits for a worker thread running the core: nearly everything the core
 * allocates dies young, and a small young generation keeps it in the CPU's
 * caches. 12 MB (4 MB semi-spaces) held peak RSS on 1M rows at ~95 MB instead
 * of ~116 MB; since the row's figures stopped being heap numbers, 6 MB
 * (2 MB semi-spaces) runs the bench's 1M-row file ~20 ms faster (16 paired
 * runs) at the same RSS. The CLI's main thread, which only merges, keeps
 * `--max-semi-space-size=4`.
 */
export const CORE_WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 } as const;

/** a file or bytes in memory: `into` pushes all of it into a Pipeline, calling `after` now and then */
type Source = { size: number; into: (p: Pipeline, after?: () => void) => void };

function run(src: Source, options: PipelineOptions, hooks: RunHooks): PipelineResult {
  const every = hooks.progressEveryMs ?? 500;
  let encoding: Encoding | undefined;
  for (;;) {
    const started = Date.now();
    let last = started;
    /** bytes of the first pass, once the second is under way */
    let firstPass = -1;
    const pipeline = new Pipeline(options, hooks.onRejected, {
      encoding,
      rejectBytes: hooks.onRejectedBytes,
    });
    const report = (final: boolean) => {
      const now = Date.now();
      if (!hooks.onProgress || (!final && now - last < every)) return;
      last = now;
      const secs = Math.max((now - started) / 1000, 0.001);
      hooks.onProgress({
        bytesRead: firstPass < 0 ? pipeline.bytesRead : pipeline.bytesRead - firstPass,
        totalBytes: src.size,
        rowsRead: pipeline.rowsRead,
        rowsPerSecond: Math.round(pipeline.rowsRead / secs),
        ...(firstPass < 0 ? {} : { secondPass: true }),
      });
    };
    try {
      src.into(pipeline, () => report(false));
      if (pipeline.end()) {
        report(true);
        firstPass = pipeline.bytesRead;
        pipeline.beginRescan();
        src.into(pipeline, () => report(false));
        pipeline.end();
      }
    } catch (e) {
      if (e instanceof EncodingRestart && encoding === undefined) {
        encoding = "windows-1252";
        hooks.onRestart?.();
        continue;
      }
      throw e;
    }
    report(true);
    return pipeline.result();
  }
}

/**
 * Pushes the bytes [start, end) of an open file into the core, read straight
 * into its own buffer (no copy through a chunk); `after` runs after each read.
 */
export function pushFileRange(p: Pipeline, fd: number, start: number, end: number, after?: () => void): void {
  for (let pos = start; pos < end; ) {
    const at = pos;
    const n = p.pushFrom((target) => readSync(fd, target, 0, Math.min(target.length, end - at), at));
    if (n <= 0) break;
    pos += n;
    after?.();
  }
}

/** Runs the core over a file (synchronous: meant for a worker thread or the CLI). */
export function runFile(path: string, options: PipelineOptions, hooks: RunHooks = {}): PipelineResult {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    return run(
      {
        size,
        into: (p, after) => pushFileRange(p, fd, 0, Number.POSITIVE_INFINITY, after),
      },
      options,
      hooks,
    );
  } finally {
    closeSync(fd);
  }
}

/** Runs the core over bytes in memory, cut into chunks at the given offsets (tests, sniffing). */
export function runBytes(
  bytes: Uint8Array,
  options: PipelineOptions,
  hooks: RunHooks & { splits?: number[]; chunkSize?: number } = {},
): PipelineResult {
  const cuts = hooks.splits ?? [];
  const size = hooks.chunkSize ?? CHUNK;
  return run(
    {
      size: bytes.length,
      into(p, after) {
        const points = [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)];
        if (points.length === 0) for (let p = size; p < bytes.length; p += size) points.push(p);
        let prev = 0;
        for (const at of [...points, bytes.length]) {
          p.push(bytes.slice(prev, at));
          after?.();
          prev = at;
        }
      },
    },
    options,
    hooks,
  );
}
