// The OpenAPI 3.1 document of SPEC §9, served at GET /api/openapi.json.
import pkg from "../../package.json";
import { REJECT_REASONS, ROLES } from "../pipeline/types";
import { DATASETS, DOWNLOAD_FILES, JOB_STATUSES } from "./types";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: object) => ({ "application/json": { schema } });
const error = (description: string) => ({ description, content: jsonContent(ref("Error")) });
const idParam = {
  name: "id",
  in: "path",
  required: true,
  description: "job id (22 URL-safe characters)",
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]{22}$" },
};
const num = { type: "number" };
const nullableNum = { type: ["number", "null"] };
const str = { type: "string" };
const repeatable = (name: string, description: string) => ({
  name,
  in: "query",
  description,
  style: "form",
  explode: true,
  schema: { type: "array", items: str },
});

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Sales analytics API",
    version: pkg.version,
    description:
      "Upload a sales CSV (streamed to disk), let a worker thread clean and aggregate it, then read the results. " +
      'Errors are {"error": {"code", "message", "details"?}}.',
  },
  paths: {
    "/api/jobs": {
      get: {
        summary: "List jobs, newest first",
        parameters: [
          {
            name: "status",
            in: "query",
            description: "repeatable: jobs in any of the given states",
            schema: { type: "string", enum: JOB_STATUSES },
          },
          { name: "q", in: "query", description: "file name contains", schema: str },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
          { name: "cursor", in: "query", description: "nextCursor of the previous page", schema: str },
        ],
        responses: {
          "200": { description: "a page of jobs", content: jsonContent(ref("JobList")) },
          "422": error("bad query"),
        },
      },
      post: {
        summary: "Upload a file and queue a job",
        description:
          "multipart/form-data with `file` and optional `options` (JSON), or a raw body with ?filename= (and optional ?options=). " +
          "The body is streamed to disk; over MAX_UPLOAD_MB gives 413 and nothing is kept. " +
          "A form has one `file` part (other file parts are skipped) and at most one `options` field; " +
          "a second `file` or `options`, or more than 20 fields, gives 400.",
        parameters: [
          { name: "filename", in: "query", description: "raw uploads: the original file name", schema: str },
          { name: "options", in: "query", description: "raw uploads: JobOptions as JSON", schema: str },
        ],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: {
                  file: { type: "string", format: "binary" },
                  options: { type: "string", description: "JobOptions as JSON" },
                },
              },
            },
            "text/csv": { schema: { type: "string", format: "binary" } },
            "application/octet-stream": { schema: { type: "string", format: "binary" } },
          },
        },
        responses: {
          "202": { description: "queued", content: jsonContent(ref("Job")) },
          "400": error("malformed request, or a form with two files, two options fields or over 20 fields"),
          "413": error("file over the upload limit"),
          "415": error("not a text file"),
          "422": error(
            "no header, no data rows, required roles unmapped (details: headers, missing) or bad options",
          ),
        },
      },
    },
    "/api/jobs/sample": {
      post: {
        summary: "Queue a job over generated sample data",
        requestBody: {
          required: true,
          content: jsonContent({
            type: "object",
            required: ["rows"],
            additionalProperties: false,
            properties: {
              rows: { type: "integer", minimum: 1, maximum: 50_000_000 },
              errorRate: { type: "number", minimum: 0, maximum: 1 },
              seed: { type: "integer", minimum: 0 },
              options: ref("JobOptions"),
            },
          }),
        },
        responses: {
          "202": { description: "queued", content: jsonContent(ref("Job")) },
          "422": error("invalid body"),
        },
      },
    },
    "/api/jobs/{id}": {
      parameters: [idParam],
      get: {
        summary: "A job with progress and, when completed, its summary",
        responses: {
          "200": { description: "the job", content: jsonContent(ref("Job")) },
          "404": error("unknown id"),
        },
      },
      delete: {
        summary: "Delete a job, its results and files",
        responses: { "204": { description: "deleted" }, "404": error("unknown id") },
      },
    },
    "/api/jobs/{id}/data/{dataset}": {
      get: {
        summary: "A dataset of a completed job",
        description:
          "monthly, products, regions and categories are aggregated from the rollup with the filters applied and carry totals; " +
          "anomalies accept all five, on the flagged row's own values; rejected holds the first 10,000 rejected rows (the file has all).",
        parameters: [
          idParam,
          { name: "dataset", in: "path", required: true, schema: { type: "string", enum: DATASETS } },
          { name: "from", in: "query", schema: { type: "string", pattern: "^\\d{4}-\\d{2}$" } },
          { name: "to", in: "query", schema: { type: "string", pattern: "^\\d{4}-\\d{2}$" } },
          repeatable("region", "repeatable"),
          repeatable("category", "repeatable"),
          repeatable("product", "repeatable"),
          { name: "offset", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 10000, default: 1000 },
          },
        ],
        responses: {
          "200": { description: "a page of rows", content: jsonContent(ref("DataPage")) },
          "404": error("unknown id or dataset"),
          "409": error("the job has not completed"),
          "422": error("bad filter"),
        },
      },
    },
    "/api/jobs/{id}/download/{file}": {
      get: {
        summary: "Download a result file (attachment) or all of them as all.zip",
        parameters: [
          idParam,
          { name: "file", in: "path", required: true, schema: { type: "string", enum: DOWNLOAD_FILES } },
        ],
        responses: {
          "200": {
            description: "the file",
            content: {
              "text/csv": { schema: { type: "string" } },
              "application/json": { schema: ref("Summary") },
              "application/zip": { schema: { type: "string", format: "binary" } },
            },
          },
          "404": error("unknown id or file"),
          "409": error("the job has not completed"),
        },
      },
    },
    "/api/jobs/{id}/cancel": {
      post: {
        summary: "Cancel a queued or running job",
        parameters: [idParam],
        responses: {
          "200": { description: "cancelled", content: jsonContent(ref("Job")) },
          "404": error("unknown id"),
          "409": error("already finished"),
        },
      },
    },
    "/api/jobs/{id}/rerun": {
      post: {
        summary: "Re-run a job's upload with other options",
        description:
          "options, when given, replace the job's options as a whole (an option left out takes its default: no aliases, mapping by header names, day-first detected, fuzzy on); without options the new job takes the old one's.",
        parameters: [idParam],
        requestBody: {
          content: jsonContent({
            type: "object",
            additionalProperties: false,
            properties: { options: ref("JobOptions") },
          }),
        },
        responses: {
          "202": { description: "the new job (parentId set)", content: jsonContent(ref("Job")) },
          "404": error("unknown id"),
          "422": error("bad options or mapping"),
        },
      },
    },
    "/api/health": {
      get: {
        summary: "Liveness and queue",
        responses: {
          "200": { description: "healthy", content: jsonContent(ref("Health")) },
          "503": { description: "database unreachable", content: jsonContent(ref("Health")) },
        },
      },
    },
    "/api/openapi.json": {
      get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } },
    },
  },
  components: {
    schemas: {
      Error: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message"],
            properties: { code: str, message: str, details: {} },
          },
        },
      },
      JobOptions: {
        type: "object",
        additionalProperties: false,
        properties: {
          mapping: {
            type: "object",
            description: 'role → header; "" unmaps a role',
            propertyNames: { enum: ROLES },
            additionalProperties: str,
          },
          aliases: { type: "object", additionalProperties: str, description: '{"from": "to"}' },
          dayFirst: { type: "boolean" },
          fuzzy: { type: "boolean", default: true },
        },
      },
      Progress: {
        type: "object",
        properties: {
          bytesRead: num,
          totalBytes: num,
          rowsRead: num,
          rowsPerSecond: num,
          fraction: { type: "number", minimum: 0, maximum: 1 },
          etaSeconds: nullableNum,
          phase: {
            type: ["string", "null"],
            enum: ["generating", "processing", "anomalies", null],
            description:
              "sample jobs generate their file first; a file whose anomalies need it is read a second time; fraction and ETA follow the phase",
          },
        },
      },
      Summary: {
        type: "object",
        properties: {
          rowsRead: num,
          rowsValid: num,
          rowsRejected: num,
          rejectedByReason: {
            type: "object",
            propertyNames: { enum: REJECT_REASONS },
            additionalProperties: num,
          },
          repairs: { type: "object", additionalProperties: num },
          revenue: num,
          quantity: num,
          profit: nullableNum,
          transactions: num,
          orders: {
            ...nullableNum,
            description:
              "distinct order ids among valid rows (null without an order id column): exact up to 50,000, above that a HyperLogLog estimate (±0.4%), so a value over 50,000 is an estimate",
          },
          dateFrom: { type: ["string", "null"] },
          dateTo: { type: ["string", "null"] },
          anomalies: num,
          mapping: { type: "object", additionalProperties: str },
          delimiter: str,
          encoding: { type: "string", enum: ["utf-8", "windows-1252"] },
          dayFirst: { type: "boolean" },
          durationMs: num,
          rowsPerSecond: num,
        },
      },
      Job: {
        type: "object",
        required: ["id", "fileName", "status", "progress", "createdAt"],
        properties: {
          id: str,
          fileName: str,
          sizeBytes: num,
          source: { type: "string", enum: ["upload", "sample"] },
          status: { type: "string", enum: JOB_STATUSES },
          options: ref("JobOptions"),
          createdAt: { type: "string", format: "date-time" },
          startedAt: { type: ["string", "null"], format: "date-time" },
          finishedAt: { type: ["string", "null"], format: "date-time" },
          progress: ref("Progress"),
          error: { type: ["string", "null"] },
          summary: { oneOf: [ref("Summary"), { type: "null" }] },
          parentId: { type: ["string", "null"] },
        },
      },
      JobList: {
        type: "object",
        properties: { jobs: { type: "array", items: ref("Job") }, nextCursor: { type: ["string", "null"] } },
      },
      DataPage: {
        type: "object",
        required: ["dataset", "rows", "total", "offset", "limit"],
        properties: {
          dataset: { type: "string", enum: DATASETS },
          rows: { type: "array", items: { type: "object" } },
          total: { type: "integer" },
          inFile: {
            type: "integer",
            description:
              "rejected only: the rejected rows of the whole file; the server keeps the first 10,000 (total), rejected_rows.csv has them all",
          },
          offset: { type: "integer" },
          limit: { type: "integer" },
          totals: {
            type: "object",
            properties: { revenue: num, quantity: num, transactions: num, profit: nullableNum },
          },
        },
      },
      Health: {
        type: "object",
        properties: {
          status: { type: "string", enum: ["ok", "degraded"] },
          version: str,
          queueDepth: { type: "integer" },
          running: { type: "integer" },
          workerReady: {
            type: "boolean",
            description: "a job worker is loaded and waiting: the next job starts without loading one",
          },
          database: { type: "boolean" },
        },
      },
    },
  },
} as const;
