// The main journey: upload a messy CSV through the page, watch it run, read the
// dashboard, filter it, share the URL, download, print, delete.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import type { DataPage, JobDto } from "../lib/api/types";
import { formatCurrencyWhole, formatInteger } from "../lib/format";
import type { MonthlyRow } from "../lib/pipeline/types";
import { collectErrors, expectNoSidewaysScroll, jobIdFromUrl, messyCsv, waitForJob } from "./helpers";

test("upload a messy CSV, explore the dashboard, share, download, print and delete", async ({
  page,
  browser,
  request,
}) => {
  const errors = collectErrors(page);
  const fileName = `messy-sales-${Date.now()}.csv`;
  const csv = messyCsv(60_000, 7);

  // 1. Pick the file: the preview shows the detected delimiter and mapping.
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles({
    name: fileName,
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await expect(page.getByText(/comma \(,\) separated/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Preview of the first rows" })).toContainText("order_id");
  await expect(page.locator('[data-role="product"] select')).toHaveValue("product_name");
  await expect(page.locator('[data-role="sale_date"] select')).toHaveValue("sale_date");
  await expect(page.getByTestId("missing-roles")).toHaveCount(0);
  await page.screenshot({ path: "docs/screenshots/upload-preview.png", fullPage: true });

  // 2. Upload, with a progress bar, then the job page.
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  await page.waitForURL(/\/jobs\/[A-Za-z0-9_-]+$/);
  const id = jobIdFromUrl(page.url());
  await expect(page.getByTestId("job-title")).toHaveText(fileName);

  // 3. Progress, then the results without a reload.
  const job: JobDto = await waitForJob(request, id);
  expect(job.status).toBe("completed");
  const summary = job.summary!;
  expect(summary.rowsRead).toBe(60_000);
  await expect(page.getByTestId("status-badge").first()).toHaveText("Completed");

  // 4. KPI figures equal the API's summary; every chart is drawn.
  const kpi = (name: string) => page.getByTestId(`kpi-${name}`).locator("[data-value]");
  await expect(kpi("revenue")).toHaveText(formatCurrencyWhole(summary.revenue));
  await expect(kpi("transactions")).toHaveText(formatInteger(summary.transactions));
  await expect(kpi("quantity")).toHaveText(formatInteger(summary.quantity));
  await expect(kpi("rejected")).toHaveText(formatInteger(summary.rowsRejected));
  for (const chart of ["monthly", "regions", "products", "categories"]) {
    await expect(page.locator(`#${chart} svg.recharts-surface`).first()).toBeVisible();
  }
  await expect(page.locator("#monthly .recharts-line-curve")).toHaveCount(1);
  await expect(page.locator("#anomalies tbody tr").first()).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "docs/screenshots/dashboard-desktop.png", fullPage: true });

  // 5. Filter by a region and a start month: the URL carries the view.
  await page.getByRole("button", { name: /^Region/ }).click();
  await page.getByRole("checkbox", { name: "North", exact: true }).check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(/[?&]region=North(&|$)/);
  const months = await page
    .getByLabel("From month")
    .locator("option")
    .evaluateAll((opts) => opts.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(months.length).toBeGreaterThan(2);
  const from = months[1]!;
  await page.getByLabel("From month").selectOption(from);
  await expect(page).toHaveURL(new RegExp(`[?&]from=${from}(&|$)`));

  const filtered = (await (
    await request.get(`/api/jobs/${id}/data/monthly?from=${from}&region=North`)
  ).json()) as DataPage<MonthlyRow>;
  expect(filtered.totals!.revenue).toBeLessThan(summary.revenue);
  const filteredRevenue = formatCurrencyWhole(filtered.totals!.revenue);
  await expect(kpi("revenue")).toHaveText(filteredRevenue);
  await expect(kpi("transactions")).toHaveText(formatInteger(filtered.totals!.transactions));
  await expect(page.locator("#regions .recharts-bar-rectangle")).toHaveCount(1);

  // 6. "Copy link" copies this view's address; reload it, and open it in a fresh browser context.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied")).toBeVisible();
  const shared = await page.evaluate(() => navigator.clipboard.readText());
  expect(shared).toBe(page.url());
  await page.reload();
  await expect(kpi("revenue")).toHaveText(filteredRevenue);
  await expect(page.getByLabel("From month")).toHaveValue(from);
  const other = await browser.newContext();
  const page2 = await other.newPage();
  const errors2 = collectErrors(page2);
  await page2.goto(shared);
  await expect(page2.getByTestId("kpi-revenue").locator("[data-value]")).toHaveText(filteredRevenue);
  await expect(page2.getByLabel("From month")).toHaveValue(from);
  await expect(page2.getByRole("button", { name: /^Region/ })).toContainText("North");
  await other.close();
  expect(errors2).toEqual([]);

  // 7. Phone width: readable, no sideways scroll.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(kpi("revenue")).toHaveText(formatCurrencyWhole(summary.revenue));
  // every filter change is a history entry: Back brings the filtered view back, Forward clears it again
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`[?&]from=${from}(&|$)`));
  await expect(kpi("revenue")).toHaveText(filteredRevenue);
  await expect(page.getByLabel("From month")).toHaveValue(from);
  await page.goForward();
  await expect(kpi("revenue")).toHaveText(formatCurrencyWhole(summary.revenue));
  await expectNoSidewaysScroll(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "docs/screenshots/dashboard-mobile.png" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // 8. Download a CSV and check its content.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("#downloads").getByRole("link", { name: "regions.csv" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("regions.csv");
  const regionsCsv = readFileSync((await download.path())!, "utf8");
  const lines = regionsCsv.trim().split(/\r?\n/);
  expect(lines[0]).toBe("region,revenue,quantity,transactions,revenue_share");
  expect(lines.some((l) => l.startsWith("North,"))).toBe(true);

  // 9. The printable summary.
  await page.getByRole("link", { name: "Printable summary" }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${id}/summary$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fileName);
  const headline = page.getByRole("region", { name: "Headline figures" });
  await expect(headline).toContainText(formatInteger(summary.transactions));
  await expect(page.getByRole("region", { name: "Mapping and reading" })).toContainText("product_name");
  const zip = page.getByRole("region", { name: "Downloads" }).getByRole("link", { name: "all.zip" });
  await expect(zip).toBeVisible();
  // on paper a link shows its whole address, the server's origin included
  const origin = new URL(page.url()).origin;
  await expect(zip).toHaveAttribute("data-print-url", `${origin}/api/jobs/${id}/download/all.zip`);
  await expect(page.getByRole("region", { name: "API" }).getByRole("link").first()).toHaveText(
    `GET ${origin}/api/jobs/${id}`,
  );
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // 10. Delete it from the job list, with a confirmation.
  await page.goto(`/jobs?q=${encodeURIComponent(fileName)}`);
  const item = page.locator(`[data-job-id="${id}"]`);
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: /^Delete/ }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this job?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete job" }).click();
  await expect(item).toHaveCount(0);
  await expect(page.getByText("No jobs match these filters")).toBeVisible();
  expect((await request.get(`/api/jobs/${id}`)).status()).toBe(404);

  expect(errors).toEqual([]);
});
