#!/usr/bin/env node
// `npm start`: builds the app when no production build exists, then runs
// `next start`. Database migrations are applied by the server itself at
// start-up (instrumentation.ts), so a fresh clone needs nothing else.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CORE_PROCESS_FLAGS } from "./node-flags.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const next = join(root, "node_modules", "next", "dist", "bin", "next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

if (!existsSync(join(root, ".next", "BUILD_ID"))) {
  console.log("No production build yet: running `next build` first (about a minute)…");
  const r = spawnSync(process.execPath, [next, "build"], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const child = spawn(process.execPath, [...CORE_PROCESS_FLAGS, next, "start", ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
