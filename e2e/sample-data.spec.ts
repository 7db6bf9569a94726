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
