// Job options, normalised once at the edge (API, CLI, UI) into the read-only
// PipelineOptions the core takes.
import { z } from "zod";
import { ROLES, type PipelineOptions } from "../pipeline/types";

const header = z.string().max(200);

export const mappingSchema = z.partialRecord(z.enum(ROLES), header);

export const aliasesSchema = z
  .record(z.string().min(1).max(200), z.string().min(1).max(200))
  .refine((a) => Object.keys(a).length <= 1000, "at most 1000 aliases");

export const jobOptionsSchema = z
  .object({
    mapping: mappingSchema.optional(),
    aliases: aliasesSchema.optional(),
    dayFirst: z.boolean().optional(),
    fuzzy: z.boolean().default(true),
  })
  .strict();

export type JobOptionsInput = z.input<typeof jobOptionsSchema>;

/** Throws a ZodError on bad input; the API turns it into 422. */
export function parseJobOptions(input: unknown): PipelineOptions {
  return Object.freeze(jobOptionsSchema.parse(input ?? {}));
}
