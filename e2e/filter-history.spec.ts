// Filters are history entries: Back right after a change must bring back the
// view the address names, even on a slow machine where the router has not
// caught up with the change yet (a CI run saw the old filters' address with
// the new filters' figures).
import { expect, test } from "@playwright/test";
import type { JobDto } from "../lib/api/types";
import { formatCurrencyWhole } from "../lib/format";
import { collectErrors, messyCsv, waitForJob } from "./helpers";

test("Back right after clearing the filters shows the filtered view again, on a slow CPU", async ({
  page,
  request,
}) => {
  const res = await request.post("/api/jobs", {
    multipart: {
      file: { name: "history.csv", mimeType: "text/csv", buffer: Buffer.from(messyCsv(5000, 9)) },
    },
  });
  expect(res.status()).toBe(202);
  const job = await waitForJob(request, ((await res.json()) as JobDto).id);
  const total = formatCurrencyWhole(job.summary!.revenue);
  const errors = collectErrors(page);
  const kpi = page.getByTestId("kpi-revenue").locator("[data-value]");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 8 });

  await page.goto(`/jobs/${job.id}`);
  await expect(kpi).toHaveText(total);
  await page.getByRole("button", { name: /^Region/ }).click();
  await page.getByRole("checkbox", { name: "North", exact: true }).check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(/[?&]region=North(&|$)/);
  // a reloaded page: its entry is the document's own, the next one is pushed
  await page.reload();
  await expect(kpi).not.toHaveText("…");
  await expect(kpi).not.toHaveText(total);
  const filtered = (await kpi.textContent()) ?? "";
  expect(filtered).not.toBe(total);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(kpi).toHaveText(total);
  await page.goBack();
  await expect(page).toHaveURL(/[?&]region=North(&|$)/);
  await expect(kpi).toHaveText(filtered);
  await page.goForward();
  await expect(kpi).toHaveText(total);
  expect(errors).toEqual([]);
});
