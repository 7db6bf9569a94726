import { rmSync } from "node:fs";

/** Removes the throwaway DATA_DIR the config created for the server. */
export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (dir?.includes("sales-e2e-")) rmSync(dir, { recursive: true, force: true });
}
