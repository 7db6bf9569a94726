// A file whose date column has a name no synonym matches: the mapping step
// says so, blocks the upload, and lets the user pick the column.
import { expect, test } from "@playwright/test";
import type { JobDto } from "../lib/api/types";
import { collectErrors, jobIdFromUrl, waitForJob } from "./helpers";

const CSV = [
  "when,item,qty,price,area",
  "2024-01-05,Laptop Pro 15,1,1299.99,North",
  "2024-01-19,Blender Pro,2,89.50,South",
  "2024-02-02,Laptop Pro 15,1,1299.99,East",
  "2024-02-14,Blender Pro,3,$89.50,West",
  "2024-03-01,Coffee Maker Elite,1,149.00,North",
  "not a date,Blender Pro,1,89.50,North",
].join("\n");

test("a missing required column shows the mapping step with a clear message", async ({ page, request }) => {
  const errors = collectErrors(page);
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles({
    name: "no-date-header.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(CSV),
  });

  const alert = page.getByTestId("missing-roles");
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Required column not found: Sale date");
  await expect(alert).toContainText("“when”");
  const upload = page.getByRole("button", { name: "Upload and analyse" });
  await expect(upload).toBeDisabled();
  const dateSelect = page.locator('[data-role="sale_date"] select');
  await expect(dateSelect).toHaveAttribute("aria-invalid", "true");
  // The other roles were found by their synonyms.
  await expect(page.locator('[data-role="product"] select')).toHaveValue("item");
  await expect(page.locator('[data-role="region"] select')).toHaveValue("area");

  // Pick the column: the message goes, the upload is allowed, the server uses the choice.
  await dateSelect.selectOption("when");
  await expect(alert).toHaveCount(0);
  await expect(upload).toBeEnabled();
  await upload.click();
  await page.waitForURL(/\/jobs\/[A-Za-z0-9_-]+$/);
  const job: JobDto = await waitForJob(request, jobIdFromUrl(page.url()));
  expect(job.status).toBe("completed");
  expect(job.options.mapping).toEqual({ sale_date: "when" });
  expect(job.summary!.rowsRead).toBe(6);
  expect(job.summary!.rowsValid).toBe(5);
  expect(job.summary!.rejectedByReason).toEqual({ invalid_date: 1 });
  await expect(page.getByTestId("kpi-rejected").locator("[data-value]")).toHaveText("1");

  expect(errors).toEqual([]);
});

test("arrowing through a role's dropdown leaves the other roles' choices alone", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles({
    name: "keys.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(CSV),
  });
  const select = (role: string) => page.locator(`[data-role="${role}"] select`);
  await select("sale_date").selectOption("when");
  await select("region").selectOption("area"); // an explicit choice
  const upload = page.getByRole("button", { name: "Upload and analyse" });
  await expect(upload).toBeEnabled();

  // A closed dropdown changes its value at each arrow key: "item" → "qty" → "price" → "area".
  const product = select("product");
  await product.focus();
  for (const h of ["qty", "price", "area"]) {
    await page.keyboard.press("ArrowDown");
    await expect(product).toHaveValue(h);
  }
  // Passing over the region's column shows the clash instead of unmapping the region.
  await expect(
    page.getByRole("alert").filter({ hasText: "“area” is already used for Product" }),
  ).toBeVisible();
  await expect(upload).toBeDisabled();
  for (const h of ["price", "qty", "item"]) {
    await page.keyboard.press("ArrowUp");
    await expect(product).toHaveValue(h);
  }
  await expect(select("region")).toHaveValue("area");
  await expect(page.getByRole("alert").filter({ hasText: "already used" })).toHaveCount(0);
  await expect(upload).toBeEnabled();
  expect(errors).toEqual([]);
});

test("an unknown job gets a 404 page", async ({ page }) => {
  const res = await page.goto("/jobs/AAAAAAAAAAAAAAAAAAAAAA");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Job not found" })).toBeVisible();
  const bad = await page.goto("/jobs/not-a-valid-id");
  expect(bad?.status()).toBe(404);
});

test("a binary file is refused in the preview, before any upload", async ({ page }) => {
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles({
    name: "photo.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
  });
  await expect(page.getByRole("alert").filter({ hasText: "This is not a text file" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload and analyse" })).toBeDisabled();
  // Excel's "Unicode Text" export is text, but UTF-16: the message says so and how to save it
  await page.locator('input[type="file"]').setInputFiles({
    name: "unicode-text.txt",
    mimeType: "text/plain",
    buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV.replaceAll(",", "\t"), "utf16le")]),
  });
  await expect(page.getByRole("alert").filter({ hasText: "This file is UTF-16 text" })).toContainText(
    "CSV UTF-8 (Comma delimited)",
  );
  await expect(page.getByRole("button", { name: "Upload and analyse" })).toBeDisabled();
});

test("a title line above the header: the mapping step names the line that looks like the header", async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto("/");
  await page.locator('input[type="file"]').setInputFiles({
    name: "report-with-title.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`Monthly sales report\n\n${CSV.replace("when,", "date,")}`),
  });
  const alert = page.getByTestId("missing-roles");
  await expect(alert).toBeVisible();
  await expect(alert.getByTestId("later-header")).toHaveText(
    "Line 3 looks like the header (date, item, qty, price, area): remove the 2 lines above it, save the file and choose it again.",
  );
  await expect(page.getByRole("button", { name: "Upload and analyse" })).toBeDisabled();
  expect(errors).toEqual([]);
});
