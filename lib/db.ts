// The one Prisma client (SQLite through the better-sqlite3 driver adapter),
// cached on globalThis so dev reloads and Next's separate module graphs
// (instrumentation, route handlers) share it.
// No `import "server-only"`: the package is not installed outside Next's
// bundler, and the integration tests and scripts import this module directly.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { databaseFile } from "./jobs/storage";

export type Db = InstanceType<typeof PrismaClient>;

const cache = globalThis as unknown as { __salesDb?: { file: string; client: Db } };

function createClient(file: string): Db {
  // timeout: wait for a writer instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 15_000 });
  return new PrismaClient({ adapter });
}

/** The client for the current DATABASE_URL / DATA_DIR. */
export function getDb(): Db {
  const file = databaseFile();
  if (!cache.__salesDb || cache.__salesDb.file !== file) {
    cache.__salesDb = { file, client: createClient(file) };
  }
  return cache.__salesDb.client;
}
