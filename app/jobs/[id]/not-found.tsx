import { ButtonLink } from "@/components/ui/button";

export default function JobNotFound() {
  return (
    <div className="mx-auto grid max-w-lg gap-3 py-12 text-center">
      <p className="text-sm font-semibold text-blue-800">404</p>
      <h1 className="text-2xl font-bold">Job not found</h1>
      <p className="text-slate-700">
        No job has this address. It may have been deleted, or the link is incomplete.
      </p>
      <div className="flex justify-center gap-3">
        <ButtonLink href="/jobs" variant="primary">
          All jobs
        </ButtonLink>
        <ButtonLink href="/">Upload a file</ButtonLink>
      </div>
    </div>
  );
}
