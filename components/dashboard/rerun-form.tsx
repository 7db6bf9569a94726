"use client";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";
import {
  OptionsFields,
  type OptionsState,
  optionsStateFrom,
  toJobOptions,
} from "@/components/upload/options-fields";
import { ROLE_LABELS } from "@/components/upload/roles";
import type { JobDto } from "@/lib/api/types";
import { useRerunJobMutation } from "@/lib/hooks/mutations";
import { REQUIRED_ROLES } from "@/lib/pipeline/header";
import { type Mapping, ROLES } from "@/lib/pipeline/types";

/**
 * Starts a new job from the same upload with changed options. The mapping
 * fields are free text (the API does not list the file's headers), suggesting
 * the headers this job used.
 */
export function RerunForm({ job }: { job: JobDto }) {
  const router = useRouter();
  const id = useId();
  const used: Mapping = { ...(job.summary?.mapping ?? {}), ...(job.options.mapping ?? {}) };
  const [mapping, setMapping] = useState<Record<string, string>>(() =>
    Object.fromEntries(ROLES.map((r) => [r, used[r] ?? ""])),
  );
  const [options, setOptions] = useState<OptionsState>(() => optionsStateFrom(job.options));
  const rerun = useRerunJobMutation();
  const known = [...new Set(Object.values(used).filter((h): h is string => Boolean(h)))];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Send only what differs from the detected mapping, so unchanged roles stay auto-detected.
    const changed: Mapping = {};
    for (const role of ROLES) {
      const now = (mapping[role] ?? "").trim();
      const before = job.summary?.mapping[role] ?? job.options.mapping?.[role] ?? "";
      if (now !== before || job.options.mapping?.[role] !== undefined) changed[role] = now;
    }
    rerun.mutate(
      { id: job.id, options: toJobOptions(changed, options) },
      { onSuccess: (next) => router.push(`/jobs/${next.id}`) },
    );
  };

  return (
    <form onSubmit={submit} className="grid gap-5">
      <fieldset>
        <legend className="font-medium text-slate-900">Column mapping</legend>
        <p className="mb-3 text-sm text-slate-600">
          The header used for each role. Roles you leave as they are keep the detected column; clear a field
          to leave that role out.
        </p>
        <datalist id={`${id}-headers`}>
          {known.map((h) => (
            <option key={h} value={h} />
          ))}
        </datalist>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {ROLES.map((role) => (
            <div key={role}>
              <label htmlFor={`${id}-${role}`} className="mb-1 block text-sm font-medium text-slate-800">
                {ROLE_LABELS[role]}
                {REQUIRED_ROLES.includes(role) && (
                  <span className="text-red-700">
                    {" "}
                    *<span className="sr-only">(required)</span>
                  </span>
                )}
              </label>
              <input
                id={`${id}-${role}`}
                list={`${id}-headers`}
                value={mapping[role] ?? ""}
                onChange={(e) => setMapping((m) => ({ ...m, [role]: e.target.value }))}
                placeholder={job.summary ? "not mapped" : "detect automatically"}
                className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
              />
            </div>
          ))}
        </div>
      </fieldset>
      <OptionsFields value={options} onChange={setOptions} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="primary" disabled={rerun.isPending}>
          {rerun.isPending ? "Starting…" : "Re-run with these options"}
        </Button>
        <p className="text-sm text-slate-600">A new job is created; this one stays as it is.</p>
      </div>
      {rerun.isError && <ErrorState title="The re-run could not start" error={rerun.error} />}
    </form>
  );
}
