"use client";
import { useEffect, useId, useRef, useState } from "react";

/**
 * A multi-select as a disclosure with a filterable checkbox list: works with the
 * keyboard (Tab, Space, Escape) and on a phone.
 */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  placeholder = "All",
}: {
  label: string;
  options: readonly string[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
}) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const labelId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  // Selected values stay listed even when they are not among the options (e.g. from a shared URL).
  const all = [...selected.filter((s) => !options.includes(s)), ...options];
  const q = query.trim().toLowerCase();
  const shown = q ? all.filter((o) => o.toLowerCase().includes(q)) : all;
  const summary =
    selected.length === 0 ? placeholder : selected.length === 1 ? selected[0] : `${selected.length} selected`;

  const toggle = (value: string) =>
    onChange(selected.includes(value) ? selected.filter((s) => s !== value) : [...selected, value]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the popup from anywhere inside it
    <div
      ref={rootRef}
      className="relative min-w-0"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <span id={labelId} className="mb-1 block text-xs font-medium text-slate-700">
        {label}
      </span>
      <button
        ref={buttonRef}
        type="button"
        aria-labelledby={`${labelId} ${panelId}-value`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-left text-sm"
      >
        <span id={`${panelId}-value`} className="truncate">
          {summary}
        </span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="h-4 w-4 shrink-0 text-slate-500"
          fill="currentColor"
        >
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute left-0 z-20 mt-1 w-full min-w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg"
        >
          {all.length > 8 && (
            <input
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-label={`Search ${label.toLowerCase()}`}
              placeholder="Search…"
              className="mb-2 w-full rounded border border-slate-300 px-2 py-1 text-sm"
            />
          )}
          <fieldset className="max-h-64 overflow-y-auto">
            <legend className="sr-only">{label}</legend>
            {shown.length === 0 && <p className="px-1 py-2 text-sm text-slate-600">No matches</p>}
            {shown.map((o) => (
              <label key={o} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                <input
                  type="checkbox"
                  checked={selected.includes(o)}
                  onChange={() => toggle(o)}
                  className="h-4 w-4 accent-blue-700"
                />
                <span className="break-all">{o}</span>
              </label>
            ))}
          </fieldset>
          <div className="mt-2 flex justify-between border-t border-slate-100 pt-2">
            <button
              type="button"
              onClick={() => onChange([])}
              disabled={selected.length === 0}
              className="rounded px-2 py-1 text-sm text-blue-800 hover:bg-blue-50 disabled:text-slate-400"
            >
              Clear
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
              }}
              className="rounded px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100"
            >
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
