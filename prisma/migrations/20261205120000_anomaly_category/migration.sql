-- AlterTable: an anomaly keeps its row's category, so the dashboard's category filter applies to it
ALTER TABLE "Anomaly" ADD COLUMN "category" TEXT NOT NULL DEFAULT '';
