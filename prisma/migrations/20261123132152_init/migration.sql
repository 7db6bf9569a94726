-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fileName" TEXT NOT NULL,
    "sizeBytes" REAL NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL,
    "uploadKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "options" TEXT NOT NULL DEFAULT '{}',
    "sample" TEXT,
    "parentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "bytesRead" REAL NOT NULL DEFAULT 0,
    "rowsRead" REAL NOT NULL DEFAULT 0,
    "rowsPerSecond" REAL NOT NULL DEFAULT 0,
    "error" TEXT,
    "summary" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "RollupCell" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "revenue" REAL NOT NULL,
    "profit" REAL NOT NULL,
    "quantity" REAL NOT NULL,
    "transactions" REAL NOT NULL,
    "discountRevenue" REAL NOT NULL,
    "discountSum" REAL NOT NULL,
    CONSTRAINT "RollupCell_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Anomaly" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "line" REAL NOT NULL,
    "orderId" TEXT NOT NULL,
    "saleDate" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "quantity" REAL NOT NULL,
    "unitPrice" REAL,
    "discount" REAL NOT NULL,
    "revenue" REAL NOT NULL,
    "score" REAL NOT NULL,
    "reason" TEXT NOT NULL,
    CONSTRAINT "Anomaly_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CleaningMerge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "original" TEXT NOT NULL,
    "canonical" TEXT NOT NULL,
    "rows" REAL NOT NULL,
    CONSTRAINT "CleaningMerge_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RejectedRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" TEXT NOT NULL,
    "line" REAL NOT NULL,
    "reason" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    CONSTRAINT "RejectedRow_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Job_status_createdAt_idx" ON "Job"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Job_createdAt_idx" ON "Job"("createdAt");

-- CreateIndex
CREATE INDEX "Job_uploadKey_idx" ON "Job"("uploadKey");

-- CreateIndex
CREATE INDEX "RollupCell_jobId_idx" ON "RollupCell"("jobId");

-- CreateIndex
CREATE INDEX "Anomaly_jobId_rank_idx" ON "Anomaly"("jobId", "rank");

-- CreateIndex
CREATE INDEX "CleaningMerge_jobId_rank_idx" ON "CleaningMerge"("jobId", "rank");

-- CreateIndex
CREATE INDEX "RejectedRow_jobId_line_idx" ON "RejectedRow"("jobId", "line");
