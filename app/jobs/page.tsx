import type { Metadata } from "next";
import { Suspense } from "react";
import { JobsList } from "@/components/jobs/jobs-list";
import { ButtonLink } from "@/components/ui/button";
import { LoadingBlock } from "@/components/ui/states";

export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">Jobs</h1>
        <ButtonLink href="/" variant="primary">
          New upload
        </ButtonLink>
      </div>
      <Suspense fallback={<LoadingBlock label="Loading jobs" />}>
        <JobsList />
      </Suspense>
    </div>
  );
}
