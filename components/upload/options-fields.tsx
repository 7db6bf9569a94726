"use client";
// Processing options shared by the upload form and the re-run form.
import { useId } from "react";
import type { Mapping, PipelineOptions } from "@/lib/pipeline/types";
import type { JobOptionsInput } from "@/lib/validations/job-options";

export interface AliasRow {
  key: number;
  from: string;
  to: string;
}

export interface OptionsState {
  dayFirst: "auto" | "yes" | "no";
  fuzzy: boolean;
  aliases: AliasRow[];
}

let nextKey = 1;
export const newAliasRow = (from = "", to = ""): AliasRow => ({ key: nextKey++, from, to });

export const defaultOptionsState = (): OptionsState => ({ dayFirst: "auto", fuzzy: true, aliases: [] });

export function optionsStateFrom(options: PipelineOptions | null | undefined): OptionsState {
  return {
    dayFirst: options?.dayFirst === undefined ? "auto" : options.dayFirst ? "yes" : "no",
    fuzzy: options?.fuzzy ?? true,
    aliases: Object.entries(options?.aliases ?? {}).map(([from, to]) => newAliasRow(from, to)),
  };
}

/** Aliases with both sides filled in; rows being typed are left out. */
export function completeAliases(rows: readonly AliasRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const from = r.from.trim();
    const to = r.to.trim();
    if (from && to) out[from] = to;
  }
  return out;
}

export function toJobOptions(mapping: Mapping, state: OptionsState): JobOptionsInput {
  const options: JobOptionsInput = { fuzzy: state.fuzzy };
  if (Object.keys(mapping).length > 0) options.mapping = mapping;
  const aliases = completeAliases(state.aliases);
  if (Object.keys(aliases).length > 0) options.aliases = aliases;
  if (state.dayFirst !== "auto") options.dayFirst = state.dayFirst === "yes";
  return options;
}

export function OptionsFields({
  value,
  onChange,
}: {
  value: OptionsState;
  onChange: (next: OptionsState) => void;
}) {
  const dayFirstId = useId();
  const fuzzyId = useId();
  const set = (patch: Partial<OptionsState>) => onChange({ ...value, ...patch });
  const setAlias = (key: number, patch: Partial<AliasRow>) =>
    set({ aliases: value.aliases.map((a) => (a.key === key ? { ...a, ...patch } : a)) });

  return (
    <div className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={dayFirstId} className="mb-1 block text-sm font-medium text-slate-800">
            Dates like 03/04/2024
          </label>
          <select
            id={dayFirstId}
            value={value.dayFirst}
            onChange={(e) => set({ dayFirst: e.target.value as OptionsState["dayFirst"] })}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="auto">Detect from the data</option>
            <option value="no">Month first (MM/DD/YYYY)</option>
            <option value="yes">Day first (DD/MM/YYYY)</option>
          </select>
        </div>
        <div className="flex items-start gap-2 sm:pt-6">
          <input
            id={fuzzyId}
            type="checkbox"
            checked={value.fuzzy}
            onChange={(e) => set({ fuzzy: e.target.checked })}
            className="mt-0.5 h-4 w-4 accent-blue-700"
          />
          <label htmlFor={fuzzyId} className="text-sm text-slate-800">
            <span className="font-medium">Merge typos</span>
            <span className="block text-slate-600">
              e.g. “Laptpo Pro” into “Laptop Pro” when the right spelling is far more common
            </span>
          </label>
        </div>
      </div>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Aliases</legend>
        <p className="mb-2 text-sm text-slate-600">
          Rename a product, region or category spelling (matched ignoring case, spaces and punctuation).
        </p>
        {value.aliases.length > 0 && (
          <ul className="mb-2 grid gap-2">
            {value.aliases.map((a, i) => (
              <li key={a.key} className="grid grid-cols-[1fr_auto_1fr_auto] items-center gap-2">
                <input
                  value={a.from}
                  onChange={(e) => setAlias(a.key, { from: e.target.value })}
                  aria-label={`Alias ${i + 1}: spelling in the file`}
                  placeholder="spelling in the file"
                  className="min-w-0 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                />
                <span aria-hidden="true" className="text-slate-500">
                  →
                </span>
                <input
                  value={a.to}
                  onChange={(e) => setAlias(a.key, { to: e.target.value })}
                  aria-label={`Alias ${i + 1}: name to show`}
                  placeholder="name to show"
                  className="min-w-0 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                />
                <button
                  type="button"
                  onClick={() => set({ aliases: value.aliases.filter((x) => x.key !== a.key) })}
                  aria-label={`Remove alias ${i + 1}`}
                  className="rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-red-700"
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          onClick={() => set({ aliases: [...value.aliases, newAliasRow()] })}
          className="rounded-md border border-dashed border-slate-400 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50"
        >
          + Add alias
        </button>
      </fieldset>
    </div>
  );
}
