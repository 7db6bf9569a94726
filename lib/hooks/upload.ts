// POST /api/jobs through XMLHttpRequest: fetch() has no upload progress.
import type { JobDto } from "@/lib/api/types";
import type { JobOptionsInput } from "@/lib/validations/job-options";
import { ApiError, toApiError } from "./api-client";

export interface UploadProgress {
  loaded: number;
  total: number;
}

export function uploadJob(
  file: File,
  options: JobOptionsInput,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<JobDto> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/jobs");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) =>
      onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as JobDto);
      else reject(toApiError(xhr.status, xhr.statusText, body));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, "network", "The upload failed: the server could not be reached."));
    xhr.onabort = () => reject(new ApiError(0, "aborted", "Upload cancelled."));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });

    const form = new FormData();
    form.append("options", JSON.stringify(options));
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
