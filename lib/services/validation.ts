import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Validates input once, at the boundary; failures become 422 `validation_failed` with details. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    throw new AppError("validation_failed", details[0]?.message ?? "The request is not valid.", { details });
  }
  return result.data;
}
