// Start-up of the Node.js server: migrations, re-queue of interrupted jobs, worker pool.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { ensureStarted } = await import("./lib/jobs/startup");
    await ensureStarted();
  }
}
