// GET /api/health: cheap checks only, so it answers fast while jobs run.
import pkg from "../../package.json";
import type { HealthDto } from "../api/types";
import { countByStatus, databaseReachable } from "../queries/jobs";
import { getPool } from "./pool";
import { ensureStarted } from "./startup";

export async function getHealth(): Promise<HealthDto> {
  try {
    await ensureStarted();
  } catch (e) {
    console.error("[health] start-up failed:", e);
    return {
      status: "degraded",
      version: pkg.version,
      queueDepth: 0,
      running: 0,
      workerReady: false,
      database: false,
    };
  }
  const database = await databaseReachable();
  const counts = database ? await countByStatus() : null;
  return {
    status: database ? "ok" : "degraded",
    version: pkg.version,
    queueDepth: counts?.queued ?? 0,
    running: counts?.running ?? 0,
    workerReady: getPool().workerReady,
    database,
  };
}
