import { formatInteger } from "@/lib/format";
import { Button } from "./button";

/** Previous/next paging over offset+limit, with the range shown. */
export function Pager({
  offset,
  limit,
  total,
  onChange,
  label,
  busy = false,
}: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label: string;
  busy?: boolean;
}) {
  if (total <= limit && offset === 0) return null;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-slate-700">
        {formatInteger(from)}–{formatInteger(to)} of {formatInteger(total)}
      </p>
      <div className="flex gap-2">
        <Button
          size="sm"
          onClick={() => onChange(Math.max(0, offset - limit))}
          disabled={offset === 0 || busy}
        >
          Previous
        </Button>
        <Button size="sm" onClick={() => onChange(offset + limit)} disabled={to >= total || busy}>
          Next
        </Button>
      </div>
    </nav>
  );
}
