#!/usr/bin/env node
// `npm test`: one production build, then the unit and integration suites
// (vitest: real SQLite, real worker pool, real server) and the browser suite
// (Playwright with Chromium). Ends with one line: "tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const out = mkdtempSync(join(tmpdir(), "sales-test-"));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", INTEGRATION_SKIP_BUILD: "1" };
const only = process.argv[2]; // optional: unit | integration | e2e

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
  return r.status ?? 1;
}

let failedSteps = 0;
let passed = 0;
let failed = 0;

if (process.env.SKIP_BUILD !== "1") {
  console.log("\n── next build");
  const hasFlock = spawnSync("sh", ["-c", "command -v flock"]).status === 0;
  const next = join(root, "node_modules", "next", "dist", "bin", "next");
  const status = hasFlock
    ? run("flock", ["/tmp/build.lock", process.execPath, next, "build"])
    : run(process.execPath, [next, "build"]);
  if (status !== 0) {
    console.error("next build failed");
    process.exit(1);
  }
}

if (!only || only === "unit" || only === "integration") {
  console.log("\n── vitest (unit + integration)");
  const report = join(out, "vitest.json");
  const projects = only ? ["--project", only] : [];
  const status = run(bin("vitest"), [
    "run",
    ...projects,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numTodoTests ?? 0) * 0;
  }
  if (status !== 0) failedSteps++;
}

if (!only || only === "e2e") {
  console.log("\n── playwright (e2e)");
  const report = join(out, "playwright.json");
  const status = run(bin("playwright"), ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  if (existsSync(report)) {
    const s = JSON.parse(readFileSync(report, "utf8")).stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += s.unexpected ?? 0;
  }
  if (status !== 0) failedSteps++;
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
if (failedSteps > 0 && failed === 0)
  console.error(`${failedSteps} test step(s) failed before reporting any failed test`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);
