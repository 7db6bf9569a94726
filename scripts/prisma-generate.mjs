// postinstall: `prisma generate` without downloading engines.
// generate refuses to start unless the native schema engine exists, although it
// never runs it; this machine cannot download it. PRISMA_SCHEMA_ENGINE_BINARY
// (documented override) points at a stub that only explains where migrations
// live. It is set for this child process only.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "node_modules", "prisma", "build", "index.js");
if (!existsSync(cli)) {
  console.error("prisma-generate: prisma is not installed; run npm install");
  process.exit(1);
}

const stubDir = join(root, "node_modules", ".cache", "prisma-engine-stub");
const stub = join(stubDir, "schema-engine");
mkdirSync(stubDir, { recursive: true });
writeFileSync(
  stub,
  '#!/bin/sh\necho "the native schema engine is not installed here: use npm run db:migrate" >&2\nexit 1\n',
);
chmodSync(stub, 0o755);

const result = spawnSync(
  process.execPath,
  [cli, "generate", "--schema", join(root, "prisma", "schema.prisma")],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: stub,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  },
);
process.exit(result.status ?? 1);
