// Server side of the job pages: the job as the API shows it, or null for an
// unknown or malformed id (the pages turn that into notFound()).
import type { JobDto } from "@/lib/api/types";
import { toJobDto } from "@/lib/jobs/dto";
import { getPool } from "@/lib/jobs/pool";
import { ensureStarted } from "@/lib/jobs/startup";
import { isId } from "@/lib/jobs/storage";
import { getJob } from "@/lib/queries/jobs";

export async function loadJob(id: string): Promise<JobDto | null> {
  if (!isId(id)) return null; // never reaches the database
  await ensureStarted();
  const job = await getJob(id);
  return job ? toJobDto(job, getPool().liveProgress(id)) : null;
}
