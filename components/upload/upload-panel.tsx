"use client";
import { useRouter } from "next/navigation";
import { type DragEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { ErrorState, Notice, Spinner } from "@/components/ui/states";
import { describeDelimiter, formatBytes, formatPercent } from "@/lib/format";
import { ApiError } from "@/lib/hooks/api-client";
import { useUploadJobMutation } from "@/lib/hooks/mutations";
import type { UploadProgress } from "@/lib/hooks/upload";
import { laterHeaderAdvice, mapColumns } from "@/lib/pipeline/header";
import type { Mapping, Role } from "@/lib/pipeline/types";
import { SAVE_AS_UTF8 } from "@/lib/pipeline/wide-text";
import { MappingEditor } from "./mapping-editor";
import { defaultOptionsState, OptionsFields, type OptionsState, toJobOptions } from "./options-fields";
import { PreviewTable } from "./preview-table";
import { type FilePreview, readPreview } from "./read-preview";
import { describeRoles, ROLE_LABELS } from "./roles";

export function UploadPanel() {
  const router = useRouter();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Mapping>({});
  const [options, setOptions] = useState<OptionsState>(defaultOptionsState);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const upload = useUploadJobMutation();

  useEffect(() => {
    if (!file) return;
    let live = true;
    setPreview(null);
    setPreviewError(null);
    readPreview(file).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setPreviewError(e instanceof Error ? e.message : "The file could not be read."),
    );
    return () => {
      live = false;
    };
  }, [file]);

  useEffect(() => () => abortRef.current?.abort(), []);

  const headers = preview?.kind === "ok" ? preview.headers : [];
  const result = useMemo(() => mapColumns(headers, overrides), [headers, overrides]);

  const choose = (f: File | null | undefined) => {
    if (!f) return;
    upload.reset();
    setProgress(null);
    setOverrides({});
    setFile(f);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };

  // Only this role changes: a header another role was given stays with it, and the
  // clash is shown ("already used for …") until one of the two is changed. Releasing
  // the other role instead would unmap it silently each time the arrow keys pass
  // its header in a closed dropdown (every option passed is a change).
  const setRole = (role: Role, header: string) => setOverrides((prev) => ({ ...prev, [role]: header }));

  const start = () => {
    if (!file) return;
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress({ loaded: 0, total: file.size });
    upload.mutate(
      { file, options: toJobOptions(overrides, options), onProgress: setProgress, signal: controller.signal },
      { onSuccess: (job) => router.push(`/jobs/${job.id}`) },
    );
  };

  const uploading = upload.isPending;
  const blocked =
    !file ||
    preview?.kind !== "ok" ||
    preview.noData ||
    result.missing.length > 0 ||
    result.unknown.length > 0;
  const serverError = upload.error instanceof ApiError ? upload.error : null;
  const errorDetails = (serverError?.details ?? null) as { headers?: string[]; missing?: Role[] } | null;

  return (
    <div className="grid grid-cols-1 gap-5">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: drop target around a real file input */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`rounded-lg border-2 border-dashed p-6 text-center transition-colors focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-blue-600 ${
          dragging ? "border-blue-600 bg-blue-50" : "border-slate-300 bg-white"
        }`}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="mx-auto h-10 w-10 text-slate-500" fill="none">
          <path
            d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <p className="mt-2 text-slate-800">
          Drag a CSV file here, or{" "}
          <label htmlFor={inputId} className="cursor-pointer font-medium text-blue-800 underline">
            choose a file
          </label>
        </p>
        <p className="mt-1 text-sm text-slate-600">
          Comma, semicolon, tab or pipe separated; UTF-8 or Windows-1252; any size up to the server limit.
        </p>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
          className="sr-only"
          disabled={uploading}
          onChange={(e) => {
            choose(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </div>

      {file && (
        <section aria-labelledby={`${inputId}-preview`} className="grid grid-cols-1 gap-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`${inputId}-preview`} className="min-w-0 text-lg font-semibold break-all">
              {file.name}
            </h2>
            <p className="text-sm text-slate-600">
              {formatBytes(file.size)}
              {preview?.kind === "ok" &&
                ` · ${describeDelimiter(preview.delimiter)} separated · ${preview.encoding === "utf-8" ? "UTF-8" : "Windows-1252"}`}
            </p>
          </div>

          {!preview && !previewError && <Spinner label="Reading the first rows" />}
          {previewError && <ErrorState title="The file could not be read" error={previewError} />}
          {preview?.kind === "not_text" && preview.wide === null && (
            <ErrorState
              title="This is not a text file"
              error="It contains binary data. Export your sales data as CSV (comma, semicolon, tab or pipe separated) and try again."
            />
          )}
          {preview?.kind === "not_text" && preview.wide !== null && (
            <ErrorState
              title={`This file is ${preview.wide} text`}
              error={`Only UTF-8 and Windows-1252 files are read. ${SAVE_AS_UTF8}`}
            />
          )}
          {preview?.kind === "empty" && (
            <ErrorState title="The file is empty" error="It needs a header line and at least one data row." />
          )}
          {preview?.kind === "ok" && (
            <>
              {preview.noData && (
                <ErrorState
                  title="No data rows"
                  error="The file has a header line but no rows below it, so there is nothing to analyse."
                />
              )}
              <PreviewTable
                headers={preview.headers}
                rows={preview.rows}
                mapping={result.mapping}
                truncated={preview.truncated}
              />

              <div className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4">
                <div>
                  <h3 className="font-semibold">Column mapping</h3>
                  <p className="text-sm text-slate-600">
                    Detected from the header names. Change any role that is wrong;{" "}
                    <span className="text-red-700">*</span> marks the required ones.
                  </p>
                </div>
                {result.missing.length > 0 && (
                  <div
                    role="alert"
                    data-testid="missing-roles"
                    className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
                  >
                    <p className="font-medium">
                      Required {result.missing.length === 1 ? "column" : "columns"} not found:{" "}
                      {describeRoles(result.missing)}.
                    </p>
                    {preview.laterHeader ? (
                      <p className="mt-0.5" data-testid="later-header">
                        {laterHeaderAdvice(preview.laterHeader.line, preview.laterHeader.headers)}, save the
                        file and choose it again.
                      </p>
                    ) : (
                      <p className="mt-0.5">
                        Pick the matching column for {result.missing.length === 1 ? "it" : "each"} below. The
                        file&apos;s columns are: {preview.headers.map((h) => `“${h}”`).join(", ")}.
                      </p>
                    )}
                  </div>
                )}
                {result.unknown.length > 0 && (
                  <p role="alert" className="text-sm text-red-800">
                    {result.unknown
                      .map((u) =>
                        u.takenBy === undefined
                          ? `${ROLE_LABELS[u.role]}: “${u.header}” is not available`
                          : `${ROLE_LABELS[u.role]}: “${u.header}” is already used for ${ROLE_LABELS[u.takenBy]}`,
                      )
                      .join("; ")}
                  </p>
                )}
                <MappingEditor
                  headers={preview.headers}
                  result={result}
                  overridden={new Set(Object.keys(overrides) as Role[])}
                  onChange={setRole}
                />
              </div>

              <details className="rounded-lg border border-slate-200 bg-white p-4">
                <summary className="font-semibold">Options: dates, typo merging, aliases</summary>
                <div className="mt-3">
                  <OptionsFields value={options} onChange={setOptions} />
                </div>
              </details>
            </>
          )}

          {progress && (uploading || upload.isSuccess) && (
            <div className="grid gap-1" data-testid="upload-progress">
              <ProgressBar
                value={progress.total ? progress.loaded / progress.total : null}
                label="Upload progress"
              />
              <p className="text-sm text-slate-700" aria-live="polite">
                {progress.loaded >= progress.total
                  ? "Uploaded, starting the job…"
                  : `Uploading ${formatBytes(progress.loaded)} of ${formatBytes(progress.total)} (${formatPercent(
                      progress.total ? progress.loaded / progress.total : 0,
                    )})`}
              </p>
            </div>
          )}

          {upload.isError && upload.error.message !== "Upload cancelled." && (
            <ErrorState
              title={
                upload.error instanceof ApiError && upload.error.status === 0
                  ? "The upload did not reach the server"
                  : "The upload was refused"
              }
              error={upload.error}
            />
          )}
          {errorDetails?.missing && errorDetails.missing.length > 0 && (
            <Notice tone="warning" title="Columns the server could not find">
              Missing: {describeRoles(errorDetails.missing)}.
              {errorDetails.headers && ` Headers found: ${errorDetails.headers.join(", ")}.`}
            </Notice>
          )}

          <div className="flex flex-wrap items-center gap-3">
            <Button variant="primary" onClick={start} disabled={blocked || uploading}>
              {uploading ? "Uploading…" : "Upload and analyse"}
            </Button>
            {uploading ? (
              <Button onClick={() => abortRef.current?.abort()}>Cancel upload</Button>
            ) : (
              <Button onClick={() => inputRef.current?.click()}>Choose another file</Button>
            )}
            {blocked && preview?.kind === "ok" && result.missing.length > 0 && (
              <p className="text-sm text-red-800">Map the required columns to continue.</p>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
