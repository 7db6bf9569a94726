// Result files of a completed job, streamed from DATA_DIR/jobs/<id>/; all.zip
// is zipped on the fly with yazl.
import { createReadStream, existsSync, statSync } from "node:fs";
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import { AppError, notFound } from "../api/errors";
import type { DownloadFile } from "../api/types";
import { RESULT_FILES } from "../pipeline/types";
import { jobFile } from "./storage";

export interface Download {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  size?: number;
}

function toWeb(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
}

export function openDownload(jobId: string, status: string, file: DownloadFile): Download {
  if (status !== "completed")
    throw new AppError("not_ready", `The job is ${status}; results exist once it completes.`);
  if (file === "all.zip") {
    const zip = new ZipFile();
    for (const f of RESULT_FILES) {
      const path = jobFile(jobId, f);
      if (existsSync(path)) zip.addFile(path, f);
    }
    zip.end();
    return { body: toWeb(zip.outputStream as Readable), contentType: "application/zip" };
  }
  const path = jobFile(jobId, file);
  if (!existsSync(path)) throw notFound("file");
  return {
    body: toWeb(createReadStream(path)),
    contentType: file.endsWith(".json") ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
    size: statSync(path).size,
  };
}
