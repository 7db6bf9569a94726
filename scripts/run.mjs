// Launcher behind `npm run pipeline|generate|bench|db:migrate`.
//
//   node scripts/run.mjs <command> [args...]
//
// The command-line tools are TypeScript (scripts/cli/<command>.ts). They are
// bundled with esbuild into node_modules/.cache/sales-cli/ and imported as
// plain ESM, so a run pays no TypeScript start-up cost (`npm run pipeline`
// must reach 1M rows/s on a 2M-row file including process start). The bundles
// are rebuilt only when one is missing or a file under lib/ or scripts/cli/
// (or this launcher) changed since the last build: a cheap mtime walk.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cliDir = join(root, "scripts", "cli");
const cacheDir = join(root, "node_modules", ".cache", "sales-cli");
const stampFile = join(cacheDir, "build-stamp.json");

const usage = `usage: node scripts/run.mjs <command> [args...]
commands:
  pipeline <file.csv> --out <dir> [--mapping JSON] [--aliases JSON] [--day-first] [--no-fuzzy]
  generate --rows N --out <file.csv> [--error-rate 0.15] [--seed 42]
  bench [--quick] [--rows N]
  migrate dev --name <name> | deploy | status   (scripts/migrate.mjs)`;

const isTest = (name) => /\.test\.tsx?$/.test(name);

/** The bundles: scripts/cli/<name>.ts; the workers are started by pipeline and bench, not by a user. */
const COMMANDS = ["pipeline", "generate", "bench"];
const ENTRIES = [...COMMANDS, "pipeline-worker", "bench-worker"];

/** Newest mtime and file count of everything a bundle can be built from. */
function sourceState() {
  // this launcher and package.json shape the build too (options, external packages)
  let newest = Math.max(
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
    statSync(join(root, "package.json")).mtimeMs,
  );
  let count = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!isTest(e.name)) {
        count++;
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  walk(join(root, "lib"));
  walk(cliDir);
  return { newest, count };
}

function isFresh(state) {
  if (!ENTRIES.every((e) => existsSync(join(cacheDir, `${e}.mjs`)))) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, "utf8"));
    return (
      stamp.newest >= state.newest &&
      stamp.count === state.count &&
      Array.isArray(stamp.chunks) &&
      stamp.chunks.every((c) => existsSync(join(cacheDir, "chunks", c)))
    );
  } catch {
    return false;
  }
}

const BUNDLED_PACKAGES = new Set(["zod"]);

function externalPackages() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies });
  return names.filter((n) => !BUNDLED_PACKAGES.has(n)).flatMap((n) => [n, `${n}/*`]);
}

/** chunks older than this that the newest build does not use are removed */
const STALE_CHUNK_MS = 10 * 60 * 1000;

/**
 * Bundles every CLI entry in one esbuild call, code shared between entries
 * (and zod, loaded only when options need checking) split into content-named
 * chunks under chunks/, so a command parses only what it runs. Output goes to
 * a private folder first and each file is renamed into place, chunks before
 * the entries that import them, so a concurrent run never imports a
 * half-written bundle.
 */
async function build(state) {
  const { build: esbuild } = await import("esbuild");
  const tmp = join(cacheDir, `.build-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    await esbuild({
      entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, join(cliDir, `${e}.ts`)])),
      outdir: tmp,
      outExtension: { ".js": ".mjs" },
      splitting: true,
      chunkNames: "chunks/[name]-[hash]",
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // Packages stay in node_modules, except small pure-JS ones on every
      // command's start-up path: one bundled file compiles faster than a
      // package's many modules (zod: ~0.1 s less per run).
      external: externalPackages(),
      alias: { "@": root },
      logLevel: "warning",
    });
    const chunks = join(cacheDir, "chunks");
    mkdirSync(chunks, { recursive: true });
    const built = new Set(existsSync(join(tmp, "chunks")) ? readdirSync(join(tmp, "chunks")) : []);
    for (const c of built) renameSync(join(tmp, "chunks", c), join(chunks, c));
    for (const e of ENTRIES) renameSync(join(tmp, `${e}.mjs`), join(cacheDir, `${e}.mjs`));
    for (const c of readdirSync(chunks)) {
      const file = join(chunks, c);
      if (!built.has(c) && Date.now() - statSync(file).mtimeMs > STALE_CHUNK_MS)
        rmSync(file, { force: true });
    }
    writeFileSync(stampFile, `${JSON.stringify({ ...state, chunks: [...built] })}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Path of the bundle of `command`, (re)built when stale. */
async function ensureBundle(command) {
  mkdirSync(cacheDir, { recursive: true });
  const state = sourceState();
  if (!isFresh(state)) {
    try {
      await build(state);
    } catch {
      // esbuild has printed the errors with their locations
      console.error("error: building the command-line bundles failed (see above)");
      process.exit(1);
    }
  }
  return join(cacheDir, `${command}.mjs`);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === "--help" || command === "-h") {
    console.error(usage);
    process.exit(command ? 0 : 2);
  }

  if (command === "migrate") {
    const script = join(root, "scripts", "migrate.mjs");
    if (!existsSync(script)) {
      console.error("error: scripts/migrate.mjs is missing");
      process.exit(1);
    }
    const r = spawnSync(process.execPath, [script, ...args], { stdio: "inherit" });
    process.exit(r.status ?? 1);
  }

  if (!COMMANDS.includes(command)) {
    console.error(`error: unknown command "${command}"\n${usage}`);
    process.exit(2);
  }
  const bundle = await ensureBundle(command);
  // The bundle reads its arguments from process.argv.slice(2), as if run directly.
  process.argv = [process.argv[0], bundle, ...args];
  await import(pathToFileURL(bundle).href);
}

await main();
