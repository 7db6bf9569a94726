// axe-core on the three main pages (no serious or critical violations), at
// desktop and phone width, plus a check for sideways scrolling.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import type { JobDto } from "../lib/api/types";
import { collectErrors, expectNoSidewaysScroll, waitForJob } from "./helpers";

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `${what}: accessibility violations`,
  ).toEqual([]);
}

test("home, job list and dashboard have no serious accessibility violations", async ({ page, request }) => {
  const res = await request.post("/api/jobs/sample", { data: { rows: 2000, errorRate: 0.15, seed: 11 } });
  expect(res.status()).toBe(202);
  const job = (await res.json()) as JobDto;
  expect((await waitForJob(request, job.id)).status).toBe("completed");
  const errors = collectErrors(page);

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });

    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Analyse a sales file" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Recent jobs" })).toBeVisible();
    await expectAccessible(page, `home at ${width}px`);
    await expectNoSidewaysScroll(page);

    await page.goto("/jobs");
    await expect(page.locator(`[data-job-id="${job.id}"]`)).toBeVisible();
    await expectAccessible(page, `job list at ${width}px`);
    await expectNoSidewaysScroll(page);

    await page.goto(`/jobs/${job.id}`);
    await expect(page.locator("#monthly svg.recharts-surface").first()).toBeVisible();
    await expect(page.locator("#anomalies").locator("li:visible, tbody tr:visible").first()).toBeVisible();
    await expectAccessible(page, `dashboard at ${width}px`);
    await expectNoSidewaysScroll(page);

    await page.goto(`/jobs/${job.id}/summary`);
    await expect(page.getByRole("region", { name: "Headline figures" })).toBeVisible();
    await expectAccessible(page, `summary at ${width}px`);
    await expectNoSidewaysScroll(page);
  }

  // The dashboard works from the keyboard: the filters open and close with it.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/jobs/${job.id}`);
  const region = page.getByRole("button", { name: /^Region/ });
  await region.focus();
  await page.keyboard.press("Enter");
  await expect(region).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("checkbox").first()).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("checkbox").first()).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/[?&]region=/);
  await page.keyboard.press("Escape");
  await expect(region).toHaveAttribute("aria-expanded", "false");
  await expect(region).toBeFocused();

  expect(errors).toEqual([]);
});

test("absurdly large figures fit a phone screen", async ({ page, request }) => {
  const rows = Array.from(
    { length: 40 },
    (_, i) =>
      `2024-0${1 + (i % 9)}-15,Gold Bar ${i % 3},${1 + (i % 4)},${i % 5 === 0 ? "99999999999999999999999999" : "1250000000000000000000"},North`,
  );
  const res = await request.post("/api/jobs", {
    multipart: {
      file: {
        name: "huge.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(["sale_date,product,quantity,unit_price,region", ...rows].join("\n")),
      },
    },
  });
  expect(res.status()).toBe(202);
  const job = (await res.json()) as JobDto;
  const done = await waitForJob(request, job.id);
  expect(done.status).toBe("completed");
  expect(done.summary?.revenue).toBeGreaterThan(1e26);
  const errors = collectErrors(page);

  await page.setViewportSize({ width: 375, height: 800 });
  for (const path of ["/", "/jobs", `/jobs/${job.id}`, `/jobs/${job.id}/summary`]) {
    await page.goto(path);
    await expect(page.locator(`a[href="/jobs/${job.id}"], h1`).first()).toBeVisible();
    if (path === `/jobs/${job.id}`)
      await expect(page.locator("#monthly svg.recharts-surface").first()).toBeVisible();
    await expectNoSidewaysScroll(page);
  }
  expect(errors).toEqual([]);
});
