import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { JobDashboard } from "@/components/dashboard/job-dashboard";
import { LoadingBlock } from "@/components/ui/states";
import { loadJob } from "./load-job";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const job = await loadJob(id);
  return { title: job ? job.fileName : "Job not found" };
}

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const job = await loadJob(id);
  if (!job) notFound();
  return (
    // The dashboard reads its filters from the URL query.
    <Suspense fallback={<LoadingBlock label="Loading the dashboard" />}>
      <JobDashboard id={job.id} initialJob={job} />
    </Suspense>
  );
}
