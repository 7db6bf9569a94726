// Server side of the job pages: the job as the API shows it, or null for an
// unknown or malformed id (the pages turn that into notFound()).
import { cache } from "react";
import { AppError } from "@/lib/api/errors";
import type { JobDto } from "@/lib/api/types";
import { getJobDto } from "@/lib/jobs/service";
import { ensureStarted } from "@/lib/jobs/startup";
import { isId } from "@/lib/jobs/storage";

/** Once per request: generateMetadata and the page share the lookup. */
export const loadJob = cache(async (id: string): Promise<JobDto | null> => {
  if (!isId(id)) return null; // a malformed id never reaches the database
  await ensureStarted();
  try {
    return await getJobDto(id);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") return null;
    throw e;
  }
});
