// Re-run with changed options, and cancelling a running job from the list.
import { expect, test } from "@playwright/test";
import type { DataPage, JobDto } from "../lib/api/types";
import type { ProductRow } from "../lib/pipeline/types";
import { collectErrors, jobIdFromUrl, waitForJob } from "./helpers";

test("re-run a job with other options and land on the new job", async ({ page, request }) => {
  const res = await request.post("/api/jobs/sample", { data: { rows: 2000, errorRate: 0.1, seed: 5 } });
  expect(res.status()).toBe(202);
  const first = (await res.json()) as JobDto;
  expect((await waitForJob(request, first.id)).status).toBe("completed");
  const errors = collectErrors(page);

  await page.goto(`/jobs/${first.id}`);
  await page.getByText("Re-run with other options").click();
  const form = page.locator("#rerun");
  await form.getByLabel("Merge typos").uncheck();
  await form.getByRole("button", { name: "+ Add alias" }).click();
  await form.getByLabel("Alias 1: spelling in the file").fill("Laptop Pro 15");
  await form.getByLabel("Alias 1: name to show").fill("Laptop Pro Fifteen");
  await form.getByRole("button", { name: "Re-run with these options" }).click();

  await page.waitForURL(
    (url) => /\/jobs\/[A-Za-z0-9_-]+$/.test(url.pathname) && !url.pathname.endsWith(first.id),
  );
  const second = await waitForJob(request, jobIdFromUrl(page.url()));
  expect(second.status).toBe("completed");
  expect(second.parentId).toBe(first.id);
  expect(second.options.fuzzy).toBe(false);
  expect(second.options.aliases).toEqual({ "Laptop Pro 15": "Laptop Pro Fifteen" });
  await expect(page.getByRole("link", { name: "an earlier job" })).toHaveAttribute(
    "href",
    `/jobs/${first.id}`,
  );

  const products = (await (
    await request.get(`/api/jobs/${second.id}/data/products?limit=100`)
  ).json()) as DataPage<ProductRow>;
  expect(products.rows.map((p) => p.product)).toContain("Laptop Pro Fifteen");
  await expect(page.locator("#products")).toContainText("Laptop Pro Fifteen");
  expect(errors).toEqual([]);
});

test("cancel a running job from the job list", async ({ page, request }) => {
  // Big enough to be still running when the list shows it.
  const res = await request.post("/api/jobs/sample", { data: { rows: 3_000_000, errorRate: 0.1, seed: 9 } });
  expect(res.status()).toBe(202);
  const job = (await res.json()) as JobDto;
  const errors = collectErrors(page);

  await page.goto("/jobs?status=running");
  const item = page.locator(`[data-job-id="${job.id}"]`);
  await expect(item).toBeVisible({ timeout: 30_000 });
  await expect(item.getByRole("progressbar")).toBeVisible();
  await item.getByRole("button", { name: /^Cancel/ }).click();
  // Cancelled, it leaves the "running" list.
  await expect(item).toHaveCount(0);

  await page.goto("/jobs?status=cancelled");
  await expect(page.locator(`[data-job-id="${job.id}"]`).getByTestId("status-badge")).toHaveText("Cancelled");
  const after = (await (await request.get(`/api/jobs/${job.id}`)).json()) as JobDto;
  expect(after.status).toBe("cancelled");

  await page.goto(`/jobs/${job.id}`);
  await expect(page.getByText("The job was cancelled")).toBeVisible();
  expect(errors).toEqual([]);
});
