// Integration tests: one production build (serialised with other builds on this
// machine by flock /tmp/build.lock), then one real server on a temp DATA_DIR.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT, type RunningServer, startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    maxUploadMb: number;
    /** scratch space of the tests (fixtures, CLI outputs); removed at the end */
    tmpRoot: string;
  }
}

export const MAX_UPLOAD_MB = 1;

function build(): void {
  if (process.env.INTEGRATION_SKIP_BUILD === "1" && existsSync(join(ROOT, ".next", "BUILD_ID"))) return;
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const next = join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const hasFlock = spawnSync("sh", ["-c", "command -v flock"]).status === 0;
  const [cmd, args] = hasFlock
    ? ["flock", ["/tmp/build.lock", process.execPath, next, "build"]]
    : [process.execPath, [next, "build"]];
  const r = spawnSync(cmd as string, args as string[], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`next build failed:\n${r.stdout}\n${r.stderr}`);
}

let server: RunningServer | undefined;
let dataDir: string | undefined;
let tmpRoot: string | undefined;

export default async function setup(project: TestProject) {
  build();
  dataDir = mkdtempSync(join(tmpdir(), "sales-it-"));
  tmpRoot = mkdtempSync(join(tmpdir(), "sales-it-tmp-"));
  server = await startServer({
    DATA_DIR: dataDir,
    MAX_UPLOAD_MB: String(MAX_UPLOAD_MB),
    WORKER_CONCURRENCY: "2",
  });
  project.provide("baseUrl", server.url);
  project.provide("dataDir", dataDir);
  project.provide("maxUploadMb", MAX_UPLOAD_MB);
  project.provide("tmpRoot", tmpRoot);
  return async () => {
    await server?.stop();
    if (process.env.INTEGRATION_KEEP_DATA !== "1") {
      for (const d of [dataDir, tmpRoot]) if (d) rmSync(d, { recursive: true, force: true });
    }
  };
}
