"use client";
import Link from "next/link";
import { EmptyState, ErrorState, LoadingBlock } from "@/components/ui/states";
import { useJobsQuery } from "@/lib/hooks/use-jobs-query";
import { JobItem } from "./job-item";

/** The five newest jobs, for the upload page. */
export function RecentJobs() {
  const query = useJobsQuery({ limit: 5 });
  const jobs = query.data?.pages[0]?.jobs ?? [];
  return (
    <div className="grid grid-cols-1 gap-3">
      {query.isPending && <LoadingBlock label="Loading recent jobs" height="h-24" />}
      {query.isError && (
        <ErrorState
          title="Recent jobs could not be loaded"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      )}
      {query.isSuccess && jobs.length === 0 && (
        <EmptyState title="No jobs yet">Upload a file or try the sample data to start one.</EmptyState>
      )}
      {jobs.length > 0 && (
        <ul className="grid grid-cols-1 gap-3" aria-label="Recent jobs">
          {jobs.map((job) => (
            <JobItem key={job.id} job={job} />
          ))}
        </ul>
      )}
      {jobs.length > 0 && (
        <Link href="/jobs" className="text-sm font-medium text-blue-800 hover:underline">
          All jobs →
        </Link>
      )}
    </div>
  );
}
