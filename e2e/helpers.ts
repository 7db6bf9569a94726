import { type APIRequestContext, expect, type Page } from "@playwright/test";
import type { JobDto } from "../lib/api/types";
import { generateSample } from "../lib/pipeline/generate";

/** Seed-style messy sales data from the project's own generator. */
export function messyCsv(rows: number, seed: number, errorRate = 0.15): string {
  const parts: string[] = [];
  generateSample({ rows, errorRate, seed }, (chunk) => parts.push(chunk));
  return parts.join("");
}

/** Collects console errors and uncaught exceptions of a page; assert on it at the end. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** Polls the API until the job reaches a final state. */
export async function waitForJob(
  request: APIRequestContext,
  id: string,
  timeoutMs = 90_000,
): Promise<JobDto> {
  let job: JobDto | null = null;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/jobs/${id}`);
        expect(res.status()).toBe(200);
        job = (await res.json()) as JobDto;
        return job.status;
      },
      { timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toMatch(/^(completed|failed|cancelled)$/);
  return job as unknown as JobDto;
}

export function jobIdFromUrl(url: string): string {
  const m = /\/jobs\/([A-Za-z0-9_-]+)/.exec(new URL(url).pathname);
  if (!m?.[1]) throw new Error(`not a job URL: ${url}`);
  return m[1];
}

/**
 * Nothing on the page is wider than the viewport (no sideways scrolling), once
 * it has laid out at that width: the charts follow a resize a few frames later.
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await expect
    .poll(
      () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
      { message: "page is wider than the viewport (pixels past it)" },
    )
    .toBeLessThanOrEqual(0);
}
