import { ScrollRegion } from "@/components/ui/scroll-region";
import { ROLES, type Mapping, type Role } from "@/lib/pipeline/types";
import { ROLE_LABELS } from "./roles";

/** The first rows as parsed in the browser, each column tagged with its role. */
export function PreviewTable({
  headers,
  rows,
  mapping,
  truncated,
}: {
  headers: readonly string[];
  rows: readonly string[][];
  mapping: Mapping;
  truncated: boolean;
}) {
  const roleOf = new Map<string, Role>();
  for (const role of ROLES) {
    const h = mapping[role];
    if (h !== undefined) roleOf.set(h, role);
  }
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <ScrollRegion label="Preview of the first rows">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">First {rows.length} rows of the file</caption>
          <thead className="bg-slate-50">
            <tr>
              {headers.map((h, i) => {
                const role = roleOf.get(h);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: header names may repeat
                  <th key={i} scope="col" className="px-3 py-2 align-bottom font-medium whitespace-nowrap">
                    <span className="block text-slate-900">{h || `(column ${i + 1})`}</span>
                    <span
                      className={`mt-0.5 inline-block rounded px-1.5 text-xs font-normal ${
                        role ? "bg-blue-100 text-blue-900" : "bg-slate-100 text-slate-600"
                      }`}
                    >
                      {role ? ROLE_LABELS[role] : "ignored"}
                    </span>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
              <tr key={r} className="border-t border-slate-100">
                {headers.map((_, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <td key={c} className="max-w-56 truncate px-3 py-1.5 whitespace-nowrap text-slate-700">
                    {row[c] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-600">
        First {rows.length} {rows.length === 1 ? "row" : "rows"}
        {truncated ? " (the preview reads only the start of the file)" : ""}.
      </p>
    </div>
  );
}
