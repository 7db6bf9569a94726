"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";
import { useSampleJobMutation } from "@/lib/hooks/mutations";
import { MAX_SAMPLE_ROWS, sampleRequestSchema } from "@/lib/validations/sample-request";

/** "Try sample data": generates seed-style messy sales rows on the server and analyses them. */
export function SampleDataForm() {
  const router = useRouter();
  const id = useId();
  const [rows, setRows] = useState("10000");
  const [errorPct, setErrorPct] = useState("15");
  const [seed, setSeed] = useState("42");
  const sample = useSampleJobMutation();

  const rowsN = Number(rows);
  const errN = Number(errorPct);
  const seedN = Number(seed);
  // The same schema the server applies.
  const valid =
    rows.trim() !== "" &&
    errorPct.trim() !== "" &&
    seed.trim() !== "" &&
    sampleRequestSchema.safeParse({ rows: rowsN, errorRate: errN / 100, seed: seedN }).success;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    sample.mutate(
      { rows: rowsN, errorRate: errN / 100, seed: seedN },
      { onSuccess: (job) => router.push(`/jobs/${job.id}`) },
    );
  };

  const field = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";
  return (
    <form onSubmit={submit} className="grid gap-3" aria-describedby={`${id}-about`}>
      <p id={`${id}-about`} className="text-sm text-slate-600">
        No file at hand? Generate sales data with the usual mess (typos, <code>$</code> prices, “5 units”,
        missing dates, outliers) and see the whole pipeline run.
      </p>
      <div className="grid grid-cols-3 gap-3">
        <div>
          <label htmlFor={`${id}-rows`} className="mb-1 block text-sm font-medium text-slate-800">
            Rows
          </label>
          <input
            id={`${id}-rows`}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SAMPLE_ROWS}
            step={1}
            required
            value={rows}
            onChange={(e) => setRows(e.target.value)}
            className={field}
          />
        </div>
        <div>
          <label htmlFor={`${id}-err`} className="mb-1 block text-sm font-medium text-slate-800">
            Error rate %
          </label>
          <input
            id={`${id}-err`}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            value={errorPct}
            onChange={(e) => setErrorPct(e.target.value)}
            className={field}
          />
        </div>
        <div>
          <label htmlFor={`${id}-seed`} className="mb-1 block text-sm font-medium text-slate-800">
            Seed
          </label>
          <input
            id={`${id}-seed`}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            className={field}
          />
        </div>
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={!valid || sample.isPending}>
          {sample.isPending ? "Starting…" : "Try sample data"}
        </Button>
      </div>
      {sample.isError && <ErrorState title="The sample job could not start" error={sample.error} />}
    </form>
  );
}
