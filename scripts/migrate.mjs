// db:migrate — Prisma migrations without the native schema engine (RECIPES.md).
//
//   node scripts/migrate.mjs dev --name <name> [--force-reset]   author + apply a migration
//   node scripts/migrate.mjs deploy                              apply pending migrations
//   node scripts/migrate.mjs status                              compare folder and database
//
// Drives @prisma/schema-engine-wasm with the better-sqlite3 driver adapter and
// writes Prisma's folder format (prisma/migrations/<ts>_<name>/migration.sql +
// migration_lock.toml), so stock `prisma migrate` agrees on a machine that has
// the native engine. The app applies the same folder at start-up without the
// engine (lib/jobs/migrations.ts).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const schemaPath = join(root, "prisma", "schema.prisma");
const migrationsDir = join(root, "prisma", "migrations");
const LOCKFILE = "migration_lock.toml";
const filters = { externalTables: [], externalEnums: [] };

/** Same rule as lib/db-path.ts: DATABASE_URL (file:) else DATA_DIR/app.db; relative paths from the project root. */
export function resolveDatabaseFile(env = process.env) {
  const url = env.DATABASE_URL;
  if (url) {
    const p = url.replace(/^file:/, "");
    return p === ":memory:" || isAbsolute(p) ? p : resolve(root, p);
  }
  const dataDir = env.DATA_DIR || "./data";
  return join(isAbsolute(dataDir) ? dataDir : resolve(root, dataDir), "app.db");
}

function readMigrations() {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(migrationsDir, d.name, "migration.sql")))
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = join(migrationsDir, LOCKFILE);
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

const emptyList = () => ({ ...readMigrations(), migrationDirectories: [] });

let wasmReady = false;
/** The package's main entry imports the .wasm as a module (bundlers only): instantiate it by hand. */
async function loadWasm() {
  if (wasmReady) return;
  const wasmFile = join(root, "node_modules", "@prisma", "schema-engine-wasm", "schema_engine_bg.wasm");
  const imports = { ...bg };
  for (const name of Object.keys(imports)) {
    // Trap 5: the engine arms a 60 s timer it never clears; unref it so the process can exit.
    if (name.startsWith("__wbg_setTimeout_")) {
      imports[name] = (fn, ms) => {
        const t = setTimeout(fn, ms >>> 0);
        t.unref();
        return t;
      };
    }
  }
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), {
    "./schema_engine_bg.js": imports,
  });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  wasmReady = true;
}

/** Trap 2: a whole multi-statement migration arrives through executeRaw, which better-sqlite3 refuses. */
function scriptAware(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (e) {
      if (query.args.length === 0 && /more than one statement/i.test(String(e?.message ?? e))) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw e;
    }
  };
  return adapter;
}

async function openEngine(dbFile) {
  await loadWasm();
  mkdirSync(dirname(dbFile), { recursive: true });
  const base = new PrismaBetterSqlite3({ url: `file:${dbFile}` });
  const factory = {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => scriptAware(await base.connect()),
    connectToShadowDb: async () => scriptAware(await base.connectToShadowDb()),
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (line) => {
    if (process.env.MIGRATE_DEBUG) console.error(line);
  };
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, readFileSync(schemaPath, "utf8")]] },
    log,
    adapter,
  );
  // Trap 1: diagnostics fail with P1014 until _prisma_migrations exists; an empty apply creates only it.
  await engine.applyMigrations({ migrationsList: emptyList(), filters });
  return engine;
}

/** Trap 4: the engine's reset needs writable_schema (blocked in defensive mode): delete the files instead. */
function deleteDatabase(dbFile) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
}

async function deploy(dbFile) {
  const engine = await openEngine(dbFile);
  const { appliedMigrationNames } = await engine.applyMigrations({
    migrationsList: readMigrations(),
    filters,
  });
  engine.free();
  console.log(
    appliedMigrationNames.length
      ? `Applied ${appliedMigrationNames.length} migration(s): ${appliedMigrationNames.join(", ")}`
      : "No pending migrations.",
  );
}

async function status(dbFile) {
  const engine = await openEngine(dbFile);
  const list = readMigrations();
  const out = await engine.diagnoseMigrationHistory({
    migrationsList: list,
    optInToShadowDatabase: false,
    filters,
  });
  engine.free();
  console.log(`${list.migrationDirectories.length} migration(s) found in prisma/migrations`);
  if (out.failedMigrationNames.length) console.log(`Failed: ${out.failedMigrationNames.join(", ")}`);
  if (out.editedMigrationNames.length)
    console.log(`Edited after apply: ${out.editedMigrationNames.join(", ")}`);
  const h = out.history;
  if (!h) {
    console.log("Database schema is up to date!");
    return out.failedMigrationNames.length || out.editedMigrationNames.length ? 1 : 0;
  }
  if (h.diagnostic === "databaseIsBehind") {
    console.log(`Not yet applied: ${h.unappliedMigrationNames.join(", ")}`);
  } else if (h.diagnostic === "migrationsDirectoryIsBehind") {
    console.log(`Applied but missing from the folder: ${h.unpersistedMigrationNames.join(", ")}`);
  } else {
    console.log(
      `Histories diverge after ${h.lastCommonMigrationName ?? "(none)"}: ` +
        `unapplied ${h.unappliedMigrationNames.join(", ") || "-"}, ` +
        `missing ${h.unpersistedMigrationNames.join(", ") || "-"}`,
    );
  }
  return 1;
}

async function dev(dbFile, name, forceReset) {
  if (!name || !/^[A-Za-z0-9_]+$/.test(name)) throw new Error("dev needs --name <letters, digits, _>");
  let engine = await openEngine(dbFile);
  const diag = await engine.devDiagnostic({ migrationsList: readMigrations(), filters });
  if (diag.action.tag === "reset") {
    if (!forceReset) {
      engine.free();
      throw new Error(
        `The development database must be reset: ${diag.action.reason}\nRe-run with --force-reset.`,
      );
    }
    engine.free();
    deleteDatabase(dbFile);
    engine = await openEngine(dbFile);
  }
  await engine.applyMigrations({ migrationsList: readMigrations(), filters });
  const list = readMigrations();
  const schema = { files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }] };
  // Trap 3: evaluateDataLoss/createMigration open the shadow database only after this call.
  await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: true, filters });
  const loss = await engine.evaluateDataLoss({ migrationsList: list, schema, filters });
  for (const w of loss.warnings) console.warn(`warning: ${w.message}`);
  if (loss.unexecutableSteps.length) {
    engine.free();
    throw new Error(`Cannot apply:\n${loss.unexecutableSteps.map((s) => `  - ${s.message}`).join("\n")}`);
  }
  const created = await engine.createMigration({
    draft: false,
    migrationName: name,
    migrationsList: list,
    schema,
    filters,
  });
  if (created.migrationScript === null) {
    engine.free();
    console.log("Already in sync: no migration created.");
    return;
  }
  const dir = join(migrationsDir, created.generatedMigrationName);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `migration.${created.extension}`), created.migrationScript);
  writeFileSync(
    join(migrationsDir, LOCKFILE),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${created.connectorType}"\n`,
  );
  const applied = await engine.applyMigrations({ migrationsList: readMigrations(), filters });
  engine.free();
  console.log(`Created prisma/migrations/${created.generatedMigrationName}/migration.sql`);
  console.log(`Applied: ${applied.appliedMigrationNames.join(", ") || "(none)"}`);
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" }, "force-reset": { type: "boolean" } },
  });
  const command = positionals[0];
  const dbFile = resolveDatabaseFile();
  if (command === "dev") return void (await dev(dbFile, values.name, values["force-reset"] === true));
  if (command === "deploy") return void (await deploy(dbFile));
  if (command === "status") return await status(dbFile);
  console.error("usage: node scripts/migrate.mjs dev --name <name> [--force-reset] | deploy | status");
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code ?? 0),
    (e) => {
      console.error(`db:migrate: ${e?.message ?? e}`);
      process.exit(1);
    },
  );
}

export { main };
