/** A labelled progress bar; `value` is 0..1, or null when the amount is unknown. */
export function ProgressBar({
  value,
  label,
  className = "",
}: {
  value: number | null;
  label: string;
  className?: string;
}) {
  const pct = value == null ? null : Math.max(0, Math.min(100, value * 100));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct == null ? undefined : Math.round(pct)}
      className={`h-2.5 w-full overflow-hidden rounded-full bg-slate-200 ${className}`}
    >
      <div
        className={`h-full rounded-full bg-blue-600 transition-[width] duration-500 ${pct == null ? "w-1/3 animate-pulse" : ""}`}
        style={pct == null ? undefined : { width: `${pct}%` }}
      />
    </div>
  );
}
