"use client";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { MultiSelect } from "@/components/ui/multi-select";
import type { DataFilters } from "@/lib/api/types";
import { hasFilters } from "@/lib/hooks/api-client";
import { useJobDataQuery } from "@/lib/hooks/use-job-data-query";
import { formatMonth } from "@/lib/format";
import { CopyLinkButton } from "./copy-link-button";

/** How many names the region/category/product pickers offer (by revenue). */
const OPTIONS_LIMIT = 500;

export function FiltersBar({
  jobId,
  months,
  filters,
  onChange,
}: {
  jobId: string;
  months: readonly string[];
  filters: DataFilters;
  onChange: (next: DataFilters) => void;
}) {
  const id = useId();
  // The pickers list every name of the job, whatever the current filters.
  const regions = useJobDataQuery(jobId, "regions", {}, { limit: OPTIONS_LIMIT });
  const categories = useJobDataQuery(jobId, "categories", {}, { limit: OPTIONS_LIMIT });
  const products = useJobDataQuery(jobId, "products", {}, { limit: OPTIONS_LIMIT });
  const set = (patch: Partial<DataFilters>) => {
    const next = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof DataFilters)[]) {
      const v = next[k];
      if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) delete next[k];
    }
    onChange(next);
  };
  const select = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

  return (
    <search
      aria-label="Dashboard filters"
      className="no-print grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <div className="min-w-0">
          <label htmlFor={`${id}-from`} className="mb-1 block text-xs font-medium text-slate-700">
            From month
          </label>
          <select
            id={`${id}-from`}
            value={filters.from ?? ""}
            onChange={(e) => set({ from: e.target.value || undefined })}
            className={select}
          >
            <option value="">First month</option>
            {months.map((m) => (
              <option key={m} value={m} disabled={Boolean(filters.to && m > filters.to)}>
                {formatMonth(m)}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0">
          <label htmlFor={`${id}-to`} className="mb-1 block text-xs font-medium text-slate-700">
            To month
          </label>
          <select
            id={`${id}-to`}
            value={filters.to ?? ""}
            onChange={(e) => set({ to: e.target.value || undefined })}
            className={select}
          >
            <option value="">Last month</option>
            {months.map((m) => (
              <option key={m} value={m} disabled={Boolean(filters.from && m < filters.from)}>
                {formatMonth(m)}
              </option>
            ))}
          </select>
        </div>
        <MultiSelect
          label="Region"
          placeholder="All regions"
          options={regions.data?.rows.map((r) => r.region) ?? []}
          selected={filters.region ?? []}
          onChange={(v) => set({ region: v })}
        />
        <MultiSelect
          label="Category"
          placeholder="All categories"
          options={categories.data?.rows.map((r) => r.category) ?? []}
          selected={filters.category ?? []}
          onChange={(v) => set({ category: v })}
        />
        <div className="col-span-2 min-w-0 md:col-span-1">
          <MultiSelect
            label="Product"
            placeholder="All products"
            options={products.data?.rows.map((r) => r.product) ?? []}
            selected={filters.product ?? []}
            onChange={(v) => set({ product: v })}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <CopyLinkButton />
        <Button size="sm" variant="ghost" onClick={() => onChange({})} disabled={!hasFilters(filters)}>
          Clear filters
        </Button>
        <p className="text-xs text-slate-600" aria-live="polite">
          {hasFilters(filters)
            ? "Filters are in the address: copy the link to share this exact view."
            : "Showing the whole file."}
        </p>
      </div>
    </search>
  );
}
