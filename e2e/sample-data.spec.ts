// "Try sample data": the server generates the rows, the dashboard shows them.
import { expect, test } from "@playwright/test";
import type { JobDto } from "../lib/api/types";
import { formatCurrencyWhole, formatInteger } from "../lib/format";
import { collectErrors, jobIdFromUrl, waitForJob } from "./helpers";

test("sample data: generate rows on the server and land on their dashboard", async ({ page, request }) => {
  const errors = collectErrors(page);
  await page.goto("/");
  const form = page.locator("#sample");
  await form.getByLabel("Rows").fill("3000");
  await form.getByLabel("Error rate %").fill("10");
  await form.getByLabel("Seed").fill("3");
  await form.getByRole("button", { name: "Try sample data" }).click();

  await page.waitForURL(/\/jobs\/[A-Za-z0-9_-]+$/);
  const id = jobIdFromUrl(page.url());
  const job: JobDto = await waitForJob(request, id);
  expect(job.status).toBe("completed");
  expect(job.source).toBe("sample");
  const s = job.summary!;
  expect(s.rowsRead).toBe(3000);
  expect(s.rowsRejected).toBeGreaterThan(0);

  await expect(page.getByTestId("status-badge").first()).toHaveText("Completed");
  await expect(page.getByTestId("kpi-revenue").locator("[data-value]")).toHaveText(
    formatCurrencyWhole(s.revenue),
  );
  await expect(page.getByTestId("kpi-rejected").locator("[data-value]")).toHaveText(
    formatInteger(s.rowsRejected),
  );

  // The data-quality panel lists the reasons, and the rejected rows page through.
  const quality = page.locator("#data-quality");
  await expect(quality).toContainText("Rejected rows by reason");
  await quality.getByText("Rejected rows, line by line").click();
  await expect(page.getByTestId("rejected-rows").locator("tbody tr").first()).toBeVisible();

  // The job shows up in the list and on the home page.
  await page.goto("/jobs");
  await expect(page.locator(`[data-job-id="${id}"]`)).toContainText(formatInteger(3000));
  await page.goto("/");
  await expect(
    page.getByRole("list", { name: "Recent jobs" }).locator(`[data-job-id="${id}"]`),
  ).toBeVisible();

  expect(errors).toEqual([]);
});

test("a large sample: the order count is marked as an estimate, and the rejected rows say where the rest are", async ({
  page,
  request,
}) => {
  const errors = collectErrors(page);
  // ~90,000 distinct orders (past the 50,000 counted exactly) and ~11,000 rejected rows (past the 10,000 kept)
  const res = await request.post("/api/jobs/sample", { data: { rows: 130_000, errorRate: 0.15, seed: 7 } });
  expect(res.status()).toBe(202);
  const created = (await res.json()) as JobDto;
  const job = await waitForJob(request, created.id);
  expect(job.status).toBe("completed");
  const s = job.summary!;
  expect(s.orders).toBeGreaterThan(50_000);
  expect(s.rowsRejected).toBeGreaterThan(10_000);

  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByTestId("kpi-aov")).toContainText(`over ≈ ${formatInteger(s.orders)} orders`);
  await page.locator("#data-quality").getByText("Rejected rows, line by line").click();
  await expect(page.getByTestId("rejected-kept-note")).toHaveText(
    `The first ${formatInteger(10_000)} of ${formatInteger(s.rowsRejected)} rejected rows are listed here; rejected_rows.csv has every one.`,
  );

  await page.goto(`/jobs/${job.id}/summary`);
  await expect(page.getByText(`≈ ${formatInteger(s.orders)} (estimated`)).toBeVisible();
  expect(errors).toEqual([]);
});
