// POST /api/jobs/sample body, shared by the "try sample data" form and the route.
import { z } from "zod";
import { jobOptionsSchema } from "./job-options";

export const MAX_SAMPLE_ROWS = 50_000_000;

export const sampleRequestSchema = z
  .object({
    rows: z.number().int().min(1).max(MAX_SAMPLE_ROWS),
    errorRate: z.number().min(0).max(1).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
    options: jobOptionsSchema.optional(),
  })
  .strict();

export type SampleRequest = z.infer<typeof sampleRequestSchema>;
