-- The rollup summed over what most dashboard requests leave out: RollupSlice
-- has no product (monthly, regions, categories and their totals when no
-- product filter applies), ProductSlice has only product and category (the
-- products list when only categories are filtered). A SKU-level file has
-- hundreds of thousands of rollup cells but a few thousand slice rows.
-- CreateTable
CREATE TABLE "RollupSlice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "revenue" REAL NOT NULL,
    "profit" REAL NOT NULL,
    "quantity" REAL NOT NULL,
    "transactions" REAL NOT NULL,
    "discountRevenue" REAL NOT NULL,
    "discountSum" REAL NOT NULL,
    CONSTRAINT "RollupSlice_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProductSlice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "revenue" REAL NOT NULL,
    "profit" REAL NOT NULL,
    "quantity" REAL NOT NULL,
    "transactions" REAL NOT NULL,
    CONSTRAINT "ProductSlice_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RollupSlice_jobId_idx" ON "RollupSlice"("jobId");

-- CreateIndex
CREATE INDEX "ProductSlice_jobId_idx" ON "ProductSlice"("jobId");

-- Backfill: the slices of jobs completed before this migration
INSERT INTO "RollupSlice" ("jobId", "month", "region", "category", "revenue", "profit", "quantity", "transactions", "discountRevenue", "discountSum")
SELECT "jobId", "month", "region", "category", SUM("revenue"), SUM("profit"), SUM("quantity"), SUM("transactions"), SUM("discountRevenue"), SUM("discountSum")
FROM "RollupCell" GROUP BY "jobId", "month", "region", "category";

INSERT INTO "ProductSlice" ("jobId", "product", "category", "revenue", "profit", "quantity", "transactions")
SELECT "jobId", "product", "category", SUM("revenue"), SUM("profit"), SUM("quantity"), SUM("transactions")
FROM "RollupCell" GROUP BY "jobId", "product", "category";
