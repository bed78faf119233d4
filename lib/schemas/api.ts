import { z } from "zod";
import { SLUG_PATTERN } from "./common";

// Pieces of request schemas shared by every endpoint (docs/api.md#conventions).

export const organizationIdParam = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/).describe("Organization id (ULID)");
export const slugParam = z.string().regex(SLUG_PATTERN).describe("Slug");

export const orgParams = z.object({ organization: organizationIdParam });

/** Query-string booleans: true/false/1/0, anything else is 400. */
export const queryBoolean = z
  .enum(["true", "false", "1", "0"], { error: "Use true, false, 1 or 0." })
  .transform((value) => value === "true" || value === "1");

/** Cursor pagination for lists: `?cursor=…&limit=…`. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "Use a number from 1 to 100.")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100, "Use a number from 1 to 100.")
    .optional(),
});
