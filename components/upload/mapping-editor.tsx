"use client";
import { useId } from "react";
import { type MappingResult, REQUIRED_ROLES } from "@/lib/pipeline/header";
import { ROLES, type Role } from "@/lib/pipeline/types";
import { ROLE_HINTS, ROLE_LABELS } from "./roles";

function isRequired(role: Role, result: MappingResult): boolean {
  if (role === "unit_price") return result.mapping.revenue === undefined;
  return REQUIRED_ROLES.includes(role);
}

/** One dropdown per role, preset from the detected mapping; required roles marked. */
export function MappingEditor({
  headers,
  result,
  overridden,
  onChange,
}: {
  headers: readonly string[];
  result: MappingResult;
  overridden: ReadonlySet<Role>;
  onChange: (role: Role, header: string) => void;
}) {
  const baseId = useId();
  const usedBy = new Map<string, Role>();
  for (const role of ROLES) {
    const h = result.mapping[role];
    if (h !== undefined) usedBy.set(h, role);
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {ROLES.map((role) => {
        const required = isRequired(role, result);
        const missing = result.missing.includes(role);
        const id = `${baseId}-${role}`;
        const hintId = `${id}-hint`;
        const hint = missing ? "Required: pick the column that holds it" : ROLE_HINTS[role];
        return (
          <li key={role} data-role={role}>
            <label htmlFor={id} className="mb-1 flex items-baseline gap-1 text-sm font-medium text-slate-800">
              {ROLE_LABELS[role]}
              {required && (
                <span className="text-red-700" title="required">
                  *<span className="sr-only"> (required)</span>
                </span>
              )}
              {overridden.has(role) && <span className="text-xs font-normal text-blue-800">(changed)</span>}
            </label>
            <select
              id={id}
              value={result.mapping[role] ?? ""}
              onChange={(e) => onChange(role, e.target.value)}
              aria-invalid={missing || undefined}
              aria-describedby={hint ? hintId : undefined}
              className={`w-full rounded-md border bg-white px-3 py-2 text-sm ${
                missing ? "border-red-600 ring-1 ring-red-600" : "border-slate-300"
              }`}
            >
              <option value="">— not mapped —</option>
              {headers.map((h, i) => {
                const other = usedBy.get(h);
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; the position is the identity
                  <option key={`${i}:${h}`} value={h}>
                    {h || `(column ${i + 1}, no name)`}
                    {other && other !== role ? ` — now ${ROLE_LABELS[other]}` : ""}
                  </option>
                );
              })}
            </select>
            {hint && (
              <p id={hintId} className={`mt-1 text-xs ${missing ? "text-red-800" : "text-slate-600"}`}>
                {hint}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
