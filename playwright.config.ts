// Browser tests against the built app (`next build` first): `next start` on its
// own port with a throwaway DATA_DIR, driven by Debian's Chromium.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CORE_PROCESS_FLAGS } from "./scripts/node-flags.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3107);
const baseURL = `http://127.0.0.1:${PORT}`;

// The config is evaluated in the runner and in every worker: create the data
// directory once and hand it down through the environment.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "sales-e2e-"));

if (!existsSync(".next/BUILD_ID") && !process.env.E2E_BASE_URL) {
  console.warn("[e2e] no production build found: run `npm run build` before `npm run test:e2e`.");
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  // One server on a small machine: tests run one at a time, each on its own jobs.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: process.env.E2E_BASE_URL ?? baseURL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: `node ${CORE_PROCESS_FLAGS.join(" ")} node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${PORT}`,
        url: `${baseURL}/api/health`,
        reuseExistingServer: !process.env.CI,
        timeout: 60_000,
        stdout: "pipe",
        stderr: "pipe",
        env: {
          DATA_DIR: process.env.E2E_DATA_DIR,
          NEXT_TELEMETRY_DISABLED: "1",
          PORT: String(PORT),
        },
      },
});
