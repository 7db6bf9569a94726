import type { JobStatus } from "@/lib/api/types";

const styles: Record<JobStatus, string> = {
  queued: "bg-slate-100 text-slate-800 ring-slate-300",
  running: "bg-blue-50 text-blue-800 ring-blue-300",
  completed: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  failed: "bg-red-50 text-red-800 ring-red-300",
  cancelled: "bg-amber-50 text-amber-900 ring-amber-300",
};

const labels: Record<JobStatus, string> = {
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function StatusBadge({ status }: { status: JobStatus }) {
  return (
    <span
      data-testid="status-badge"
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[status]}`}
    >
      {status === "running" && (
        <span aria-hidden="true" className="h-1.5 w-1.5 animate-pulse rounded-full bg-blue-600" />
      )}
      {labels[status]}
    </span>
  );
}
