// The upload progress bar, on a throttled connection so there is time to see it.
import { expect, test } from "@playwright/test";
import type { JobDto } from "../lib/api/types";
import { collectErrors, jobIdFromUrl, messyCsv, waitForJob } from "./helpers";

test("an upload shows bytes and percent while it is sent", async ({ page, request }) => {
  const errors = collectErrors(page);
  const csv = Buffer.from(messyCsv(30_000, 21)); // about 3 MB
  await page.goto("/");
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: "slow-upload.csv", mimeType: "text/csv", buffer: csv });
  await expect(page.locator('[data-role="quantity"] select')).toHaveValue("quantity");

  // About 1 MB/s up: the upload takes a few seconds.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: 50 * 1024 * 1024,
    uploadThroughput: 1024 * 1024,
  });
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  const progress = page.getByTestId("upload-progress");
  await expect(progress).toContainText(/Uploading [\d.]+ [KM]B of [\d.]+ MB \(\d+(\.\d)?%\)/);
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toHaveAttribute(
    "aria-valuenow",
    /\d+/,
  );
  await expect(page.getByRole("button", { name: "Cancel upload" })).toBeVisible();

  await page.waitForURL(/\/jobs\/[A-Za-z0-9_-]+$/, { timeout: 60_000 });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  const job: JobDto = await waitForJob(request, jobIdFromUrl(page.url()));
  expect(job.status).toBe("completed");
  expect(job.sizeBytes).toBe(csv.length);
  expect(errors).toEqual([]);
});

test("an upload whose connection drops says it did not reach the server", async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto("/");
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: "dropped.csv", mimeType: "text/csv", buffer: Buffer.from(messyCsv(200, 3)) });
  await expect(page.locator('[data-role="quantity"] select')).toHaveValue("quantity");
  await page.route("**/api/jobs", (route) => route.abort("connectionreset"));
  await page.getByRole("button", { name: "Upload and analyse" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The upload did not reach the server" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("The upload failed: the server could not be reached.");
  await expect(page.getByText("The upload was refused")).toHaveCount(0);
  // the browser logs the failed request; nothing else went wrong
  expect(errors.filter((e) => !e.includes("Failed to load resource"))).toEqual([]);
});
